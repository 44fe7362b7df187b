#!/bin/sh
# `dyad validate` on PETRARCH's unit-test records (PETR.UnitTest.records.xml
# with the PETR.Validate.* dictionaries beside it in ../dictionaries): at
# least 85% of the records that expect events coded exactly, and every
# record that expects none produces none.
. "$(dirname "$0")/lib.sh"

shared=$(shared_dir)
xml=$shared/peers/petrarch2/text/PETR.UnitTest.records.xml
[ -n "$shared" ] && [ -f "$xml" ] || skip "PETRARCH's unit-test records are not in ../shared/peers/petrarch2"

run validate "$xml"
expect_clean_status
summary=$(grep '^PETRARCH unit tests' "$T/out")
[ -n "$summary" ] || bad "no summary line"
want=$(echo "$summary" | sed -n 's/.*records expecting events: \([0-9]*\) of \([0-9]*\) coded exactly.*/\1 \2/p')
none=$(echo "$summary" | sed -n 's/.*expecting none: \([0-9]*\) of \([0-9]*\) produced none.*/\1 \2/p')
set -- $want
if [ $# = 2 ]; then
	[ $(($1 * 100)) -ge $(($2 * 85)) ] || bad "$1 of $2 records expecting events coded exactly: below 85%"
	note "PETRARCH unit tests: $1 of $2 records expecting events coded exactly"
else
	bad "the summary lacks 'records expecting events: N of N coded exactly': $summary"
fi
set -- $none
if [ $# = 2 ]; then
	[ "$1" = "$2" ] || bad "only $1 of $2 records expecting no events produced none"
else
	bad "the summary lacks 'expecting none: N of N produced none': $summary"
fi
tail -n 1 "$T/out" | grep -qE '^[0-9]+ passed, [0-9]+ failed$' || bad "the last line is not 'N passed, N failed'"

# The dictionaries can be named with --dict-dir too; a wrong one is an error.
run validate --dict-dir "$T/nowhere" "$xml"
expect_status 1
expect_err_match "^error: .*PETR\.Validate"
finish
