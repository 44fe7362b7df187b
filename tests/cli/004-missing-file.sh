#!/bin/sh
# A file that cannot be opened is reported and skipped; the other files are
# still coded; the status is 1 and a summary names the counts.
. "$(dirname "$0")/lib.sh"

printf 'id: good-1\ndate: 2025-07-07\n\nRussia recognised the Taliban government on Friday.\n' >"$T/good1.txt"
printf 'id: good-2\ndate: 2025-07-08\n\nUzbekistan hosted a Taliban delegation in Tashkent.\n' >"$T/good2.txt"

run code --format table "$T/good1.txt" "$T/missing.txt" "$T/good2.txt"
expect_status 1
expect_out_has "== good-1 (2025-07-07)"
expect_out_has "== good-2 (2025-07-08)"
expect_err_has "error: cannot open '$T/missing.txt': No such file or directory"
expect_err_has "dyad: 2 documents coded, 1 skipped"
expect_clean_stderr

# The same with several threads: same output, same messages.
cp "$T/out" "$T/out1"
cp "$T/err" "$T/err1"
run code --threads 3 --format table "$T/good1.txt" "$T/missing.txt" "$T/good2.txt"
expect_status 1
compare "stdout with --threads 3" "$T/out1" "$T/out"
compare "stderr with --threads 3" "$T/err1" "$T/err"

# A directory is not a document file either.
run code "$T"
expect_status 1
expect_err_match "^error: .*$T"
expect_clean_stderr
finish
