/* actor.h - actor and agent dictionaries, and finding actors in a sentence.
 *
 * A dictionary holds actors (countries, persons, groups, organisations),
 * each with a base code, date-restricted codes and its phrases: names
 * (aliases), adjectives (demonyms), descriptions ("the group") and, apart
 * from actors, agents ("officials" GOV) that compose with a country
 * ("Russian officials" RUSGOV). dyad's own format is documented in the
 * README and at the top of data/actors.txt; the loader reports errors as
 * file:line:column with the line. ISO 3166 names come from iso-codes.
 *
 * Loaded once, then read-only: dy_actors_match may run on many threads.
 */
#ifndef DY_ACTOR_H
#define DY_ACTOR_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/error.h"
#include "base/map.h"
#include "tag/tag.h"
#include "text/text.h"

enum dy_actor_type { DY_ATYPE_STATE, DY_ATYPE_IGO, DY_ATYPE_GROUP, DY_ATYPE_PERSON, DY_ATYPE_ORG };

typedef struct dy_dated_code {
	const char *code;
	int32_t from, to; /* yyyymmdd, inclusive; 0 and 99999999 when open */
	int dated;        /* 0 for the default line */
	const char *rule; /* "actors.txt:12" */
} dy_dated_code;

typedef struct dy_actor {
	const char *code; /* base code from the actor line */
	const char *name; /* display name */
	int type;         /* DY_ATYPE_* */
	const char *rule; /* "countries.txt:40" */
	dy_dated_code *codes;
	size_t ncodes, capcodes;
} dy_actor;

enum dy_phrase_kind { DY_PH_NAME, DY_PH_ADJ, DY_PH_DESC, DY_PH_AGENT };

typedef struct dy_phrase {
	const dy_actor *actor;  /* NULL for agents */
	const char *code;       /* "=> CODE" override, or the agent's code */
	const char *rule;       /* file:line of the phrase */
	const char **words;     /* lower case (agents: lemmas) */
	const char **exact;     /* the words as written, when matched case-sensitively; else NULL */
	uint8_t nwords;
	uint8_t kind;           /* DY_PH_* */
} dy_phrase;

typedef struct dy_actors {
	dy_arena arena;
	dy_interner strings;
	dy_map index;      /* first word (lower or lemma) -> dy_phrase_list* */
	dy_map by_code;    /* actor base code -> dy_actor* */
	dy_actor **actors;
	size_t nactors, capactors;
	size_t nphrases, nagents;
	const dy_lexicon *lx;
} dy_actors;

void dy_actors_init(dy_actors *d, const dy_lexicon *lx);
void dy_actors_release(dy_actors *d);

/* Loads a file in dyad's format (actor blocks and agent lines). */
int dy_actors_load_file(dy_actors *d, const char *path, dy_error *err);
/* Loads country names from iso-codes' iso_3166-1.json (dir NULL: Debian's). */
int dy_actors_load_iso(dy_actors *d, const char *dir, dy_error *err);

/* Building blocks for other formats' loaders. */
dy_actor *dy_actors_add(dy_actors *d, const char *code, const char *name, int type, const char *rule);
dy_actor *dy_actors_find(const dy_actors *d, const char *code);
/* Adds a phrase; words are split on spaces. Returns 0 or DY_EDICT when empty. */
int dy_actors_add_phrase(dy_actors *d, dy_actor *a, int kind, const char *text, size_t len, const char *code,
			 const char *rule);
void dy_actor_add_code(dy_actors *d, dy_actor *a, const char *code, int32_t from, int32_t to, int dated,
		       const char *rule);
/* The code an actor has on a date (yyyymmdd, 0 = unknown). */
const dy_dated_code *dy_actor_code_on(const dy_actor *a, int32_t date);

/* ---- mentions ---- */

enum {
	DY_MN_PLACE = 1 << 0,   /* after in/at/near...: a location, not a participant */
	DY_MN_POSS = 1 << 1,    /* followed by 's */
	DY_MN_PRONOUN = 1 << 2, /* it/they/its... resolved to an antecedent */
	DY_MN_DESC = 1 << 3,    /* a description ("the group") resolved */
	DY_MN_ADJ = 1 << 4,     /* a bare demonym ("Russian oil") */
	DY_MN_INPP = 1 << 5,    /* object of a preposition */
	DY_MN_COMPOSED = 1 << 6,/* country + agent */
};

typedef struct dy_mention_tok {
	uint32_t first, last;   /* token range [first, last] within the sentence */
	const dy_actor *actor;  /* the actor, or NULL for a country-less agent */
	const char *code;       /* code on the document's date, composed with any agent */
	const char *name;
	const char *rule;       /* provenance */
	const char *via;        /* antecedent text for pronouns/descriptions */
	uint32_t via_start, via_end;
	uint16_t flags;
	uint8_t pronoun;        /* 0, or 'i' (it/its), 't' (they/their), 'h' (he/she) */
	const char *agent;      /* pronoun + agent ("its foreign ministry"): the agent code to compose */
	uint8_t ncands;         /* descriptions: actors the words may stand for */
	const dy_actor *cands[4];
} dy_mention_tok;

/* Finds the actor mentions of one sentence (tagged and lemmatised tokens)
 * in the arena, in text order. Pronouns and descriptions come back
 * unresolved (actor NULL; flags PRONOUN, or DESC with cands[]): the coder
 * resolves them against the document. */
size_t dy_actors_match(const dy_actors *d, dy_arena *a, const dy_token *toks, size_t n, int32_t date,
		       dy_mention_tok **out);

/* Parses "YYYY-MM-DD" into yyyymmdd; 0 when s is NULL or malformed. */
int32_t dy_date_num(const char *s);

#endif
