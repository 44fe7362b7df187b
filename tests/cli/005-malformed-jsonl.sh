#!/bin/sh
# A malformed JSONL line is reported with file:line and skipped; the
# documents around it are coded; the status is 1.
. "$(dirname "$0")/lib.sh"

f=$T/docs.jsonl
{
	echo '{"id":"a","date":"2025-07-07","text":"Russia recognised the Taliban government."}'
	echo '{"id":"b","date":"2025-07-07","text":"Moscow invited'
	echo '{"id":"c","date":"2025-07-07","text":"Uzbekistan hosted a Taliban delegation."}'
	echo '["not","an","object"]'
	echo '{"id":"e","date":"2025-07-07","text":"Tajikistan expanded trade with Afghanistan."}'
} >"$f"

run code --format table "$f"
expect_status 1
expect_out_has "== a (2025-07-07)"
expect_out_has "== c (2025-07-07)"
expect_out_has "== e (2025-07-07)"
expect_out_lacks "== b"
expect_err_match "^error: $f:2:"
expect_err_match "^error: $f:4:"
expect_err_has "dyad: 3 documents coded, 2 skipped"
expect_clean_stderr

# A malformed date is the document's fault too.
printf '{"id":"d1","date":"2025-13-45","text":"Russia praised Uzbekistan."}\n{"id":"d2","date":"2025-07-07","text":"Russia praised Uzbekistan."}\n' >"$T/dates.jsonl"
run code --format table "$T/dates.jsonl"
expect_status 1
expect_err_match "^error: $T/dates.jsonl:1:"
expect_out_has "== d2 (2025-07-07)"
expect_clean_stderr
finish
