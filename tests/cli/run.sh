#!/bin/sh
# run.sh - runs the CLI tests (tests/cli/[0-9]*.sh), each in its own shell,
# and prints "ok - NAME", "ok - NAME # SKIP reason" or "not ok - NAME" with
# the reasons as "#" lines, then "N passed, N failed, N skipped".
# Exit status 1 when any failed.
#
#   DYAD=path/to/dyad      the binary (default build/dyad, or $BUILD/dyad)
#   DYAD_VALGRIND=1        run dyad under valgrind; its errors are failures
#   sh tests/cli/run.sh [NAME...]   only the tests whose names contain NAME
dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$dir/../.." && pwd)
if [ -z "${DYAD:-}" ]; then
	DYAD=${BUILD:-build}/dyad
fi
case $DYAD in /*) ;; *) DYAD=$root/$DYAD ;; esac
export DYAD

limit=120
[ "${DYAD_VALGRIND:-0}" = 1 ] && limit=1200
timeout_cmd=""
command -v timeout >/dev/null 2>&1 && timeout_cmd="timeout $limit"

pass=0 failed=0 skipped=0
log=$(mktemp "${TMPDIR:-/tmp}/dyad-cli-log.XXXXXX") || exit 1
trap 'rm -f "$log"' EXIT

for t in "$dir"/[0-9]*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	if [ $# -gt 0 ]; then
		want=0
		for n in "$@"; do
			case $name in *"$n"*) want=1 ;; esac
		done
		[ $want = 1 ] || continue
	fi
	$timeout_cmd sh "$t" >"$log" 2>&1
	rc=$?
	if [ $rc = 0 ]; then
		echo "ok - cli/$name"
		pass=$((pass + 1))
	elif [ $rc = 77 ]; then
		reason=$(sed -n 's/^SKIP //p' "$log" | tail -n 1)
		echo "ok - cli/$name # SKIP ${reason:-no reason given}"
		skipped=$((skipped + 1))
	else
		echo "not ok - cli/$name"
		[ $rc = 124 ] && echo "# timed out after $limit s"
		sed -e '/^#/!s/^/# /' "$log"
		failed=$((failed + 1))
	fi
done
echo "$pass passed, $failed failed, $skipped skipped"
[ $failed = 0 ]
