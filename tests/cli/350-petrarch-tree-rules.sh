#!/bin/sh
# Coding over PETRARCH parse trees (made-up dictionaries and sentences):
# a clause under a verb whose subject names no actor ("he said [...]") is
# not coded; a city named by a synonym of its country in a locative
# phrase ("met in Portvale") is where, not who; a dateline names no actor;
# coercion or violence in the passive without "by" has the subject as its
# victim; an agent composes with the actor of its own phrase.
. "$(dirname "$0")/lib.sh"

cat >"$T/v.txt" <<'X'
####### VERB PATTERNS #######
--- SAY [010] ---
SAY
SAID

--- PROPOSE [036] ---
PROPOSE
PROPOSED

--- MEET [040] ---
MEET
MET

--- KILL [190] ---
KILL
KILLED

--- BAN [172] ---
BAN
BANNED
X
cat >"$T/a.txt" <<'X'
KARVONIA [KRV]
+KARVONIAN
LESTRIA [LST]
+LESTRIAN
TAMBERG [TMB]
+PORTVALE
X
cat >"$T/g.txt" <<'X'
GOVERNMENT [~GOV]
SOLDIERS [~MIL]
ARMY [~MIL]
X
cat >"$T/in.xml" <<'X'
<Sentences>
<Sentence date="20200105" id="N-1" source="test" sentence="True">
<Text>
He said the government proposed talks with Lestria.
</Text>
<Parse>
(ROOT (S (NP (PRP He)) (VP (VBD said) (SBAR (S (NP (DT the) (NN government)) (VP (VBD proposed) (NP (NNS talks)) (PP (IN with) (NP (NNP Lestria))))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200105" id="N-2" source="test" sentence="True">
<Text>
Karvonia said the government proposed talks with Lestria.
</Text>
<Parse>
(ROOT (S (NP (NNP Karvonia)) (VP (VBD said) (SBAR (S (NP (DT the) (NN government)) (VP (VBD proposed) (NP (NNS talks)) (PP (IN with) (NP (NNP Lestria))))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200106" id="P-1" source="test" sentence="True">
<Text>
Karvonia and Lestria met in Portvale.
</Text>
<Parse>
(ROOT (S (NP (NNP Karvonia) (CC and) (NNP Lestria)) (VP (VBD met) (PP (IN in) (NP (NNP Portvale)))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200106" id="P-2" source="test" sentence="True">
<Text>
Karvonia met in Tamberg.
</Text>
<Parse>
(ROOT (S (NP (NNP Karvonia)) (VP (VBD met) (PP (IN in) (NP (NNP Tamberg)))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200107" id="D-1" source="test" sentence="True">
<Text>
PORTVALE: Karvonia met Lestria.
</Text>
<Parse>
(ROOT (S (NP (NNP PORTVALE)) (: :) (S (NP (NNP Karvonia)) (VP (VBD met) (NP (NNP Lestria)))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200108" id="V-1" source="test" sentence="True">
<Text>
Four soldiers were killed in Karvonian shelling.
</Text>
<Parse>
(ROOT (S (NP (CD Four) (NNS soldiers)) (VP (VBD were) (VP (VBN killed) (PP (IN in) (NP (JJ Karvonian) (NN shelling))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200108" id="V-2" source="test" sentence="True">
<Text>
There were ten Lestrian soldiers killed in Karvonia.
</Text>
<Parse>
(ROOT (S (NP (EX There)) (VP (VBD were) (NP (NP (CD ten) (JJ Lestrian) (NNS soldiers)) (VP (VBN killed) (PP (IN in) (NP (NNP Karvonia)))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200109" id="G-1" source="test" sentence="True">
<Text>
Tamberg banned travel to Karvonia against officers in the Lestrian army matters.
</Text>
<Parse>
(ROOT (S (NP (NNP Tamberg)) (VP (VBD banned) (NP (ADJP (NN travel) (PP (TO to) (NP (NP (NNP Karvonia)) (PP (IN against) (NP (NP (NNS officers)) (PP (IN in) (NP (DT the) (JJ Lestrian) (NN army)))))))) (NNS matters))) (. .)))
</Parse>
</Sentence>
</Sentences>
X
run code --explain --dict "$T/v.txt" --dict "$T/a.txt" --dict "$T/g.txt" "$T/in.xml"
expect_status 0
grep '"type":"event"' "$T/out" >"$T/ev"
has() { # has DOC SOURCE TARGET CODE
	grep "\"doc\":\"$1\"" "$T/ev" | grep "\"source\":{\"code\":\"$2\"" | grep "\"target\":{\"code\":\"$3\"" |
		grep -q "\"code\":\"$4\"" || { bad "$1: no $2 $3 $4"; show "$T/ev"; }
}
none() { # none DOC
	! grep -q "\"doc\":\"$1\"" "$T/ev" || bad "$1: events where none are expected"
}
none N-1
grep -q '"doc":"N-2"' "$T/ev" || bad "N-2: no event"
has P-1 KRV LST 040
has P-1 LST KRV 040
grep '"doc":"P-1"' "$T/ev" | grep -q TMB && bad "P-1: the place is an actor"
has P-2 KRV TMB 040
has D-1 KRV LST 040
grep '"doc":"D-1"' "$T/ev" | grep -q TMB && bad "D-1: the dateline is an actor"
has V-1 KRV ---MIL 190
none V-2
has G-1 TMB LSTMIL 172
finish
