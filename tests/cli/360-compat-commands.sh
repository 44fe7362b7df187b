#!/bin/sh
# Every command that loads a coder with --dict uses the dictionaries it is
# given: with PETRARCH's Phoenix dictionaries, `dyad explain`, `dyad golden`
# and `dyad ingest` (like `dyad code`) code with the TABARI/PETRARCH coder,
# whose events cite the Phoenix files and differ from dyad's own. Events
# carry the PETRARCH issues of their sentence ("issues"), unless an ignore
# phrase cancels them. The sentences are written for this test.
. "$(dirname "$0")/lib.sh"

shared=$(shared_dir)
d=$shared/peers/petrarch2/dictionaries
[ -n "$shared" ] && [ -f "$d/CAMEO.2.0.txt" ] && [ -f "$d/Phoenix.IssueCoding.txt" ] ||
	skip "PETRARCH's Phoenix dictionaries are not in ../shared/peers/petrarch2/dictionaries"

set -- --dict "$d/CAMEO.2.0.txt" --dict "$d/Phoenix.Countries.actors.txt" \
	--dict "$d/Phoenix.International.actors.txt" --dict "$d/Phoenix.MilNonState.actors.txt" \
	--dict "$d/Phoenix.agents.txt" --dict "$d/Phoenix.discards.txt" --dict "$d/Phoenix.IssueCoding.txt"

# ---- explain ----------------------------------------------------------------
s1="Russian troops attacked Ukrainian soldiers guarding an oil pipeline near the border."
run explain --date 2019-05-14 "$@" "$s1"
expect_status 0
expect_out_has "coder: dyad's TABARI/PETRARCH coder"
expect_out_has "Phoenix.Countries.actors.txt (PETRARCH actors)"
expect_out_has "CAMEO.2.0.txt (PETRARCH verbs)"
expect_out_has "Phoenix.IssueCoding.txt (PETRARCH issues)"
expect_out_has "the patterns tried and rejected are not recorded"
# The trace names the Phoenix lines; the event its pattern and rule.
grep -q '^  actor .*(Phoenix\.Countries\.actors\.txt:[0-9]*)' "$T/out" || bad "explain: no actor from the Phoenix actors"
grep -q '^  verb ATTACKED (CAMEO\.2\.0\.txt:[0-9]*)' "$T/out" || bad "explain: no verb from CAMEO.2.0.txt"
grep -q '^  event 0 (190 RUSMIL -> UKRMIL in sentence 0): pattern ".*", rule CAMEO\.2\.0\.txt:[0-9]* Phoenix\.Countries\.actors\.txt:' "$T/out" ||
	{ bad "explain: no 190 event with its Phoenix provenance"; show "$T/out"; }
expect_out_has "issue OIL in ENERGY x1 from 'oil'"
expect_out_has "issues OIL 1"
expect_out_lacks "tokens:"

# JSONL: the rule cites the Phoenix files, never dyad's; names are the dictionary's.
run explain --format jsonl --date 2019-05-14 "$@" "$s1"
expect_status 0
expect_out_has '"source":{"code":"RUSMIL","name":"RUSSIAN FEDERATION","text":"Russian troops"}'
expect_out_has '"issues":[{"code":"OIL","category":"ENERGY","count":1,"text":"oil","offsets":[55,58]}]'
expect_out_lacks 'verbs.txt'
cp "$T/out" "$T/phoenix.jsonl"

# dyad's own coder on the same sentence: other rules, no issues.
run explain --format jsonl --date 2019-05-14 "$s1"
expect_status 0
grep -q '"rule":"verbs\.txt:' "$T/out" || bad "dyad's own coder: no rule from verbs.txt"
expect_out_lacks '"issues"'
expect_out_lacks "coder: dyad's TABARI/PETRARCH coder"
cmp -s "$T/out" "$T/phoenix.jsonl" && bad "explain: the same output with and without the Phoenix dictionaries"

# An ignore phrase ("~palm oil", under ENERGY) cancels the sentence's
# issues of its category, not the others, nor the event.
run explain --format jsonl --date 2019-05-14 "$@" "Russian troops attacked Ukrainian soldiers guarding a palm oil plantation and a school near the border."
expect_status 0
expect_out_has '"code":"190"'
expect_out_has "ignore phrase 'palm oil': no ENERGY issue in this sentence"
expect_out_has '"issues":[{"code":"SCHOOLS","category":"EDUCATION","count":1,"text":"school"'
expect_out_lacks '"code":"OIL"'

# ---- golden ----------------------------------------------------------------------
# Cases whose codes are the Phoenix dictionaries': Turkmenistan is USRTKM in
# Phoenix.Countries.actors.txt and TKM in dyad's countries.txt.
cat >"$T/phoenix.golden" <<'X'
date: 2019-05-14
> Russian troops attacked Ukrainian soldiers guarding an oil pipeline near the border.
= RUSMIL 190 UKRMIL

> Turkmenistan accused Afghanistan of sheltering militants near their shared border.
= USRTKM 112 AFG
X
run golden "$@" "$T/phoenix.golden"
expect_status 0
expect_out_has "2 passed, 0 failed"
run golden "$T/phoenix.golden"
expect_status 1
expect_out_has "not ok - $T/phoenix.golden:5"

# ---- ingest ----------------------------------------------------------------------
cat >"$T/in.jsonl" <<'X'
{"id":"c1","date":"2019-05-14","text":"Russian troops attacked Ukrainian soldiers guarding an oil pipeline near the border."}
{"id":"c2","date":"2019-05-15","text":"Turkmenistan accused Afghanistan of sheltering militants near their shared border."}
X
db=$T/compat.db
run ingest --db "$db" "$@" "$T/in.jsonl"
expect_status 0
expect_err_match "^dyad: 2 documents stored in "
run events --db "$db" --format jsonl
expect_status 0
expect_out_has '"code":"USRTKM"'
grep -q 'CAMEO\.2\.0\.txt:[0-9]* Phoenix\.Countries\.actors\.txt:' "$T/out" || { bad "ingest: no event with a Phoenix rule"; show "$T/out"; }
expect_out_lacks 'verbs.txt'
# The same input with dyad's own dictionaries is stored with dyad's codes.
run ingest --db "$T/own.db" "$T/in.jsonl"
expect_status 0
run events --db "$T/own.db" --format jsonl
expect_status 0
expect_out_lacks '"code":"USRTKM"'

# ---- code: PETRARCH XML over the parse, with issues ---------------------------------
cat >"$T/in.xml" <<'X'
<Sentences>
<Sentence date="20190514" id="X-1" source="test" sentence="True">
<Text>
The Tajik president praised China for building new schools.
</Text>
<Parse>
(ROOT (S (NP (DT The) (JJ Tajik) (NN president)) (VP (VBD praised) (NP (NNP China)) (PP (IN for) (S (VP (VBG building) (NP (JJ new) (NNS schools)))))) (. .)))
</Parse>
</Sentence>
</Sentences>
X
run code --quiet "$@" "$T/in.xml"
expect_status 0
expect_out_has '"doc":"X-1"'
expect_out_has '"source":{"code":"TJKGOV"'
expect_out_has '"code":"051"'
expect_out_has '{"code":"SCHOOLS","category":"EDUCATION","count":1,"text":"schools"'
# --quiet hides the note about the malformed lines Phoenix's verbs have.
expect_err_lacks "malformed dictionary line"
finish
