#!/bin/sh
# --format tsv: one header row per output (not per file), 27 columns in
# every row, tabs and newlines inside cells made spaces.
. "$(dirname "$0")/lib.sh"

header=$(printf 'doc\tsent\tdate\tsource_code\tsource_name\tsource_text\ttarget_code\ttarget_name\ttarget_text\tcode\troot\tquad\tgoldstein\tplover\tevidence\trule\tdate_precision\tdate_text\tlocation\tlocation_country\tlocation_admin1\tlat\tlon\tkilled\tinjured\tarrested\tsize_qualifier')

run code --format tsv </dev/null
expect_clean_status
expect_stdout "$header"

printf '{"id":"a","date":"2025-07-07","text":"Russia recognised the Taliban government on Friday.\\tUzbekistan hosted a Taliban delegation\\nin Tashkent."}\n' >"$T/a.jsonl"
printf '{"id":"b","date":"2025-07-08","text":"Tajikistan expanded trade with Afghanistan. Russia praised Uzbekistan."}\n' >"$T/b.jsonl"
run code --format tsv "$T/a.jsonl" "$T/b.jsonl" examples/*.txt
expect_status 0
[ "$(head -n 1 "$T/out")" = "$header" ] || bad "first line is not the header: $(head -n 1 "$T/out")"
[ "$(grep -c '^doc	sent	' "$T/out")" = 1 ] || bad "the header is not printed exactly once"
awk -F'\t' 'NF != 27 { printf "# line %d has %d columns\n", NR, NF; bad = 1 } END { exit bad }' "$T/out" || bad "rows without 27 columns"
rows=$(($(wc -l <"$T/out") - 1))
note "$rows events"
# Column 2 is a sentence number, column 12 a quad class, 13 a number.
awk -F'\t' 'NR > 1 && ($2 !~ /^[0-9]+$/ || $12 !~ /^[1-4]$/ || $13 !~ /^-?[0-9]+(\.[0-9])?$/) { printf "# line %d: bad sent/quad/goldstein: %s %s %s\n", NR, $2, $12, $13; bad = 1 } END { exit bad }' "$T/out" || bad "malformed numeric columns"
finish
