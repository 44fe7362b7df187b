#!/bin/sh
# quotes.sh - the quotations, places, dates and counts an analyst expects
# from the seed article (../shared/seed/russia-taliban-analysis.jsonl): the
# speakers of its quotations, the dates and places of its key events, the
# dead of the Crocus City Hall assault, and the places it names. Prints
# "ok - seed: ..." / "not ok - seed: ..." lines like run.sh (which calls
# it), or one SKIP line when ../shared is absent.
dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$dir/../.." && pwd)
build=${BUILD:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
DYAD=${DYAD:-$build/dyad}
shared=${DYAD_SHARED:-$root/../shared}
seed=$shared/seed/russia-taliban-analysis.jsonl

if [ ! -f "$seed" ]; then
	echo "ok - seed quotations and places # SKIP $seed is not there"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-seedq.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0

check() { # check DESCRIPTION COMMAND...: ok when COMMAND succeeds
	desc=$1
	shift
	if "$@"; then
		echo "ok - seed: $desc"
	else
		echo "not ok - seed: $desc"
		failed=1
	fi
}

"$DYAD" code --quiet --format tsv "$seed" >"$tmp/events.tsv" 2>"$tmp/err" &&
	"$DYAD" code --quiet --format tsv --quotes "$seed" >"$tmp/quotes.tsv" 2>>"$tmp/err" &&
	"$DYAD" code --quiet --explain --format tsv "$seed" >"$tmp/explain" 2>>"$tmp/err"
rc=$?
if [ $rc != 0 ]; then
	echo "not ok - seed: dyad code failed (exit status $rc)"
	sed -n '1,10s/^/#   /p' "$tmp/err"
	exit 1
fi

# Quotation columns: 3 kind, 4 speaker name, 5 code, 7 members.
# Event columns: 4 source, 7 target, 10 code, 3 date, 17 precision,
# 19 location, 20 its country, 24 killed, 27 qualifier.
count_quotes() { # count_quotes KIND PATTERN: quotations whose speaker matches
	awk -F'\t' -v k="$1" -v p="$2" 'NR > 1 && $3 == k && ($4 ~ p || $5 ~ p || $7 ~ p) { n++ } END { print n + 0 }' "$tmp/quotes.tsv"
}
analysts='Turgunbaeva.*Ghiasi'
n=$(count_quotes direct "$analysts")
check "the analysts' five quoted passages are theirs ($n)" [ "$n" = 5 ]
n=$(awk -F'\t' 'NR > 1 && $3 == "direct" { n++ } END { print n + 0 }' "$tmp/quotes.tsv")
check "five direct quotations in all ($n)" [ "$n" = 5 ]
check "the analysts' group keeps each analyst's code" \
	grep -q 'Aigerim Turgunbaeva (KGZMED); Fayazuddin Ghiasi (AFGEDU)' "$tmp/quotes.tsv"
n=$(count_quotes reported AFGELI)
check "Karzai's argument is reported as his (AFGELI, $n)" [ "$n" -ge 1 ]
n=$(awk -F'\t' 'NR > 1 && $3 == "direct" && $4 == "" { n++ } END { print n + 0 }' "$tmp/quotes.tsv")
check "no direct quotation without a speaker ($n)" [ "$n" = 0 ]

has_event() { # has_event SOURCE CODE-PREFIX TARGET-PREFIX AWK-CONDITION
	awk -F'\t' -v s="$1" -v c="$2" -v t="$3" "NR > 1 && \$4 == s && index(\$10, c) == 1 && index(\$7, t) == 1 && ($4) { f = 1 } END { exit !f }" "$tmp/events.tsv"
}
check "the recognition is dated 2025-07-04 (day)" has_event RUS 054 AFGGOV '$3 == "2025-07-04" && $17 == "day"'
check "the Supreme Court's decision is dated 2025-04 (month)" has_event RUSJUD 081 AFGGOV '$3 == "2025-04" && $17 == "month"'
check "the Crocus City Hall assault: 2024-03, at Moscow, Russia" has_event IMGMUSISK 18 RUS '$3 == "2024-03" && $19 == "Moscow" && $20 == "RUS"'
check "the assault killed more than 140" has_event IMGMUSISK 18 RUS '$24 == "140" && $27 == "more than"'
check "the Termez Dialogue at Termez, Uzbekistan" has_event UZB 04 '' '$19 == "Termez" && $20 == "UZB"'
check "events without a date of their own keep the document's" has_event TJK 06 '' '$3 == "2025-07-07" && $18 == ""'

# Places, from the trace: "  place 'WORDS' in sentence N: NAME, CTY (KIND...".
has_place() { # has_place WORDS COUNTRY KIND
	grep -q "^  place '$1' in sentence [0-9]*: [^,]*, $2 ($3" "$tmp/explain"
}
check "Moscow is Russia's capital" has_place Moscow RUS city
check "Crocus City Hall is a landmark in Russia" has_place "Crocus City Hall" RUS landmark
check "Tashkent, Uzbekistan" has_place Tashkent UZB city
check "Termez, Uzbekistan" has_place Termez UZB city
check "Kabul, Afghanistan" has_place Kabul AFG city
check "Kunduz province, Afghanistan" has_place Kunduz AFG admin1
check "Badakhshan province, Afghanistan" has_place Badakhshan AFG admin1
check "Sher Khan land port, Afghanistan" has_place "Sher Khan land port" AFG landmark
bad=$(sed -n "s/^  place '\([^']*\)' in sentence [0-9]*: [^,]*, \([A-Z]*\) .*/\1 \2/p" "$tmp/explain" |
	grep -vE ' (AFG|RUS|UZB|SYR|TJK)$' | tr '\n' ';')
check "every place is in a country the article is about${bad:+ (not: $bad)}" [ -z "$bad" ]
exit $failed
