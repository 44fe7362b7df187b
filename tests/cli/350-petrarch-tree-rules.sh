#!/bin/sh
# Coding over PETRARCH parse trees (made-up dictionaries and sentences):
# a clause under a verb whose subject names no actor ("he said [...]") is
# not coded; a city named by a synonym of its country in a locative
# phrase ("met in Portvale") is where, not who; a dateline names no actor;
# coercion or violence in the passive without "by" has the subject as its
# victim; an agent composes with the actor of its own phrase. And: a
# pronoun stands for the subject of the clause around its own ("the
# Lestrian government said it ..."); a verb's patterns do not reach into a
# passive clause below it nor into an adverbial one; a target is not under
# more than two clauses below its verb; an actor's name inside the name of
# a sea is a place; a determiner and an adjective without their noun are
# no actor; the pattern's own words are not its target, and a show of
# force is aimed at the place it happens in; a head without an actor takes
# its "of" phrase's; a compound after the verb is the target of the verb's
# subject; ^ skips a noun phrase; a possessive pronoun names no actor.
# And: a pattern's words do not reach into a clause with a subject of its
# own ("said [a step enjoyed support]", "wants [Y to attack]"); verb
# phrases joined under one subject share it; the agent of a passive
# without "by" is inside the participle's phrase, not the object of
# "against" nor in a clause below it; a pattern's target inside the "by"
# phrase is the source ("blown up by a missile fired by X"); a passive
# with "by" reads its subject as the object; a reported passive clause
# that names its agent ("by X", "from X") is a clause of its own. Output:
# a <Text> without the words of the parse is replaced by them; a repeated
# record id becomes "ID:LINE".
. "$(dirname "$0")/lib.sh"

cat >"$T/v.txt" <<'X'
####### VERB PATTERNS #######
--- SAY [010] ---
SAY
SAID
- * ATTACK  [190]
- * SUPPORT  [032]

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

--- ATTACK [190] ---
ATTACK
ATTACKED

--- COME [---] ---
COMES
- * TO  [040]

--- WITHDRAW [---] ---
WITHDREW
- * FROM +  [0874]

--- CONDUCT [---] ---
CONDUCTING
- * MILITARY EXERCISES  [150]

--- AGREE [030] ---
AGREES
- * WITH %  [031]

--- WANT [030] ---
WANTS
- * ATTACK  [138]

--- FIRE [190] ---
FIRED

--- RELEASE [084] ---
RELEASED

--- IMPRISON [173] ---
IMPRISONED

--- BLOW [---] ---
BLOWN
- * MISSILE +  [194]

--- PRESENT [---] ---
PRESENTED
- * EVIDENCE  [112]

