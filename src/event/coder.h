/* coder.h - coding the events of one sentence from its tokens and actor
 * mentions (already resolved), with the verb patterns.
 *
 * Source: the subject (the nearest actor left of the verb that is not the
 * object of a preposition), or for a passive verb the "by" phrase; for an
 * event noun the possessor ("Russia's recognition", "its invitation"), a
 * "by" phrase, or whoever claimed responsibility for it. Target: the actor
 * at the pattern's '+', else the first actor after the pattern in the same
 * clause. Coordinated actors give one event each; a negated verb gives
 * none; an event whose source and target have the same code is dropped.
 */
#ifndef DY_CODER_H
#define DY_CODER_H

#include <stddef.h>

#include "actor/actor.h"
#include "base/buf.h"
#include "event/event.h"
#include "text/text.h"

typedef struct dy_sent_ctx {
	const dy_verbs *verbs;
	const dy_token *toks; /* the sentence's tokens */
	size_t n;
	const dy_mention_tok *m; /* resolved mentions, in text order */
	size_t nm;
	dy_buf *trace;        /* explanation goes here when not NULL */
	const char *text;     /* document text, for the trace */
} dy_sent_ctx;

/* One coded event before it becomes a dy_event: indices into ctx->m. */
typedef struct dy_raw_event {
	const dy_pattern *pattern;
	size_t src, tgt;          /* mention indices */
	uint32_t trig_first, trig_last; /* token range of the matched pattern */
	const char *tgt_code;     /* target code when it differs from the mention's (a place as target) */
} dy_raw_event;

/* Codes the sentence; returns the number of events written to out (an
 * array in arena a). */
size_t dy_code_sentence(const dy_sent_ctx *ctx, dy_arena *a, dy_raw_event **out);

#endif
