#!/bin/sh
# compat.sh [BUILD_DIR] - dyad with TABARI's and PETRARCH's dictionaries;
# bench/run.sh calls it at the end. Needs their material in ../shared/peers
# (beside the repository); skips with a reason when it is absent.
#
#   1. A corpus of SENTENCES (default 50,000) sentences: the <Text>s of
#      PETRARCH's GigaWord sample (real news) repeated, as dyad JSONL (kept
#      in BUILD_DIR/bench/, made from the sample, never stored in the
#      repository).
#   2. Codes it with TABARI's CAMEO.091003.master.verbs and the Phoenix
#      actors and agents (--dict), one thread: sentences/s (coding time as
#      dyad reports it with --verbose, the best of REPEAT runs), the
#      dictionary load time and the peak RSS. TABARI codes about 22,000 of
#      these sentences per second on one core of the reference machine
#      (12 MB resident, 0.5 s to load the same dictionaries).
#   3. Loads the full Phoenix set (actors, agents, discards, issues, the
#      CAMEO.2.0 verbs) plus the master verbs: load time and RSS.
# Prints a table with the targets and PASS/MISS per line. Exit status 0
# even on a MISS (a measurement, not a test); 1 when a run fails.
#
#   SENTENCES=100000 REPEAT=5 sh bench/compat.sh build
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/lib.sh"
sentences=${SENTENCES:-50000}
repeat=${REPEAT:-3}
peers=$root/../shared/peers
tabari=$peers/tabari
petr=$peers/petrarch2
dicts=$petr/dictionaries
sample=$petr/text/GigaWord.sample.PETR.xml

echo "TABARI and PETRARCH dictionaries"
for f in "$tabari/CAMEO.091003.master.verbs" "$dicts/Phoenix.Countries.actors.txt" "$dicts/CAMEO.2.0.txt" "$sample"; do
	if [ ! -r "$f" ]; then
		echo "skipped: $f is absent (the TABARI and PETRARCH material lives in ../shared/peers)"
		exit 0
	fi
done
bench_dirs "${1:-build}" compat
trap 'rm -rf "$tmp"' EXIT

# 1. The corpus: each record's <Text> (one line, blanks squeezed) as a document.
corpus=$work/compat-gigaword-$sentences.jsonl
if [ ! -s "$corpus" ] || [ "$sample" -nt "$corpus" ] || [ "$0" -nt "$corpus" ]; then
	awk -v want="$sentences" '
	function jesc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s); gsub(/\r/, "", s); return s }
	/<Sentence/ { d = $0; sub(/.*date *= *"/, "", d); sub(/".*/, "", d); date = substr(d, 1, 4) "-" substr(d, 5, 2) "-" substr(d, 7, 2) }
	/<Text>/ { intext = 1; t = ""; sub(/.*<Text>/, "") }
	intext {
		line = $0
		if (line ~ /<\/Text>/) {
			sub(/<\/Text>.*/, "", line); t = t " " line; intext = 0
			gsub(/^ +| +$/, "", t); gsub(/  +/, " ", t)
			if (t != "") { nt++; text[nt] = t; dd[nt] = date }
			next
		}
		t = t " " line
	}
	END {
		if (!nt) exit 1
		for (k = 0; k < want; )
			for (i = 1; i <= nt && k < want; i++) {
				printf "{\"id\":\"gw%d\",\"date\":\"%s\",\"text\":\"%s\"}\n", k, dd[i], jesc(text[i]); k++
			}
	}' "$sample" >"$corpus.tmp" && mv "$corpus.tmp" "$corpus" || { echo "error: cannot make $corpus" >&2; exit 1; }
fi

fail=0
set -- --dict "$tabari/CAMEO.091003.master.verbs" --dict "$dicts/Phoenix.Countries.actors.txt" \
	--dict "$dicts/Phoenix.International.actors.txt" --dict "$dicts/Phoenix.MilNonState.actors.txt" \
	--dict "$dicts/Phoenix.agents.txt"

