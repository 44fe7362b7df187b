#!/bin/sh
# A truncated or corrupt compressed file gives a clean error naming the file
# and status 1; the documents before the damage are still coded.
. "$(dirname "$0")/lib.sh"

i=1
while [ $i -le 400 ]; do
	printf '{"id":"t%d","date":"2025-07-07","text":"Russia praised Uzbekistan for the %dth time, and Tajikistan expanded trade with Afghanistan."}\n' $i $i
	i=$((i + 1))
done >"$T/docs.jsonl"

gzip -c "$T/docs.jsonl" >"$T/full.gz"
size=$(wc -c <"$T/full.gz")
head -c $((size / 2)) "$T/full.gz" >"$T/trunc.jsonl.gz"
run code --format table "$T/trunc.jsonl.gz"
expect_status 1
expect_err_match "^error: .*trunc\.jsonl\.gz"
expect_out_has "== t1 (2025-07-07)"
expect_clean_stderr

# Garbage after a valid gzip header.
printf '\037\213\010\000\000\000\000\000\000\003garbage that is not deflate' >"$T/bad.gz"
run code "$T/bad.gz"
expect_status 1
expect_err_match "^error: .*bad\.gz"
expect_clean_stderr

if command -v zstd >/dev/null 2>&1; then
	zstd -q -c "$T/docs.jsonl" >"$T/full.zst"
	size=$(wc -c <"$T/full.zst")
	head -c $((size / 2)) "$T/full.zst" >"$T/trunc.jsonl.zst"
	run code --format table "$T/trunc.jsonl.zst"
	expect_status 1
	expect_err_match "^error: .*trunc\.jsonl\.zst"
	expect_clean_stderr
fi

# Only the header of a gzip file.
head -c 10 "$T/full.gz" >"$T/header-only.gz"
run code "$T/header-only.gz"
expect_clean_status
expect_clean_stderr
finish
