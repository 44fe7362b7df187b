#!/bin/sh
# `dyad code FILE.xml` with PETRARCH's XML input (<Sentence date id>,
# <Text>, <Parse>) and --dict FILE (repeatable, the format known by the
# content): JSONL with doc = the sentence id, coded over the record's parse
# tree. An empty <Text> is the words of the parse. With the Phoenix
# dictionaries, when present, PETRARCH's GigaWord sample gives events.
. "$(dirname "$0")/lib.sh"

# Made-up dictionaries in PETRARCH's formats, and input.
cat >"$T/v.txt" <<'X'
####### VERB PATTERNS #######
--- CRITICIZE [121] ---
CRITICIZE
CRITICIZED
- * OVER $ [122]

--- MEET [040] ---
MEET
MET
X
cat >"$T/a.txt" <<'X'
KARVONIA [KRV]
LESTRIA [LST]
TAMBERG [TMB]
X
cat >"$T/g.txt" <<'X'
GOVERNMENT [~GOV]
X
cat >"$T/in.xml" <<'X'
<Sentences>
<Sentence date="20200105" id="K-1" source="test" sentence="True">
<Text>
Karvonia criticized Lestria on Monday.
</Text>
<Parse>
(ROOT (S (NP (NNP Karvonia)) (VP (VBD criticized) (NP (NNP Lestria)) (PP (IN on) (NP (NNP Monday)))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200106" id="K-2" source="test" sentence="True">
<Text>
The Lestria government met Tamberg.
</Text>
<Parse>
(ROOT (S (NP (DT The) (NNP Lestria) (NN government)) (VP (VBD met) (NP (NNP Tamberg))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200107" id="K-3" source="test" sentence="True">
<Text>
</Text>
<Parse>
(ROOT (S (NP (NNP Tamberg)) (VP (VBD met) (NP (NNP Karvonia))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200108" id="K-4" source="test" sentence="True">
<Text>
The ferry sailed when nobody met anyone.
</Text>
<Parse>
(ROOT (S (NP (DT The) (NN ferry)) (VP (VBD sailed) (SBAR (IN when) (S (NP (NN nobody)) (VP (VBD met) (NP (NN anyone)))))) (. .)))
</Parse>
</Sentence>
</Sentences>
X
run code --dict "$T/v.txt" --dict "$T/a.txt" --dict "$T/g.txt" "$T/in.xml"
expect_status 0
expect_clean_stderr
[ "$(grep -c '"type":"event"' "$T/out")" = 3 ] || { bad "expected 3 events"; show "$T/out"; }
expect_out_has '"doc":"K-1","sent":0,"date":"2020-01-05"'
expect_out_has '"source":{"code":"KRV","name":"KARVONIA","text":"Karvonia"},"target":{"code":"LST","name":"LESTRIA","text":"Lestria"},"code":"121"'
expect_out_has '"doc":"K-2"'
expect_out_has '"source":{"code":"LSTGOV"'
expect_out_has '"doc":"K-3"'
expect_out_lacks '"doc":"K-4"'

# A dictionary that is not there.
run code --dict "$T/v.txt" --dict "$T/none.txt" "$T/in.xml"
expect_status 1
expect_err_match "^error: .*none\.txt"

# PETRARCH's GigaWord sample (real news) with the Phoenix dictionaries.
shared=$(shared_dir)
d=$shared/peers/petrarch2/dictionaries
gw=$shared/peers/petrarch2/text/GigaWord.sample.PETR.xml
if [ -n "$shared" ] && [ -f "$gw" ] && [ -f "$d/CAMEO.2.0.txt" ]; then
	run code --quiet --dict "$d/CAMEO.2.0.txt" --dict "$d/Phoenix.Countries.actors.txt" \
		--dict "$d/Phoenix.International.actors.txt" --dict "$d/Phoenix.MilNonState.actors.txt" \
		--dict "$d/Phoenix.agents.txt" --dict "$d/Phoenix.discards.txt" --dict "$d/Phoenix.IssueCoding.txt" "$gw"
	expect_status 0
	n=$(grep -c '"type":"event"' "$T/out")
	[ "$n" -ge 50 ] || bad "GigaWord sample: only $n events"
	# A ratification (031) between Ukraine and the EU; Israel releasing (084) a Palestinian official.
	grep '"doc":"GOLD_4"' "$T/out" | grep '"source":{"code":"UKR"' | grep -q '"code":"031"' || bad "GOLD_4: no UKR 031"
	grep '"doc":"AFP0808020857_1"' "$T/out" | grep '"source":{"code":"ISR"' | grep -q '"code":"084"' || bad "AFP0808020857_1: no ISR 084"
	# Two records share the id GOLD_9: the second is GOLD_9:LINE.
	grep -q '"doc":"GOLD_9"' "$T/out" && grep -q '"doc":"GOLD_9:[0-9]*"' "$T/out" || bad "GOLD_9: the two records are not told apart"
fi
finish