# 2. Coding: the fastest of $repeat runs; the largest RSS.
: >"$tmp/sum"
: >"$tmp/rss"
r=0
while [ $r -lt "$repeat" ]; do
	r=$((r + 1))
	timed "$tmp/time" "$dyad" code --quiet --verbose --threads 1 -o /dev/null "$@" "$corpus" 2>"$tmp/err"
	rc=$?
	if [ $rc != 0 ]; then
		echo "error: dyad code with TABARI's verbs failed (exit status $rc):" >&2
		sed -n '1,10p' "$tmp/err" >&2
		fail=1
		break
	fi
	# "dyad: D documents, S sentences, E events in X s (dictionaries Y s)"
	sed -n 's/^dyad: \([0-9]*\) documents, \([0-9]*\) sentences, \([0-9]*\) events in \([0-9.]*\) s (dictionaries \([0-9.]*\) s).*/\1 \2 \3 \4 \5/p' "$tmp/err" >>"$tmp/sum"
	tail -n 1 "$tmp/time" >>"$tmp/rss"
done
best=$(sort -n -k4 "$tmp/sum" | head -n 1)
bestload=$(sort -n -k5 "$tmp/sum" | head -n 1 | cut -d' ' -f5)
peak=$(sort -n -k2 "$tmp/rss" | tail -n 1 | cut -d' ' -f2)

# 3. The full Phoenix set and the master verbs, on one sentence.
echo "Kenya and Uganda signed a trade accord in Nairobi on Monday." >"$tmp/one.txt"
: >"$tmp/fsum"
: >"$tmp/frss"
r=0
while [ $r -lt "$repeat" ]; do
	r=$((r + 1))
	timed "$tmp/ftime" "$dyad" code --quiet --verbose -o /dev/null --dict "$dicts/CAMEO.2.0.txt" \
		--dict "$tabari/CAMEO.091003.master.verbs" --dict "$dicts/Phoenix.Countries.actors.txt" \
		--dict "$dicts/Phoenix.International.actors.txt" --dict "$dicts/Phoenix.MilNonState.actors.txt" \
		--dict "$dicts/Phoenix.agents.txt" --dict "$dicts/Phoenix.discards.txt" \
		--dict "$dicts/Phoenix.IssueCoding.txt" "$tmp/one.txt" 2>"$tmp/ferr"
	rc=$?
	if [ $rc != 0 ]; then
		echo "error: dyad code with the full Phoenix set failed (exit status $rc):" >&2
		sed -n '1,10p' "$tmp/ferr" >&2
		fail=1
		break
	fi
	sed -n 's/^dyad: .*(dictionaries \([0-9.]*\) s).*/\1/p' "$tmp/ferr" >>"$tmp/fsum"
	tail -n 1 "$tmp/ftime" >>"$tmp/frss"
done
fload=$(sort -n "$tmp/fsum" | head -n 1)
fpeak=$(sort -n -k2 "$tmp/frss" | tail -n 1 | cut -d' ' -f2)

awk -v best="$best" -v bestload="${bestload:-}" -v peak="${peak:-0}" -v fload="${fload:-}" -v fpeak="${fpeak:-0}" \
	-v corpus="$corpus" -v repeat="$repeat" '
function commas(n,    s, r) {
	s = sprintf("%d", n + 0.5); r = ""
	while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
	return s r
}
function line(what, value, target, ok) {
	printf "%-34s %-18s %-18s %s\n", what, value, target, target == "" ? "" : ok == "ref" ? "(reference)" : (ok ? "PASS" : "MISS")
}
BEGIN {
	split(best, a, " ")
	printf "%s sentences of the GigaWord sample (%s); best of %d runs\n", commas(a[2]), corpus, repeat
	printf "with CAMEO.091003.master.verbs and the Phoenix actors and agents\n\n"
	printf "%-34s %-18s %-18s %s\n", "measure", "value", "target", "result"
	if (a[4] == "" || a[4] <= 0)
		line("coding, 1 thread", "failed", "> 22,000 sent/s", 0)
	else {
		rate = a[2] / a[4]
		line("coding, 1 thread", commas(rate) " sent/s", "> 22,000 sent/s", rate > 22000)
		line("  events", commas(a[3]), "", 0)
	}
	if (bestload != "")
		line("these dictionaries: load", sprintf("%.3f s", bestload), "TABARI: 0.5 s", bestload < 0.5)
	line("these dictionaries: peak RSS", sprintf("%.0f MB", peak / 1024), "TABARI: 12 MB", "ref")
	if (fload != "")
		line("full Phoenix set + master: load", sprintf("%.3f s", fload), "< 0.3 s", fload < 0.3)
	else
		line("full Phoenix set + master: load", "failed", "< 0.3 s", 0)
	line("full Phoenix set + master: RSS", sprintf("%.0f MB", fpeak / 1024), "< 100 MB", fpeak / 1024 < 100)
}'
exit $fail
