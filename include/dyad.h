/* dyad.h - the public C API of libdyad: news text in, political events out.
 *
 * Lifetimes (three of them, as everywhere in dyad):
 *  - dy_coder: the dictionaries and models, loaded once by dy_coder_load and
 *    then only read. Any number of threads may share one coder.
 *  - dy_worker: one per thread. dy_worker_code() codes one document and
 *    returns a dy_result that the worker owns; it and everything it points
 *    to stay valid until the next dy_worker_code() on that worker or
 *    dy_worker_free(). Copy what you want to keep.
 *  - dy_error: filled in by the caller-owned value passed to any call that
 *    can fail. The library never prints and never exits.
 *
 * Errors are negative DY_E* codes; dy_strerror() and dy_errname() name them.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_VERSION "0.1.0"

/* ---- errors ------------------------------------------------------------ */

#define DY_ERRORS(X)                                              \
	X(OK, 0, "success")                                           \
	X(IO, -1, "input/output error")                               \
	X(NOENT, -2, "no such file or directory")                     \
	X(SYNTAX, -3, "syntax error")                                 \
	X(INVAL, -4, "invalid argument")                              \
	X(UTF8, -5, "invalid UTF-8")                                  \
	X(JSON, -6, "malformed JSON")                                 \
	X(EMPTY, -7, "document has no text")                          \
	X(FORMAT, -8, "unsupported or unrecognised format")           \
	X(DATE, -9, "malformed date")                                 \
	X(COMPRESS, -10, "corrupt or truncated compressed data")      \
	X(DICT, -11, "dictionary error")                              \
	X(TOOBIG, -12, "input too large")                             \
	X(DB, -13, "database error")

enum {
#define DY_ERR_ENUM(name, val, msg) DY_E##name = val,
	DY_ERRORS(DY_ERR_ENUM)
#undef DY_ERR_ENUM
};

typedef struct dy_error {
	int code;       /* DY_E*; 0 when no error */
	char msg[1024]; /* e.g. "data/actors.txt:12:3: unknown keyword 'nmae'" + the line and a caret */
} dy_error;

/* The fixed message for a code ("syntax error"). */
const char *dy_strerror(int code);
/* The code's name without prefix ("SYNTAX"). */
const char *dy_errname(int code);
void dy_error_clear(dy_error *e);

/* ---- documents ---------------------------------------------------------- */

/* A document as a reader produced it. The caller owns all strings. */
typedef struct dy_doc {
	const char *id;     /* never NULL once read; readers invent "<file>:<n>" when absent */
	const char *date;   /* "YYYY-MM-DD" or NULL */
	const char *source; /* may be NULL */
	const char *title;  /* may be NULL */
	const char *url;    /* may be NULL */
	const char *text;
	size_t len;
	const char *origin; /* file the document came from ("-" for stdin) */
	long line;          /* line in origin where it starts (1-based) */
	/* What the TABARI/PETRARCH coder (see dy_config.dicts) uses; dyad's
	 * own coder ignores both. NULL and 0 for other input. */
	const char *parse;  /* a PETRARCH record's TreeBank <Parse>: coded over its tree */
	int record;         /* 1: the text is one TABARI record, coded as one unit */
} dy_doc;

/* ---- the coder ----------------------------------------------------------- */

typedef struct dy_coder dy_coder;
typedef struct dy_worker dy_worker;

typedef struct dy_config {
	/* Directory of dyad's own dictionaries (actors.txt, countries.txt,
	 * agents.txt, verbs.txt, cameo.tsv). NULL: $DYAD_DATA, else the
	 * directory the program was built with. */
	const char *data_dir;
	/* Dictionary files that replace dyad's own actor/agent/verb
	 * dictionaries (cameo.tsv is always dyad's). NULL when ndicts is 0.
	 * When any of them is in TABARI's or PETRARCH's format (recognised by
	 * content: verbs, actors, agents, options, discards, issues), the
	 * coder is the TABARI/PETRARCH one (src/compat), which follows those
	 * programs' rules and fills dy_event.issues; a TABARI .project among
	 * them stands for the dictionaries it names. The same dy_worker calls
	 * code with either. */
	const char *const *dicts;
	size_t ndicts;
	/* Model locations; NULL means the Debian package paths. */
	const char *tagger_dir;
	const char *wordnet_dir;
	const char *iso_codes_dir;
} dy_config;

/* Loads dictionaries and models. Returns NULL and fills err (with
 * file:line:column for a dictionary syntax error) on failure. */
dy_coder *dy_coder_load(const dy_config *cfg, dy_error *err);
void dy_coder_free(dy_coder *c);

typedef struct dy_coder_stats {
	double load_seconds;
	size_t actors, aliases, agents, patterns, cameo_codes;
} dy_coder_stats;
void dy_coder_stats_get(const dy_coder *c, dy_coder_stats *out);

/* ---- results ------------------------------------------------------------- */

/* An actor as it takes part in an event or appears in the text. */
typedef struct dy_actor_ref {
	const char *code;  /* "RUSGOV" */
	const char *name;  /* "Russia" */
	const char *text;  /* the words in the text ("Moscow", "its"), as in the input */
	uint32_t start, end; /* byte offsets of those words in the document text */
	const char *via;   /* NULL, or the antecedent's words when text was a pronoun or description */
	const char *rule;  /* "actors.txt:120" (+ " agents.txt:7" when an agent composed) */
} dy_actor_ref;

/* A place named in the text and resolved in the gazetteer (the
 * dates/places/quotations stages fill these; all fields NULL/0 when absent).
 * Cities come from libgeonames (with coordinates), countries and
 * first-level subdivisions from iso-codes (without: has_coords is 0). A
 * landmark ("Crocus City Hall in outer Moscow") takes the country, admin1
 * and coordinates of the place it is in. src/where/where.h has the rules. */
