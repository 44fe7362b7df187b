#!/bin/sh
# For ordinary input (text, JSONL), --dict with TABARI or PETRARCH
# dictionaries replaces dyad's own: the text is split into sentences and
# each is coded with them; dyad's own actors are not used. --explain shows
# the coder's trace. TABARI codes no sentence of fewer than 8 words.
. "$(dirname "$0")/lib.sh"

cat >"$T/k.actors" <<'X'
KARVONIA  [KRV]
LESTRIA  [LST]
X
cat >"$T/k.verbs" <<'X'
PRAISE  [051]
ATTACK  [190]
X
cat >"$T/in.jsonl" <<'X'
{"id":"j1","date":"2021-03-04","text":"Karvonia praised Lestria on Monday for its bold new reforms. Russia attacked Ukraine on Tuesday with missiles and drones."}
{"id":"j2","date":"2021-03-05","text":"Lestria attacked Karvonia."}
X
run code --dict "$T/k.actors" --dict "$T/k.verbs" "$T/in.jsonl"
expect_status 0
expect_clean_stderr
[ "$(grep -c '"type":"event"' "$T/out")" = 1 ] || { bad "expected 1 event"; show "$T/out"; }
expect_out_has '"doc":"j1","sent":0,"date":"2021-03-04"'
expect_out_has '"source":{"code":"KRV","name":"KARVONIA","text":"Karvonia"},"target":{"code":"LST","name":"LESTRIA","text":"Lestria"},"code":"051"'
expect_out_lacks '"code":"RUS"'

run code --explain --dict "$T/k.actors" --dict "$T/k.verbs" "$T/in.jsonl"
expect_status 0
expect_out_has 'verb PRAISED'

# Plain text on stdin, several threads: the same events.
printf 'Karvonia praised Lestria on Monday for its bold new reforms.\n' >"$T/in.txt"
STDIN=$T/in.txt run code --threads 2 --dict "$T/k.actors" --dict "$T/k.verbs" -
expect_status 0
expect_out_has '"code":"051"'

# A malformed line is skipped with a warning naming it (dict check lists them all).
printf 'KARVONIA  [KRV]\nLESTRIA  [L$T]\n' >"$T/bad.actors"
run code --dict "$T/bad.actors" --dict "$T/k.verbs" "$T/in.jsonl"
expect_status 0
expect_err_match "^warning: 1 malformed dictionary line skipped, the first: $T/bad\.actors:2:11: "
finish
