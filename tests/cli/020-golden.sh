#!/bin/sh
# dyad golden: ok/not ok per case, a summary line, status 1 on failure,
# syntax errors and missing files reported as failures.
. "$(dirname "$0")/lib.sh"

cat >"$T/a.golden" <<'G'
# comment
date: 2025-07-07
> The weather in Kabul was unusually hot in July.
= none

> Oil prices rose sharply on Monday.

this line is not valid
> Russia recognised the Taliban government on Friday.
= RUS 054

= RUS 054 AFGGOV
date: 2025-99-99
G
run golden "$T/a.golden"
expect_status 1
expect_out_has "ok - $T/a.golden:3"
expect_out_has "ok - $T/a.golden:6"
expect_out_has "not ok - $T/a.golden:8"
expect_out_has "not ok - $T/a.golden:10"
expect_out_has "not ok - $T/a.golden:12"
expect_out_has "not ok - $T/a.golden:13"
expect_out_has "syntax error: expected '>', '=', '!=', 'q', 'p', 'date:' or '#': 'this line is not valid'"
[ "$(tail -n 1 "$T/out")" = "2 passed, 4 failed" ] || bad "last line: $(tail -n 1 "$T/out")"

run golden "$T/missing.golden"
expect_status 1
expect_err_has "error: cannot open '$T/missing.golden': No such file or directory"
expect_out_has "not ok - $T/missing.golden"
[ "$(tail -n 1 "$T/out")" = "0 passed, 1 failed" ] || bad "last line: $(tail -n 1 "$T/out")"

# The repository's golden files parse (cases may fail until the engine is done).
run golden tests/golden/*.golden
expect_clean_status
expect_out_lacks "syntax error"
tail -n 1 "$T/out" | grep -qE '^[0-9]+ passed, [0-9]+ failed$' || bad "no summary line"
finish
