#!/bin/sh
# The store keeps the PETRARCH issues of event mentions (event_mentions.
# issues, as `dyad code` writes them): `dyad ingest --events` reads them,
# `dyad events --format jsonl` lists them per mention, `dyad export
# --format phoenix` fills its Issues column ("OIL 1, SCHOOLS 3": codes in
# the order first seen, counts summed over the distinct sentences of the
# event's mentions). A malformed issues value names file:line. With
# PETRARCH's dictionaries in ../shared, issues coded by dyad arrive in the
# store too. The sentences are written for this test.
. "$(dirname "$0")/lib.sh"

db=$T/issues.db

# ---- ingest --events with issues ---------------------------------------------------
# One visit, reported by two documents: d1 in one sentence (two events of
# the same key there: the sentence counts once), d2 in another; d3 is an
# event without issues.
cat >"$T/ev.jsonl" <<'X'
{"type":"event","doc":"d1","sent":0,"date":"2021-03-04","source":{"code":"FRA","name":"France","text":"France"},"target":{"code":"DEU","name":"Germany","text":"Germany"},"code":"042","root":"04","quad":1,"goldstein":1.9,"plover":"CONSULT","name":"Make a visit","evidence":"France visited Germany to talk about oil and schools.","offsets":[0,53],"trigger":{"text":"visited","offsets":[7,14]},"rule":"r1","pattern":"p1","location":null,"issues":[{"code":"OIL","category":"ENERGY","count":1,"text":"oil","offsets":[37,40]},{"code":"SCHOOLS","category":"EDUCATION","count":1,"text":"schools","offsets":[45,52]}]}
{"type":"event","doc":"d1","sent":0,"date":"2021-03-04","source":{"code":"FRA","name":"France","text":"France"},"target":{"code":"DEU","name":"Germany","text":"Germany"},"code":"0421","root":"04","quad":1,"goldstein":1.9,"plover":"CONSULT","name":"Make a visit","evidence":"France visited Germany to talk about oil and schools.","offsets":[0,53],"trigger":{"text":"visited","offsets":[7,14]},"rule":"r2","pattern":"p2","location":null,"issues":[{"code":"OIL","category":"ENERGY","count":1,"text":"oil","offsets":[37,40]},{"code":"SCHOOLS","category":"EDUCATION","count":1,"text":"schools","offsets":[45,52]}]}
{"type":"event","doc":"d2","sent":1,"date":"2021-03-05","source":{"code":"FRA","name":"France","text":"The French"},"target":{"code":"DEU","name":"Germany","text":"Germany"},"code":"042","root":"04","quad":1,"goldstein":1.9,"plover":"CONSULT","name":"Make a visit","evidence":"The French went to Germany over school fees and school buses.","offsets":[20,81],"trigger":{"text":"went","offsets":[31,35]},"rule":"r1","pattern":"p1","location":null,"issues":[{"code":"SCHOOLS","category":null,"count":2,"text":"school","offsets":[52,58]}]}
{"type":"event","doc":"d3","sent":0,"date":"2021-06-01","source":{"code":"ITA","name":"Italy","text":"Italy"},"target":{"code":"ESP","name":"Spain","text":"Spain"},"code":"042","root":"04","quad":1,"goldstein":1.9,"plover":"CONSULT","name":"Make a visit","evidence":"Italy visited Spain.","offsets":[0,20],"trigger":{"text":"visited","offsets":[6,13]},"rule":"r1","pattern":"p1","location":null}
X
run ingest --db "$db" --events "$T/ev.jsonl"
expect_status 0
expect_err_match "^dyad: 3 documents stored in "

run events --db "$db" --format jsonl
expect_status 0
[ "$(wc -l <"$T/out")" = 2 ] || { bad "events: not two events"; show "$T/out"; }
expect_out_has '"issues":[{"code":"OIL","category":"ENERGY","count":1,"text":"oil","offsets":[37,40]},{"code":"SCHOOLS","category":"EDUCATION","count":1,"text":"schools","offsets":[45,52]}]'
expect_out_has '"issues":[{"code":"SCHOOLS","category":null,"count":2,"text":"school","offsets":[52,58]}]'
# Three mentions with issues, none on the event without.
[ "$(grep -o '"issues":' "$T/out" | wc -l)" = 3 ] || bad "events: not three mentions with issues"
grep '"ITA"' "$T/out" | grep -q '"issues"' && bad "events: issues on an event that has none"

