#!/bin/sh
# dyad explain prints the trace (tokens, tags, actors, patterns) and then
# the events.
. "$(dirname "$0")/lib.sh"

run explain --date 2025-07-07 "Russia recognised the Taliban government on Friday."
expect_status 0
for word in token actor pattern; do
	grep -qi "$word" "$T/out" || bad "the trace does not mention '$word'"
done
# Part-of-speech tags: named, or shown as word/TAG.
grep -qiE 'tag|[a-z]/(NNP|VBD|NN|DT)\b' "$T/out" || bad "the trace shows no part-of-speech tags"
expect_out_has "== explain (2025-07-07)"

# Words given as separate arguments are one sentence.
cp "$T/out" "$T/one"
run explain --date 2025-07-07 Russia recognised the Taliban government on Friday.
expect_status 0
compare "explain with separate words" "$T/one" "$T/out"

run explain --format jsonl --date 2025-07-07 "Russia recognised the Taliban government on Friday."
expect_status 0
grep -q '^{"type":"event"' "$T/out" || note "no JSONL event (the coder found none)"

# dyad code --explain prints the trace before each document's events.
printf '{"id":"a","date":"2025-07-07","text":"Russia recognised the Taliban government on Friday."}\n' >"$T/a.jsonl"
run code --explain --format table "$T/a.jsonl"
expect_status 0
grep -qi "pattern" "$T/out" || bad "code --explain prints no trace"
expect_out_has "== a (2025-07-07)"
finish
