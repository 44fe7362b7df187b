#!/bin/sh
# Quotations: JSONL "quote" objects after a document's events; `dyad code
# --format tsv --quotes`; `dyad quotes` as a table by speaker, as JSONL
# and TSV, and filtered with --speaker by code or by words of the name.
. "$(dirname "$0")/lib.sh"

cat >"$T/q.txt" <<'X'
id: q
date: 2025-07-07

The report was written by analysts Jane Morrow and Tomas Keller.

"Moscow has few options left in the region," write Morrow and Keller.

Karzai has argued that the group has no roots in Afghanistan.

"We will not recognise the Taliban," said Kazakh foreign minister Murat Nurtleu.
X
run code --quiet "$T/q.txt"
expect_status 0
expect_out_has '{"type":"quote","doc":"q","sent":1,"kind":"direct","speaker":{"name":"Jane Morrow and Tomas Keller","code":null,"text":"Morrow and Keller","via":"analysts Jane Morrow and Tomas Keller","offsets":['
expect_out_has '"members":[{"name":"Jane Morrow","code":null},{"name":"Tomas Keller","code":null}]},"text":"Moscow has few options left in the region","offsets":['
expect_out_has '"kind":"reported","speaker":{"name":"Hamid Karzai","code":"AFGELI","text":"Karzai","offsets":['
expect_out_has '"text":"the group has no roots in Afghanistan"'
# Quotations come after the document's events.
awk '/"type":"quote"/ { q = 1 } /"type":"event"/ && q { bad = 1 } END { exit bad }' "$T/out" || bad "an event after a quotation"

run code --quiet --format tsv --quotes "$T/q.txt"
expect_status 0
[ "$(head -n 1 "$T/out")" = "$(printf 'doc\tsent\tkind\tspeaker_name\tspeaker_code\tspeaker_text\tmembers\ttext\tstart\tend')" ] ||
	bad "the quotations' TSV header: $(head -n 1 "$T/out")"
awk -F'\t' 'NF != 10 { bad = 1 } END { exit bad }' "$T/out" || bad "quotation rows without 10 columns"
[ "$(wc -l <"$T/out")" -eq 4 ] || bad "$(($(wc -l <"$T/out") - 1)) quotation rows, expected 3"

run quotes "$T/q.txt"
expect_status 0
expect_out_has "== Jane Morrow and Tomas Keller: 1 quotation"
expect_out_has "== Hamid Karzai [AFGELI]: 1 quotation"
expect_out_has "  q:1  “Moscow has few options left in the region”"

run quotes --speaker AFGELI --format jsonl "$T/q.txt"
expect_status 0
[ "$(wc -l <"$T/out")" -eq 1 ] && grep -q '"code":"AFGELI"' "$T/out" || bad "--speaker AFGELI: $(cat "$T/out")"
run quotes --speaker analysts "$T/q.txt"
expect_status 0
expect_out_has "== Jane Morrow and Tomas Keller: 1 quotation"
expect_out_lacks "Karzai"
run quotes -s nobody "$T/q.txt"
expect_status 0
expect_stdout "(no quotations)"
run quotes --format tsv "$T/q.txt"
expect_status 0
[ "$(wc -l <"$T/out")" -eq 4 ] || bad "dyad quotes --format tsv: $(wc -l <"$T/out") lines"
finish
