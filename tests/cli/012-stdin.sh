#!/bin/sh
# Standard input: no FILE, or "-", in text or JSONL (recognised by content).
. "$(dirname "$0")/lib.sh"

printf '{"id":"s1","date":"2025-07-07","text":"Russia praised Uzbekistan."}\n{"id":"s2","text":"Tajikistan expanded trade with Afghanistan."}\n' >"$T/in.jsonl"
STDIN=$T/in.jsonl run code --format table
expect_status 0
expect_out_has "== s1 (2025-07-07)"
expect_out_has "== s2 (no date)"
expect_stderr "warning: -:2: document 's2' has no date; events are coded without dates"
cp "$T/out" "$T/stdin.out"

STDIN=$T/in.jsonl run code --format table -
expect_status 0
compare "stdout with '-'" "$T/stdin.out" "$T/out"

# "-" among files, in order.
printf '{"id":"f1","date":"2025-07-01","text":"Russia praised Uzbekistan."}\n' >"$T/f.jsonl"
STDIN=$T/in.jsonl run code --format table "$T/f.jsonl" - "$T/f.jsonl"
expect_status 0
grep '^== ' "$T/out" | cut -d' ' -f2 | tr '\n' ' ' >"$T/order"
printf 'f1 s1 s2 f1 ' >"$T/order.expected"
compare "order of documents" "$T/order.expected" "$T/order"

# Plain text on standard input is one document.
printf 'date: 2025-07-07\n\nRussia recognised the Taliban government on Friday.\n' >"$T/in.txt"
STDIN=$T/in.txt run code --format table
expect_status 0
expect_stderr ""
[ "$(grep -c '^== ' "$T/out")" = 1 ] || bad "plain text on stdin is not one document"
finish
