#!/bin/sh
# `dyad code PROJECT.project` codes the project's text files with the
# dictionaries it names (paths relative to the project file, whatever the
# working directory), one JSONL event per coded event with doc = the
# record id, the record's date, dated actor codes, patterns, agents.
. "$(dirname "$0")/lib.sh"

# A made-up project (no peer material).
mkdir -p "$T/proj/dict" "$T/elsewhere"
cat >"$T/proj/dict/k.actors" <<'X'
KARVONIA  [KRV]
+KARVONIAN
LESTRIA  [LST]
TAMBERG_  [TMB]
OSKAR_VELD  [KRVGOV 050101-091231]  [KRV]
X
cat >"$T/proj/dict/k.agents" <<'X'
GOVERNMENT  [~GOV]
X
cat >"$T/proj/dict/k.verbs" <<'X'
PRAISE  [051]
- * COURAGE OF $  [052]
ATTACK  [190]
X
cat >"$T/proj/k.text" <<'X'
200105 KRV-01
Karvonia praised Lestria on Monday for its bold new reforms.

200106 KRV-02
/* a comment */ The Lestrian government attacked Tamberg on Tuesday with heavy artillery.

060106 KRV-03
Lestria praised the courage of Oskar Veld during the long talks.

110106 KRV-04
Lestria praised the courage of Oskar Veld during the long talks.
X
cat >"$T/proj/k.project" <<'X'
<actorsfile> dict/k.actors
<agentsfile> dict/k.agents
<verbsfile> dict/k.verbs
<textfile> k.text
X
cd "$T/elsewhere" || exit 1
run code "$T/proj/k.project"
cd "$ROOT" || exit 1
expect_status 0
expect_clean_stderr
[ "$(grep -c '"type":"event"' "$T/out")" = 4 ] || { bad "expected 4 events"; show "$T/out"; }
expect_out_has '"doc":"KRV-01","sent":0,"date":"2020-01-05"'
expect_out_has '"source":{"code":"KRV","name":"KARVONIA","text":"Karvonia"},"target":{"code":"LST"'
expect_out_has '"code":"051"'
expect_out_has '"doc":"KRV-02"'
expect_out_has '"source":{"code":"LSTGOV"'
expect_out_has '"target":{"code":"TMB"'
# A pattern with "$": the source after the verb; dated codes by the record's date.
expect_out_has '"doc":"KRV-03","sent":0,"date":"2006-01-06","date_precision":"day","date_text":"","source":{"code":"KRVGOV"'
expect_out_has '"doc":"KRV-04","sent":0,"date":"2011-01-06","date_precision":"day","date_text":"","source":{"code":"KRV","name":"OSKAR VELD"'
expect_out_has '"pattern":"* COURAGE OF $"'
expect_out_has '"rule":"k.verbs:2 k.actors:5 k.actors:3"'

# TSV output works the same.
run code --format tsv "$T/proj/k.project"
expect_status 0
[ "$(wc -l <"$T/out")" -ge 5 ] || bad "TSV: expected a header and 4 rows"

# A project naming a file that is not there.
printf '<actorsfile> dict/none.actors\n<verbsfile> dict/k.verbs\n<textfile> k.text\n' >"$T/proj/bad.project"
run code "$T/proj/bad.project"
expect_status 1
expect_err_match "^error: .*none\.actors"

# TABARI's own demonstration project, when present.
shared=$(shared_dir)
demo=$shared/peers/tabari/TABARI.Demo.project
if [ -n "$shared" ] && [ -f "$demo" ]; then
	cd "$T/elsewhere" || exit 1
	run code --quiet "$demo"
	cd "$ROOT" || exit 1
	expect_status 0
	n=$(grep -c '"type":"event"' "$T/out")
	[ "$n" -ge 10 ] || bad "TABARI.Demo.project: only $n events"
fi
finish
