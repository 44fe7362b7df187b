#!/bin/sh
# -o FILE writes the events there; an unwritable FILE is an error.
. "$(dirname "$0")/lib.sh"

printf '{"id":"a","date":"2025-07-07","text":"Russia recognised the Taliban government on Friday."}\n' >"$T/a.jsonl"
run code --format table "$T/a.jsonl"
expect_status 0
cp "$T/out" "$T/expected.out"

run code --format table -o "$T/events.txt" "$T/a.jsonl"
expect_status 0
expect_stdout ""
compare "the -o file" "$T/expected.out" "$T/events.txt"

run code --format table --output="$T/events2.txt" "$T/a.jsonl"
expect_status 0
compare "the --output= file" "$T/expected.out" "$T/events2.txt"

run code -o "$T/no-such-dir/events.txt" "$T/a.jsonl"
expect_status 1
expect_stderr "error: cannot open '$T/no-such-dir/events.txt' for writing: No such file or directory"

if [ -w /dev/full ]; then
	run code --format table -o /dev/full "$T/a.jsonl"
	expect_status 1
	expect_err_has "error: cannot write '/dev/full': No space left on device"
fi
finish
