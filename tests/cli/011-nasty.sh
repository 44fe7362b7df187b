#!/bin/sh
# Every file in tests/nasty/ (see its README.md) gives a clean result:
# status 0 or 1, only dyad's messages on stderr, never a crash.
. "$(dirname "$0")/lib.sh"

n=0
for f in tests/nasty/*; do
	[ -f "$f" ] || continue
	case $f in */README.md) continue ;; esac
	n=$((n + 1))
	for fmt in jsonl table; do
		run code --format $fmt "$f"
		expect_clean_status
		expect_clean_stderr
		if [ "$status" = 1 ] && ! grep -q '^error: ' "$T/err"; then
			bad "$LAST: status 1 without an error message"
		fi
	done
done
[ $n = 0 ] && skip "tests/nasty/ has no input files yet"

# All of them at once, with threads.
run code --threads 2 --format tsv tests/nasty/*
expect_clean_status
expect_clean_stderr
finish
