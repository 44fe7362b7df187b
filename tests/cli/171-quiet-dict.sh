#!/bin/sh
# --quiet hides the warning about malformed lines in a TABARI or PETRARCH
# dictionary (cli_coder_opts.quiet), here for `dyad quotes`.
. "$(dirname "$0")/lib.sh"

printf 'KARVONIA  [KRV]\nLESTRIA  [L$T]\n' >"$T/bad.actors"
printf 'PRAISE  [051]\n' >"$T/k.verbs"
printf 'Karvonia praised Lestria on Monday for its bold new reforms.\n' >"$T/in.txt"
run quotes --dict "$T/bad.actors" --dict "$T/k.verbs" "$T/in.txt"
expect_status 0
expect_err_has "malformed dictionary line"
run quotes -q --dict "$T/bad.actors" --dict "$T/k.verbs" "$T/in.txt"
expect_status 0
expect_err_lacks "malformed dictionary line"
finish
