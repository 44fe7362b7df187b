/* query.c - reading the store: events, dyads, timelines, actors, full-text
 * search, statistics and the consistency check (store.h). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "store/store-int.h"

/* ---- values ---------------------------------------------------------------- */

static const char *col_text(sqlite3_stmt *st, int i, dy_arena *a)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	if (!s)
		return NULL;
	return a ? dy_arena_strdup(a, s) : s;
}

static uint32_t col_u32(sqlite3_stmt *st, int i)
{
	sqlite3_int64 v = sqlite3_column_int64(st, i);
	return v < 0 ? 0 : v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static long col_count(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, i);
}

void dy_store_read_mention(sqlite3_stmt *st, int c, dy_store_mention *m, dy_arena *a)
{
	memset(m, 0, sizeof(*m));
	m->id = sqlite3_column_int64(st, c + 0);
	m->event = sqlite3_column_int64(st, c + 1);
	m->doc_id = col_text(st, c + 2, a);
	m->doc_date = col_text(st, c + 3, a);
	m->news_source = col_text(st, c + 4, a);
	m->title = col_text(st, c + 5, a);
	m->url = col_text(st, c + 6, a);
	m->ingested = col_text(st, c + 7, a);
	m->coded_by = col_text(st, c + 8, a);
	m->sent = col_u32(st, c + 9);
	m->date = col_text(st, c + 10, a);
	m->date_precision = col_text(st, c + 11, a);
	m->date_text = col_text(st, c + 12, a);
	dy_actor_ref *r[2] = {&m->source, &m->target};
	for (int k = 0; k < 2; k++) {
		int b = c + 13 + 7 * k;
		r[k]->code = col_text(st, b, a);
		r[k]->name = col_text(st, b + 1, a);
		r[k]->text = col_text(st, b + 2, a);
		r[k]->via = col_text(st, b + 3, a);
		r[k]->start = col_u32(st, b + 4);
		r[k]->end = col_u32(st, b + 5);
		r[k]->rule = col_text(st, b + 6, a);
	}
	m->code = col_text(st, c + 27, a);
	m->root = col_text(st, c + 28, a);
	m->name = col_text(st, c + 29, a);
	m->plover = col_text(st, c + 30, a);
	m->quad = sqlite3_column_int(st, c + 31);
	m->goldstein = sqlite3_column_double(st, c + 32);
	m->evidence = col_text(st, c + 33, a);
	m->sent_start = col_u32(st, c + 34);
	m->sent_end = col_u32(st, c + 35);
	m->trigger = col_text(st, c + 36, a);
	m->trig_start = col_u32(st, c + 37);
	m->trig_end = col_u32(st, c + 38);
	m->rule = col_text(st, c + 39, a);
	m->pattern = col_text(st, c + 40, a);
	if (sqlite3_column_type(st, c + 41) != SQLITE_NULL || sqlite3_column_type(st, c + 43) != SQLITE_NULL) {
		m->has_place = 1;
		m->place.name = col_text(st, c + 41, a);
		m->place.text = col_text(st, c + 42, a);
		m->place.country = col_text(st, c + 43, a);
		m->place.admin1 = col_text(st, c + 44, a);
		m->place.kind = col_text(st, c + 45, a);
		m->place.has_coords = sqlite3_column_type(st, c + 46) != SQLITE_NULL;
		m->place.lat = sqlite3_column_double(st, c + 46);
		m->place.lon = sqlite3_column_double(st, c + 47);
		m->place.start = col_u32(st, c + 48);
		m->place.end = col_u32(st, c + 49);
		m->place.sent = m->sent;
	}
	m->size.killed = col_count(st, c + 50);
	m->size.injured = col_count(st, c + 51);
	m->size.arrested = col_count(st, c + 52);
	m->size.qualifier = col_text(st, c + 53, a);
	m->issues = col_text(st, c + 54, a);
}

/* ---- building queries ---------------------------------------------------------- */

/* A statement under construction: SQL text and the text values to bind,
 * in order (all parameters are text, bound as ?1, ?2, ...). */
typedef struct query {
	dy_buf sql;
	const char *vals[32];
	char own[32][64]; /* storage for computed values (prefix bounds) */
	int n;
} query;

static void q_init(query *q)
{
	memset(q, 0, sizeof(*q));
	dy_buf_init(&q->sql);
}

static void q_release(query *q)
{
	dy_buf_release(&q->sql);
}

/* Appends "?N" for value v. */
static void q_param(query *q, const char *v)
{
	if (q->n == 32)
		return;
	q->vals[q->n++] = v;
	dy_buf_addf(&q->sql, "?%d", q->n);
}

/* Appends "?N" for a value copied into the query. */
static void q_param_copy(query *q, const char *v)
{
	if (q->n == 32)
		return;
	snprintf(q->own[q->n], sizeof(q->own[0]), "%s", v);
	q_param(q, q->own[q->n]);
}

/* The upper bound of a prefix: "RUS" -> "RUT" (codes are ASCII). */
static void prefix_end(const char *p, char out[64])
{
	snprintf(out, 64, "%s", p);
	size_t n = strlen(out);
	while (n > 0 && (unsigned char)out[n - 1] == 0x7f)
		out[--n] = '\0';
	if (n > 0)
		out[n - 1]++;
	else
		snprintf(out, 64, "\x7f");
}

