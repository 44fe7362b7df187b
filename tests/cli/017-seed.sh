#!/bin/sh
# The seed article (../shared/seed/, never in the repository) codes cleanly
# in every format and with threads.
. "$(dirname "$0")/lib.sh"

shared=$(shared_dir)
seed=$shared/seed/russia-taliban-analysis.jsonl
[ -n "$shared" ] && [ -f "$seed" ] || skip "../shared/seed/russia-taliban-analysis.jsonl is not there"

run code "$seed"
expect_status 0
expect_stderr ""
cp "$T/out" "$T/jsonl"
if command -v jq >/dev/null 2>&1; then
	jq -e . "$T/jsonl" >/dev/null 2>&1 || bad "the JSONL output does not parse"
fi
note "$(wc -l <"$T/jsonl") events"

run code --threads 2 "$seed"
expect_status 0
compare "stdout with --threads 2" "$T/jsonl" "$T/out"

run code --format table "$seed"
expect_status 0
expect_out_has "== "
run code --format tsv "$seed" "$shared/seed/russia-taliban-analysis.txt"
expect_clean_status
expect_clean_stderr
finish
