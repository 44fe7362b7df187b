#!/bin/sh
# dyad export: Phoenix lines have 26 tab-separated fields, GDELT 61, the
# CSV a header and RFC 4180 quoting, PLOVER one JSON object a line with
# the manual's field names.
. "$(dirname "$0")/lib.sh"

db=$T/dyad.db
files="examples/*.txt examples/wire.jsonl"
shared=$(shared_dir)
seed=$shared/seed/russia-taliban-analysis.jsonl
if [ -n "$shared" ] && [ -f "$seed" ]; then
	files="$files $seed"
else
	note "the seed article is not there (../shared is absent): exporting the examples only"
fi
"$DYAD" ingest -q --db "$db" $files || bad "ingest failed"
export DYAD_DB="$db"
events=$("$DYAD" events --format jsonl | wc -l)
[ "$events" -gt 50 ] || bad "only $events events"

fields() { # fields N WHAT: every line of $T/out has N tab-separated fields
	awk -F'\t' -v n="$1" 'NF != n { printf "# line %d has %d fields\n", NR, NF; bad = 1 } END { exit bad }' "$T/out" ||
		bad "$2: lines without $1 fields"
}

run export --format phoenix
expect_status 0
expect_stderr "dyad: $events events exported as phoenix"
fields 26 phoenix
[ "$(wc -l <"$T/out")" = "$events" ] || bad "phoenix: not one line per event"
awk -F'\t' '$2 != "" && (length($2) != 8 || $2 !~ /^[0-9]+$/ || $3 != substr($2, 1, 4)) { bad = 1 } END { exit bad }' "$T/out" || bad "phoenix: Date and Year disagree"
run export --format phoenix --header
fields 26 "phoenix --header"
head -n 1 "$T/out" | grep -q '^EventID	Date	Year	Month	Day	SourceActorFull' || bad "phoenix header"

run export --format gdelt -q
expect_status 0
expect_stderr ""
fields 61 gdelt
awk -F'\t' '$32 < 1 || $34 < 1 || $32 < $34 { bad = 1 } END { exit bad }' "$T/out" || bad "gdelt: NumMentions/NumArticles"
run export --format gdelt --header -o "$T/gdelt.tsv"
expect_status 0
expect_stdout ""
awk -F'\t' 'NF != 61 { bad = 1 } END { exit bad }' "$T/gdelt.tsv" || bad "gdelt -o: lines without 61 fields"

run export --format csv
expect_status 0
head -n 1 "$T/out" | grep -q '^event_id,date,source_code,source_name,target_code,target_name,code,' || bad "csv header"
if command -v python3 >/dev/null 2>&1; then
	python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
n = len(rows[0])
bad = [i for i, r in enumerate(rows) if len(r) != n]
sys.exit(1 if bad or len(rows) - 1 != int(sys.argv[2]) else 0)' "$T/out" "$events" || bad "csv: rows with another number of fields, or not one per event"
else
	note "python3 is not there: the CSV is not parsed"
fi

run export --format plover
expect_status 0
if command -v jq >/dev/null 2>&1; then
	jq -s -e 'all(.[]; .id and .date and (.actor | length == 1) and (.recipient | length == 1) and (.event | length == 1) and .quad_code and has("mode") and has("context") and .text and .text_info.sequence != null and has("cite_info"))' "$T/out" >/dev/null ||
		bad "plover: a line lacks a field"
fi
kept=$(wc -l <"$T/out")
left=$(sed -n 's/^dyad: \([0-9]*\) events* without a PLOVER category left out$/\1/p' "$T/err")
[ $((kept + ${left:-0})) = "$events" ] || bad "plover: $kept kept + ${left:-0} left out != $events"

run export --format jsonl --source RUS --since 2024-01-01
expect_status 0
run export --format phoenix -o "$T/no/such/dir/x.tsv"
expect_status 1
expect_err_has "cannot open '$T/no/such/dir/x.tsv' for writing"
finish
