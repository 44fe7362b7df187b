#!/bin/sh
# `dyad dict check` lints dictionaries in dyad's, TABARI's and PETRARCH's
# formats: every problem as "error: file:line:column: what is wrong", the
# line and a caret under the column; exit status 1 when there are errors,
# 0 for a clean set (dyad's own data is clean).
. "$(dirname "$0")/lib.sh"

# Made-up dictionaries (no peer material).
cat >"$T/k.actors" <<'X'
KARVONIA  [KRV]
LESTRIA  [L$T]
TAMBERG  [TMB 200101-190101]
OSKAR_VELD  [KRVGOV 051301-091231]
KARVONIA  [KRV]
X
cat >"$T/k.verbs" <<'X'
PRAISE  [051]
- * COURAGE OF $  [052]
- COURAGE OF $  [053]
ATTACK  [19Z]
X
cat >"$T/p.verbs" <<'X'
--- PRAISE  [051] ---
PRAISE
- * &NOSUCHSET $ [052]
X
run dict check "$T/k.actors" "$T/k.verbs" "$T/p.verbs"
expect_status 1
expect_clean_stderr
expect_err_match "^error: $T/k\.actors:2:11: malformed code 'L\\\$T'"
expect_err_has "  LESTRIA  [L\$T]"
expect_err_match '^            \^$'
expect_err_match "^error: $T/k\.actors:3:[0-9]+: date range ends before it starts"
expect_err_match "^error: $T/k\.actors:4:[0-9]+: malformed date"
expect_err_match "^error: $T/k\.actors:5:1: duplicate entry: 'KARVONIA'"
expect_err_match "^error: $T/k\.verbs:3:[0-9]+: missing verb marker"
expect_err_match "^error: $T/k\.verbs:4:10: malformed code '19Z'"
expect_err_match "^error: $T/p\.verbs:3:[0-9]+: unknown synset"
expect_out_has "$T/k.actors: TABARI actors"
expect_out_has "$T/p.verbs: PETRARCH verbs"
expect_out_has "errors"

# A clean set: no output on stderr, status 0; --quiet prints nothing at all.
cat >"$T/ok.actors" <<'X'
KARVONIA  [KRV]
+KARVONIAN
LESTRIA  [LST]
X
run dict check --quiet "$T/ok.actors"
expect_status 0
expect_stdout ""
expect_stderr ""
run dict check data/actors.txt data/agents.txt data/verbs.txt
expect_status 0
expect_out_has "0 errors"

# A file that is not there, and no file at all.
run dict check "$T/none.actors"
expect_status 1
expect_err_match "^error: .*none\.actors"
run dict check
expect_status 2
expect_clean_stderr

# With PETRARCH's and TABARI's own dictionaries, when present: they load,
# and the problems found are reported in the same style.
shared=$(shared_dir)
if [ -n "$shared" ] && [ -f "$shared/peers/petrarch2/dictionaries/CAMEO.2.0.txt" ]; then
	run dict check "$shared/peers/petrarch2/dictionaries/CAMEO.2.0.txt" "$shared/peers/tabari/CAMEO.091003.master.verbs"
	expect_clean_status
	expect_clean_stderr
	expect_out_has "PETRARCH verbs"
	expect_out_has "TABARI verbs"
fi
finish
