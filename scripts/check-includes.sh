#!/bin/sh
# Checks that lower layers never include upper ones:
#   base -> text -> tag -> actor -> event -> when/where/quote -> compat
#   -> pipeline -> io, store -> http -> cli
# (compat: the TABARI and PETRARCH formats and coder, used by io readers)
# (when, where and quote are one rank: stages over a coded document; io and
# store are one rank too: export.c in io/ writes what store/ reads)
# Prints each offending include and exits 1 when there is any.
cd "$(dirname "$0")/.." || exit 1
rank() {
	case $1 in
	base) echo 0 ;; text) echo 1 ;; tag) echo 2 ;; actor) echo 3 ;; event) echo 4 ;;
	when | where | quote) echo 5 ;; compat) echo 6 ;; pipeline) echo 7 ;;
	store | io) echo 8 ;; http) echo 9 ;; cli) echo 10 ;; *) echo 99 ;;
	esac
}
bad=0
for f in src/*/*.c src/*/*.h; do
	layer=$(basename "$(dirname "$f")")
	mine=$(rank "$layer")
	for inc in $(sed -n 's/^#include "\([a-z]*\)\/.*"/\1/p' "$f" | sort -u); do
		theirs=$(rank "$inc")
		if [ "$theirs" -gt "$mine" ]; then
			echo "$f: the $layer layer includes $inc/ (a layer above it)"
			bad=1
		fi
	done
done
[ $bad = 0 ] && echo "includes: every layer includes only itself and the layers below"
exit $bad
