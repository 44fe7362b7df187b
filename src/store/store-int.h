/* store-int.h - what store.c (opening, writing, deduplication) and
 * query.c (reading, checking) share. Not part of the store's interface. */
#ifndef DY_STORE_INT_H
#define DY_STORE_INT_H

#include <sqlite3.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/map.h"
#include "store/store.h"

/* The prepared statements the store keeps for its life (store.c lists
 * their SQL in the same order). */
enum {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_DOC_LOOKUP,
	ST_DOC_INSERT,
	ST_DOC_KEYS,
	ST_DOC_DELETE,
	ST_SENT_INSERT,
	ST_SENT_DELETE_DOC,
	ST_FTS_INSERT_DOC,
	ST_FTS_DELETE_DOC,
	ST_FTS_INSERT_DOCS,
	ST_AM_INSERT,
	ST_AM_DELETE_DOC,
	ST_QUOTE_INSERT,
	ST_QUOTE_DELETE_DOC,
	ST_PLACE_INSERT,
	ST_PLACE_DELETE_DOC,
	ST_EM_INSERT,
	ST_EM_DELETE_DOC,
	ST_EM_MIN_DATE,
	ST_EM_AT,
	ST_EM_ASSIGN,
	ST_EM_ASSIGN_EXACT,
	ST_EM_ASSIGN_UNDATED,
	ST_EV_CONTAINING,
	ST_EV_AT,
	ST_EV_NEXT,
	ST_EV_INSERT,
	ST_EV_UNDATED,
	ST_EV_DELETE_EMPTY,
	ST_EV_DELETE_SCOPE,
	ST_EV_MENTIONS,
	ST_EV_UPDATE_CODE,
	ST_EV_UPDATE,
	ST_EV_DELETE,
	ST_EV_REDATE,
	ST_EV_OLD,
	ST_SUM_MONTH,
	ST_SUM_TOTAL,
	ST_SUM_MONTH_CLEAN,
	ST_SUM_TOTAL_CLEAN,
	ST_EV_STATE,
	ST_EV_HAS_SOURCE,
	ST_EM_CODE_COUNT,
	ST_EM_MAX_ID,
	ST_EV_MERGE,
	ST_MENTIONS_OF,
	ST_COUNT
};

struct dy_store {
	sqlite3 *db;
	char *path;
	int version;
	int readonly;
	int batch;        /* a transaction of several documents is open */
	sqlite3_stmt *st[ST_COUNT];
	dy_arena arena;   /* per-event copies of mentions (query.c) */
	int64_t *touched; /* events whose counts must be recomputed (store.c) */
	size_t ntouched, touched_cap;
	int64_t *fresh;   /* events whose counts include the document being stored (store.c) */
	size_t nfresh, fresh_cap;
	/* Documents stored in the open transaction whose sentences are not
	 * yet in the full-text index (store.c, fts_flush). */
	int64_t *fts_docs;
	size_t nfts_docs, fts_docs_cap;
	dy_buf fts_list;  /* the same as a JSON array, for json_each() */
	/* Differences to the dyad summaries in the open transaction (store.c,
	 * sum_event): sums[i] is the map's value i + 1. */
	struct sum_delta *sums;
	size_t nsums, sums_cap;
	dy_map sum_map;
	dy_arena sum_arena;
	dy_buf sum_key;
};

/* The prepared statement id, prepared on first use; NULL (err filled) on failure. */
sqlite3_stmt *dy_store_stmt(dy_store *s, int id, dy_error *err);
/* Fills err with "store 'path': " + SQLite's message; returns DY_EDB. */
int dy_store_fail(dy_store *s, dy_error *err, const char *what);

/* The columns of a mention with its document and sentence, for
 * "SELECT " DY_MENTION_COLS " FROM event_mentions m JOIN documents d ON
 * d.id = m.doc JOIN sentences t ON t.id = m.sentence"; dy_store_read_mention
 * fills a mention from them, starting at column col. */
#define DY_MENTION_COLS                                                                          \
	"m.id, m.event, d.doc_id, d.date, d.source, d.title, d.url, d.ingested, d.coded_by, m.sent, " \
	"m.date, m.date_precision, m.date_text, "                                                    \
	"m.source_code, m.source_name, m.source_text, m.source_via, m.source_start, m.source_end, "   \
	"m.source_rule, m.target_code, m.target_name, m.target_text, m.target_via, m.target_start, "  \
	"m.target_end, m.target_rule, m.code, m.root, m.name, m.plover, m.quad, m.goldstein, "        \
	"t.text, m.sent_start, m.sent_end, m.trigger_text, m.trigger_start, m.trigger_end, m.rule, "  \
	"m.pattern, m.place_name, m.place_text, m.place_country, m.place_admin1, m.place_kind, "      \
	"m.place_lat, m.place_lon, m.place_start, m.place_end, m.killed, m.injured, m.arrested, "     \
	"m.size_qualifier, m.issues"
#define DY_MENTION_NCOLS 55
#define DY_MENTION_FROM                                                                    \
	" FROM event_mentions m JOIN documents d ON d.id = m.doc JOIN sentences t ON t.doc = " \
	"m.doc AND t.sent = m.sent"

/* Fills m from the row of st, columns col .. col + DY_MENTION_NCOLS - 1;
 * with arena, the strings are copied into it, else they point into st. */
void dy_store_read_mention(sqlite3_stmt *st, int col, dy_store_mention *m, dy_arena *arena);

#endif
