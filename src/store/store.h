/* store.h - dyad's knowledge store: coded documents kept in SQLite, and
 * the questions analysts ask of them.
 *
 * src/store/ is the only place that includes sqlite3.h. The tables are
 * described once, in src/store/schema.sql, which the build compiles into
 * the binary; dy_store_open() applies its migrations in order. Read that
 * file for what each column holds.
 *
 * Lifetimes: a dy_store is one connection, for one thread. Rows handed to
 * a callback (dy_store_event, dy_store_mention, dy_value) point into the
 * store and are valid only during the call: copy what you keep.
 *
 * Writing. Each document is stored in one transaction (WAL journal,
 * synchronous=NORMAL, foreign keys on), so a process killed at any moment
 * leaves whole documents only, and running the same ingest again completes
 * it: a document whose doc_id is stored with the same content hash is
 * left alone (DY_STORE_UNCHANGED); with another hash its rows are deleted
 * and the new ones inserted in the same transaction (DY_STORE_CHANGED).
 *
 * Deduplication. Event mentions (one per coded event in a document) with
 * the same source code, target code and code family (the first three
 * digits of the CAMEO code: 0211 and 021 are one family, 051 and 054 are
 * not) are one event when their dates fall within two consecutive days:
 * the mentions of a key are sorted by date, the earliest opens an event
 * that takes every mention dated that day or the next, the first mention
 * after that opens the next event, and so on. So every two mentions of an
 * event are at most one day apart, and the result does not depend on the
 * order in which documents were ingested. Mentions dated to a month or a
 * year only ("2024-03", "2024": the dates stage gives no more) merge with
 * the same month or year; undated mentions within their own document
 * only. The store keeps this true after every document, re-partitioning
 * only the dates a document touched. An event's code is its mentions'
 * most frequent (ties: the smallest), its names and evidence those of its
 * earliest mention; it counts its mentions, documents and news sources.
 *
 * Summaries. The store keeps events per dyad and quad class (dyad_totals)
 * and per dyad, month and quad class (dyad_months) in step with the
 * events, adding each transaction's differences before it commits, so
 * that dyads and timelines need not scan them.
 */
#ifndef DY_STORE_H
#define DY_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"
#include "dyad.h"

typedef struct dy_store dy_store;

/* The store `dyad` uses when given no path: $DYAD_DB, else "dyad.db". */
const char *dy_store_default_path(void);

enum dy_store_mode {
	DY_STORE_READ,   /* an existing store, read only */
	DY_STORE_WRITE,  /* an existing store */
	DY_STORE_CREATE, /* created when missing */
};

/* Opens (or creates) the store at path and brings its schema up to date.
 * Returns NULL and fills err (DY_ENOENT "store 'x' does not exist",
 * DY_EDB "'x' is not a dyad store", "store 'x' has schema version 9 but
 * this dyad knows only up to 1", ...) on failure. A store opened for
 * reading whose schema is older than this dyad's is an error too (it
 * would need writing): open it once for writing. */
dy_store *dy_store_open(const char *path, enum dy_store_mode mode, dy_error *err);
void dy_store_close(dy_store *s);
/* The schema version of an open store, and the newest this dyad knows. */
int dy_store_version(const dy_store *s);
int dy_store_schema_latest(void);

/* ---- ingesting ---------------------------------------------------------------- */

#define DY_STORE_HASH_HEX 64

/* The content hash of a document: SHA-256 over its date, source, title,
 * url and text (each NUL-terminated, absent ones as empty), in hex. */
void dy_store_hash_doc(const dy_doc *d, char out[DY_STORE_HASH_HEX + 1]);

/* Looks a document up by its id. Returns 1 and copies its hash to hash
 * (when not NULL) when it is stored, 0 when not, <0 on error. */
int dy_store_lookup(dy_store *s, const char *doc_id, char hash[DY_STORE_HASH_HEX + 1], dy_error *err);

/* A sentence to store: its index, byte offsets and text (text[0..len)). */
typedef struct dy_store_sent {
	uint32_t sent, start, end;
	const char *text;
	size_t len;
} dy_store_sent;

/* A document to store, as dyad coded it (dy_store_doc_from_result) or as
 * read back from dyad's JSONL output (`dyad ingest --events`). */
