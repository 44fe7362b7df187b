#!/bin/sh
# Empty input: an empty file, a document with empty text, a document of
# white space. Each gives a clean message or nothing, never a crash.
. "$(dirname "$0")/lib.sh"

: >"$T/empty.txt"
run code "$T/empty.txt"
expect_clean_status
expect_stdout ""
expect_clean_stderr
[ "$status" = 0 ] || expect_err_has "$T/empty.txt"

: >"$T/empty.jsonl"
run code "$T/empty.jsonl"
expect_status 0
expect_stdout ""
expect_stderr ""

printf '{"id":"e1","date":"2025-07-07","text":""}\n{"id":"e2","date":"2025-07-07","text":"Russia praised Uzbekistan."}\n' >"$T/e.jsonl"
run code --format table "$T/e.jsonl"
expect_status 1
expect_err_match "^error: $T/e.jsonl:1:"
expect_out_has "== e2 (2025-07-07)"
expect_clean_stderr

printf '{"id":"w1","date":"2025-07-07","text":"  \\n\\t  "}\n{"id":"w2","date":"2025-07-07","text":"... -- !!"}\n' >"$T/w.jsonl"
run code "$T/w.jsonl"
expect_clean_status
expect_stdout ""
expect_clean_stderr

printf 'id: headers-only\ndate: 2025-07-07\n\n' >"$T/headers.txt"
run code "$T/headers.txt"
expect_clean_status
expect_stdout ""
expect_clean_stderr

# Empty standard input codes nothing.
run code
expect_clean_status
expect_stdout ""
expect_clean_stderr
finish