/* Appends "(col >= ?a AND col < ?b)" for a code prefix. */
static void q_prefix(query *q, const char *col, const char *prefix)
{
	char hi[64];
	prefix_end(prefix, hi);
	dy_buf_addf(&q->sql, "(%s >= ", col);
	q_param_copy(q, prefix);
	dy_buf_addf(&q->sql, " AND %s < ", col);
	q_param_copy(q, hi);
	dy_buf_addc(&q->sql, ')');
}

static const char *q_and(int *first)
{
	const char *s = *first ? " WHERE " : " AND ";
	*first = 0;
	return s;
}

static sqlite3_stmt *q_prepare(dy_store *s, query *q, dy_error *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, q->sql.s, -1, &st, NULL) != SQLITE_OK) {
		dy_store_fail(s, err, "cannot prepare a query");
		return NULL;
	}
	for (int i = 0; i < q->n; i++)
		sqlite3_bind_text(st, i + 1, q->vals[i], -1, SQLITE_STATIC);
	return st;
}

/* The message for a failed step: a malformed full-text query is the
 * user's, anything else the store's. */
static int step_fail(dy_store *s, const dy_store_filter *f, dy_error *err)
{
	const char *msg = sqlite3_errmsg(s->db);
	if (f && f->words && (strstr(msg, "fts5") || strstr(msg, "syntax")))
		return dy_error_set(err, DY_ESYNTAX, "cannot search for '%s': %s", f->words, msg);
	return dy_store_fail(s, err, NULL);
}

/* The WHERE conditions of a filter over the events table (alias e). */
static int q_event_filter(query *q, const dy_store_filter *f, int *first, dy_buf *fts, dy_error *err)
{
	if (f->actor) {
		dy_buf_adds(&q->sql, q_and(first));
		dy_buf_adds(&q->sql, "(");
		q_prefix(q, "e.source_code", f->actor);
		dy_buf_adds(&q->sql, " OR ");
		q_prefix(q, "e.target_code", f->actor);
		dy_buf_adds(&q->sql, ")");
	}
	if (f->source) {
		dy_buf_adds(&q->sql, q_and(first));
		q_prefix(q, "e.source_code", f->source);
	}
	if (f->target) {
		dy_buf_adds(&q->sql, q_and(first));
		q_prefix(q, "e.target_code", f->target);
	}
	if (f->code) {
		dy_buf_adds(&q->sql, q_and(first));
		q_prefix(q, "e.code", f->code);
	}
	if (f->root) {
		dy_buf_adds(&q->sql, q_and(first));
		dy_buf_adds(&q->sql, "e.root = ");
		q_param(q, f->root);
	}
	if (f->quads & 0x1e) {
		dy_buf_adds(&q->sql, q_and(first));
		dy_buf_adds(&q->sql, "e.quad IN (");
		int n = 0;
		for (int k = 1; k <= 4; k++)
			if (f->quads & (1u << k))
				dy_buf_addf(&q->sql, "%s%d", n++ ? ", " : "", k);
		dy_buf_adds(&q->sql, ")");
	}
	if (f->since) {
		dy_buf_adds(&q->sql, q_and(first));
		dy_buf_adds(&q->sql, "e.date >= ");
		q_param(q, f->since);
	}
	if (f->until) {
		dy_buf_adds(&q->sql, q_and(first));
		dy_buf_adds(&q->sql, "e.date <= ");
		q_param(q, f->until);
	}
	if (f->words) {
		if (dy_store_fts_query(f->words, fts, err) < 0)
			return DY_ESYNTAX;
		dy_buf_adds(&q->sql, q_and(first));
		dy_buf_adds(&q->sql, "e.id IN (SELECT w.event FROM event_mentions w JOIN sentences x ON x.doc = w.doc AND "
				     "x.sent = w.sent WHERE x.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts "
				     "MATCH ");
		q_param(q, fts->s);
		dy_buf_adds(&q->sql, "))");
	}
	return 0;
}

static void q_limit(query *q, long limit)
{
	if (limit > 0)
		dy_buf_addf(&q->sql, " LIMIT %ld", limit);
}

/* ---- events -------------------------------------------------------------------------- */

#define EVENT_COLS                                                                                 \
	"e.id, e.date, e.source_code, e.source_name, e.target_code, e.target_name, e.code, e.root, "  \
	"e.family, e.name, e.plover, e.quad, e.goldstein, e.nmentions, e.narticles, e.nsources, e.lede, " \
	"e.evidence"
#define EVENT_NCOLS 18

