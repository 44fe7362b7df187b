/* Unit tests for the store (src/store/): schema and migrations, documents
 * in and out, idempotence, deduplication against its definition under
 * random orders and replacements, partial dates, the full-text syntax,
 * dates and hashes, PETRARCH issues in and out. Documents are built by hand: no coder is loaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "io/export.h"
#include "store/store.h"
#include "test.h"

static char dir[] = "/tmp/dyad-test-store.XXXXXX";
static char path[64];

static void fresh(void)
{
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -f '%s' '%s-wal' '%s-shm'", path, path, path);
	if (system(cmd) != 0)
		printf("#   could not remove %s\n", path);
}

/* A document of hand-made events: each event is "SRC TGT CODE DATE" (DATE
 * "-" for none), one sentence each. */
typedef struct hand {
	dy_doc doc;
	dy_store_sent sents[16];
	dy_event events[16];
	char buf[16][4][16];
	char text[16][64];
	size_t n;
	char hash[DY_STORE_HASH_HEX + 1];
	dy_store_doc sd;
} hand;

static void hand_build(hand *h, const char *id, const char *date, const char *source, const char *const *evs,
		       size_t n)
{
	memset(h, 0, sizeof(*h));
	h->doc.id = id;
	h->doc.date = date;
	h->doc.source = source;
	h->n = n;
	for (size_t i = 0; i < n; i++) {
		char *f[4] = {h->buf[i][0], h->buf[i][1], h->buf[i][2], h->buf[i][3]};
		if (sscanf(evs[i], "%15s %15s %15s %15s", f[0], f[1], f[2], f[3]) != 4)
			printf("#   bad hand event '%s'\n", evs[i]);
		snprintf(h->text[i], sizeof(h->text[i]), "Sentence %zu of %s: %s.", i, id, evs[i]);
		h->sents[i] = (dy_store_sent){(uint32_t)i, (uint32_t)(100 * i), (uint32_t)(100 * i + 50), h->text[i],
					      strlen(h->text[i])};
		dy_event *e = &h->events[i];
		e->sent = (uint32_t)i;
		e->date = strcmp(f[3], "-") ? f[3] : NULL;
		e->date_precision = e->date ? (strlen(e->date) == 10 ? "day" : strlen(e->date) == 7 ? "month" : "year")
					    : NULL;
		e->source = (dy_actor_ref){f[0], f[0], f[0], 0, 3, NULL, NULL};
		e->target = (dy_actor_ref){f[1], f[1], f[1], 5, 8, NULL, NULL};
		e->code = f[2];
		e->root = "05";
		e->name = "name";
		e->plover = "SUPPORT";
		e->quad = 1;
		e->goldstein = 3.5;
		e->sent_start = h->sents[i].start;
		e->sent_end = h->sents[i].end;
		e->size.killed = e->size.injured = e->size.arrested = -1;
	}
	/* The hash stands for the content: the event lines make it. */
	dy_buf b = DY_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		dy_buf_adds(&b, evs[i]);
	dy_doc hd = h->doc;
	hd.text = b.s ? b.s : "";
	hd.len = b.len;
	dy_store_hash_doc(&hd, h->hash);
	dy_buf_release(&b);
	dy_store_doc *sd = &h->sd;
	sd->doc = &h->doc;
	sd->hash = h->hash;
	sd->coded_by = "test";
	sd->sents = h->sents;
	sd->nsents = n;
	sd->events = h->events;
	sd->nevents = n;
	static const char *const trig[16] = {"t", "t", "t", "t", "t", "t", "t", "t",
					     "t", "t", "t", "t", "t", "t", "t", "t"};
	sd->triggers = trig;
}

typedef struct seen {
	char line[64][80];
	size_t n;
} seen;

static int collect(const dy_store_event *e, void *ctx)
{
	seen *s = ctx;
	if (s->n < 64)
		snprintf(s->line[s->n++], 80, "%s %s %s %s m%ld a%ld s%ld", e->date ? e->date : "-", e->source_code,
			 e->target_code, e->code, e->nmentions, e->narticles, e->nsources);
	return 0;
}

