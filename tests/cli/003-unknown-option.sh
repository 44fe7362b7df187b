#!/bin/sh
# Unknown options, missing values and bad values are usage errors (exit 2)
# that name the option and print the command's usage.
. "$(dirname "$0")/lib.sh"

run code --frobnicate
expect_status 2
expect_stdout ""
expect_stderr "error: unknown option '--frobnicate'
usage: dyad code [options] [FILE...]
see 'dyad help code'"

run code -Z
expect_status 2
expect_err_has "error: unknown option '-Z'"

run code --format
expect_status 2
expect_err_has "error: option '--format' needs a value (FMT)"

run code --format xml
expect_status 2
expect_err_has "error: unknown format 'xml' (use jsonl, tsv or table)"

run code --quiet=yes
expect_status 2
expect_err_has "error: option '--quiet' takes no value"

for n in 0 -1 x 2x 100000; do
	run code --threads $n
	expect_status 2
	expect_err_has "error: invalid thread count '$n'"
done

run explain --date 2025-02-30 "Russia recognised the Taliban."
expect_status 2
expect_err_has "error: invalid date '2025-02-30' (use YYYY-MM-DD)"

run explain
expect_status 2
expect_err_has "error: nothing to explain"

run golden
expect_status 2
expect_err_has "error: no golden files given"

run version extra
expect_status 2
expect_err_has "error: unexpected argument 'extra'"

# "--" ends the options: "--quiet" is then a file name.
run code -- --quiet
expect_status 1
expect_err_has "error: cannot open '--quiet'"
finish
