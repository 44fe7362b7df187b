#!/bin/sh
# run.sh - codes the seed article (../shared/seed/russia-taliban-analysis.jsonl,
# which the repository never contains) and checks its events against
# tests/seed/expected.txt (the format is described at its top). Prints
# "ok - seed: ..." or "not ok - seed: ..." per expectation, or one
# "ok - seed # SKIP ..." line when ../shared is not there. Then runs
# quotes.sh (quotations, places, dates and counts).
#
#   DYAD=path/to/dyad   the binary (default $BUILD/dyad, else build/dyad)
#   DYAD_SHARED=dir     where shared/ is (default: beside the repository)
dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$dir/../.." && pwd)
build=${BUILD:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
DYAD=${DYAD:-$build/dyad}
shared=${DYAD_SHARED:-$root/../shared}
seed=$shared/seed/russia-taliban-analysis.jsonl

if [ ! -f "$seed" ]; then
	echo "ok - seed # SKIP $seed is not there"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-seed.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

"$DYAD" code --quiet --format tsv "$seed" >"$tmp/events.tsv" 2>"$tmp/err"
rc=$?
if [ $rc != 0 ]; then
	echo "not ok - seed: dyad code failed (exit status $rc)"
	sed -n '1,10s/^/#   /p' "$tmp/err"
	exit 1
fi
# SOURCE CODE TARGET DATE, one event a line.
awk -F'\t' 'function v(s) { return s == "" ? "-" : s }
	NR > 1 { print v($4), v($10), v($7), v($3) }' "$tmp/events.tsv" >"$tmp/produced"

awk -v produced="$tmp/produced" '
function fmatch(pat, s,    n, i, a, alts) {
	n = split(pat, alts, "|")
	for (i = 1; i <= n; i++) {
		a = alts[i]
		if (a ~ /\*$/) {
			a = substr(a, 1, length(a) - 1)
			if (substr(s, 1, length(a)) == a)
				return 1
		} else if (a == s)
			return 1
	}
	return 0
}
function dmatch(pat, s) {
	if (pat == "" || pat == "-")
		return 1
	return substr(s, 1, length(pat)) == pat
}
BEGIN {
	while ((getline line < produced) > 0) {
		np++
		split(line, f, " ")
		S[np] = f[1]; C[np] = f[2]; T[np] = f[3]; D[np] = f[4]
	}
}
/^#/ || NF == 0 { next }
$1 == "max" { max = $2; next }
{ ne++; ES[ne] = $1; EC[ne] = $2; ET[ne] = $3; ED[ne] = $4 }
END {
	for (k = 1; k <= ne; k++) {
		found = 0
		for (i = 1; i <= np && !found; i++)
			found = fmatch(ES[k], S[i]) && fmatch(EC[k], C[i]) && fmatch(ET[k], T[i]) && dmatch(ED[k], D[i])
		desc = ES[k] " " EC[k] " " ET[k] (ED[k] != "" ? " " ED[k] : "")
		report(found, desc)
	}
	if (max != "")
		report(np <= max + 0, "at most " max " events (" np " coded)")
	exit failed
}
function report(ok, desc,    i) {
	print (ok ? "ok" : "not ok") " - seed: " desc
	if (!ok && !failed) {
		print "#   produced (source code target date):"
		for (i = 1; i <= np; i++)
			print "#     " S[i] " " C[i] " " T[i] " " D[i]
		if (!np)
			print "#     (no events)"
	}
	if (!ok)
		failed = 1
}' "$dir/expected.txt"
events_rc=$?
# Quotations, places, dates and counts.
sh "$dir/quotes.sh"
quotes_rc=$?
[ $events_rc = 0 ] && [ $quotes_rc = 0 ]
