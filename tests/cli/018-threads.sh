#!/bin/sh
# --threads N gives the same output and messages as one thread, in input
# order, for many documents and for a mix of good and bad ones.
. "$(dirname "$0")/lib.sh"

i=1
while [ $i -le 300 ]; do
	case $((i % 7)) in
	0) printf '{"id":"d%d","text":"Russia praised Uzbekistan, and Tajikistan expanded trade with Afghanistan."}\n' $i ;;
	3) printf '{"id":"d%d","date":"2025-07-07","text":\n' $i ;;
	*) printf '{"id":"d%d","date":"2025-07-%02d","text":"Russia recognised the Taliban government. Uzbekistan hosted a Taliban delegation in Tashkent %d times."}\n' $i $((i % 28 + 1)) $i ;;
	esac
	i=$((i + 1))
done >"$T/many.jsonl"

for fmt in jsonl table tsv; do
	run code --format $fmt "$T/many.jsonl" examples/*.txt
	expect_status 1
	cp "$T/out" "$T/out1"
	cp "$T/err" "$T/err1"
	for n in 2 4; do
		run code --threads $n --format $fmt "$T/many.jsonl" examples/*.txt
		expect_status 1
		compare "$fmt stdout with --threads $n" "$T/out1" "$T/out"
		compare "$fmt stderr with --threads $n" "$T/err1" "$T/err"
	done
done
nex=$(ls examples/*.txt 2>/dev/null | wc -l)
expect_err_has "dyad: $((257 + nex)) documents coded, 43 skipped"
finish
