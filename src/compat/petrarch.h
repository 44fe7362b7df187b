/* petrarch.h - coding PETRARCH records: the settings PETRARCH's unit tests
 * change (<Config option value>) and the coder the validator calls. */
#ifndef DY_PETRARCH_H
#define DY_PETRARCH_H

#include <stddef.h>

#include "base/buf.h"
#include "compat/compat.h"
#include "dyad.h"

typedef struct petr_options {
	int require_dyad;      /* events need a source and a target (1) */
	int new_actor_length;  /* > 0: a noun phrase of at most this many words is an actor when no dictionary entry is */
	int cmin, cmax, bmin, bmax, emin, emax; /* comma-delimited clauses (PETR_config.ini) */
} petr_options;

void petr_options_default(petr_options *o);
/* Applies <Config option="name" value="value">; unknown names are ignored. */
void petr_option_set(petr_options *o, const char *name, const char *value);

typedef struct petr_event {
	char *src, *tgt, *code;
} petr_event;

typedef struct petr_outcome {
	const char *error;     /* "bad_input_parse", "dateline", "sentencediscard", "storydiscard", or NULL */
	petr_event *ev;
	size_t nev;
} petr_outcome;

/* Codes one record as PETRARCH would (its parse, when given). */
void petr_validate_code(const dy_compat *c, dy_compat_worker *w, const dy_doc *doc, const char *parse,
			const petr_options *o, petr_outcome *out, dy_buf *trace);
void petr_outcome_release(petr_outcome *o);

#endif