run export --db "$db" --format phoenix
expect_status 0
awk -F'\t' 'NF != 26 { printf "# line %d has %d fields\n", NR, NF; bad = 1 } END { exit bad }' "$T/out" ||
	bad "phoenix: lines without 26 fields"
awk -F'\t' '$6 == "FRA" { print $18 }' "$T/out" >"$T/fra"
[ "$(cat "$T/fra")" = "OIL 1, SCHOOLS 3" ] || { bad "phoenix: Issues of the FRA event is '$(cat "$T/fra")'"; show "$T/out"; }
awk -F'\t' '$6 == "ITA" { print $18 }' "$T/out" >"$T/ita"
[ "$(cat "$T/ita")" = "" ] || bad "phoenix: Issues of the ITA event is '$(cat "$T/ita")', expected empty"
run export --db "$db" --format phoenix --header
expect_status 0
head -n 1 "$T/out" | cut -f18 | grep -qx Issues || bad "phoenix --header: column 18 is not Issues"

run check --db "$db"
expect_status 0

# ---- malformed issues ---------------------------------------------------------------
good=$(sed -n 4p "$T/ev.jsonl")
{
	printf '%s\n' "$good" | sed 's/"doc":"d3"/"doc":"m1"/; s/}$/,"issues":"OIL"}/'
	printf '%s\n' "$good" | sed 's/"doc":"d3"/"doc":"m2"/; s/}$/,"issues":[{"code":"OIL","count":"one"}]}/'
	printf '%s\n' "$good" | sed 's/"doc":"d3"/"doc":"m3"/; s/}$/,"issues":[{"count":1}]}/'
	printf '%s\n' "$good" | sed 's/"doc":"d3"/"doc":"m4"/; s/}$/,"issues":[{"code":"OIL","count":1,"offsets":[9]}]}/'
} >"$T/bad.jsonl"
run ingest --db "$T/bad.db" --events "$T/bad.jsonl"
expect_status 1
expect_err_has "$T/bad.jsonl:1: 'issues' is not an array of issues"
expect_err_has "$T/bad.jsonl:2: issue 1 of 'issues': 'count' is missing or not a positive integer"
expect_err_has "$T/bad.jsonl:3: issue 1 of 'issues': 'code' is missing or not a string"
expect_err_has "$T/bad.jsonl:4: issue 1 of 'issues': 'offsets' is not [start, end]"
expect_clean_stderr

# ---- issues coded with PETRARCH's dictionaries ----------------------------------------
shared=$(shared_dir)
d=$shared/peers/petrarch2/dictionaries
if [ -n "$shared" ] && [ -f "$d/CAMEO.2.0.txt" ] && [ -f "$d/Phoenix.IssueCoding.txt" ]; then
	set -- --dict "$d/CAMEO.2.0.txt" --dict "$d/Phoenix.Countries.actors.txt" \
		--dict "$d/Phoenix.International.actors.txt" --dict "$d/Phoenix.MilNonState.actors.txt" \
		--dict "$d/Phoenix.agents.txt" --dict "$d/Phoenix.discards.txt" --dict "$d/Phoenix.IssueCoding.txt"
	cat >"$T/p.jsonl" <<'X'
{"id":"p1","date":"2020-07-02","text":"Egypt sent food aid to Sudan after the long drought."}
X
	run ingest --db "$T/petr.db" --quiet "$@" "$T/p.jsonl"
	expect_status 0
	run events --db "$T/petr.db" --format jsonl
	expect_status 0
	expect_out_has '{"code":"WATER_SECURITY","category":"SHORTAGE","count":1,"text":"drought"'
	run export --db "$T/petr.db" --format phoenix
	expect_status 0
	cut -f18 "$T/out" | grep -q 'WATER_SECURITY 1' || { bad "phoenix: no WATER_SECURITY issue"; show "$T/out"; }
	# dyad code's JSONL, ingested with --events, keeps the same issues.
	run code --quiet "$@" "$T/p.jsonl"
	expect_status 0
	grep '"issues"' "$T/out" | head -n 1 | sed 's/.*"issues"://; s/}$//' >"$T/coded"
	cp "$T/out" "$T/p.events.jsonl"
	run ingest --db "$T/petr2.db" --events "$T/p.events.jsonl"
	expect_status 0
	run events --db "$T/petr2.db" --format jsonl
	expect_status 0
	if [ -s "$T/coded" ]; then
		expect_out_has "\"issues\":$(cat "$T/coded")"
	else
		bad "code: no event with issues"
	fi
else
	echo "# PETRARCH's Phoenix dictionaries are not in ../shared/peers/petrarch2/dictionaries: skipping the coded part"
fi
finish
