#!/bin/sh
# gen-corpus.sh OUT [SENTENCES] [DIR] - writes a JSONL benchmark corpus of
# about SENTENCES sentences to OUT, made from the articles DIR/*.txt
# (default examples/): each document is one article with its paragraphs
# shuffled, under its own id ("bench-N") and date. The same arguments always
# give the same corpus. The default, 120000, leaves a margin: the estimate
# here runs about 10% above what dyad counts, and the benchmark wants at
# least 100,000.
set -e
out=${1:?usage: gen-corpus.sh OUT [SENTENCES] [DIR]}
want=${2:-120000}
dir=${3:-$(cd "$(dirname "$0")/.." && pwd)/examples}
set -- "$dir"/*.txt
[ -f "$1" ] || { echo "error: no articles in '$dir'" >&2; exit 1; }

awk -v want="$want" '
function jesc(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	gsub(/\t/, "\\t", s)
	gsub(/\r/, "", s)
	return s
}
# Reads the articles: header lines up to the first blank line are skipped;
# paragraphs are separated by blank lines.
FNR == 1 { flush_last(); na++; np[na] = 0; inhead = 1 }
inhead {
	if ($0 ~ /^[a-z]+: /)
		next
	inhead = 0
	if ($0 ~ /^[ \t]*$/)
		next
}
/^[ \t]*$/ {
	if (para != "") { np[na]++; P[na, np[na]] = para; para = "" }
	next
}
{ para = para == "" ? $0 : para " " $0 }
function flush_last() {
	if (para != "") { np[na]++; P[na, np[na]] = para; para = "" }
}
# A rough count: a sentence ends in . ! or ? (maybe a closing quote) before
# a space or the end. dyad counts exactly; this only sizes the corpus.
function nsent(s,    n, t) {
	t = s " "
	n = gsub(/[.!?]["”’)]* /, "&", t)
	return n ? n : 1
}
END {
	flush_last()
	srand(20250707)
	total = 0
	for (k = 1; total < want; k++) {
		a = (k - 1) % na + 1
		n = np[a]
		if (n == 0) { if (k > na && total == 0) break; continue }
		for (i = 1; i <= n; i++) order[i] = i
		for (i = n; i > 1; i--) {
			j = int(rand() * i) + 1
			t = order[i]; order[i] = order[j]; order[j] = t
		}
		text = ""
		for (i = 1; i <= n; i++) {
			p = P[a, order[i]]
			text = text (i > 1 ? "\\n\\n" : "") jesc(p)
			total += nsent(p)
		}
		y = 2015 + int(rand() * 11); m = 1 + int(rand() * 12); d = 1 + int(rand() * 28)
		printf "{\"id\":\"bench-%d\",\"date\":\"%04d-%02d-%02d\",\"source\":\"dyad bench\",\"text\":\"%s\"}\n", k, y, m, d, text
	}
	printf "%d documents, about %d sentences\n", k - 1, total > "/dev/stderr"
	close("/dev/stderr")
}' "$@" >"$out"
