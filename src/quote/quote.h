/* quote.h - quotations and who said them.
 *
 * Direct quotations are the runs of tokens the tokeniser marks as quoted
 * (text.h: DY_TOK_INQUOTE between double marks, “ ” or "). Runs are joined
 * into one quotation
 *   - across paragraphs, when a paragraph ends inside a quotation (no
 *     closing mark) and the next one opens with a mark again (the
 *     newspaper convention for a quotation that runs on);
 *   - across their attribution: “...,” they say, “...” and
 *     “...,” observe A and B. “...” are each one quotation, whose text is
 *     the quoted parts joined (the comma before the attribution becomes a
 *     full stop when the next part starts a new sentence).
 * A quotation of fewer than four words with no attribution is a scare
 * quote or a title, not a quotation, and is left out.
 *
 * Reported speech is a speech verb with a subject and a clause:
 * "X said (that) ...", "X has argued that ...", "X warned Y that ...",
 * "X pointed out how ...", "According to X, ..." and "..., according to X".
 * Speech verbs: say, tell, add, write, observe, argue, warn, claim, state,
 * note, suggest, insist, stress, allege, assert, announce, declare,
 * explain, report, acknowledge, admit, conclude, emphasise, predict,
 * caution, contend, maintain, reiterate, remark, comment, recall, reply,
 * confirm, deny, point out. A negated or passive verb ("as noted by")
 * reports nothing, and a verb whose clause is a direct quotation is that
 * quotation's attribution. Reported speech inside a direct quotation is
 * recorded too (the analysts quote Karzai's argument).
 *
 * Speakers. The attribution of a direct quotation is looked for after its
 * closing mark in the same sentence ("..., write A and B", "..., they
 * say", "..., according to the analysts"), then before its opening mark
 * ("They add: “..."). The subject is
 *   - an actor mention (code and name from the dictionary);
 *   - person names: capitalised words (tagged as proper nouns) after a
 *     role noun or title ("analysts A and B", "Dr X", "spokesman Y"),
 *     after a speech verb ("said John Smith") or before one ("John Smith
 *     said"); a surname alone refers to the person named in full before;
 *     persons named together ("analysts A and B", "write A ..., and B")
 *     are a group, and a subject that names all of a group is the group;
 *   - "they", "he", "she": the most recent speaker that fits (a group or
 *     a plural noun for "they", a person for "he"/"she") within ten
 *     sentences, else the actor the pronoun was resolved to;
 *   - "the analysts", "the authors", "the researchers" ...: the most
 *     recent group named with that role, else the most recent group;
 *     "the minister", "the spokesman": the most recent person with that
 *     title;
 *   - any other noun phrase ("proponents", "bne IntelliNews", "the
 *     report"): its words, with no code.
 * A quotation without attribution that follows another within two
 * sentences is taken to be the same speaker's; otherwise its speaker is
 * unknown (name and code NULL).
 *
 * Everything is allocated in the arena given; nothing is kept between
 * documents. Thread-safe.
 */
#ifndef DY_QUOTE_H
#define DY_QUOTE_H

#include <stddef.h>
#include <stdint.h>

#include "actor/actor.h"
#include "base/arena.h"
#include "base/buf.h"
#include "dyad.h"
#include "text/text.h"

typedef struct dy_quote_input {
	const char *text;                      /* the document text the offsets refer to */
	const dy_text *txt;                    /* tokens tagged, lemmatised, word classes set */
	const dy_mention_tok *const *mentions; /* per sentence, resolved (sentence-local token indices) */
	const size_t *nmentions;
} dy_quote_input;

/* Finds the quotations of a document; returns how many and sets *out to
 * an array in arena a, in text order. With trace, appends one line per
 * quotation saying how its speaker was found. */
size_t dy_quotes_find(const dy_quote_input *in, dy_arena *a, dy_quote **out, dy_buf *trace);

#endif
