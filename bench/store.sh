#!/bin/sh
# store.sh [BUILD_DIR] - the store's benchmark; bench/run.sh calls it last.
#
#   1. Codes the benchmark corpus (gen-corpus.sh, 120,000 sentences; made
#      by run.sh or here) once into dyad's JSONL (kept in BUILD_DIR/bench/).
#   2. Ingests the text corpus into a new store (coding and storing):
#      sentences/s and events/s.
#   3. Builds a store of at least 1,000,000 events: the coded events are
#      copied R times, each copy under its own document ids and with the
#      country codes rotated through a list of 80 (so that the copies are
#      other dyads, not repeats for deduplication), and ingested with
#      `dyad ingest --events --batch 1000` (a bulk load): events/s.
#   4. Ingests 100,000 more events into that store the default way (one
#      transaction per document): events/s.
#   5. Times `dyad events --source RUS --since 2024-01-01` and `dyad dyads`
#      on it (output to /dev/null; the best of REPEAT runs).
# Prints a table with the targets and PASS/MISS per line. Exit status 0
# even on a MISS (a measurement, not a test); 1 when a run fails.
#
#   STORE_EVENTS=2000000 sh bench/store.sh build    a bigger store
#   KEEP=1 sh bench/store.sh build                  keep the stores (BUILD_DIR/bench/store-*.db)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/lib.sh"
want=${STORE_EVENTS:-1000000}
repeat=${REPEAT:-5}
sentences=${SENTENCES:-120000}
bench_dirs "${1:-build}" store
cleanup() {
	rm -rf "$tmp"
	[ "${KEEP:-0}" = 1 ] || rm -f "$work"/store-*.db "$work"/store-*.db-wal "$work"/store-*.db-shm
}
trap cleanup EXIT

corpus=$work/corpus-$sentences.jsonl
if [ ! -s "$corpus" ]; then
	echo "generating $corpus ..."
	sh "$root/bench/gen-corpus.sh" "$corpus" "$sentences" "$root/examples" || exit 1
fi
events=$work/corpus-$sentences.events.jsonl
if [ ! -s "$events" ] || [ "$corpus" -nt "$events" ] || [ "$dyad" -nt "$events" ]; then
	echo "coding $corpus ..."
	# The events only: the quotations dyad also writes are not what is measured.
	"$dyad" code -q -j 2 "$corpus" | grep '^{"type":"event"' >"$events" || exit 1
fi
nev=$(wc -l <"$events" | tr -d ' ')
[ "$nev" -gt 0 ] || { echo "error: no events in '$events'" >&2; exit 1; }

# seconds COMMAND...: runs COMMAND, prints its wall time in seconds.
seconds() {
	t0=$(date +%s.%N)
	"$@"
	rc=$?
	t1=$(date +%s.%N)
	echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }'
	return $rc
}

