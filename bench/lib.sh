# lib.sh - what the benchmark scripts share; they source it with
#   root=$(cd "$(dirname "$0")/.." && pwd); . "$root/bench/lib.sh"
#
# bench_dirs BUILD_DIR NAME: sets build (made absolute), dyad, work
#   (BUILD_DIR/bench, created) and tmp (a new temporary directory
#   dyad-bench-NAME.*; the caller removes it, usually with a trap); exits
#   with a message when dyad is not built.
# timed OUTFILE COMMAND...: runs COMMAND, leaving "SECONDS PEAK_KB" in
#   OUTFILE (/usr/bin/time, else bench/rss.c compiled into the work
#   directory by bench_dirs).

bench_dirs() {
	build=$1
	case $build in /*) ;; *) build=$root/$build ;; esac
	dyad=$build/dyad
	[ -x "$dyad" ] || { echo "error: cannot run '$dyad': build it first (make)" >&2; exit 1; }
	work=$build/bench
	mkdir -p "$work"
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-bench-$2.XXXXXX") || exit 1
	if [ ! -x /usr/bin/time ]; then
		cc -O2 -o "$work/rss" "$root/bench/rss.c" || exit 1
	fi
}

timed() {
	if [ -x /usr/bin/time ]; then
		o=$1
		shift
		/usr/bin/time -f '%e %M' -o "$o" "$@"
	else
		"$work/rss" "$@"
	fi
}
