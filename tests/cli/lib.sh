# lib.sh - sourced by every tests/cli/NNN-*.sh. Runs dyad and checks what it
# printed and how it exited. A script exits 0 when it passed, 1 when it
# failed (having printed "# ..." lines saying why) and 77 when it skipped
# (having printed "SKIP reason").
#
#   run ARGS...          runs $DYAD ARGS (stdin from $STDIN or /dev/null);
#                        $T/out, $T/err and $status hold what it did.
#                        With DYAD_VALGRIND=1 it runs under valgrind and a
#                        valgrind error is a failure.
#   expect_status N      expect_stdout TEXT    expect_stderr TEXT
#   expect_stdout_file F expect_out_has TEXT   expect_err_has TEXT
#   expect_out_lacks T   expect_err_lacks T    expect_err_match REGEX
#   skip REASON          finish (ends the script)

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
DYAD=${DYAD:-build/dyad}
case $DYAD in /*) ;; *) DYAD=$ROOT/$DYAD ;; esac
NAME=$(basename "$0" .sh)
T=$(mktemp -d "${TMPDIR:-/tmp}/dyad-cli.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
fail=0
status=0

if [ ! -x "$DYAD" ]; then
	echo "# $DYAD is not built"
	exit 1
fi

note() {
	echo "# $*"
}

bad() {
	note "$*"
	fail=1
}

# Shows a file as "#   " lines (at most 20).
show() {
	sed -n '1,20s/^/#   /p' "$1"
}

run() {
	if [ "${DYAD_VALGRIND:-0}" = 1 ]; then
		rm -f "$T/vg.log"
		valgrind -q --leak-check=full --error-exitcode=99 \
			--errors-for-leak-kinds=definite,indirect --log-file="$T/vg.log" \
			"$DYAD" "$@" >"$T/out" 2>"$T/err" <"${STDIN:-/dev/null}"
		status=$?
		if [ "$status" = 99 ] || [ -s "$T/vg.log" ]; then
			bad "valgrind found errors in: dyad $*"
			sed -n '1,40s/^/#   /p' "$T/vg.log"
		fi
	else
		"$DYAD" "$@" >"$T/out" 2>"$T/err" <"${STDIN:-/dev/null}"
		status=$?
	fi
	LAST="dyad $*"
}

expect_status() {
	if [ "$status" != "$1" ]; then
		bad "$LAST: exit status $status, expected $1"
		note "  stderr:"
		show "$T/err"
	fi
}

# The status must be 0 or 1: a clean success or a clean failure.
expect_clean_status() {
	if [ "$status" != 0 ] && [ "$status" != 1 ]; then
		bad "$LAST: exit status $status, expected 0 or 1"
		show "$T/err"
	fi
}

compare() { # compare WHAT EXPECTED_FILE ACTUAL_FILE
	if ! cmp -s "$2" "$3"; then
		bad "$LAST: $1 differs (- expected, + actual):"
		diff -u "$2" "$3" | sed -n '3,40s/^/#   /p'
	fi
}

expect_stdout() {
	printf '%s\n' "$1" >"$T/expected"
	[ -z "$1" ] && : >"$T/expected"
	compare stdout "$T/expected" "$T/out"
}

expect_stderr() {
	printf '%s\n' "$1" >"$T/expected"
	[ -z "$1" ] && : >"$T/expected"
	compare stderr "$T/expected" "$T/err"
}

expect_stdout_file() {
	compare stdout "$1" "$T/out"
}

expect_out_has() {
	grep -qF -- "$1" "$T/out" || { bad "$LAST: stdout lacks '$1'"; show "$T/out"; }
}

expect_out_lacks() {
	! grep -qF -- "$1" "$T/out" || bad "$LAST: stdout has '$1'"
}

expect_err_has() {
	grep -qF -- "$1" "$T/err" || { bad "$LAST: stderr lacks '$1'"; show "$T/err"; }
}

expect_err_lacks() {
	! grep -qF -- "$1" "$T/err" || bad "$LAST: stderr has '$1'"
}

expect_err_match() {
	grep -qE -- "$1" "$T/err" || { bad "$LAST: no stderr line matches /$1/"; show "$T/err"; }
}

# Every line on stderr must be one of dyad's messages (no crash reports,
# no stray output). Indented lines continue a message (the offending line
# and a caret under the column).
expect_clean_stderr() {
	if grep -vE '^(error|warning): |^dyad: |^usage: |^see |^ ' "$T/err" >"$T/stray"; then
		bad "$LAST: stderr has lines that are not messages:"
		show "$T/stray"
	fi
}

skip() {
	echo "SKIP $*"
	exit 77
}

# The directory shared by every developer beside the repository, or "".
shared_dir() {
	if [ -n "${DYAD_SHARED:-}" ] && [ -d "$DYAD_SHARED" ]; then
		echo "$DYAD_SHARED"
	elif [ -d "$ROOT/../shared" ]; then
		(cd "$ROOT/../shared" && pwd)
	fi
}

finish() {
	exit "$fail"
}