typedef struct dy_store_doc {
	const dy_doc *doc;           /* id, date, source, title, url, origin, line */
	const char *hash;            /* DY_STORE_HASH_HEX hex digits */
	const char *coded_by;        /* "dyad 0.1.0" */
	const dy_store_sent *sents;  /* in sentence order; every event's sentence is among them */
	size_t nsents;
	const dy_event *events;
	size_t nevents;
	const char *const *triggers; /* the trigger words of each event, or NULL: taken from text */
	const char *text;            /* the text offsets refer to, or NULL */
	size_t len;
	const dy_mention *mentions;
	size_t nmentions;
	const dy_quote *quotes;
	size_t nquotes;
	const dy_place *places;
	size_t nplaces;
} dy_store_doc;

/* Fills d from a coded document. sents (r->nsents entries, caller-owned)
 * receives the sentences; d points into r, sents and hash. */
void dy_store_doc_from_result(dy_store_doc *d, const dy_result *r, dy_store_sent *sents, const char *hash,
			      const char *coded_by);

enum { DY_STORE_NEW = 1, DY_STORE_CHANGED = 2, DY_STORE_UNCHANGED = 3 };

/* Stores one document in one transaction. With force, a document stored
 * with the same hash is replaced too. Returns DY_STORE_NEW, _CHANGED or
 * _UNCHANGED, or a negative DY_E* code with err filled (the store is then
 * as it was before the call). */
int dy_store_put(dy_store *s, const dy_store_doc *d, int force, dy_error *err);

/* Batches: between dy_store_begin and dy_store_commit, the documents
 * given to dy_store_put go into one transaction. Fewer commits make bulk
 * loads faster; but a document that fails then rolls back the whole batch
 * and ends it (dy_store_put returns DY_EDB), and a process killed during
 * a batch loses the batch: running the ingest again redoes it. Documents
 * are checked before anything is written, so only a failing store (a full
 * disk) fails a document in a batch. */
int dy_store_begin(dy_store *s, dy_error *err);
int dy_store_commit(dy_store *s, dy_error *err);

/* ---- reading ------------------------------------------------------------------- */

/* Which events a query returns. Codes are matched as prefixes ("RUS"
 * matches RUS and RUSGOV); everything NULL/0 is no restriction. */
typedef struct dy_store_filter {
	const char *actor;   /* source or target */
	const char *source;
	const char *target;
	const char *code;    /* CAMEO code prefix ("05", "054", "0211") */
	const char *root;    /* CAMEO root, exactly ("05") */
	unsigned quads;      /* bit q set for quad class q (1..4) */
	const char *since;   /* YYYY-MM-DD, inclusive; undated events are then left out */
	const char *until;
	const char *words;   /* full-text query over the sentences (dy_store_fts_query) */
	long limit;          /* at most this many rows; 0 all */
	int order;           /* DY_ORDER_* */
} dy_store_filter;

enum { DY_ORDER_DATE, DY_ORDER_NEWEST, DY_ORDER_MENTIONS };

/* A mention of an event: one coded event in one document, with its
 * provenance. */
typedef struct dy_store_mention {
	int64_t id, event;
	const char *doc_id, *doc_date, *news_source, *title, *url, *ingested, *coded_by;
	uint32_t sent;
	const char *date, *date_precision, *date_text;
	dy_actor_ref source, target; /* code, name, text, via, start, end, rule */
	const char *code, *root, *name, *plover;
	int quad;
	double goldstein;
	const char *evidence;        /* the sentence */
	uint32_t sent_start, sent_end;
	const char *trigger;
	uint32_t trig_start, trig_end;
	const char *rule, *pattern;
	int has_place;
	dy_place place;              /* when has_place */
	dy_size size;                /* -1 each when unknown */
	/* The PETRARCH issues of the sentence, as the JSON array `dyad code`
	 * writes under "issues" ([{"code","category","count","text",
	 * "offsets"}...]), or NULL when it has none. */
	const char *issues;
} dy_store_mention;

/* A deduplicated event. */
typedef struct dy_store_event {
	int64_t id;
	const char *date;            /* NULL when undated */
	const char *source_code, *source_name, *target_code, *target_name;
	const char *code, *root, *family, *name, *plover;
	int quad;
	double goldstein;
	long nmentions, narticles, nsources;
	int lede;                    /* a mention is its document's first sentence */
	const char *evidence;        /* the earliest mention's sentence */
	/* The mentions: the earliest only (nlisted 1), or all of them, earliest
	 * first, with DY_STORE_MENTIONS. */
	const dy_store_mention *mentions;
	size_t nlisted;
} dy_store_event;