# The copies: replica r renames documents "rR-ID" and rotates country codes by r.
replicate() { # replicate FROM TO
	awk -v from="$1" -v to="$2" '
	BEGIN {
		n = split("RUS AFG USA CHN IRN PAK UZB TJK KAZ KGZ TKM IND TUR QAT SAU ARE GBR FRA DEU UKR BLR AZE ARM GEO MNG JPN KOR PRK ISR SYR IRQ EGY NOR NLD POL ITA ESP CAN AUS BRA ARG MEX COL VEN CUB PER CHL ZAF NGA KEN ETH SDN SOM LBY DZA MAR TUN JOR LBN YEM OMN KWT BHR BGD LKA NPL MMR THA VNM IDN MYS PHL SGP NZL SRB HUN CZE ROU BGR GRC", c, " ")
		for (i = 1; i <= n; i++) idx[c[i]] = i - 1
	}
	{ line[NR] = $0 }
	END {
		for (r = from; r < to; r++) {
			for (k = 1; k <= NR; k++) {
				s = line[k]
				sub(/"doc":"/, "\"doc\":\"r" r "-", s)
				out = ""
				while (match(s, /"code":"[A-Z][A-Z][A-Z]/)) {
					cc = substr(s, RSTART + 8, 3)
					if (cc in idx)
						cc = c[(idx[cc] + r) % n + 1]
					out = out substr(s, 1, RSTART + 7) cc
					s = substr(s, RSTART + RLENGTH)
				}
				print out s
			}
		}
	}' "$events"
}

fail=0
# 2. the text corpus
rm -f "$work"/store-text.db*
"$dyad" ingest --db "$work/store-text.db" "$corpus" 2>"$tmp/text.err" || { cat "$tmp/text.err" >&2; fail=1; }
# "dyad: D documents stored in 'X' (...), S sentences, E events in T s"
text=$(sed -n 's/^dyad: \([0-9]*\) documents* stored in .*), \([0-9]*\) sentences, \([0-9]*\) events in \([0-9.]*\) s$/\1 \2 \3 \4/p' "$tmp/text.err")

# 3. the big store: as many copies as give $want events after deduplication
# (the text store tells how many one copy gives; events between actors
# outside the list of countries merge across copies, hence the margin).
per_copy=$("$dyad" stats --db "$work/store-text.db" --format csv 2>/dev/null | sed -n 's/^events,//p')
[ "${per_copy:-0}" -gt 0 ] || per_copy=$nev
copies=$(((want * 110 / 100 + per_copy - 1) / per_copy))
[ "$copies" -le 80 ] || echo "warning: $copies copies: more than the 80 rotations of country codes, copies will merge" >&2
echo "copying $nev coded events $copies times ..."
replicate 0 "$copies" >"$tmp/big.jsonl"
rm -f "$work"/store-big.db*
"$dyad" ingest --events --batch 1000 --db "$work/store-big.db" "$tmp/big.jsonl" 2>"$tmp/big.err" ||
	{ sed -n '1,10p' "$tmp/big.err" >&2; fail=1; }
big=$(sed -n 's/^dyad: \([0-9]*\) documents* stored in .*), \([0-9]*\) sentences, \([0-9]*\) events in \([0-9.]*\) s$/\1 \2 \3 \4/p' "$tmp/big.err")
rm -f "$tmp/big.jsonl"

# 4. more, the default way
more=$(((100000 + nev - 1) / nev))
replicate "$copies" $((copies + more)) >"$tmp/more.jsonl"
"$dyad" ingest --events --db "$work/store-big.db" "$tmp/more.jsonl" 2>"$tmp/more.err" ||
	{ sed -n '1,10p' "$tmp/more.err" >&2; fail=1; }
inc=$(sed -n 's/^dyad: \([0-9]*\) documents* stored in .*), \([0-9]*\) sentences, \([0-9]*\) events in \([0-9.]*\) s$/\1 \2 \3 \4/p' "$tmp/more.err")
rm -f "$tmp/more.jsonl"
"$dyad" stats --db "$work/store-big.db" --format csv >"$tmp/stats" 2>&1 || fail=1
rows=$(sed -n 's/^events,//p' "$tmp/stats")
mentions=$(sed -n 's/^event_mentions,//p' "$tmp/stats")
dbsize=$(wc -c <"$work/store-big.db" | tr -d ' ')

# 5. queries
best() { # best FILE COMMAND...: the fastest of $repeat runs
	: >"$tmp/times"
	r=0
	while [ $r -lt "$repeat" ]; do
		r=$((r + 1))
		seconds "$@" >>"$tmp/times" 2>>"$tmp/q.err" || { fail=1; return; }
	done
	sort -n "$tmp/times" | head -n 1
}
q_events=$(best sh -c "\"$dyad\" events --db \"$work/store-big.db\" --source RUS --since 2024-01-01 >/dev/null")
n_events=$("$dyad" events --db "$work/store-big.db" --source RUS --since 2024-01-01 --format csv | wc -l)
q_dyads=$(best sh -c "\"$dyad\" dyads --db \"$work/store-big.db\" >/dev/null")
n_dyads=$("$dyad" dyads --db "$work/store-big.db" --format csv | wc -l)

echo
awk -v text="$text" -v big="$big" -v inc="$inc" -v rows="${rows:-0}" -v mentions="${mentions:-0}" \
	-v dbsize="$dbsize" -v qe="${q_events:-}" -v qd="${q_dyads:-}" -v ne="$n_events" -v nd="$n_dyads" \
	-v repeat="$repeat" '
function commas(n,    s, r) {
	s = sprintf("%d", n + 0.5); r = ""
	while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
	return s r
}
function line(what, value, target, ok) {
	printf "%-44s %-20s %-16s %s\n", what, value, target, target == "" ? "" : (ok ? "PASS" : "MISS")
}
BEGIN {
	split(text, t, " "); split(big, b, " "); split(inc, m, " ")
	printf "dyad store bench: %s events after deduplication (%s mentions), %.0f MB\n", commas(rows), commas(mentions), dbsize / 1e6
	printf "query times are the best of %d runs, output to /dev/null\n\n", repeat
	printf "%-44s %-20s %-16s %s\n", "measure", "value", "target", "result"
	if (t[4] > 0) {
		line("ingest text (code + store), sentences/s", commas(t[2] / t[4]), "", 0)
		line("ingest text (code + store), events/s", commas(t[3] / t[4]), "", 0)
	} else
		line("ingest text", "failed", "", 0)
	if (b[4] > 0)
		line(sprintf("ingest --events --batch 1000 (%s)", commas(b[3])), commas(b[3] / b[4]) " events/s", ">= 20,000/s", b[3] / b[4] >= 20000)
	else
		line("ingest --events --batch 1000", "failed", ">= 20,000/s", 0)
	if (m[4] > 0)
		line(sprintf("ingest --events, 1 doc/transaction (%s)", commas(m[3])), commas(m[3] / m[4]) " events/s", ">= 20,000/s", m[3] / m[4] >= 20000)
	else
		line("ingest --events (one document a transaction)", "failed", ">= 20,000/s", 0)
	line("store of at least 1,000,000 events", commas(rows), ">= 1,000,000", rows >= 1000000)
	if (qe != "")
		line(sprintf("events --source RUS --since 2024-01-01 (%s)", commas(ne - 1)), sprintf("%.0f ms", qe * 1000), "< 100 ms", qe < 0.1)
	if (qd != "")
		line(sprintf("dyads (%s rows)", commas(nd - 1)), sprintf("%.0f ms", qd * 1000), "< 100 ms", qd < 0.1)
}'
exit $fail
