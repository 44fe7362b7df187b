#!/bin/sh
# Counts: "size" with killed, injured, arrested (null when not reported)
# and qualifier on the event they belong to, left out when there is none;
# TSV columns 24-27; the table's line under the event.
. "$(dirname "$0")/lib.sh"

cat >"$T/s.jsonl" <<'X'
{"id":"a","date":"2025-07-07","text":"ISIS-K attacked Afghan soldiers in Kunduz, killing at least 12 people and wounding dozens."}
{"id":"b","date":"2025-07-07","text":"Tajik police arrested 11 suspects linked to ISIS-K."}
{"id":"c","date":"2025-07-07","text":"Kazakhstan criticised the Taliban after 30 people were killed."}
X
run code --quiet "$T/s.jsonl"
expect_status 0
expect_out_has '"size":{"killed":12,"injured":24,"arrested":null,"qualifier":"at least"}'
expect_out_has '"size":{"killed":null,"injured":null,"arrested":11,"qualifier":null}'
grep '"doc":"c"' "$T/out" | grep -q '"size"' && bad "a statement took the count of a killing"

run code --quiet --format tsv "$T/s.jsonl"
expect_status 0
awk -F'\t' 'NR > 1 && $1 == "a" { print $24, $25, "[" $26 "]", $27 }' "$T/out" >"$T/cols"
[ "$(cat "$T/cols")" = "12 24 [] at least" ] || bad "TSV count columns: $(cat "$T/cols")"

run code --quiet --format table "$T/s.jsonl"
expect_status 0
expect_out_has "            killed at least 12, injured at least 24"
finish