int dy_store_events(dy_store *s, const dy_store_filter *f, unsigned flags,
		    int (*fn)(const dy_store_event *e, void *ctx), void *ctx, dy_error *err)
{
	query q;
	dy_buf fts = DY_BUF_INIT;
	int first = 1, ret = 0, brief = (flags & DY_STORE_BRIEF) != 0;
	q_init(&q);
	if (brief)
		dy_buf_adds(&q.sql, "SELECT " EVENT_COLS " FROM events e");
	else
		dy_buf_adds(&q.sql, "SELECT " EVENT_COLS ", " DY_MENTION_COLS " FROM events e JOIN event_mentions m "
				    "ON m.id = e.first_mention JOIN documents d ON d.id = m.doc JOIN sentences t ON "
				    "t.doc = m.doc AND t.sent = m.sent");
	if (q_event_filter(&q, f, &first, &fts, err) < 0) {
		ret = DY_ESYNTAX;
		goto out;
	}
	switch (f->order) {
	case DY_ORDER_NEWEST:
		dy_buf_adds(&q.sql, " ORDER BY e.date IS NULL, e.date DESC, e.id DESC");
		break;
	case DY_ORDER_MENTIONS:
		dy_buf_adds(&q.sql, " ORDER BY e.nmentions DESC, e.narticles DESC, e.date, e.id");
		break;
	default:
		dy_buf_adds(&q.sql, " ORDER BY e.date IS NULL, e.date, e.id");
	}
	q_limit(&q, f->limit);
	sqlite3_stmt *st = q_prepare(s, &q, err);
	if (!st) {
		ret = DY_EDB;
		goto out;
	}
	int rc;
	dy_store_event e;
	dy_store_mention first_m;
	dy_store_mention *list = NULL;
	size_t listcap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&e, 0, sizeof(e));
		e.id = sqlite3_column_int64(st, 0);
		e.date = col_text(st, 1, NULL);
		e.source_code = col_text(st, 2, NULL);
		e.source_name = col_text(st, 3, NULL);
		e.target_code = col_text(st, 4, NULL);
		e.target_name = col_text(st, 5, NULL);
		e.code = col_text(st, 6, NULL);
		e.root = col_text(st, 7, NULL);
		e.family = col_text(st, 8, NULL);
		e.name = col_text(st, 9, NULL);
		e.plover = col_text(st, 10, NULL);
		e.quad = sqlite3_column_int(st, 11);
		e.goldstein = sqlite3_column_double(st, 12);
		e.nmentions = (long)sqlite3_column_int64(st, 13);
		e.narticles = (long)sqlite3_column_int64(st, 14);
		e.nsources = (long)sqlite3_column_int64(st, 15);
		e.lede = sqlite3_column_int(st, 16);
		e.evidence = col_text(st, 17, NULL);
		if (!brief) {
			dy_store_read_mention(st, EVENT_NCOLS, &first_m, NULL);
			e.mentions = &first_m;
			e.nlisted = 1;
		}
		if ((flags & DY_STORE_MENTIONS) && !brief) {
			dy_arena_reset(&s->arena);
			sqlite3_stmt *ms = dy_store_stmt(s, ST_MENTIONS_OF, err);
			if (!ms) {
				ret = DY_EDB;
				break;
			}
			sqlite3_bind_int64(ms, 1, e.id);
			size_t n = 0;
			int mrc;
			while ((mrc = sqlite3_step(ms)) == SQLITE_ROW) {
				DY_GROW(list, listcap, n + 1);
				dy_store_read_mention(ms, 0, &list[n++], &s->arena);
			}
			sqlite3_reset(ms);
			if (mrc != SQLITE_DONE) {
				ret = dy_store_fail(s, err, NULL);
				break;
			}
			if (n) {
				e.mentions = list;
				e.nlisted = n;
			}
		}
		if ((ret = fn(&e, ctx)) != 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		ret = step_fail(s, f, err);
	free(list);
	sqlite3_finalize(st);
out:
	dy_buf_release(&fts);
	q_release(&q);
	return ret;
}

/* ---- generic rows ---------------------------------------------------------------------- */

#define MAX_COLS 32

/* Calls fn for every row of st, with its column names and values. */
static int rows(dy_store *s, sqlite3_stmt *st, const dy_store_filter *f, dy_row_fn fn, void *ctx,
		dy_error *err)
{
	int ncols = sqlite3_column_count(st);
	if (ncols > MAX_COLS)
		ncols = MAX_COLS;
	const char *names[MAX_COLS];
	dy_value vals[MAX_COLS];
	for (int i = 0; i < ncols; i++)
		names[i] = sqlite3_column_name(st, i);
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < ncols; i++) {
			dy_value *v = &vals[i];
			memset(v, 0, sizeof(*v));
			switch (sqlite3_column_type(st, i)) {
			case SQLITE_INTEGER:
				v->type = DY_V_INT;
				v->i = sqlite3_column_int64(st, i);
				break;
			case SQLITE_FLOAT:
				v->type = DY_V_REAL;
				v->f = sqlite3_column_double(st, i);
				break;
			case SQLITE_NULL:
				v->type = DY_V_NULL;
				break;
			default:
				v->type = DY_V_TEXT;
				v->s = (const char *)sqlite3_column_text(st, i);
				if (!v->s)
					v->type = DY_V_NULL;
			}
		}
		if ((ret = fn(ctx, (size_t)ncols, names, vals)) != 0)
			return ret;
	}
	if (rc != SQLITE_DONE)
		return step_fail(s, f, err);
	return 0;
}

