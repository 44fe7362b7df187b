#!/bin/sh
# Store commands on bad input: usage errors (exit 2) name the bad value;
# a missing or foreign store is a clean failure (exit 1); never a crash.
. "$(dirname "$0")/lib.sh"

db=$T/dyad.db
"$DYAD" ingest -q --db "$db" examples/2025-07-05-russia-recognition.txt || bad "ingest failed"

run events --db "$db" --since 2024-13-01
expect_status 2
expect_err_has "error: malformed date '2024-13-01' (want YYYY-MM-DD)"
expect_err_has "usage: dyad events"
run events --db "$db" --until 2024-02-30
expect_status 2
expect_err_has "error: malformed date '2024-02-30' (want YYYY-MM-DD)"
run events --db "$db" --since 2025-01-01 --until 2024-01-01
expect_status 2
expect_err_has "error: --since 2025-01-01 is after --until 2024-01-01"
run events --db "$db" --format xml
expect_status 2
expect_err_has "error: unknown format 'xml' (use table, jsonl or csv)"
run export --db "$db" --format tsv
expect_status 2
expect_err_has "error: unknown format 'tsv' (use phoenix, gdelt, plover, csv or jsonl)"
run events --db "$db" --quad 5
expect_status 2
expect_err_has "error: invalid quad class '5' (want 1 to 4, or a list such as 3,4)"
run events --db "$db" --code 05a
expect_status 2
expect_err_has "error: invalid CAMEO code '05a'"
run events --db "$db" --source 'RUS GOV'
expect_status 2
expect_err_has "error: invalid actor code 'RUS GOV'"
run events --db "$db" --limit 0
expect_status 2
expect_err_has "error: invalid limit '0'"
run events --db "$db" --sort sideways
expect_status 2
run events --db "$db" extra
expect_status 2
expect_err_has "error: unexpected argument 'extra'"
run events --db "$db" --words '"unbalanced'
expect_status 2
expect_err_has "unbalanced quote"
run search --db "$db"
expect_status 2
expect_err_has "error: no words to search for"
run timeline --db "$db" RUS
expect_status 2
expect_err_has "error: a timeline needs two actor codes"
run dyads --db "$db" --code 05
expect_status 2
run ingest --db "$db" --batch 0
expect_status 2
expect_err_has "error: invalid batch size '0'"

# Stores that are not there or not stores.
run events --db "$T/missing.db"
expect_status 1
expect_stderr "error: store '$T/missing.db' does not exist (make it with 'dyad ingest')"
[ ! -e "$T/missing.db" ] || bad "a query created the store"
run dyads --db examples/wire.jsonl
expect_status 1
expect_err_has "is not a dyad store"
run stats --db "$T"
expect_status 1
expect_err_has "Is a directory"
: >"$T/empty.db"
run actors --db "$T/empty.db"
expect_status 1
expect_err_has "is not a dyad store (an empty database)"
printf 'SQLite format 3\000garbage' >"$T/broken.db"
run events --db "$T/broken.db"
expect_clean_status
expect_clean_stderr

# Pre-coded events with mistakes: each is reported with file:line.
{
	echo '{"type":"event","doc":"a","sent":0,"date":"2024-13-01","source":{"code":"RUS"},"target":{"code":"AFG"},"code":"054","quad":1,"goldstein":6,"evidence":"x","offsets":[0,1]}'
	echo 'not json'
	echo '{"type":"event","sent":0}'
	echo '{"type":"event","doc":"b","sent":0,"source":{"code":"RUS"},"target":{"code":"AFG"},"code":"x","quad":1,"goldstein":6,"evidence":"x","offsets":[0,1]}'
	echo '{"type":"quote","doc":"c"}'
	echo '{"type":"place","doc":"c"}'
	echo '[1,2]'
} >"$T/bad-events.jsonl"
run ingest --db "$T/ev.db" --events "$T/bad-events.jsonl"
expect_status 1
expect_err_has "bad-events.jsonl:1: malformed date '2024-13-01' (want YYYY-MM-DD, YYYY-MM or YYYY)"
expect_err_has "bad-events.jsonl:2: "
expect_err_has "bad-events.jsonl:3: 'doc' is missing"
expect_err_has "bad-events.jsonl:4: 'code' is missing or not a CAMEO code"
expect_err_has "bad-events.jsonl:5: 'sent' is missing or not a sentence number"
expect_err_has "bad-events.jsonl:7: not a JSON object"
expect_err_has "1 line of other types than \"event\" and \"quote\" ignored"
expect_clean_stderr

# Every file of tests/nasty as documents and as events: clean messages.
for f in tests/nasty/*; do
	case $f in *README.md | *.py) continue ;; esac
	run ingest --db "$T/nasty.db" -q "$f"
	expect_clean_status
	expect_clean_stderr
	run ingest --db "$T/nasty-ev.db" -q --events "$f"
	expect_clean_status
	expect_clean_stderr
done
run check --db "$T/nasty.db"
expect_status 0
finish
