#!/bin/sh
# An unknown command is a usage error (exit 2) and says where help is.
. "$(dirname "$0")/lib.sh"

run frobnicate
expect_status 2
expect_stdout ""
expect_stderr "error: unknown command 'frobnicate'; see 'dyad --help'"

run --frobnicate
expect_status 2
expect_err_has "error: unknown option '--frobnicate'"
finish
