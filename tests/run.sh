#!/bin/sh
# run.sh - the whole test suite, as `make test` runs it:
#   1. every unit test binary $BUILD/tests/test_*
#   2. the golden tests: $BUILD/dyad golden tests/golden/*.golden
#   3. the seed article test: tests/seed/run.sh (skipped without ../shared)
#   4. the CLI tests: tests/cli/run.sh
# Each part prints "ok - NAME", "ok - NAME # SKIP why" or "not ok - NAME"
# lines; this script counts them, shows each failure with its "#" detail
# lines, prints one summary line per part and ends with exactly one line
# "N passed, N failed, N skipped". Exit status 1 when anything failed.
#
#   BUILD=build-asan sh tests/run.sh     test another build
#   VERBOSE=1 sh tests/run.sh            show every line, not only failures
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
BUILD=${BUILD:-build}
export BUILD
case $BUILD in /*) DYAD=$BUILD/dyad ;; *) DYAD=$root/$BUILD/dyad ;; esac
export DYAD

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-suite.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/all"

# part NAME COMMAND...: runs COMMAND, keeps its ok/not ok lines, and turns
# a non-zero exit without any "not ok" line (a crash, a missing binary)
# into a failure of its own.
part() {
	name=$1
	shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" != 0 ] && ! grep -q '^not ok' "$tmp/out"; then
		{
			echo "not ok - $name (exit status $rc)"
			sed -n '1,15s/^/#   /p' "$tmp/err"
		} >>"$tmp/out"
	fi
	if [ "${VERBOSE:-0}" = 1 ]; then
		cat "$tmp/out"
	else
		# Failures with their detail lines (at most 12 each).
		awk '/^not ok/ { show = 1; n = 0; print; next }
		     /^#/ && show { if (++n <= 12) print; else if (n == 13) print "#   ..."; next }
		     { show = 0 }' "$tmp/out"
		# Skips with their reasons, so that a missing ../shared is visible.
		grep '^ok .*# SKIP' "$tmp/out" || true
	fi
	p=$(grep -c '^ok ' "$tmp/out" | tr -d ' ')
	s=$(grep '^ok ' "$tmp/out" | grep -c '# SKIP' | tr -d ' ')
	f=$(grep -c '^not ok' "$tmp/out" | tr -d ' ')
	echo "== $name: $((p - s)) passed, $f failed, $s skipped"
	grep -E '^(not )?ok' "$tmp/out" >>"$tmp/all"
}

# 1. unit tests
found=0
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	found=1
	part "unit/$(basename "$t")" "$t"
done
[ $found = 1 ] || echo "== unit: no unit test binaries in $BUILD/tests/"

# 2. golden tests
if [ -x "$DYAD" ]; then
	part golden "$DYAD" golden tests/golden/*.golden
else
	echo "not ok - golden ($DYAD is not built)" >>"$tmp/all"
	echo "not ok - golden ($DYAD is not built)"
fi

# 3. the seed article
part seed sh tests/seed/run.sh

# 4. CLI tests
part cli sh tests/cli/run.sh

pass=$(grep '^ok ' "$tmp/all" | grep -vc '# SKIP' | tr -d ' ')
skip=$(grep '^ok ' "$tmp/all" | grep -c '# SKIP' | tr -d ' ')
fail=$(grep -c '^not ok' "$tmp/all" | tr -d ' ')
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