static int count_rows(void *ctx, size_t ncols, const char *const *names, const dy_value *vals)
{
	(void)ncols;
	(void)names;
	(void)vals;
	(*(int *)ctx)++;
	return 0;
}

static int print_problem(void *ctx, size_t ncols, const char *const *names, const dy_value *vals)
{
	(void)ctx;
	(void)names;
	printf("#   problem: %s: %s\n", ncols > 0 ? vals[0].s : "", ncols > 1 ? vals[1].s : "");
	return 0;
}

/* The events f selects (all when f is NULL), into out. */
static void events_of(dy_store *s, const dy_store_filter *f, seen *out)
{
	dy_store_filter all;
	dy_error err;
	memset(&all, 0, sizeof(all));
	memset(out, 0, sizeof(*out));
	dy_error_clear(&err);
	CHECK_INT(dy_store_events(s, f ? f : &all, 0, collect, out, &err), 0);
}

/* A new, empty store at path (NULL, a failed check, when it cannot be made). */
static dy_store *open_fresh(dy_error *err)
{
	fresh();
	dy_error_clear(err);
	dy_store *s = dy_store_open(path, DY_STORE_CREATE, err);
	CHECK(s != NULL);
	return s;
}

static void check_consistent(dy_store *s)
{
	dy_error err;
	dy_error_clear(&err);
	CHECK_INT(dy_store_check(s, print_problem, NULL, &err), 0);
}

TEST(open_creates_and_migrates)
{
	fresh();
	dy_error err;
	dy_error_clear(&err);
	CHECK(dy_store_open(path, DY_STORE_READ, &err) == NULL);
	CHECK_INT(err.code, DY_ENOENT);
	dy_store *s = dy_store_open(path, DY_STORE_CREATE, &err);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(dy_store_version(s), dy_store_schema_latest());
	CHECK(dy_store_schema_latest() >= 1);
	dy_store_close(s);
	s = dy_store_open(path, DY_STORE_READ, &err);
	CHECK(s != NULL);
	dy_store_close(s);
}

TEST(not_a_store)
{
	char other[100];
	snprintf(other, sizeof(other), "%s/not-a-store", dir);
	FILE *f = fopen(other, "w");
	if (f) {
		fputs("id: x\n\nThis is text, not SQLite.\n", f);
		fclose(f);
	}
	dy_error err;
	dy_error_clear(&err);
	CHECK(dy_store_open(other, DY_STORE_READ, &err) == NULL);
	CHECK(strstr(err.msg, "is not a dyad store") != NULL);
	unlink(other);
}

TEST(put_is_idempotent_and_replaces)
{
	dy_error err;
	dy_store *s = open_fresh(&err);
	if (!s)
		return;
	static const char *const a[] = {"RUSGOV AFGGOV 054 2025-07-04", "AFGGOV RUSGOV 051 2025-07-04"};
	static const char *const a2[] = {"RUSGOV AFGGOV 054 2025-07-04"};
	hand h;
	hand_build(&h, "a", "2025-07-04", "Wire", a, 2);
	CHECK_INT(dy_store_put(s, &h.sd, 0, &err), DY_STORE_NEW);
	CHECK_INT(dy_store_put(s, &h.sd, 0, &err), DY_STORE_UNCHANGED);
	char hash[DY_STORE_HASH_HEX + 1];
	CHECK_INT(dy_store_lookup(s, "a", hash, &err), 1);
	CHECK_STR(hash, h.hash);
	CHECK_INT(dy_store_lookup(s, "b", NULL, &err), 0);
	seen ev;
	events_of(s, NULL, &ev);
	CHECK_INT(ev.n, 2);
	hand_build(&h, "a", "2025-07-04", "Wire", a2, 1);
	CHECK_INT(dy_store_put(s, &h.sd, 0, &err), DY_STORE_CHANGED);
	events_of(s, NULL, &ev);
	CHECK_INT(ev.n, 1);
	CHECK_STR(ev.line[0], "2025-07-04 RUSGOV AFGGOV 054 m1 a1 s1");
	CHECK_INT(dy_store_put(s, &h.sd, 1, &err), DY_STORE_CHANGED);
	int rows = 0;
	CHECK_INT(dy_store_stats(s, count_rows, &rows, &err), 0);
	CHECK(rows >= 8);
	check_consistent(s);
	dy_store_close(s);
}

