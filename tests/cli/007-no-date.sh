#!/bin/sh
# A document without a date is coded with a warning naming file:line and id;
# --quiet silences warnings.
. "$(dirname "$0")/lib.sh"

f=$T/nodate.jsonl
printf '{"id":"dated","date":"2025-07-07","text":"Russia praised Uzbekistan."}\n{"id":"undated","text":"Russia praised Uzbekistan."}\n' >"$f"
run code --format table "$f"
expect_status 0
expect_stderr "warning: $f:2: document 'undated' has no date; events are coded without dates"
expect_out_has "== undated (no date)"

run code --quiet "$f"
expect_status 0
expect_stderr ""

printf 'Russia praised Uzbekistan.\n' >"$T/plain.txt"
run code "$T/plain.txt"
expect_status 0
expect_err_match "^warning: $T/plain.txt:1: document '[^']+' has no date; events are coded without dates$"
finish