static int run_rows(dy_store *s, query *q, const dy_store_filter *f, dy_row_fn fn, void *ctx, dy_error *err)
{
	sqlite3_stmt *st = q_prepare(s, q, err);
	if (!st)
		return DY_EDB;
	int ret = rows(s, st, f, fn, ctx, err);
	sqlite3_finalize(st);
	return ret;
}

/* 1 when since/until (either may be NULL) cover whole months. */
static int whole_months(const char *since, const char *until)
{
	if (since && strcmp(since + 8, "01") != 0)
		return 0;
	if (until) {
		char next[11];
		dy_date_from_days(dy_date_days(until) + 1, next);
		if (strcmp(next + 8, "01") != 0)
			return 0;
	}
	return 1;
}

/* ---- dyads ------------------------------------------------------------------------------- */

#define QUAD_SUMS(col)                                                                              \
	"sum(CASE quad WHEN 1 THEN " col " ELSE 0 END) AS verbal_coop, "                            \
	"sum(CASE quad WHEN 2 THEN " col " ELSE 0 END) AS material_coop, "                          \
	"sum(CASE quad WHEN 3 THEN " col " ELSE 0 END) AS verbal_conflict, "                        \
	"sum(CASE quad WHEN 4 THEN " col " ELSE 0 END) AS material_conflict"

int dy_store_dyads(dy_store *s, const dy_store_filter *f, int monthly, dy_row_fn fn, void *ctx, dy_error *err)
{
	if (f->code || f->root || f->quads || f->words)
		return dy_error_set(err, DY_EINVAL, "dyads take only actor, source, target and date filters");
	query q;
	q_init(&q);
	int first = 1;
	/* From the monthly summary when the dates allow it, else from the events. */
	int summary = whole_months(f->since, f->until);
	int totals = summary && !monthly && !f->since && !f->until;
	const char *src = summary ? "source_code" : "e.source_code";
	const char *tgt = summary ? "target_code" : "e.target_code";
	dy_buf_addf(&q.sql, "SELECT %s AS source, %s AS target, ", src, tgt);
	if (monthly)
		dy_buf_adds(&q.sql, summary ? "month, " : "coalesce(substr(e.date, 1, 7), '') AS month, ");
	if (summary)
		dy_buf_adds(&q.sql, "sum(events) AS events, sum(mentions) AS mentions, "
				    "round(sum(goldstein10) / 10.0 / sum(events), 2) AS goldstein, " QUAD_SUMS("events"));
	else
		dy_buf_adds(&q.sql, "count(*) AS events, sum(e.nmentions) AS mentions, round(avg(e.goldstein), 2) "
				    "AS goldstein, " QUAD_SUMS("1"));
	if (monthly)
		dy_buf_adds(&q.sql, summary ? ", sum(sum(events)) OVER (PARTITION BY source_code, target_code) AS total"
					    : ", sum(count(*)) OVER (PARTITION BY e.source_code, e.target_code) AS total");
	dy_buf_adds(&q.sql, totals ? " FROM dyad_totals" : summary ? " FROM dyad_months" : " FROM events e");
	if (f->actor) {
		dy_buf_adds(&q.sql, q_and(&first));
		dy_buf_adds(&q.sql, "(");
		q_prefix(&q, src, f->actor);
		dy_buf_adds(&q.sql, " OR ");
		q_prefix(&q, tgt, f->actor);
		dy_buf_adds(&q.sql, ")");
	}
	if (f->source) {
		dy_buf_adds(&q.sql, q_and(&first));
		q_prefix(&q, src, f->source);
	}
	if (f->target) {
		dy_buf_adds(&q.sql, q_and(&first));
		q_prefix(&q, tgt, f->target);
	}
	if (summary) {
		if (f->since || f->until) {
			dy_buf_adds(&q.sql, q_and(&first));
			dy_buf_adds(&q.sql, "month <> ''");
		}
		if (f->since) {
			dy_buf_adds(&q.sql, " AND month >= substr(");
			q_param(&q, f->since);
			dy_buf_adds(&q.sql, ", 1, 7)");
		}
		if (f->until) {
			dy_buf_adds(&q.sql, " AND month <= substr(");
			q_param(&q, f->until);
			dy_buf_adds(&q.sql, ", 1, 7)");
		}
	} else {
		if (f->since) {
			dy_buf_adds(&q.sql, q_and(&first));
			dy_buf_adds(&q.sql, "e.date >= ");
			q_param(&q, f->since);
		}
		if (f->until) {
			dy_buf_adds(&q.sql, q_and(&first));
			dy_buf_adds(&q.sql, "e.date <= ");
			q_param(&q, f->until);
		}
	}
	dy_buf_addf(&q.sql, " GROUP BY 1, 2%s", monthly ? ", 3" : "");
	if (summary)
		dy_buf_adds(&q.sql, " HAVING sum(events) > 0");
	if (monthly)
		dy_buf_adds(&q.sql, " ORDER BY total DESC, 1, 2, 3");
	else
		dy_buf_adds(&q.sql, " ORDER BY events DESC, 1, 2");
	q_limit(&q, f->limit);
	int ret = run_rows(s, &q, f, fn, ctx, err);
	q_release(&q);
	return ret;
}

