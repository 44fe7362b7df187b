#!/bin/sh
# Event locations: "location" is an object with name, text, country,
# admin1, kind, lat and lon (null for places without coordinates) and
# offsets, or null; TSV
# columns 19-23 carry it; the table's PLACE column shows it.
. "$(dirname "$0")/lib.sh"

cat >"$T/p.jsonl" <<'X'
{"id":"city","date":"2025-07-07","text":"Uzbekistan hosted the Taliban in Termez."}
{"id":"province","date":"2025-07-07","text":"ISIS-K attacked Afghan soldiers in Afghanistan's northern Kunduz province."}
{"id":"none","date":"2025-07-07","text":"Kazakhstan criticised the Taliban."}
X
run code --quiet "$T/p.jsonl"
expect_status 0
expect_out_has '"location":{"name":"Termez","text":"Termez","country":"UZB","admin1":"Surxondaryo","kind":"city","lat":37.22417,"lon":67.27833,"offsets":[33,39]}'
expect_out_has '"location":{"name":"Kunduz","text":"Kunduz","country":"AFG","admin1":"AF-KDZ","kind":"admin1","lat":null,"lon":null,"offsets":['
expect_out_has '"doc":"none"'
grep '"doc":"none"' "$T/out" | grep -q '"location":null' || bad "an event without a place has no \"location\":null"

run code --quiet --format tsv "$T/p.jsonl"
expect_status 0
awk -F'\t' 'NR > 1 && $1 == "city" { print $19, $20, $21, $22, $23 }' "$T/out" >"$T/cols"
[ "$(cat "$T/cols")" = "Termez UZB Surxondaryo 37.22417 67.27833" ] || bad "TSV location columns: $(cat "$T/cols")"

run code --quiet --format table "$T/p.jsonl"
expect_status 0
grep -q 'Termez UZB' "$T/out" || bad "the table has no 'Termez UZB' in its PLACE column"
finish
