#!/bin/sh
# Deduplication across articles: the same event (source, target, CAMEO
# family) reported within two days is one event with its mentions and
# articles counted, whatever the order of ingestion; pre-coded events
# (ingest --events) give the same store as the text.
. "$(dirname "$0")/lib.sh"

cat >"$T/wires.jsonl" <<'JSONL'
{"id":"w1","date":"2025-07-04","source":"Wire A","url":"https://example.org/w1","text":"Russia recognised the Taliban government."}
{"id":"w2","date":"2025-07-05","source":"Wire B","url":"https://example.org/w2","text":"Russia recognised the Taliban government. Kazakhstan praised the decision."}
{"id":"w3","date":"2025-07-09","source":"Wire A","url":"https://example.org/w3","text":"Russia recognised the Taliban government."}
JSONL
run ingest --db "$T/a.db" "$T/wires.jsonl"
expect_status 0
run events --db "$T/a.db" --code 054 --format csv
expect_status 0
# event_id,date,source_code,source_name,target_code,target_name,code,root,quad,goldstein,plover,name,mentions,articles,sources,doc,...
cut -d, -f2,3,5,7,13-16 "$T/out" >"$T/got"
cat >"$T/want" <<'EOF2'
date,source_code,target_code,code,mentions,articles,sources,doc
2025-07-04,RUS,AFGGOV,054,2,2,2,w1
2025-07-09,RUS,AFGGOV,054,1,1,1,w3
EOF2
compare "deduplicated recognitions" "$T/want" "$T/got"

run export --db "$T/a.db" --format gdelt --code 054
awk -F'\t' 'NR == 1 && ($32 != 2 || $33 != 2 || $34 != 2) { bad = 1 } END { exit bad }' "$T/out" ||
	bad "gdelt: NumMentions/NumSources/NumArticles of the first event are not 2/2/2"
run export --db "$T/a.db" --format phoenix --code 054
awk -F'\t' 'NR == 1 && $25 != "https://example.org/w1;https://example.org/w2" { print "# " $25; bad = 1 } END { exit bad }' "$T/out" ||
	bad "phoenix: URLs of the first event"
run events --db "$T/a.db" --code 054 --format jsonl --limit 1
expect_out_has '"mentions":2,"articles":2,"sources":2'
expect_out_has '"doc":"w2"'

# Another order, the same events.
tac "$T/wires.jsonl" >"$T/reversed.jsonl"
run ingest --db "$T/b.db" "$T/reversed.jsonl"
expect_status 0
run export --db "$T/a.db" --format csv -q
cut -d, -f2- "$T/out" >"$T/a.csv"
run export --db "$T/b.db" --format csv -q
cut -d, -f2- "$T/out" >"$T/b.csv"
compare "events ingested in reverse order" "$T/a.csv" "$T/b.csv"

# Replacing w1 by a text without the event moves the event to w2's day.
printf '{"id":"w1","date":"2025-07-04","source":"Wire A","text":"Kazakhstan praised Russia."}\n' >"$T/w1.jsonl"
run ingest --db "$T/a.db" "$T/w1.jsonl"
expect_err_has "(0 new, 1 changed, 0 unchanged)"
run events --db "$T/a.db" --code 054 --format csv
cut -d, -f2,13,14 "$T/out" >"$T/got"
printf 'date,mentions,articles\n2025-07-05,1,1\n2025-07-09,1,1\n' >"$T/want"
compare "recognitions after w1 changed" "$T/want" "$T/got"
run check --db "$T/a.db"
expect_status 0

# Pre-coded events: dyad's own JSONL gives the same events as the text.
"$DYAD" ingest -q --db "$T/text.db" examples/*.txt examples/wire.jsonl || bad "text ingest failed"
"$DYAD" code examples/*.txt examples/wire.jsonl >"$T/events.jsonl" 2>/dev/null
run ingest --db "$T/ev.db" --events "$T/events.jsonl"
expect_status 0
expect_err_match "^dyad: [0-9]+ documents stored in '.*' \([0-9]+ new, 0 changed, 0 unchanged\)"
run ingest --db "$T/ev.db" --events "$T/events.jsonl"
expect_status 0
expect_err_has "0 documents stored"
for db in text ev; do
	run stats --db "$T/$db.db" --format csv
	grep -E '^(events|event_mentions),' "$T/out" >"$T/$db.counts"
done
compare "events and mentions (text vs --events)" "$T/text.counts" "$T/ev.counts"
run dyads --db "$T/text.db" --format csv
cp "$T/out" "$T/text.dyads"
run dyads --db "$T/ev.db" --format csv
compare "dyads (text vs --events)" "$T/text.dyads" "$T/out"
STDIN=$T/events.jsonl run ingest --db "$T/ev2.db" --events -q
expect_status 0
run check --db "$T/ev.db"
expect_status 0
finish