/* ---- timeline ------------------------------------------------------------------------------- */

typedef struct tl_month {
	char month[8];
	long long n[2], q[2][4];
	double g[2]; /* sum of Goldstein values */
} tl_month;

static void month_next(char m[8])
{
	int y = atoi(m), mo = atoi(m + 5);
	if (++mo > 12) {
		mo = 1;
		y++;
	}
	snprintf(m, 8, "%04d-%02d", (y % 10000 + 10000) % 10000, (mo % 100 + 100) % 100);
}

static int tl_emit(const tl_month *t, dy_row_fn fn, void *ctx)
{
	static const char *const names[13] = {"month", "ab_events", "ba_events", "ab_goldstein", "ba_goldstein",
					       "ab_q1", "ab_q2", "ab_q3", "ab_q4", "ba_q1", "ba_q2", "ba_q3", "ba_q4"};
	dy_value v[13];
	memset(v, 0, sizeof(v));
	v[0].type = DY_V_TEXT;
	v[0].s = t->month;
	for (int d = 0; d < 2; d++) {
		v[1 + d].type = DY_V_INT;
		v[1 + d].i = t->n[d];
		if (t->n[d]) {
			v[3 + d].type = DY_V_REAL;
			v[3 + d].f = t->g[d] / (double)t->n[d];
		} else {
			v[3 + d].type = DY_V_NULL;
		}
		for (int k = 0; k < 4; k++) {
			v[5 + 4 * d + k].type = DY_V_INT;
			v[5 + 4 * d + k].i = t->q[d][k];
		}
	}
	return fn(ctx, 13, names, v);
}

int dy_store_timeline(dy_store *s, const char *a, const char *b, const char *since, const char *until,
		      dy_row_fn fn, void *ctx, dy_error *err)
{
	query q;
	q_init(&q);
	dy_buf_adds(&q.sql, "SELECT month, dir, quad, sum(events), sum(goldstein10) FROM (SELECT month, 0 AS dir, "
			    "quad, events, goldstein10 FROM dyad_months WHERE ");
	q_prefix(&q, "source_code", a);
	dy_buf_adds(&q.sql, " AND ");
	q_prefix(&q, "target_code", b);
	dy_buf_adds(&q.sql, " UNION ALL SELECT month, 1, quad, events, goldstein10 FROM dyad_months WHERE ");
	q_prefix(&q, "source_code", b);
	dy_buf_adds(&q.sql, " AND ");
	q_prefix(&q, "target_code", a);
	dy_buf_adds(&q.sql, ") WHERE month <> ''");
	if (since) {
		dy_buf_adds(&q.sql, " AND month >= substr(");
		q_param(&q, since);
		dy_buf_adds(&q.sql, ", 1, 7)");
	}
	if (until) {
		dy_buf_adds(&q.sql, " AND month <= substr(");
		q_param(&q, until);
		dy_buf_adds(&q.sql, ", 1, 7)");
	}
	dy_buf_adds(&q.sql, " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
	sqlite3_stmt *st = q_prepare(s, &q, err);
	q_release(&q);
	if (!st)
		return DY_EDB;
	tl_month cur;
	memset(&cur, 0, sizeof(cur));
	int have = 0, rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *m = (const char *)sqlite3_column_text(st, 0);
		if (!m || strlen(m) != 7)
			continue;
		if (!have || strcmp(m, cur.month) != 0) {
			if (have) {
				if ((ret = tl_emit(&cur, fn, ctx)) != 0)
					break;
				/* The months between, with nothing. */
				char next[8];
				memcpy(next, cur.month, 8);
				month_next(next);
				while (strcmp(next, m) < 0) {
					memset(&cur, 0, sizeof(cur));
					memcpy(cur.month, next, 8);
					if ((ret = tl_emit(&cur, fn, ctx)) != 0)
						break;
					month_next(next);
				}
				if (ret)
					break;
			}
			memset(&cur, 0, sizeof(cur));
			snprintf(cur.month, sizeof(cur.month), "%s", m);
			have = 1;
		}
		int dir = sqlite3_column_int(st, 1), quad = sqlite3_column_int(st, 2);
		long long n = sqlite3_column_int64(st, 3);
		cur.n[dir] += n;
		cur.g[dir] += (double)sqlite3_column_int64(st, 4) / 10.0;
		if (quad >= 1 && quad <= 4)
			cur.q[dir][quad - 1] += n;
	}
	if (!ret && rc != SQLITE_DONE && rc != SQLITE_ROW)
		ret = dy_store_fail(s, err, NULL);
	if (!ret && have)
		ret = tl_emit(&cur, fn, ctx);
	sqlite3_finalize(st);
	return ret;
}

/* ---- actors ------------------------------------------------------------------------------------ */