--- WARN [160] ---
WARNED
- * THEIR ^ ABOUT +  [162]
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
MILITARY [~MIL]
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
<Sentence date="20200110" id="R-1" source="test" sentence="True">
<Text>
Karvonia proposed talks and the Lestrian government said it was unaware.
</Text>
<Parse>
(ROOT (S (S (NP (NNP Karvonia)) (VP (VBD proposed) (NP (NNS talks)))) (CC and) (S (NP (DT the) (JJ Lestrian) (NN government)) (VP (VBD said) (SBAR (S (NP (PRP it)) (VP (VBD was) (ADJP (JJ unaware))))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200110" id="R-2" source="test" sentence="True">
<Text>
Karvonia said a shell was fired at it from Lestria in an attack.
</Text>
<Parse>
(ROOT (S (NP (NNP Karvonia)) (VP (VBD said) (SBAR (S (NP (DT a) (NN shell)) (VP (VBD was) (VP (VBN fired) (PP (IN at) (NP (PRP it))) (PP (IN from) (NP (NNP Lestria))) (PP (IN in) (NP (DT an) (NN attack)))))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200110" id="R-3" source="test" sentence="True">
<Text>
The statement by Karvonia comes a day before Lestria heads to Tamberg.
</Text>
<Parse>
(ROOT (S (NP (NP (DT The) (NN statement)) (PP (IN by) (NP (NNP Karvonia)))) (VP (VBZ comes) (SBAR (NP (DT a) (NN day)) (IN before) (S (NP (NNP Lestria)) (VP (VBZ heads) (PP (TO to) (NP (NNP Tamberg))))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200110" id="R-4" source="test" sentence="True">
<Text>
Karvonia said it will send a team to help find Lestrian soldiers.
</Text>
<Parse>
(ROOT (S (NP (NNP Karvonia)) (VP (VBD said) (SBAR (S (NP (PRP it)) (VP (MD will) (VP (VB send) (NP (DT a) (NN team)) (S (VP (TO to) (VP (VB help) (S (VP (VB find) (NP (JJ Lestrian) (NNS soldiers)))))))))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200111" id="F-1" source="test" sentence="True">
<Text>
Karvonia attacked ships in the South Lestria Sea.
</Text>
<Parse>
(ROOT (S (NP (NNP Karvonia)) (VP (VBD attacked) (NP (NNS ships)) (PP (IN in) (NP (DT the) (NNP South) (NNP Lestria) (NNP Sea)))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200111" id="F-2" source="test" sentence="True">
<Text>
Karvonian soldiers withdrew from the Lestrian to the old border.
</Text>
<Parse>
(ROOT (S (NP (JJ Karvonian) (NNS soldiers)) (VP (VBD withdrew) (PP (IN from) (NP (DT the) (JJ Lestrian))) (PP (TO to) (NP (DT the) (JJ old) (NN border)))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200111" id="F-3" source="test" sentence="True">
<Text>
Karvonia is conducting military exercises in Tamberg.
</Text>
<Parse>
(ROOT (S (NP (NNP Karvonia)) (VP (VBZ is) (VP (VBG conducting) (NP (JJ military) (NNS exercises)) (PP (IN in) (NP (NNP Tamberg))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200112" id="C-1" source="test" sentence="True">
<Text>
Sheep of Karvonia and Lestria's goats attacked Tamberg.
</Text>
<Parse>
(ROOT (S (NP (NP (NP (NNS Sheep)) (PP (IN of) (NP (NNP Karvonia)))) (CC and) (NP (NP (NNP Lestria) (POS 's)) (NNS goats))) (VP (VBD attacked) (NP (NNP Tamberg))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200112" id="C-2" source="test" sentence="True">
<Text>
Tamberg agrees with Karvonia and Lestria.
</Text>
<Parse>
(ROOT (S (NP (NNP Tamberg)) (VP (VBZ agrees) (PP (IN with) (NP (NNP Karvonia) (CC and) (NNP Lestria)))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200112" id="C-3" source="test" sentence="True">
<Text>
Tamberg warned their citizens about Karvonia.
</Text>
<Parse>
(ROOT (S (NP (NNP Tamberg)) (VP (VBD warned) (NP (PRP$ their) (NNS citizens)) (PP (IN about) (NP (NNP Karvonia)))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200112" id="C-4" source="test" sentence="True">
<Text>
Lestria said Karvonia attacked its embassy.
</Text>
<Parse>
(ROOT (S (NP (NNP Lestria)) (VP (VBD said) (SBAR (S (NP (NNP Karvonia)) (VP (VBD attacked) (NP (PRP$ its) (NN embassy)))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200113" id="W-1" source="test" sentence="True">
<Text>
Karvonia said such a step enjoyed support from Lestria.
</Text>
<Parse>
(ROOT (S (NP (NNP Karvonia)) (VP (VBD said) (SBAR (S (NP (PDT such) (DT a) (NN step)) (VP (VBD enjoyed) (NP (NP (NN support)) (PP (IN from) (NP (NNP Lestria)))))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200113" id="W-2" source="test" sentence="True">
<Text>
Karvonia wants Lestria to attack Tamberg.
</Text>
<Parse>
(ROOT (S (NP (NNP Karvonia)) (VP (VBZ wants) (S (NP (NNP Lestria)) (VP (TO to) (VP (VB attack) (NP (NNP Tamberg)))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200113" id="W-3" source="test" sentence="True">
<Text>
Karvonia wants to attack Tamberg.
</Text>
<Parse>
(ROOT (S (NP (NNP Karvonia)) (VP (VBZ wants) (S (VP (TO to) (VP (VB attack) (NP (NNP Tamberg)))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200113" id="S-1" source="test" sentence="True">
<Text>
Lestria said that Karvonia had met Tamberg and attacked the city of Tamberg.
</Text>
<Parse>
(ROOT (S (NP (NNP Lestria)) (VP (VBD said) (SBAR (IN that) (S (NP (NNP Karvonia)) (VP (VBD had) (VP (VP (VBN met) (NP (NNP Tamberg))) (CC and) (VP (VBN attacked) (NP (NP (DT the) (NN city)) (PP (IN of) (NP (NNP Tamberg)))))))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200114" id="B-1" source="test" sentence="True">
<Text>
The soldiers imprisoned for acting against Karvonia were released by Lestria.
</Text>
<Parse>
(ROOT (S (NP (NP (DT The) (NNS soldiers)) (VP (VBN imprisoned) (PP (IN for) (S (VP (VBG acting) (PP (IN against) (NP (NNP Karvonia)))))))) (VP (VBD were) (VP (VBN released) (PP (IN by) (NP (NNP Lestria))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200114" id="B-2" source="test" sentence="True">
<Text>
The Karvonian plane was blown up by a missile fired by Lestrian soldiers.
</Text>
<Parse>
(ROOT (S (NP (DT The) (JJ Karvonian) (NN plane)) (VP (VBD was) (VP (VBN blown) (PRT (RP up)) (PP (IN by) (NP (NP (DT a) (NN missile)) (VP (VBN fired) (PP (IN by) (NP (JJ Lestrian) (NNS soldiers)))))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200114" id="B-3" source="test" sentence="True">
<Text>
Evidence against Karvonia was presented by Lestria.
</Text>
<Parse>
(ROOT (S (NP (NP (NN Evidence)) (PP (IN against) (NP (NNP Karvonia)))) (VP (VBD was) (VP (VBN presented) (PP (IN by) (NP (NNP Lestria))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200114" id="B-4" source="test" sentence="True">
<Text>
Tamberg said eight soldiers were killed in a strike by the Karvonian army.
</Text>
<Parse>
(ROOT (S (NP (NNP Tamberg)) (VP (VBD said) (SBAR (S (NP (CD eight) (NNS soldiers)) (VP (VBD were) (VP (VBN killed) (PP (IN in) (NP (DT a) (NN strike))) (PP (IN by) (NP (DT the) (JJ Karvonian) (NN army)))))))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200115" id="T-1" source="test" sentence="True">
<Text>
Someone met somebody.
</Text>
<Parse>
(ROOT (S (NP (NNP Karvonia)) (VP (VBD met) (NP (NNP Lestria) (POS 's) (NN army))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200115" id="DUP" source="test" sentence="True">
<Text>
Karvonia met Lestria.
</Text>
<Parse>
(ROOT (S (NP (NNP Karvonia)) (VP (VBD met) (NP (NNP Lestria))) (. .)))
</Parse>
</Sentence>
<Sentence date="20200115" id="DUP" source="test" sentence="True">
<Text>
Tamberg met Lestria.
</Text>
<Parse>
(ROOT (S (NP (NNP Tamberg)) (VP (VBD met) (NP (NNP Lestria))) (. .)))
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
lacks() { # lacks DOC PATTERN: no event of DOC matches PATTERN
	! grep "\"doc\":\"$1\"" "$T/ev" | grep -q -- "$2" || { bad "$1: an event matches '$2'"; show "$T/ev"; }
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
none R-1
has R-2 LST KRV 190
lacks R-2 '"source":{"code":"KRV"'
none R-3
none R-4
none F-1
none F-2
has F-3 KRV TMB 150
lacks F-3 -MIL
has C-1 KRV TMB 190
has C-1 LST TMB 190
has C-2 TMB KRV 031
has C-2 TMB LST 031
lacks C-2 '"source":{"code":"KRV"'
has C-3 TMB KRV 162
has C-4 LST KRV 010
lacks C-4 '"source":{"code":"KRV"'
has W-1 KRV LST 010
lacks W-1 '"code":"032"'
has W-2 KRV LST 030
lacks W-2 '"code":"138"'
has W-3 KRV TMB 138
has S-1 KRV TMB 190
lacks S-1 '"source":{"code":"LST".*"code":"190"'
has B-1 LST ---MIL 084
lacks B-1 '"code":"173"'
has B-2 LSTMIL KRV 194
has B-3 LST KRV 112
has B-4 KRVMIL ---MIL 190
grep '"doc":"T-1"' "$T/ev" | grep -q '"target":{"code":"LSTMIL"[^}]*"text":"Lestria.s army"' ||
	{ bad "T-1: the target's text is not the parse's words"; show "$T/ev"; }
grep '"doc":"T-1"' "$T/ev" | grep -q '"evidence":"Karvonia met Lestria.s army\."' ||
	{ bad "T-1: the evidence is not the parse's words"; show "$T/ev"; }
has DUP KRV LST 040
grep -q '"doc":"DUP:[0-9]*".*"source":{"code":"TMB"' "$T/ev" || { bad "DUP: the second record keeps the id"; show "$T/ev"; }
finish
