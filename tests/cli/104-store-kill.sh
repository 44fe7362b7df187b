#!/bin/sh
# kill -9 during a long ingest leaves a consistent store (SQLite's
# integrity_check and foreign_key_check, every document with all its
# sentences, dyad's own rules: dyad check), and running the same command
# again completes it to exactly what a clean ingest gives.
. "$(dirname "$0")/lib.sh"

corpus=$T/corpus.jsonl
sh bench/gen-corpus.sh "$corpus" 30000 examples 2>/dev/null || { bad "gen-corpus.sh failed"; finish; }
ndocs=$(wc -l <"$corpus" | tr -d ' ')
db=$T/killed.db

# The long ingest, in the background, without valgrind (it is killed).
"$DYAD" ingest -q --db "$db" "$corpus" 2>"$T/bg.err" &
pid=$!
stored=0
tries=0
while [ "$tries" -lt 600 ]; do
	tries=$((tries + 1))
	sleep 0.05
	kill -0 "$pid" 2>/dev/null || break
	stored=$("$DYAD" stats --db "$db" --format csv 2>/dev/null | sed -n 's/^documents,//p')
	[ "${stored:-0}" -ge 30 ] && break
done
if ! kill -9 "$pid" 2>/dev/null; then
	wait "$pid"
	skip "the ingest of $ndocs documents ended before it could be killed"
fi
wait "$pid" 2>/dev/null
note "killed after about ${stored:-0} of $ndocs documents"

run check --db "$db"
expect_status 0
expect_stdout "store '$db' is consistent"
run stats --db "$db" --format csv
expect_status 0
after_kill=$(sed -n 's/^documents,//p' "$T/out")
[ "${after_kill:-0}" -gt 0 ] && [ "$after_kill" -lt "$ndocs" ] ||
	bad "after the kill the store has ${after_kill:-no} documents (of $ndocs)"

# The same command again completes it.
"$DYAD" ingest --db "$db" "$corpus" 2>"$T/resume.err" || { bad "the second ingest failed"; show "$T/resume.err"; }
grep -q "($((ndocs - after_kill)) new, 0 changed, $after_kill unchanged)" "$T/resume.err" ||
	{ bad "the second ingest did not skip exactly what was stored"; show "$T/resume.err"; }
run check --db "$db"
expect_status 0

# A clean ingest gives the same rows.
"$DYAD" ingest -q --db "$T/clean.db" "$corpus" || bad "the clean ingest failed"
run stats --db "$T/clean.db" --format csv
cp "$T/out" "$T/clean.stats"
run stats --db "$db" --format csv
compare "row counts (resumed vs clean)" "$T/clean.stats" "$T/out"
run export --db "$T/clean.db" --format csv -q
cp "$T/out" "$T/clean.csv"
run export --db "$db" --format csv -q
compare "events (resumed vs clean)" "$T/clean.csv" "$T/out"
finish
