#!/bin/sh
# --format table: per document a heading "== ID (DATE) TITLE", a blank line
# between documents, a column header when there are events, and no line
# wider than 140 columns; counts on an indented line under their event and
# the quotations under a "QUOTES" line.
. "$(dirname "$0")/lib.sh"

printf 'id: t1\ndate: 2025-07-07\ntitle: Russia recognises the Taliban\n\nRussia recognised the Taliban government on Friday, a decision that Russian officials described at great length as the natural outcome of years of quiet and patient contacts with the movement in Kabul and Doha.\n' >"$T/t1.txt"
printf 'id: t2\ndate: 2025-07-08\n\nThe weather in Kabul was hot.\n' >"$T/t2.txt"
run code --format table "$T/t1.txt" "$T/t2.txt" examples/*.txt
expect_status 0
expect_out_has "== t1 (2025-07-07) Russia recognises the Taliban"
expect_out_has "== t2 (2025-07-08)"
# t2 has no events.
sed -n '/^== t2 /{n;p;}' "$T/out" >"$T/after-t2"
[ "$(cat "$T/after-t2")" = "(no events)" ] || bad "a document without events is not followed by '(no events)': $(cat "$T/after-t2")"
# A blank line before every heading but the first.
awk '/^== / && NR > 1 && prev != "" { printf "# line %d: no blank line before the heading\n", NR; bad = 1 } { prev = $0 } END { exit bad }' "$T/out" || bad "headings not separated"
# Each heading with events is followed by the column header.
awk 'h && !/^\(no events\)$/ && !/^DATE +SOURCE +EVENT +TARGET +PLACE +EVIDENCE$/ { printf "# line %d: not a column header: %s\n", NR, $0; bad = 1 } { h = /^== / } END { exit bad }' "$T/out" || bad "column header missing"
wide=$(LC_ALL=C.UTF-8 wc -L <"$T/out")
[ "$wide" -le 140 ] || bad "a line is $wide columns wide"
if grep -q '^DATE' "$T/out"; then
	# Event lines start with a date (or - when there is none).
	# Event lines start with a date (day, month or year; or - when there
	# is none), count lines with twelve spaces.
	awk '/^DATE/ { inev = 1; next } /^$|^== |^QUOTES$/ { inev = 0 } inev && !/^([0-9][0-9][0-9][0-9](-[0-9][0-9](-[0-9][0-9])?)? *|-         )  / && !/^            [a-z]/ { printf "# line %d: %s\n", NR, $0; bad = 1 } END { exit bad }' "$T/out" || bad "event lines do not start with a date"
fi
finish
