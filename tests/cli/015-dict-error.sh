#!/bin/sh
# A syntax error in a dictionary stops dyad with file:line:column, the line
# and a caret, and status 1.
. "$(dirname "$0")/lib.sh"

[ -f data/actors.txt ] || skip "data/actors.txt does not exist yet"
cp -r data "$T/data"
# Break the first actor block with a misspelt keyword ("nmae" for "name")
# on a new line after the block's first line.
first=$(grep -n '^actor ' data/actors.txt | head -n 1 | cut -d: -f1)
[ -n "$first" ] || skip "data/actors.txt has no 'actor' line"
line=$((first + 1))
awk -v n="$first" '{ print } NR == n { print "  nmae  Broken Alias" }' data/actors.txt >"$T/data/actors.txt"
broken="nmae  Broken Alias"

printf '{"id":"a","date":"2025-07-07","text":"Russia praised Uzbekistan."}\n' >"$T/a.jsonl"
run code --data "$T/data" "$T/a.jsonl"
expect_status 1
expect_stdout ""
expect_err_match "^error: [^ ]*actors\.txt:$line:[0-9]+: "
expect_err_has "$broken"
expect_err_match '^ *\^'

run explain --data "$T/data" "Russia praised Uzbekistan."
expect_status 1
expect_err_match "^error: [^ ]*actors\.txt:$line:[0-9]+: "

# A missing data directory is an error too.
run code --data "$T/no-such-dir" "$T/a.jsonl"
expect_status 1
expect_err_match "^error: .*no-such-dir"
finish
