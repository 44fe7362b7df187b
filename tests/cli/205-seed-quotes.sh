#!/bin/sh
# The seed article (../shared/seed/, never in the repository): `dyad
# quotes` lists the analysts' passages and Karzai's argument, and the
# output is the same with threads and the trace in `dyad code`.
. "$(dirname "$0")/lib.sh"

shared=$(shared_dir)
seed=$shared/seed/russia-taliban-analysis.jsonl
[ -n "$shared" ] && [ -f "$seed" ] || skip "../shared/seed/russia-taliban-analysis.jsonl is not there"

run quotes "$seed"
expect_status 0
expect_stderr ""
expect_out_has "== Aigerim Turgunbaeva and Fayazuddin Ghiasi [KGZMED, AFGEDU]:"
expect_out_has "== Hamid Karzai [AFGELI]:"
run quotes --speaker KGZMED --format jsonl "$seed"
expect_status 0
[ "$(grep -c '"kind":"direct"' "$T/out")" -eq 5 ] || bad "KGZMED's direct quotations: $(grep -c '"kind":"direct"' "$T/out")"
run code "$seed"
cp "$T/out" "$T/one"
run code --threads 2 "$seed"
compare "stdout with --threads 2" "$T/one" "$T/out"
run code --explain --format table "$seed"
expect_status 0
expect_out_has "  quote (direct) in sentence 6: speaker 'They'"
expect_out_has "  place 'Termez' in sentence"
finish
