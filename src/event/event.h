/* event.h - the CAMEO table and dyad's verb-pattern dictionary.
 *
 * data/cameo.tsv gives each CAMEO code its root, quad class, Goldstein
 * value, PLOVER category and name. data/verbs.txt gives the patterns that
 * code events: blocks "== CODE", then one pattern a line (the format is at
 * the top of that file and in the README). Both are loaded once and then
 * only read.
 */
#ifndef DY_EVENT_H
#define DY_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/error.h"
#include "base/map.h"
#include "tag/tag.h"

typedef struct dy_cameo {
	const char *code, *root, *name, *plover;
	int quad;
	double goldstein;
} dy_cameo;

enum dy_pitem_kind { DY_PI_WORD, DY_PI_TARGET, DY_PI_GAP };

typedef struct dy_pitem {
	uint8_t kind;
	uint8_t nalts;
	const char **alts; /* interned lemmas */
} dy_pitem;

typedef struct dy_pattern {
	const dy_cameo *cameo; /* NULL for a '!' pattern that blocks */
	const char *rule;      /* "verbs.txt:120" */
	const char *text;      /* the pattern as written */
	dy_pitem *items;       /* after the head */
	uint8_t nitems;
	dy_pitem *pre;         /* words before a '^'-marked head, nearest first */
	uint8_t npre;
	uint8_t noun;          /* an event-noun pattern */
	uint8_t weight;        /* words + target slots: longer wins */
	uint8_t has_target;
	uint32_t order;        /* position in the dictionary: earlier wins ties */
} dy_pattern;

typedef struct dy_verbs {
	dy_arena arena;
	dy_interner strings;
	dy_map cameo;      /* code -> dy_cameo* */
	dy_map verb_heads; /* lemma -> dy_pattern_list* */
	dy_map noun_heads; /* lemma -> dy_pattern_list* */
	size_t npatterns, ncameo;
	const dy_lexicon *lx;
} dy_verbs;

typedef struct dy_pattern_list {
	const dy_pattern **items;
	size_t n, cap;
} dy_pattern_list;

void dy_verbs_init(dy_verbs *v, const dy_lexicon *lx);
void dy_verbs_release(dy_verbs *v);
int dy_cameo_load(dy_verbs *v, const char *path, dy_error *err);
const dy_cameo *dy_cameo_get(const dy_verbs *v, const char *code);
/* Loads patterns in dyad's format; cameo.tsv must be loaded first. */
int dy_verbs_load(dy_verbs *v, const char *path, dy_error *err);
/* Adds one pattern given as text ("invite + to invest"); used by loaders. */
int dy_verbs_add(dy_verbs *v, const dy_cameo *c, const char *text, size_t len, int noun, const char *rule,
		 const char **why);
/* The patterns whose head is lemma (longest first), or NULL. */
const dy_pattern_list *dy_verbs_heads(const dy_verbs *v, const char *lemma, int noun);

#endif