/* Flags of dy_store_events: DY_STORE_MENTIONS lists every mention;
 * DY_STORE_BRIEF reads the events only (mentions NULL, nlisted 0: the
 * evidence is all there is of the earliest mention), which is what a
 * listing needs and much faster on a large store. */
enum { DY_STORE_MENTIONS = 1, DY_STORE_BRIEF = 2 };

/* Calls fn for each event the filter selects (by date, then id; newest
 * first or most mentioned first as f->order says). fn returns 0 to go on,
 * anything else to stop (dy_store_events then returns that value).
 * Returns 0, fn's value, or a negative DY_E* code with err filled (a
 * malformed full-text query is DY_ESYNTAX). */
int dy_store_events(dy_store *s, const dy_store_filter *f, unsigned flags,
		    int (*fn)(const dy_store_event *e, void *ctx), void *ctx, dy_error *err);

/* A cell of a generic result row. */
enum { DY_V_NULL, DY_V_INT, DY_V_REAL, DY_V_TEXT };
typedef struct dy_value {
	int type;
	long long i;
	double f;
	const char *s;
} dy_value;

/* Called once per result row with the column names and values. Returns 0
 * to go on. */
typedef int (*dy_row_fn)(void *ctx, size_t ncols, const char *const *names, const dy_value *vals);

/* Per dyad (source code, target code): events, mentions, mean Goldstein
 * (over events) and events per quad class, most events first; per month
 * too with monthly. Uses f's actor/source/target/since/until/limit; the
 * other fields are not allowed (DY_EINVAL). Read from the summaries the
 * store keeps (dyad_totals, dyad_months) when the dates allow it (none, or
 * whole months: since on a month's first day, until on a last day), else
 * from the events. */
int dy_store_dyads(dy_store *s, const dy_store_filter *f, int monthly, dy_row_fn fn, void *ctx, dy_error *err);

/* The monthly series of the dyad a <-> b (code prefixes): per month from
 * the first to the last with events (months without any included), the
 * events a->b and b->a, their mean Goldstein and their counts per quad
 * class, in the columns month, ab_events, ba_events, ab_goldstein,
 * ba_goldstein (NULL without events), ab_q1..ab_q4, ba_q1..ba_q4. Events
 * dated to a year only are left out. since/until (YYYY-MM-DD, may be
 * NULL) restrict the months (a month counts whole). */
int dy_store_timeline(dy_store *s, const char *a, const char *b, const char *since, const char *until,
		      dy_row_fn fn, void *ctx, dy_error *err);

/* Per actor code: its name, mentions in the text, events as source and as
 * target, most mentioned first. Uses f's actor prefix and limit. */
int dy_store_actors(dy_store *s, const dy_store_filter *f, dy_row_fn fn, void *ctx, dy_error *err);

/* Full text over the sentences, best match first: document, date,
 * sentence index, the sentence and the events coded from it. Uses f's
 * words, since, until and limit. */
int dy_store_search(dy_store *s, const dy_store_filter *f, dy_row_fn fn, void *ctx, dy_error *err);

/* Rows per table, and the schema version. */
int dy_store_stats(dy_store *s, dy_row_fn fn, void *ctx, dy_error *err);

/* Checks the store: SQLite's integrity_check and foreign_key_check, that
 * every document has all its sentences, that every event mention belongs
 * to an event whose counts, dates and summaries agree with its mentions.
 * Calls fn with one row ("check", "problem") per problem found; returns
 * the number of problems, or a negative DY_E* code. */
int dy_store_check(dy_store *s, dy_row_fn fn, void *ctx, dy_error *err);

/* Turns dyad's search syntax into an FTS5 query: words are matched as
 * words (any case, accents ignored), "quoted words" as a phrase, word* as
 * a prefix, OR between two terms as either; everything else is taken
 * literally. Returns 0, or DY_ESYNTAX with err filled ("unbalanced quote
 * in '...'") and out untouched. out is caller-owned (dy_buf). */
int dy_store_fts_query(const char *words, dy_buf *out, dy_error *err);

/* Days since 1970-01-01 of a valid "YYYY-MM-DD", and back. */
long dy_date_days(const char *date);
void dy_date_from_days(long days, char out[11]);

#endif
