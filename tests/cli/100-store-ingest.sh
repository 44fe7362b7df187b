#!/bin/sh
# dyad ingest: a store built from the examples (and the seed article when
# ../shared is there); ingesting again changes no row; a changed document
# replaces its rows; the store stays consistent (dyad check).
. "$(dirname "$0")/lib.sh"

db=$T/dyad.db
counts() { # counts FILE: the rows per table, as "table rows" lines
	run stats --db "$db" --format csv
	expect_status 0
	cp "$T/out" "$1"
}

run ingest --db "$db" examples/*.txt examples/wire.jsonl
expect_status 0
expect_err_match "^dyad: 19 documents stored in '.*' \(19 new, 0 changed, 0 unchanged\), [0-9]+ sentences, [0-9]+ events"
expect_stdout ""

shared=$(shared_dir)
seed=$shared/seed/russia-taliban-analysis.jsonl
if [ -n "$shared" ] && [ -f "$seed" ]; then
	run ingest --db "$db" "$seed"
	expect_status 0
	expect_err_has "(1 new, 0 changed, 0 unchanged)"
	all="examples/*.txt examples/wire.jsonl $seed"
	ndocs=20
else
	note "the seed article is not there (../shared is absent): the store holds the examples only"
	all="examples/*.txt examples/wire.jsonl"
	ndocs=19
fi
counts "$T/before"
grep -q "^documents,$ndocs\$" "$T/before" || { bad "expected $ndocs documents"; show "$T/before"; }
awk -F, '$1 == "events" && $2 < 50 { exit 1 }' "$T/before" || bad "fewer than 50 events from the examples"

run check --db "$db"
expect_status 0
expect_stdout "store '$db' is consistent"

# Again: nothing changes.
run ingest --db "$db" $all
expect_status 0
expect_err_has "0 documents stored in '$db' (0 new, 0 changed, $ndocs unchanged)"
counts "$T/after"
compare "row counts after ingesting again" "$T/before" "$T/after"

# From another directory, through DYAD_DB: the same store, nothing new.
(cd "$T" && DYAD_DB="$db" "$DYAD" ingest -q "$ROOT/examples/2025-07-05-russia-recognition.txt") ||
	bad "ingest from another directory with DYAD_DB failed"
counts "$T/after"
compare "row counts after DYAD_DB" "$T/before" "$T/after"

# A changed document replaces its rows in one go.
sed 's/Russia has formally recognised/Russia has recognised/' examples/2025-07-05-russia-recognition.txt >"$T/2025-07-05-russia-recognition.txt"
run ingest --db "$db" "$T/2025-07-05-russia-recognition.txt"
expect_status 0
expect_err_has "(0 new, 1 changed, 0 unchanged)"
run check --db "$db"
expect_status 0
run ingest --db "$db" examples/2025-07-05-russia-recognition.txt
expect_err_has "(0 new, 1 changed, 0 unchanged)"
counts "$T/after"
compare "row counts after changing a document back" "$T/before" "$T/after"

# --force recodes what is unchanged; the counts stay.
run ingest --db "$db" --force examples/2019-02-06-moscow-talks.txt
expect_status 0
expect_err_has "(0 new, 1 changed, 0 unchanged)"
counts "$T/after"
compare "row counts after --force" "$T/before" "$T/after"

# Batches give the same store.
run ingest --db "$T/batch.db" --batch 7 -q $all
expect_status 0
expect_stderr ""
run stats --db "$T/batch.db" --format csv
compare "row counts with --batch 7" "$T/before" "$T/out"

# A bad document is reported and skipped; the others are stored.
printf '{"id":"ok","date":"2025-07-07","text":"Russia recognised the Taliban government."}\n{"id":"bad","date":"2025-13-01","text":"x"}\n' >"$T/mixed.jsonl"
run ingest --db "$T/mixed.db" "$T/mixed.jsonl"
expect_status 1
expect_err_has "mixed.jsonl:2"
expect_err_has "(1 new, 0 changed, 0 unchanged, skipped: 1)"
expect_clean_stderr
finish