int dy_store_actors(dy_store *s, const dy_store_filter *f, dy_row_fn fn, void *ctx, dy_error *err)
{
	query q;
	q_init(&q);
	int nfilter = f->actor ? 3 : 0;
	const char *cols[3] = {"code", "source_code", "target_code"};
	dy_buf *b = &q.sql;
	dy_buf_adds(b, "WITH m AS (SELECT code, count(*) AS n FROM actor_mentions");
	for (int i = 0; i < 3; i++) {
		if (i == 1)
			dy_buf_adds(b, " GROUP BY code), s AS (SELECT source_code AS code, sum(events) AS n FROM "
				       "dyad_months");
		if (i == 2)
			dy_buf_adds(b, " GROUP BY source_code), t AS (SELECT target_code AS code, sum(events) AS n "
				       "FROM dyad_months");
		if (nfilter) {
			dy_buf_adds(b, " WHERE ");
			q_prefix(&q, cols[i], f->actor);
		}
	}
	dy_buf_adds(b, " GROUP BY target_code), c AS (SELECT code FROM m UNION SELECT code FROM s UNION SELECT "
		       "code FROM t) SELECT c.code AS code, coalesce((SELECT name FROM actor_mentions a WHERE "
		       "a.code = c.code GROUP BY name ORDER BY count(*) DESC, name LIMIT 1), (SELECT source_name "
		       "FROM events e WHERE e.source_code = c.code LIMIT 1), (SELECT target_name FROM events e "
		       "WHERE e.target_code = c.code LIMIT 1)) AS name, coalesce(m.n, 0) AS mentions, "
		       "coalesce(s.n, 0) + coalesce(t.n, 0) AS events, coalesce(s.n, 0) AS as_source, "
		       "coalesce(t.n, 0) AS as_target FROM c LEFT JOIN m ON m.code = c.code LEFT JOIN s ON s.code "
		       "= c.code LEFT JOIN t ON t.code = c.code ORDER BY mentions DESC, events DESC, c.code");
	q_limit(&q, f->limit);
	int ret = run_rows(s, &q, f, fn, ctx, err);
	q_release(&q);
	return ret;
}

/* ---- search -------------------------------------------------------------------------------------- */

int dy_store_search(dy_store *s, const dy_store_filter *f, dy_row_fn fn, void *ctx, dy_error *err)
{
	dy_buf fts = DY_BUF_INIT;
	if (!f->words || dy_store_fts_query(f->words, &fts, err) < 0) {
		dy_buf_release(&fts);
		return f->words ? DY_ESYNTAX : dy_error_set(err, DY_EINVAL, "nothing to search for");
	}
	query q;
	q_init(&q);
	dy_buf_adds(&q.sql, "SELECT d.doc_id AS doc, d.date AS date, t.sent AS sent, t.text AS sentence, (SELECT "
			    "group_concat(x, '; ') FROM (SELECT m.code || ' ' || m.source_code || '->' || "
			    "m.target_code || ' #' || m.event AS x FROM event_mentions m WHERE m.doc = t.doc AND "
			    "m.sent = t.sent "
			    "ORDER BY m.id)) AS events FROM sentences_fts f JOIN sentences t ON t.id = f.rowid JOIN "
			    "documents d ON d.id = t.doc WHERE sentences_fts MATCH ");
	q_param(&q, fts.s);
	if (f->since) {
		dy_buf_adds(&q.sql, " AND d.date >= ");
		q_param(&q, f->since);
	}
	if (f->until) {
		dy_buf_adds(&q.sql, " AND d.date <= ");
		q_param(&q, f->until);
	}
	dy_buf_adds(&q.sql, f->order == DY_ORDER_NEWEST ? " ORDER BY d.date DESC, d.doc_id, t.sent"
							 : " ORDER BY f.rank, d.date, d.doc_id, t.sent");
	q_limit(&q, f->limit);
	int ret = run_rows(s, &q, f, fn, ctx, err);
	q_release(&q);
	dy_buf_release(&fts);
	return ret;
}

/* ---- full-text syntax --------------------------------------------------------------------------- */

/* A term: a word or phrase (its text, to be quoted) and whether it is a prefix. */
typedef struct term {
	const char *s;
	size_t n;
	int prefix;
	int or_before; /* OR stood between it and the term before */
} term;

static int has_word_char(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

static void add_quoted(dy_buf *b, const char *s, size_t n)
{
	dy_buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			dy_buf_addc(b, '"');
		dy_buf_addc(b, s[i]);
	}
	dy_buf_addc(b, '"');
}

