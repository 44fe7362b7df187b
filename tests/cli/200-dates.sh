#!/bin/sh
# Event dates from the text: "date", "date_precision" and "date_text" in
# JSONL and TSV; the document's date when the clause has none; no date at
# all for a date-less document unless the words carry a year; a document
# dated in the future is resolved like any other.
. "$(dirname "$0")/lib.sh"

cat >"$T/d.jsonl" <<'X'
{"id":"day","date":"2025-07-07","text":"Russia recognised the Taliban government on Friday."}
{"id":"month","date":"2025-07-07","text":"Kazakhstan criticised the Taliban in March 2024."}
{"id":"doc","date":"2025-07-07","text":"Kazakhstan criticised the Taliban."}
{"id":"nodate","text":"Kazakhstan criticised the Taliban in 2014. Kazakhstan praised Uzbekistan on Friday."}
{"id":"future","date":"2099-01-01","text":"Kazakhstan criticised the Taliban in December."}
X
run code --quiet "$T/d.jsonl"
expect_status 0
expect_out_has '"doc":"day","sent":0,"date":"2025-07-04","date_precision":"day","date_text":"Friday"'
expect_out_has '"doc":"month","sent":0,"date":"2024-03","date_precision":"month","date_text":"March 2024"'
expect_out_has '"doc":"doc","sent":0,"date":"2025-07-07","date_precision":"day","date_text":""'
expect_out_has '"doc":"nodate","sent":0,"date":"2014","date_precision":"year","date_text":"2014"'
expect_out_has '"doc":"nodate","sent":1,"date":null,"date_precision":null,"date_text":""'
expect_out_has '"doc":"future","sent":0,"date":"2098-12","date_precision":"month","date_text":"December"'

run code --quiet --format tsv "$T/d.jsonl"
expect_status 0
# Columns 3 date, 17 date_precision, 18 date_text.
awk -F'\t' 'NR > 1 { print $1, $3, $17, "[" $18 "]" }' "$T/out" >"$T/cols"
grep -qx 'day 2025-07-04 day \[Friday\]' "$T/cols" || bad "TSV date columns of 'day': $(grep '^day' "$T/cols")"
grep -qx 'month 2024-03 month \[March 2024\]' "$T/cols" || bad "TSV date columns of 'month'"
grep -qx 'doc 2025-07-07 day \[\]' "$T/cols" || bad "TSV date columns of 'doc'"
grep -qx 'nodate   \[\]' "$T/cols" || bad "TSV date columns of an undated event: $(grep '^nodate' "$T/cols")"

# The table shows reduced dates in the DATE column.
run code --quiet --format table "$T/d.jsonl"
expect_status 0
grep -q '^2024-03  ' "$T/out" || bad "the table does not show '2024-03'"
finish