TEST(dedup_across_articles)
{
	dy_error err;
	dy_store *s = open_fresh(&err);
	if (!s)
		return;
	/* Three reports of one recognition within a day, one three days
	 * later, one of another family, one by another source. */
	static const char *const e1[] = {"RUSGOV AFGGOV 054 2025-07-04"};
	static const char *const e2[] = {"RUSGOV AFGGOV 054 2025-07-05", "RUSGOV AFGGOV 0541 2025-07-05"};
	static const char *const e3[] = {"RUSGOV AFGGOV 054 2025-07-08", "RUSGOV AFGGOV 051 2025-07-08"};
	hand h1, h2, h3;
	hand_build(&h1, "a1", "2025-07-04", "Wire", e1, 1);
	hand_build(&h2, "a2", "2025-07-05", "Wire", e2, 2);
	hand_build(&h3, "a3", "2025-07-08", "Other", e3, 2);
	CHECK_INT(dy_store_put(s, &h2.sd, 0, &err), DY_STORE_NEW);
	CHECK_INT(dy_store_put(s, &h3.sd, 0, &err), DY_STORE_NEW);
	CHECK_INT(dy_store_put(s, &h1.sd, 0, &err), DY_STORE_NEW);
	seen ev;
	events_of(s, NULL, &ev);
	CHECK_INT(ev.n, 3);
	CHECK_STR(ev.line[0], "2025-07-04 RUSGOV AFGGOV 054 m3 a2 s1");
	CHECK_STR(ev.line[1], "2025-07-08 RUSGOV AFGGOV 051 m1 a1 s1");
	CHECK_STR(ev.line[2], "2025-07-08 RUSGOV AFGGOV 054 m1 a1 s1");
	check_consistent(s);
	dy_store_close(s);
}

/* The partition by definition: sorted dates, each event opens at the first
 * date not yet taken and holds two days. Returns the number of events. */
static size_t canonical(const long *days, size_t n)
{
	long sorted[256];
	memcpy(sorted, days, n * sizeof(long));
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && sorted[j] < sorted[j - 1]; j--) {
			long t = sorted[j];
			sorted[j] = sorted[j - 1];
			sorted[j - 1] = t;
		}
	size_t events = 0;
	long open = -100000;
	for (size_t i = 0; i < n; i++) {
		if (sorted[i] > open + 1) {
			events++;
			open = sorted[i];
		}
	}
	return events;
}

