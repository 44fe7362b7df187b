#!/bin/sh
# `dyad validate` on TABARI's own validation suite (Validate.project in
# ../shared/peers/tabari): a PASS/FAIL line per record with the expected and
# produced events, the summary, and at least 95% of the checked records
# coded exactly (source, target, code). Run from another directory: the
# paths in a .project are relative to the project file.
. "$(dirname "$0")/lib.sh"

shared=$(shared_dir)
proj=$shared/peers/tabari/Validate.project
[ -n "$shared" ] && [ -f "$proj" ] || skip "TABARI's Validate.project is not in ../shared/peers/tabari"

cd "$T" || exit 1
run validate "$proj"
cd "$ROOT" || exit 1
expect_clean_status
expect_out_has "TABARI validation ($proj): "
# The last line: "N passed, N failed".
last=$(tail -n 1 "$T/out")
passed=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
failed=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
if [ -z "$passed" ] || [ -z "$failed" ]; then
	bad "the last line is not 'N passed, N failed': $last"
else
	checked=$((passed + failed))
	[ "$checked" -ge 400 ] || bad "only $checked records checked (the suite has 444 real checks)"
	[ $((passed * 100)) -ge $((checked * 95)) ] || bad "$passed of $checked passed: below 95%"
	note "TABARI suite: $passed of $checked records coded exactly"
fi
# Every failure shows what was expected and what came out.
nfail=$(grep -c '^FAIL ' "$T/out")
[ "$nfail" = "${failed:-x}" ] || bad "$nfail FAIL lines for $failed failures"
[ "$(grep -c '^    expected: ' "$T/out")" = "$nfail" ] || bad "a FAIL without its 'expected:' line"
[ "$(grep -c '^    produced: ' "$T/out")" = "$nfail" ] || bad "a FAIL without its 'produced:' line"

# --verbose lists the passes too, with the record ids.
run validate --verbose "$proj"
expect_clean_status
[ "$(grep -c '^PASS ' "$T/out")" = "${passed:-x}" ] || bad "--verbose: not one PASS line per passed record"
finish
