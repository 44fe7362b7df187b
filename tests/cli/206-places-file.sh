#!/bin/sh
# data/places.txt (place aliases): a malformed line or an alias for a place
# the gazetteer lacks is a dictionary error with file:line:column and the
# line; a data directory without the file works without aliases.
. "$(dirname "$0")/lib.sh"

mkdir "$T/data"
cp data/*.txt data/*.tsv "$T/data/"
printf 'Kiev => Kyiv, UKR\nKiev Kyiv UKR\n' >"$T/data/places.txt"
run code --data "$T/data" </dev/null
expect_status 1
expect_err_has "error: $T/data/places.txt:2:1: expected 'ALIAS => NAME, CTY'"
expect_err_has "  Kiev Kyiv UKR"
expect_clean_stderr

printf 'Atlantis => Atlantis City, GRC\n' >"$T/data/places.txt"
run code --data "$T/data" </dev/null
expect_status 1
expect_err_has "places.txt:1:13: no place 'Atlantis City' in GRC in the gazetteer"

rm "$T/data/places.txt"
printf '{"id":"a","date":"2025-07-07","text":"Uzbekistan hosted the Taliban in Termez."}\n' >"$T/a.jsonl"
run code --data "$T/data" "$T/a.jsonl"
expect_status 0
expect_out_has '"location":{"name":"Termez"'
finish
