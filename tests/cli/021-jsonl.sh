#!/bin/sh
# JSONL output: one object per event with the documented keys in order
# ("size" only when the event reports a count), then one per quotation.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null 2>&1 || skip "jq is not installed"
run code examples/*.txt
expect_status 0
[ -s "$T/out" ] || skip "the coder produced no events from examples/"
jq -e . "$T/out" >/dev/null 2>&1 || bad "the output does not parse as JSON lines"
keys='["type","doc","sent","date","date_precision","date_text","source","target","code","root","quad","goldstein","plover","name","evidence","offsets","trigger","rule","pattern","location"]'
jq -c 'select(.type == "event") | keys_unsorted - ["size"]' "$T/out" | sort -u >"$T/keys"
echo "$keys" >"$T/keys.expected"
compare "the keys of the events" "$T/keys.expected" "$T/keys"
jq -c 'select(.type == "event" and .size != null) | .size | keys_unsorted' "$T/out" | sort -u >"$T/skeys"
[ ! -s "$T/skeys" ] || [ "$(cat "$T/skeys")" = '["killed","injured","arrested","qualifier"]' ] || bad "size keys: $(cat "$T/skeys")"
jq -c 'select(.type == "quote") | keys_unsorted' "$T/out" | sort -u >"$T/qkeys"
[ ! -s "$T/qkeys" ] || [ "$(cat "$T/qkeys")" = '["type","doc","sent","kind","speaker","text","offsets"]' ] || bad "quotation keys: $(cat "$T/qkeys")"
jq -r 'select(.type != "event" and .type != "quote") | .doc' "$T/out" >"$T/badtype"
[ -s "$T/badtype" ] && bad "objects that are neither events nor quotations"
jq -r 'select(.type == "event") | select((.sent|type) != "number" or (.quad|type) != "number"
	or (.goldstein|type) != "number" or (.source.code|type) != "string"
	or (.offsets|length) != 2 or (.trigger.offsets|length) != 2
	or (.date != null and (.date|test("^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")|not))
	or (.date != null and ((.date|length) != ({"day":10,"month":7,"year":4}[.date_precision])))
	or (.location != null and (.location.country|type) != "string")) | .doc' "$T/out" >"$T/badtypes"
[ -s "$T/badtypes" ] && bad "events with wrong types: $(head -n 3 "$T/badtypes" | tr '\n' ' ')"
jq -r 'select(.type == "event") | select((.source|keys_unsorted) - ["code","name","text","via"] != []) | .doc' "$T/out" >"$T/badactor"
[ -s "$T/badactor" ] && bad "actors with unexpected keys"
# Goldstein has at most one decimal.
grep -oE '"goldstein":-?[0-9.]+' "$T/out" | grep -vE '"goldstein":-?[0-9]+(\.[0-9])?$' | head -n 3 >"$T/badg"
[ -s "$T/badg" ] && bad "goldstein with more than one decimal: $(cat "$T/badg")"
finish