TEST(dedup_matches_its_definition_in_any_order)
{
	srand(20250707);
	for (int round = 0; round < 12; round++) {
		dy_error err;
		dy_store *s = open_fresh(&err);
		if (!s)
			return;
		/* 24 documents, one event each, on days 0..14: dense enough
		 * that inserting a day moves the events after it. */
		enum { N = 24 };
		long day[N];
		char ids[N][16], dates[N][11], lines[N][64];
		hand *h = calloc(N, sizeof(hand));
		int order[N];
		for (int i = 0; i < N; i++) {
			day[i] = dy_date_days("2024-02-20") + rand() % 15;
			dy_date_from_days(day[i], dates[i]);
			snprintf(ids[i], sizeof(ids[i]), "d%02d", i);
			snprintf(lines[i], sizeof(lines[i]), "USA CHN 190 %s", dates[i]);
			const char *ev[1] = {lines[i]};
			hand_build(&h[i], ids[i], dates[i], i % 3 ? "Wire" : NULL, ev, 1);
			order[i] = i;
		}
		for (int i = N - 1; i > 0; i--) {
			int j = rand() % (i + 1), t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		for (int i = 0; i < N; i++)
			CHECK_INT(dy_store_put(s, &h[order[i]].sd, 0, &err), DY_STORE_NEW);
		seen ev;
		events_of(s, NULL, &ev);
		CHECK_INT(ev.n, canonical(day, N));
		check_consistent(s);
		/* Move a third of the documents to other days (a changed
		 * document is deleted and stored again). */
		for (int i = 0; i < N; i += 3) {
			day[i] = dy_date_days("2024-02-20") + rand() % 15;
			dy_date_from_days(day[i], dates[i]);
			snprintf(lines[i], sizeof(lines[i]), "USA CHN 190 %.10s", dates[i]);
			const char *e1[1] = {lines[i]};
			hand_build(&h[i], ids[i], dates[i], NULL, e1, 1);
			int rc = dy_store_put(s, &h[i].sd, 0, &err);
			CHECK(rc == DY_STORE_CHANGED || rc == DY_STORE_UNCHANGED);
		}
		events_of(s, NULL, &ev);
		CHECK_INT(ev.n, canonical(day, N));
		check_consistent(s);
		free(h);
		dy_store_close(s);
		if (test_failed_checks) {
			printf("#   round %d\n", round);
			break;
		}
	}
}

TEST(partial_and_missing_dates)
{
	dy_error err;
	dy_store *s = open_fresh(&err);
	if (!s)
		return;
	static const char *const a[] = {"IRN USA 112 2024-03", "IRN USA 112 2024-03-01", "IRN USA 112 2024",
					"IRN USA 112 -", "IRN USA 112 -"};
	static const char *const b[] = {"IRN USA 112 2024-03", "IRN USA 112 -"};
	static const char *const bad[] = {"IRN USA 112 2024-13"};
	hand h, g, x;
	hand_build(&h, "p1", NULL, NULL, a, 5);
	hand_build(&g, "p2", NULL, NULL, b, 2);
	hand_build(&x, "p3", NULL, NULL, bad, 1);
	CHECK_INT(dy_store_put(s, &h.sd, 0, &err), DY_STORE_NEW);
	CHECK_INT(dy_store_put(s, &g.sd, 0, &err), DY_STORE_NEW);
	CHECK_INT(dy_store_put(s, &x.sd, 0, &err), DY_EDATE);
	CHECK(strstr(err.msg, "malformed date '2024-13'") != NULL);
	seen ev;
	events_of(s, NULL, &ev);
	/* 2024, 2024-03 (two articles), 2024-03-01, and one undated per document. */
	CHECK_INT(ev.n, 5);
	CHECK_STR(ev.line[0], "2024 IRN USA 112 m1 a1 s1");
	CHECK_STR(ev.line[1], "2024-03 IRN USA 112 m2 a2 s2");
	CHECK_STR(ev.line[2], "2024-03-01 IRN USA 112 m1 a1 s1");
	CHECK_STR(ev.line[3], "- IRN USA 112 m2 a1 s1");
	CHECK_STR(ev.line[4], "- IRN USA 112 m1 a1 s1");
	check_consistent(s);
	/* Replacing the first document removes its events. */
	hand_build(&h, "p1", NULL, NULL, b, 1);
	CHECK_INT(dy_store_put(s, &h.sd, 0, &err), DY_STORE_CHANGED);
	events_of(s, NULL, &ev);
	CHECK_INT(ev.n, 2);
	check_consistent(s);
	dy_store_close(s);
}

TEST(filters_and_search)
{
	dy_error err;
	dy_store *s = open_fresh(&err);
	if (!s)
		return;
	static const char *const a[] = {"RUSGOV AFGGOV 054 2024-01-05", "RUS UKR 190 2023-12-30",
					"UKR RUSMIL 190 2024-02-01", "USA RUSGOV 112 2024-03-03"};
	hand h;
	hand_build(&h, "f", "2024-01-05", NULL, a, 4);
	CHECK_INT(dy_store_put(s, &h.sd, 0, &err), DY_STORE_NEW);
	dy_store_filter f;
	seen ev;
	memset(&f, 0, sizeof(f));
	f.source = "RUS";
	events_of(s, &f, &ev);
	CHECK_INT(ev.n, 2);
	f.since = "2024-01-01";
	events_of(s, &f, &ev);
	CHECK_INT(ev.n, 1);
	memset(&f, 0, sizeof(f));
	f.actor = "RUS";
	events_of(s, &f, &ev);
	CHECK_INT(ev.n, 4);
	f.quads = 1u << 4; /* every hand-made event is quad 1 */
	events_of(s, &f, &ev);
	CHECK_INT(ev.n, 0);
	memset(&f, 0, sizeof(f));
	f.words = "\"of f\" 054";
	events_of(s, &f, &ev);
	CHECK_INT(ev.n, 1);
	int rows = 0;
	f.words = "sentence";
	CHECK_INT(dy_store_search(s, &f, count_rows, &rows, &err), 0);
	CHECK_INT(rows, 4);
	rows = 0;
	CHECK_INT(dy_store_timeline(s, "RUS", "UKR", NULL, NULL, count_rows, &rows, &err), 0);
	CHECK_INT(rows, 3); /* 2023-12, 2024-01 (empty), 2024-02 */
	rows = 0;
	memset(&f, 0, sizeof(f));
	CHECK_INT(dy_store_dyads(s, &f, 0, count_rows, &rows, &err), 0);
	CHECK_INT(rows, 4);
	rows = 0;
	f.since = "2024-01-02"; /* not a month's first day: the events are scanned */
	CHECK_INT(dy_store_dyads(s, &f, 1, count_rows, &rows, &err), 0);
	CHECK_INT(rows, 3);
	dy_store_close(s);
}

TEST(fts_syntax)
{
	dy_buf b = DY_BUF_INIT;
	dy_error err;
	dy_error_clear(&err);
	CHECK_INT(dy_store_fts_query("Taliban recognition", &b, &err), 0);
	CHECK_STR(b.s, "\"Taliban\" \"recognition\"");
	CHECK_INT(dy_store_fts_query("\"air strike\" Kabul OR Kandahar recogn*", &b, &err), 0);
	CHECK_STR(b.s, "\"air strike\" (\"Kabul\" OR \"Kandahar\") \"recogn\"*");
	CHECK_INT(dy_store_fts_query("NOT AND ( ) Moscow's", &b, &err), 0);
	CHECK_STR(b.s, "\"NOT\" \"AND\" \"Moscow's\"");
	CHECK_INT(dy_store_fts_query("\"unbalanced", &b, &err), DY_ESYNTAX);
	CHECK(strstr(err.msg, "unbalanced quote") != NULL);
	CHECK_INT(dy_store_fts_query(" - ", &b, &err), DY_ESYNTAX);
	dy_buf_release(&b);
}

TEST(dates_and_hash)
{
	char out[11];
	CHECK_INT(dy_date_days("1970-01-01"), 0);
	CHECK_INT(dy_date_days("2024-03-01") - dy_date_days("2024-02-28"), 2);
	dy_date_from_days(dy_date_days("2023-12-31") + 1, out);
	CHECK_STR(out, "2024-01-01");
	dy_doc d;
	memset(&d, 0, sizeof(d));
	d.text = "abc";
	d.len = 3;
	char h[DY_STORE_HASH_HEX + 1];
	dy_store_hash_doc(&d, h);
	/* SHA-256 of "\0\0\0\0abc\0" (printf '\0\0\0\0abc\0' | sha256sum). */
	CHECK_STR(h, "3b494d3f98314342baa6e0a6382357ede2506cd4d9c3c4649cfcb7bc29013b44");
}

/* What the issues test reads back: each mention's issues, and the
 * event's Phoenix line. */
typedef struct issues_seen {
	char issues[4][200];
	int null[4];
	size_t n;
	dy_buf phoenix;
} issues_seen;

static int collect_issues(const dy_store_event *e, void *ctx)
{
	issues_seen *s = ctx;
	for (size_t i = 0; i < e->nlisted && s->n < 4; i++, s->n++) {
		s->null[s->n] = e->mentions[i].issues == NULL;
		const char *is = e->mentions[i].issues;
		snprintf(s->issues[s->n], sizeof(s->issues[0]), "%s", is ? is : "");
	}
	dy_export_event(&s->phoenix, DY_EXPORT_PHOENIX, e);
	return 0;
}

TEST(issues_in_and_out)
{
	dy_error err;
	dy_store *s = open_fresh(&err);
	if (!s)
		return;
	/* One event reported in three sentences of two documents: the first
	 * two with issues, the third without. */
	static const char *const a[] = {"RUSGOV AFGGOV 054 2025-07-04", "RUSGOV AFGGOV 054 2025-07-04"};
	static const char *const b[] = {"RUSGOV AFGGOV 054 2025-07-05"};
	hand ha, hb;
	hand_build(&ha, "a", "2025-07-04", "Wire", a, 2);
	hand_build(&hb, "b", "2025-07-05", "Other", b, 1);
	const dy_issue i0[] = {{"OIL", "ENERGY", "oil", 10, 13, 1}, {"SCHOOLS", NULL, "school \"x\"", 20, 30, 2}};
	const dy_issue i1[] = {{"SCHOOLS", "EDUCATION", "schools", 4, 11, 3}};
	ha.events[0].issues = i0;
	ha.events[0].nissues = 2;
	ha.events[1].issues = i1;
	ha.events[1].nissues = 1;
	CHECK_INT(dy_store_put(s, &ha.sd, 0, &err), DY_STORE_NEW);
	CHECK_INT(dy_store_put(s, &hb.sd, 0, &err), DY_STORE_NEW);
	dy_store_filter all;
	memset(&all, 0, sizeof(all));
	issues_seen got;
	memset(&got, 0, sizeof(got));
	dy_buf_init(&got.phoenix);
	CHECK_INT(dy_store_events(s, &all, DY_STORE_MENTIONS, collect_issues, &got, &err), 0);
	CHECK_INT(got.n, 3);
	CHECK_STR(got.issues[0], "[{\"code\":\"OIL\",\"category\":\"ENERGY\",\"count\":1,\"text\":\"oil\","
				 "\"offsets\":[10,13]},{\"code\":\"SCHOOLS\",\"category\":null,\"count\":2,"
				 "\"text\":\"school \\\"x\\\"\",\"offsets\":[20,30]}]");
	CHECK_STR(got.issues[1], "[{\"code\":\"SCHOOLS\",\"category\":\"EDUCATION\",\"count\":3,"
				 "\"text\":\"schools\",\"offsets\":[4,11]}]");
	CHECK_INT(got.null[2], 1);
	/* Phoenix's Issues (the 18th column): codes first seen first, counts summed. */
	const char *p = got.phoenix.s ? got.phoenix.s : "";
	for (int tab = 0; tab < 17 && p; tab++)
		p = strchr(p, '\t') ? strchr(p, '\t') + 1 : NULL;
	CHECK(p != NULL && strncmp(p, "OIL 1, SCHOOLS 5\t", 17) == 0);
	dy_buf_release(&got.phoenix);
	check_consistent(s);
	dy_store_close(s);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		printf("not ok - cannot make a temporary directory\n");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/test.db", dir);
	RUN(open_creates_and_migrates);
	RUN(not_a_store);
	RUN(put_is_idempotent_and_replaces);
	RUN(dedup_across_articles);
	RUN(dedup_matches_its_definition_in_any_order);
	RUN(partial_and_missing_dates);
	RUN(filters_and_search);
	RUN(fts_syntax);
	RUN(dates_and_hash);
	RUN(issues_in_and_out);
	fresh();
	rmdir(dir);
	return TEST_DONE();
}
