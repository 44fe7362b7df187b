#!/bin/sh
# Wrong input to the quotations: unbalanced marks (a quotation that never
# closes ends with its paragraph; a stray closing mark is ignored),
# `dyad quotes` usage errors, missing files and every file in tests/nasty/
# give clean messages, never a crash.
. "$(dirname "$0")/lib.sh"

printf '{"id":"open","date":"2025-07-07","text":"\\"The talks will resume, the envoy said as the delegations left Doha\\n\\nRussia praised Uzbekistan."}\n{"id":"close","date":"2025-07-07","text":"Russia praised Uzbekistan.\\" Kazakhstan criticised the Taliban."}\n' >"$T/u.jsonl"
run code --quiet "$T/u.jsonl"
expect_status 0
grep '"type":"quote"' "$T/out" | grep -q '"doc":"open".*"text":"The talks will resume, the envoy said as the delegations left Doha"' ||
	bad "the unclosed quotation does not end with its paragraph: $(grep quote "$T/out")"
grep '"type":"quote"' "$T/out" | grep -q '"doc":"close"' && bad "a stray closing mark made a quotation"
expect_out_has '"doc":"open","sent":1'

run quotes --format csv "$T/u.jsonl"
expect_status 2
expect_err_has "error: unknown format 'csv' (use table, jsonl or tsv)"
run quotes --speaker
expect_status 2
run quotes "$T/missing.jsonl"
expect_status 1
expect_err_match "^error: .*missing.jsonl"
for f in tests/nasty/*; do
	run quotes --quiet "$f"
	expect_clean_status
	expect_clean_stderr
done
finish
