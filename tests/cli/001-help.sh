#!/bin/sh
# --help, help COMMAND, COMMAND --help, --version and no arguments.
. "$(dirname "$0")/lib.sh"

run --help
expect_status 0
expect_stdout_file tests/cli/expected/001-help.out
expect_stderr ""

run help
expect_status 0
expect_stdout_file tests/cli/expected/001-help.out

for cmd in code explain golden version help; do
	run help $cmd
	expect_status 0
	expect_out_has "usage: dyad $cmd"
	cp "$T/out" "$T/help-$cmd"
	run $cmd --help
	expect_status 0
	compare "'$cmd --help' vs 'help $cmd'" "$T/help-$cmd" "$T/out"
done

run help code
for opt in --format --explain --data --dict --threads --quiet --output --verbose; do
	expect_out_has "$opt"
done

version=$(sed -n 's/^#define DYAD_VERSION "\(.*\)"/\1/p' include/dyad.h)
run --version
expect_status 0
expect_stdout "dyad $version"
run version
expect_stdout "dyad $version"

# No command: the help, on stderr, and a usage error.
run
expect_status 2
expect_stdout ""
expect_err_has "usage: dyad"

run help frobnicate
expect_status 2
expect_stderr "error: unknown command 'frobnicate'; see 'dyad --help'"
finish
