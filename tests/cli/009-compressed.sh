#!/bin/sh
# gzip and zstd input is recognised by content and gives the same output as
# the plain file, for text and for JSONL.
. "$(dirname "$0")/lib.sh"

printf 'id: zdoc\ndate: 2025-07-07\ntitle: Compressed\n\nRussia recognised the Taliban government on Friday. Uzbekistan hosted a Taliban delegation in Tashkent.\n' >"$T/doc.txt"
printf '{"id":"j1","date":"2025-07-07","text":"Russia praised Uzbekistan."}\n{"id":"j2","date":"2025-07-08","text":"Tajikistan expanded trade with Afghanistan."}\n' >"$T/docs.jsonl"

for f in doc.txt docs.jsonl; do
	run code --format table "$T/$f"
	expect_status 0
	cp "$T/out" "$T/plain.out"
	[ $f = doc.txt ] && expect_out_has "== zdoc (2025-07-07) Compressed"
	if command -v gzip >/dev/null 2>&1; then
		gzip -c "$T/$f" >"$T/$f.gz"
		run code --format table "$T/$f.gz"
		expect_status 0
		compare "stdout of $f.gz" "$T/plain.out" "$T/out"
		# Recognised by content, not by name.
		cp "$T/$f.gz" "$T/gz-$f"
		run code --format table "$T/gz-$f"
		expect_status 0
		compare "stdout of gzip content named gz-$f" "$T/plain.out" "$T/out"
	else
		note "gzip not installed: gzip input not tested"
	fi
	if command -v zstd >/dev/null 2>&1; then
		zstd -q -c "$T/$f" >"$T/$f.zst"
		run code --format table "$T/$f.zst"
		expect_status 0
		compare "stdout of $f.zst" "$T/plain.out" "$T/out"
		STDIN=$T/$f.zst run code --format table
		expect_status 0
		compare "stdout of $f.zst on standard input" "$T/plain.out" "$T/out"
	else
		note "zstd not installed: zstd input not tested"
	fi
done
finish
