#!/bin/sh
# The queries over a store built from the examples: events with filters
# (code prefixes, dates, quad classes, words), dyads, actors, search and
# timeline, in table, JSONL and CSV.
. "$(dirname "$0")/lib.sh"

db=$T/dyad.db
"$DYAD" ingest -q --db "$db" examples/*.txt examples/wire.jsonl || bad "ingest failed"
export DYAD_DB="$db"

run events
expect_status 0
expect_out_has "ID       DATE        SOURCE"
expect_stderr ""
total=$(($(wc -l <"$T/out") - 1))

# --source is a prefix: RUS matches RUS and RUSGOV, and nothing else.
run events --source RUS --format csv
expect_status 0
awk -F, 'NR > 1 && $3 !~ /^RUS/ { print "# source " $3; bad = 1 } END { exit bad }' "$T/out" || bad "--source RUS gave another source"
grep -q ',RUSGOV,' "$T/out" || bad "--source RUS did not match RUSGOV"
run events --source rusgov --format csv
awk -F, 'NR > 1 && $3 != "RUSGOV" { bad = 1 } END { exit bad }' "$T/out" || bad "--source rusgov is not RUSGOV only"

run events --actor AFG --since 2024-01-01 --until 2024-12-31 --format csv
expect_status 0
awk -F, 'NR > 1 && ($2 < "2024-01-01" || $2 > "2024-12-31") { bad = 1 } END { exit bad }' "$T/out" || bad "--since/--until let other dates through"
awk -F, 'NR > 1 && $3 !~ /^AFG/ && $5 !~ /^AFG/ { bad = 1 } END { exit bad }' "$T/out" || bad "--actor AFG gave events without AFG"

run events --root 05 --quad 1 --format csv
expect_status 0
awk -F, 'NR > 1 && ($8 != "05" || $9 != 1) { bad = 1 } END { exit bad }' "$T/out" || bad "--root 05 --quad 1"
run events --code 054 --format csv
expect_status 0
[ "$(wc -l <"$T/out")" -ge 3 ] || bad "--code 054 found fewer than two recognitions"
awk -F, 'NR > 1 && $7 !~ /^054/ { bad = 1 } END { exit bad }' "$T/out" || bad "--code 054 gave other codes"

run events --quad 3,4 --limit 3 --sort newest --format csv
expect_status 0
[ "$(wc -l <"$T/out")" = 4 ] || bad "--limit 3 did not give 3 rows"

run events --words "recognised Taliban" --format jsonl
expect_status 0
[ -s "$T/out" ] || bad "--words found nothing"
if command -v jq >/dev/null 2>&1; then
	jq -s -e 'all(.[]; (.reports | length) == .mentions)' "$T/out" >/dev/null || bad "jsonl: reports do not match mentions"
	jq -s -e 'all(.[]; .reports[0] | .doc and .evidence and .rule and (.offsets | length == 2))' "$T/out" >/dev/null ||
		bad "jsonl: a report lacks its provenance"
fi

run events --format jsonl
n=$(wc -l <"$T/out")
[ "$n" = "$total" ] || bad "jsonl has $n events, the table $total"

run dyads
expect_status 0
expect_out_has "source     target     events  mentions  goldstein"
run dyads --monthly --source RUS --format csv
expect_status 0
head -n 1 "$T/out" | grep -q '^source,target,month,events,mentions,goldstein,' || bad "dyads --monthly header"
run dyads --since 2024-01-15 --format jsonl
expect_status 0

run actors --limit 5
expect_status 0
expect_out_has "AFGGOV"
[ "$(wc -l <"$T/out")" = 6 ] || bad "actors --limit 5 is not 5 rows"

run search Taliban recognition
expect_status 0
expect_out_has "doc"
run search '"Trans-Afghan railway"' --format csv
expect_status 0
expect_out_has "railway"
run search zzzqqq
expect_status 0
expect_stdout "(no sentences)"

run timeline RUS AFG
expect_status 0
expect_out_has "month"
run timeline RUS AFG --format csv
expect_status 0
# Every month from the first to the last, once.
awk -F, 'NR > 2 { split(prev, p, "-"); split($1, c, "-"); want = p[2] == 12 ? sprintf("%04d-01", p[1] + 1) : sprintf("%s-%02d", p[1], p[2] + 1); if ($1 != want) { print "# after " prev " comes " $1; bad = 1 } } NR > 1 { prev = $1 } END { exit bad }' "$T/out" || bad "timeline months are not consecutive"
finish
