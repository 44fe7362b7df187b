#!/bin/sh
# The reader gives every command what the TABARI/PETRARCH coder needs
# beside the text (dy_doc.record, dy_doc.parse), not only `dyad code`: a
# TABARI record is coded as one unit and a PETRARCH record over its
# <Parse> tree by `dyad ingest` too, so the store holds the events `dyad
# code` writes.
. "$(dirname "$0")/lib.sh"

# ---- TABARI records: one unit each ------------------------------------------------
cat >"$T/k.actors" <<'X'
KARVONIA  [KRV]
LESTRIA  [LST]
X
cat >"$T/k.verbs" <<'X'
PRAISE  [051]
ATTACK  [190]
X
# Coded as one unit, the record gives one event (split into sentences it
# would give two).
cat >"$T/k.text" <<'X'
200106 KRV-02
Karvonia praised Lestria on Monday for its bold new reforms. Lestria attacked Karvonia on Tuesday with heavy artillery.
X
run code --dict "$T/k.actors" --dict "$T/k.verbs" "$T/k.text"
expect_status 0
[ "$(grep -c '"type":"event"' "$T/out")" = 1 ] || { bad "code: expected 1 event"; show "$T/out"; }
run ingest -q --db "$T/t.db" --dict "$T/k.actors" --dict "$T/k.verbs" "$T/k.text"
expect_status 0
run events --db "$T/t.db" --format csv
expect_status 0
[ "$(grep -c ',KRV-02,' "$T/out")" = 1 ] || { bad "ingest: expected 1 event, as 'dyad code' gives"; show "$T/out"; }

# ---- PETRARCH records: over the parse ---------------------------------------------
cat >"$T/v.txt" <<'X'
####### VERB PATTERNS #######
--- CRITICIZE [121] ---
CRITICIZE
CRITICIZED
X
cat >"$T/a.txt" <<'X'
KARVONIA [KRV]
LESTRIA [LST]
X
# The parse says Lestria criticized Karvonia; the text the other way round:
# the event follows the parse.
cat >"$T/in.xml" <<'X'
<Sentences>
<Sentence date="20200105" id="K-1" source="test" sentence="True">
<Text>
Karvonia criticized Lestria on Monday.
</Text>
<Parse>
(ROOT (S (NP (NNP Lestria)) (VP (VBD criticized) (NP (NNP Karvonia)) (PP (IN on) (NP (NNP Monday)))) (. .)))
</Parse>
</Sentence>
</Sentences>
X
run code --dict "$T/v.txt" --dict "$T/a.txt" "$T/in.xml"
expect_status 0
expect_out_has '"source":{"code":"LST"'
run ingest -q --db "$T/p.db" --dict "$T/v.txt" --dict "$T/a.txt" "$T/in.xml"
expect_status 0
run events --db "$T/p.db" --format jsonl
expect_status 0
expect_out_has '"source":{"code":"LST"'
expect_out_has '"target":{"code":"KRV"'
finish