typedef struct dy_place {
	const char *name;     /* "Moscow" (the gazetteer's name) */
	const char *text;     /* the words in the text, as in the input */
	const char *country;  /* ISO 3166-1 alpha-3, "RUS" */
	const char *admin1;   /* a city's subdivision name ("Surxondaryo"); a subdivision's ISO 3166-2 code ("AF-KDZ"); NULL for a country */
	const char *kind;     /* "city", "admin1", "country", "landmark" */
	double lat, lon;      /* 0, 0 when unknown */
	int has_coords;
	uint32_t start, end;  /* byte offsets of text */
	uint32_t sent;
} dy_place;

/* Counts an event reports (PLOVER's size fields); -1 when not given. A
 * vague number counts as the least it allows ("dozens" 24, "hundreds"
 * 200), and the qualifier says so. src/event/size.h has the rules. */
typedef struct dy_size {
	long killed, injured, arrested;
	const char *qualifier; /* "more than", "at least", "about", "nearly", "up to", "fewer than",
				  "a dozen", "dozens", "scores", "hundreds", "thousands",
				  "tens of thousands", or NULL */
} dy_size;

/* A PETRARCH issue (an issues dictionary such as Phoenix.IssueCoding.txt)
 * whose phrases occur in an event's sentence. */
typedef struct dy_issue {
	const char *code;     /* "OIL" */
	const char *category; /* the <ISSUE CATEGORY="..."> it is listed under ("ENERGY"), or NULL */
	const char *text;     /* the words of its first phrase in the sentence, as in the input */
	uint32_t start, end;  /* their byte offsets */
	unsigned count;       /* how many of its phrases the sentence has (PETRARCH's "OIL 2") */
} dy_issue;

typedef struct dy_event {
	uint32_t sent;          /* 0-based sentence index in the document */
	const char *date;       /* "YYYY-MM-DD", "YYYY-MM" or "YYYY" (ISO 8601 reduced precision, by
				   date_precision), or NULL when neither the clause nor the document has one */
	dy_actor_ref source, target;
	const char *code;       /* CAMEO code, "054" */
	const char *root;       /* "05" */
	const char *name;       /* CAMEO name */
	int quad;               /* 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict */
	double goldstein;
	const char *plover;     /* PLOVER category or "" */
	uint32_t sent_start, sent_end;   /* the sentence (the evidence) */
	uint32_t trig_start, trig_end;   /* the words of the pattern that fired */
	const char *rule;       /* "verbs.txt:812 actors.txt:40 actors.txt:77" */
	const char *pattern;    /* the pattern text */
	/* Set by the dates, places and quotations stages: */
	const char *date_precision; /* "day", "month" or "year"; NULL when date is NULL */
	const char *date_text;      /* the words the date came from; "" when it is the document's date */
	const dy_place *location;   /* where it happened (points into dy_result.places), or NULL */
	dy_size size;               /* counts, -1 each when none */
	/* Set by the TABARI/PETRARCH coder with an issues dictionary: the
	 * issues of the event's sentence (shared by its events), in text order;
	 * NULL and 0 otherwise. An ignore phrase ("~...") clears them all. */
	const dy_issue *issues;
	size_t nissues;
} dy_event;

/* A quotation: direct ("...") or reported ("X said that ..."). */
typedef struct dy_quote {
	uint32_t sent;          /* sentence where the quotation starts */
	dy_actor_ref speaker;   /* code NULL when the speaker is no dictionary actor; name then holds the words */
	const char *text;       /* the quoted words, as in the input (without the marks) */
	uint32_t start, end;    /* byte offsets of text */
	const char *kind;       /* "direct" or "reported" */
	/* Added with the quotations stage: when the speaker is a group of
	 * persons named together ("analysts A and B", then "they"), the
	 * persons, each with its code (NULL for no dictionary actor) and
	 * name; NULL and 0 for a single speaker. speaker.code is then the
	 * members' code when they share one, else NULL. */
	const dy_actor_ref *members;
	size_t nmembers;
} dy_quote;

/* An actor mention found in the text (whether or not it took part in an event). */
typedef struct dy_mention {
	uint32_t sent;
	dy_actor_ref actor;
} dy_mention;

typedef struct dy_result {
	const dy_doc *doc;
	const char *text;       /* the text offsets refer to (doc->text unless repaired) */
	size_t len;
	size_t nsents;
	const uint32_t *sent_offsets; /* 2 * nsents: start, end of each sentence */
	const dy_event *events;
	size_t nevents;
	const dy_mention *mentions;
	size_t nmentions;
	const dy_quote *quotes; /* in text order */
	size_t nquotes;
	const dy_place *places; /* every place resolved in the text, in text order */
	size_t nplaces;
	size_t repairs;         /* invalid UTF-8 sequences replaced */
	size_t first_repair;    /* byte offset of the first */
	const char *trace;      /* the explanation, when DY_CODE_EXPLAIN was given */
} dy_result;

enum {
	DY_CODE_EXPLAIN = 1 << 0, /* record tokens, tags, lemmas, actors, patterns tried and fired */
};

dy_worker *dy_worker_new(const dy_coder *c);
void dy_worker_free(dy_worker *w);

/* Codes one document. On success returns 0 and sets *out (owned by the
 * worker, valid until the next call). Returns DY_EEMPTY for a document
 * with no words. */
int dy_worker_code(dy_worker *w, const dy_doc *doc, unsigned flags, const dy_result **out, dy_error *err);

#ifdef __cplusplus
}
#endif
#endif