int dy_store_fts_query(const char *words, dy_buf *out, dy_error *err)
{
	term t[64];
	size_t n = 0;
	int pending_or = 0;
	const char *p = words;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		term cur = {NULL, 0, 0, 0};
		if (*p == '"') {
			const char *q = strchr(p + 1, '"');
			if (!q)
				return dy_error_set(err, DY_ESYNTAX, "unbalanced quote in '%s'", words);
			cur.s = p + 1;
			cur.n = (size_t)(q - p - 1);
			p = q + 1;
			if (*p == '*') {
				cur.prefix = 1;
				p++;
			}
		} else {
			const char *q = p;
			while (*q && *q != ' ' && *q != '\t' && *q != '\n' && *q != '"')
				q++;
			cur.s = p;
			cur.n = (size_t)(q - p);
			p = q;
			if (cur.n == 2 && memcmp(cur.s, "OR", 2) == 0 && n > 0 && !pending_or) {
				pending_or = 1;
				continue;
			}
			if (cur.n > 1 && cur.s[cur.n - 1] == '*') {
				cur.prefix = 1;
				cur.n--;
			}
		}
		if (!has_word_char(cur.s, cur.n))
			continue;
		if (n == sizeof(t) / sizeof(t[0]))
			return dy_error_set(err, DY_ESYNTAX, "too many words in '%s' (at most 64)", words);
		cur.or_before = pending_or;
		pending_or = 0;
		t[n++] = cur;
	}
	if (!n)
		return dy_error_set(err, DY_ESYNTAX, "nothing to search for in '%s' (no words)", words);
	dy_buf_clear(out);
	for (size_t i = 0; i < n; i++) {
		int opens = i + 1 < n && t[i + 1].or_before && !t[i].or_before;
		if (i)
			dy_buf_adds(out, t[i].or_before ? " OR " : " ");
		if (opens)
			dy_buf_addc(out, '(');
		add_quoted(out, t[i].s, t[i].n);
		if (t[i].prefix)
			dy_buf_addc(out, '*');
		if (t[i].or_before && !(i + 1 < n && t[i + 1].or_before))
			dy_buf_addc(out, ')');
	}
	return 0;
}

/* ---- statistics and checks ----------------------------------------------------------------------- */

int dy_store_stats(dy_store *s, dy_row_fn fn, void *ctx, dy_error *err)
{
	static const char *const tables[] = {"documents", "sentences", "actor_mentions", "events",
					     "event_mentions", "quotes", "places", "dyad_months",
					     "dyad_totals"};
	const char *names[2] = {"table", "rows"};
	dy_value v[2];
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		char sql[80];
		sqlite3_stmt *st;
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", tables[i]);
		if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
			return dy_store_fail(s, err, NULL);
		int rc = sqlite3_step(st);
		long long n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW)
			return dy_store_fail(s, err, NULL);
		v[0].type = DY_V_TEXT;
		v[0].s = tables[i];
		v[1].type = DY_V_INT;
		v[1].i = n;
		int r = fn(ctx, 2, names, v);
		if (r)
			return r;
	}
	v[0].type = DY_V_TEXT;
	v[0].s = "schema_version";
	v[1].type = DY_V_INT;
	v[1].i = s->version;
	return fn(ctx, 2, names, v);
}

typedef struct check_ctx {
	dy_row_fn fn;
	void *ctx;
	long problems;
	int stop;
} check_ctx;

static void problem(check_ctx *c, const char *check, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void problem(check_ctx *c, const char *check, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	c->problems++;
	if (c->stop)
		return;
	const char *names[2] = {"check", "problem"};
	dy_value v[2] = {{DY_V_TEXT, 0, 0, check}, {DY_V_TEXT, 0, 0, msg}};
	if (c->fn(c->ctx, 2, names, v))
		c->stop = 1;
}

/* Runs sql; every row it returns is a problem, its columns joined with
 * spaces after prefix. Returns <0 on a store error. */
static int check_query(dy_store *s, check_ctx *c, const char *check, const char *sql, const char *prefix,
		       dy_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return dy_store_fail(s, err, check);
	int rc;
	long shown = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		dy_buf b = DY_BUF_INIT;
		dy_buf_adds(&b, prefix);
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			const char *t = (const char *)sqlite3_column_text(st, i);
			dy_buf_addf(&b, " %s", t ? t : "NULL");
		}
		if (++shown <= 20)
			problem(c, check, "%s", b.s);
		else
			c->problems++;
		dy_buf_release(&b);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return dy_store_fail(s, err, check);
	return 0;
}

/* The partition rule itself: walks every key's dated mentions in date
 * order and checks that each event holds exactly the mentions it should. */
