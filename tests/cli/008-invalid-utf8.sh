#!/bin/sh
# Invalid UTF-8 is replaced, the document is coded, and a warning says how
# many sequences and where the first was.
. "$(dirname "$0")/lib.sh"

f=$T/bad.txt
printf 'id: bad-utf8\ndate: 2025-07-07\n\nRussia \377recognised the Taliban government on Friday.\nUzbekistan hosted \300\257 a delegation.\n' >"$f"
run code --format table "$f"
expect_status 0
expect_out_has "== bad-utf8 (2025-07-07)"
expect_err_match "^warning: $f:[0-9]+: document 'bad-utf8': [0-9]+ invalid UTF-8 sequences? replaced \(first at byte [0-9]+\)$"

run code --quiet "$f"
expect_status 0
expect_stderr ""

# The JSONL output stays valid UTF-8 whatever the input was.
run code "$f"
expect_status 0
if command -v iconv >/dev/null 2>&1; then
	iconv -f UTF-8 -t UTF-8 "$T/out" >/dev/null 2>&1 || bad "output is not valid UTF-8"
fi
finish