static int check_partition(dy_store *s, check_ctx *c, dy_error *err)
{
	sqlite3_stmt *st;
	const char *sql = "SELECT source_code, target_code, family, date, event FROM event_mentions WHERE "
			  "length(date) = 10 ORDER BY 1, 2, 3, 4";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return dy_store_fail(s, err, "partition");
	char key[256] = "", open[11] = "";
	long open_days = 0;
	sqlite3_int64 open_event = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char k[256];
		snprintf(k, sizeof(k), "%s|%s|%s", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
			 sqlite3_column_text(st, 2));
		const char *date = (const char *)sqlite3_column_text(st, 3);
		sqlite3_int64 ev = sqlite3_column_int64(st, 4);
		long days = dy_date_days(date);
		if (strcmp(k, key) != 0 || days > open_days + 1) {
			snprintf(key, sizeof(key), "%s", k);
			snprintf(open, sizeof(open), "%s", date);
			open_days = days;
			if (ev == open_event && open_event)
				problem(c, "partition", "event %lld spans more than two days (%s, key %s)", (long long)ev,
					date, k);
			open_event = ev;
		} else if (ev != open_event) {
			problem(c, "partition", "mentions of %s from %s are split between events %lld and %lld", k,
				open, (long long)open_event, (long long)ev);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return dy_store_fail(s, err, "partition");
	return 0;
}

int dy_store_check(dy_store *s, dy_row_fn fn, void *ctx, dy_error *err)
{
	check_ctx c = {fn, ctx, 0, 0};
	static const struct {
		const char *check, *sql, *prefix;
	} checks[] = {
		{"integrity", "SELECT integrity_check FROM pragma_integrity_check WHERE integrity_check <> 'ok'", ""},
		{"foreign keys", "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check",
		 "row of table, rowid, missing parent:"},
		{"sentences",
		 "SELECT d.doc_id, d.nsents, (SELECT count(*) FROM sentences t WHERE t.doc = d.id) AS n FROM "
		 "documents d WHERE n <> d.nsents",
		 "document, sentences expected, stored:"},
		{"sentences",
		 "SELECT d.doc_id, d.nsents, (SELECT max(sent) FROM sentences t WHERE t.doc = d.id) AS n FROM "
		 "documents d WHERE d.coded_by LIKE 'dyad %' AND d.nsents > 0 AND n <> d.nsents - 1",
		 "document, sentences expected, last sentence index:"},
		{"events",
		 "SELECT d.doc_id, d.nevents, (SELECT count(*) FROM event_mentions m WHERE m.doc = d.id) AS n FROM "
		 "documents d WHERE n <> d.nevents",
		 "document, event mentions expected, stored:"},
		{"events", "SELECT id, doc FROM event_mentions WHERE event IS NULL",
		 "event mention without an event (mention, document row):"},
		{"events",
		 "SELECT e.id, e.nmentions, e.narticles, count(m.id), count(DISTINCT m.doc) FROM events e LEFT JOIN "
		 "event_mentions m ON m.event = e.id GROUP BY e.id HAVING count(m.id) <> e.nmentions OR "
		 "count(DISTINCT m.doc) <> e.narticles OR count(m.id) = 0",
		 "event, mentions and articles recorded, counted:"},
		{"events",
		 "SELECT e.id, e.date, min(m.date), max(m.date) FROM events e JOIN event_mentions m ON m.event = e.id "
		 "WHERE e.date IS NOT NULL GROUP BY e.id HAVING min(m.date) <> e.date OR (length(e.date) = 10 AND "
		 "julianday(max(m.date)) - julianday(e.date) > 1) OR (length(e.date) <> 10 AND max(m.date) <> e.date)",
		 "event, date, its mentions' first and last date:"},
		{"events",
		 "SELECT e.id, e.first_mention FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE "
		 "m.id = e.first_mention AND m.event = e.id)",
		 "event whose first mention is not its own (event, mention):"},
		{"events",
		 "SELECT m.id, m.source_code, m.target_code, m.family, e.source_code, e.target_code, e.family FROM "
		 "event_mentions m JOIN events e ON e.id = m.event WHERE m.source_code <> e.source_code OR "
		 "m.target_code <> e.target_code OR m.family <> e.family",
		 "mention in an event of another key (mention, its key, the event's):"},
		{"summary",
		 "SELECT * FROM (SELECT source_code, target_code, coalesce(substr(date, 1, 7), ''), quad, count(*), "
		 "sum(CAST(round(goldstein * 10) AS INTEGER)), sum(nmentions) FROM events GROUP BY 1, 2, 3, 4 "
		 "EXCEPT SELECT * FROM dyad_months) UNION ALL SELECT * FROM (SELECT * FROM dyad_months EXCEPT "
		 "SELECT source_code, target_code, coalesce(substr(date, 1, 7), ''), quad, count(*), "
		 "sum(CAST(round(goldstein * 10) AS INTEGER)), sum(nmentions) FROM events GROUP BY 1, 2, 3, 4)",
		 "dyad_months differs from the events at:"},
		{"summary",
		 "SELECT * FROM (SELECT source_code, target_code, quad, count(*), sum(CAST(round(goldstein * 10) AS "
		 "INTEGER)), sum(nmentions) FROM events GROUP BY 1, 2, 3 EXCEPT SELECT * FROM dyad_totals) UNION ALL "
		 "SELECT * FROM (SELECT * FROM dyad_totals EXCEPT SELECT source_code, target_code, quad, count(*), "
		 "sum(CAST(round(goldstein * 10) AS INTEGER)), sum(nmentions) FROM events GROUP BY 1, 2, 3)",
		 "dyad_totals differs from the events at:"},
		{"events",
		 "SELECT e.id FROM events e JOIN event_mentions m ON m.id = e.first_mention JOIN sentences t ON "
		 "t.doc = m.doc AND t.sent = m.sent WHERE e.evidence IS NOT t.text",
		 "event whose evidence is not its first mention's sentence:"},
	};
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		if (check_query(s, &c, checks[i].check, checks[i].sql, checks[i].prefix, err) < 0)
			return DY_EDB;
	if (check_partition(s, &c, err) < 0)
		return DY_EDB;
	/* The full-text index against its content (a statement that writes
	 * nothing but needs a writable store). */
	if (!s->readonly) {
		char *msg = NULL;
		if (sqlite3_exec(s->db, "INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('integrity-check', 1)",
				 NULL, NULL, &msg) != SQLITE_OK) {
			problem(&c, "full text", "%s", msg ? msg : sqlite3_errmsg(s->db));
			sqlite3_free(msg);
		}
	}
	return c.problems > 0x7fffffff ? 0x7fffffff : (int)c.problems;
}
