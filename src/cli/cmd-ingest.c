/* cmd-ingest.c - `dyad ingest`: code documents and keep them in the store,
 * or (--events) keep events coded elsewhere, read from dyad's JSONL.
 *
 * Each document is one transaction (store.h), so an interrupted ingest
 * leaves whole documents only and running the same command again skips
 * what is stored (same id, same content hash) and does the rest. The
 * dictionaries are loaded only when a document needs coding.
 *
 * Two threads: one reads the input and codes (or parses) each document
 * into a ring of slots, the main thread stores the slots in order. Only
 * the main thread writes the store; the reading thread asks a read-only
 * connection of its own whether a document is stored already, to skip
 * coding it (dy_store_put checks again).
 */
#include <errno.h>
#include <jansson.h>
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/map.h"
#include "base/mem.h"
#include "cli/cli.h"
#include "io/reader.h"

enum {
	OPT_EVENTS = OPT_STORE_OWN,
	OPT_FORCE,
	OPT_QUIET,
	OPT_VERBOSE,
	OPT_BATCH,
};

const cli_option cmd_ingest_options[] = {
	CLI_OPT_DB,
	{OPT_EVENTS, 'e', "events", NULL, "the files hold events (and quotations) as 'dyad code' writes them, not documents"},
	{OPT_BATCH, 0, "batch", "N", "store N documents per transaction (default 1; faster bulk loads)"},
	{OPT_FORCE, 0, "force", NULL, "replace stored documents even when unchanged (after new dictionaries)"},
	CLI_OPT_DATA,
	CLI_OPT_DICT,
	{OPT_QUIET, 'q', "quiet", NULL, "print no warnings and no summary"},
	{OPT_VERBOSE, 'v', "verbose", NULL, "print each document as it is stored"},
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

typedef struct slot slot;

typedef struct ingest {
	/* The main thread's (storing). */
	dy_store *store;
	const char *db;
	int force, quiet, verbose;
	long batch;           /* documents per transaction */
	long in_batch;        /* documents stored in the open one */
	size_t added, changed, unchanged, skipped, sents, events;
	int fatal;            /* the store failed: stop */
	/* The reading thread's. */
	dy_store *ro;         /* read-only connection, or NULL */
	cli_coder_opts copts;
	dy_coder *coder;
	int coder_failed;
	int events_input;     /* --events */
	char **files;
	size_t nfiles;
	slot *cur;            /* --events: the slot gathering a document */
	size_t r_skipped, r_ignored;
	int r_fatal;
	/* The ring, under mu. */
	pthread_mutex_t mu;
	pthread_cond_t can_fill, can_store;
	slot *slots;
	size_t filled, stored; /* slots filled and stored so far */
	int done;             /* the reading thread has finished */
	int stop;             /* the main thread asks it to stop */
	int fill_waits, store_waits; /* a thread waits on can_fill, can_store */
} ingest;

static const char *origin_of(const dy_doc *d)
{
	return d->origin ? d->origin : "-";
}

/* Commits the open batch, if any. */
static void end_batch(ingest *in)
{
	if (!in->in_batch)
		return;
	in->in_batch = 0;
	dy_error err;
	dy_error_clear(&err);
	if (dy_store_commit(in->store, &err) < 0) {
		cli_error("%s", err.msg);
		in->fatal = 1;
	}
}

/* Stores one prepared document and counts what happened. */
static void put(ingest *in, const dy_store_doc *sd)
{
	dy_error err;
	dy_error_clear(&err);
	if (in->batch > 1 && in->in_batch == 0 && dy_store_begin(in->store, &err) < 0) {
		cli_error("%s", err.msg);
		in->fatal = 1;
		return;
	}
	int rc = dy_store_put(in->store, sd, in->force, &err);
	if (in->batch > 1 && ++in->in_batch == in->batch)
		end_batch(in);
	const dy_doc *d = sd->doc;
	if (rc < 0) {
		cli_error("%s:%ld: document '%s': %s", origin_of(d), d->line, d->id,
			  err.msg[0] ? err.msg : dy_strerror(rc));
		in->skipped++;
		if (rc == DY_EDB)
			in->fatal = 1;
		return;
	}
	if (rc == DY_STORE_UNCHANGED) {
		in->unchanged++;
		return;
	}
	if (rc == DY_STORE_NEW)
		in->added++;
	else
		in->changed++;
	in->sents += sd->nsents;
	in->events += sd->nevents;
	if (in->verbose)
		fprintf(stderr, "dyad: %s '%s': %zu sentences, %zu events\n", rc == DY_STORE_NEW ? "stored" : "replaced",
			d->id, sd->nsents, sd->nevents);
}

/* ---- events (--events) ----------------------------------------------------------------- */

/* The events of one document read so far, with the strings they point to. */
typedef struct ev_doc {
	dy_arena arena;
	char *id;
	long line;            /* where its first event is */
	dy_doc doc;
	dy_buf raw;           /* its lines, for the content hash */
	dy_event *events;
	const char **triggers;
	dy_place *places;
	size_t nevents, cap;
	dy_store_sent *sents;
	size_t nsents, scap;
	dy_mention *mentions;
	size_t nmentions, mcap;
	dy_quote *quotes;
	size_t nquotes, qcap;
} ev_doc;

static const char *jstr(dy_arena *a, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? dy_arena_strdup(a, json_string_value(v)) : NULL;
}

/* A date as dyad writes it: YYYY-MM-DD, or YYYY-MM or YYYY when the
 * dates stage found only a month or a year. */
static int date_ok(const char *s)
{
	char full[11];
	size_t n = strlen(s);
	if (n == 10)
		return dy_date_valid(s);
	if (n == 7)
		return snprintf(full, sizeof(full), "%s-01", s) == 10 && dy_date_valid(full);
	if (n == 4)
		return snprintf(full, sizeof(full), "%s-01-01", s) == 10 && dy_date_valid(full);
	return 0;
}

/* Reads a non-negative integer that fits in 32 bits. */
static int juint(json_t *v, uint32_t *out)
{
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 0xffffffffLL)
		return 0;
	*out = (uint32_t)json_integer_value(v);
	return 1;
}

static int joffsets(json_t *v, uint32_t *a, uint32_t *b)
{
	return json_is_array(v) && json_array_size(v) == 2 && juint(json_array_get(v, 0), a) &&
	       juint(json_array_get(v, 1), b) && *a <= *b;
}

static int jactor(dy_arena *a, json_t *o, const char *key, dy_actor_ref *r)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_object(v))
		return 0;
	memset(r, 0, sizeof(*r));
	r->code = jstr(a, v, "code");
	r->name = jstr(a, v, "name");
	r->text = jstr(a, v, "text");
	r->via = jstr(a, v, "via");
	r->rule = jstr(a, v, "rule");
	json_t *off = json_object_get(v, "offsets");
	if (off)
		joffsets(off, &r->start, &r->end);
	return r->code && *r->code;
}

static long jcount(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_integer(v) && json_integer_value(v) >= 0 ? (long)json_integer_value(v) : -1;
}

static void ev_doc_reset(ev_doc *e)
{
	dy_arena_reset(&e->arena);
	dy_buf_clear(&e->raw);
	e->id = NULL;
	e->nevents = e->nsents = e->nmentions = e->nquotes = 0;
}

static void ev_doc_release(ev_doc *e)
{
	dy_arena_release(&e->arena);
	dy_buf_release(&e->raw);
	free(e->events);
	free(e->triggers);
	free(e->places);
	free(e->sents);
	free(e->mentions);
	free(e->quotes);
}

/* Parses a quotation line ("type":"quote", as `dyad code` writes them). */
static int parse_quote(ev_doc *e, json_t *o, char *msg, size_t msgcap)
{
	dy_arena *a = &e->arena;
	DY_GROW(e->quotes, e->qcap, e->nquotes + 1);
	dy_quote *q = &e->quotes[e->nquotes];
	memset(q, 0, sizeof(*q));
	if (!juint(json_object_get(o, "sent"), &q->sent))
		return snprintf(msg, msgcap, "'sent' is missing or not a sentence number"), -1;
	q->text = jstr(a, o, "text");
	if (!q->text)
		return snprintf(msg, msgcap, "'text' of the quotation is missing"), -1;
	q->kind = jstr(a, o, "kind");
	joffsets(json_object_get(o, "offsets"), &q->start, &q->end);
	json_t *sp = json_object_get(o, "speaker");
	if (json_is_object(sp)) {
		q->speaker.code = jstr(a, sp, "code");
		q->speaker.name = jstr(a, sp, "name");
		q->speaker.text = jstr(a, sp, "text");
		q->speaker.via = jstr(a, sp, "via");
		joffsets(json_object_get(sp, "offsets"), &q->speaker.start, &q->speaker.end);
	}
	e->nquotes++;
	return 0;
}

/* Reads the "issues" of an event line, as `dyad code` writes them:
 * [{"code":"OIL","category":"ENERGY"|null,"count":1,"text":"oil",
 * "offsets":[55,58]}...]; code and count are required, the others
 * optional. Absent or null: none. Returns 0, or -1 with msg filled. */
static int parse_issues(dy_event *ev, dy_arena *a, json_t *v, char *msg, size_t msgcap)
{
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_array(v))
		return snprintf(msg, msgcap, "'issues' is not an array of issues"), -1;
	size_t n = json_array_size(v);
	if (!n)
		return 0;
	dy_issue *is = dy_arena_calloc(a, n, sizeof(dy_issue));
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(v, i);
		if (!json_is_object(o))
			return snprintf(msg, msgcap, "issue %zu of 'issues' is not an object", i + 1), -1;
		json_t *code = json_object_get(o, "code");
		if (!json_is_string(code) || !*json_string_value(code))
			return snprintf(msg, msgcap, "issue %zu of 'issues': 'code' is missing or not a string", i + 1),
			       -1;
		uint32_t count;
		if (!juint(json_object_get(o, "count"), &count) || count < 1)
			return snprintf(msg, msgcap, "issue %zu of 'issues': 'count' is missing or not a positive integer",
					i + 1),
			       -1;
		json_t *cat = json_object_get(o, "category"), *text = json_object_get(o, "text");
		if (cat && !json_is_null(cat) && !json_is_string(cat))
			return snprintf(msg, msgcap, "issue %zu of 'issues': 'category' is not a string", i + 1), -1;
		if (text && !json_is_null(text) && !json_is_string(text))
			return snprintf(msg, msgcap, "issue %zu of 'issues': 'text' is not a string", i + 1), -1;
		json_t *off = json_object_get(o, "offsets");
		if (off && !json_is_null(off) && !joffsets(off, &is[i].start, &is[i].end))
			return snprintf(msg, msgcap, "issue %zu of 'issues': 'offsets' is not [start, end]", i + 1), -1;
		is[i].code = dy_arena_strdup(a, json_string_value(code));
		is[i].category = jstr(a, o, "category");
		is[i].text = jstr(a, o, "text");
		is[i].count = count;
	}
	ev->issues = is;
	ev->nissues = n;
	return 0;
}

/* Parses one event line into e (whose document is already set). Returns 0,
 * or -1 with msg filled. */
static int parse_event(ev_doc *e, json_t *o, char *msg, size_t msgcap)
{
	dy_arena *a = &e->arena;
	if (e->nevents == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 16;
		e->events = dy_xrealloc(e->events, e->cap * sizeof(dy_event));
		e->triggers = dy_xrealloc(e->triggers, e->cap * sizeof(char *));
		e->places = dy_xrealloc(e->places, e->cap * sizeof(dy_place));
	}
	dy_event *ev = &e->events[e->nevents];
	dy_place *pl = &e->places[e->nevents];
	memset(ev, 0, sizeof(*ev));
	memset(pl, 0, sizeof(*pl));
	ev->size.killed = ev->size.injured = ev->size.arrested = -1;
	if (!juint(json_object_get(o, "sent"), &ev->sent))
		return snprintf(msg, msgcap, "'sent' is missing or not a sentence number"), -1;
	json_t *date = json_object_get(o, "date");
	if (json_is_string(date)) {
		if (!date_ok(json_string_value(date)))
			return snprintf(msg, msgcap, "malformed date '%.40s' (want YYYY-MM-DD, YYYY-MM or YYYY)",
					json_string_value(date)),
			       -1;
		ev->date = jstr(a, o, "date");
	} else if (date && !json_is_null(date)) {
		return snprintf(msg, msgcap, "'date' is not a string"), -1;
	}
	if (!jactor(a, o, "source", &ev->source))
		return snprintf(msg, msgcap, "'source' is missing or has no code"), -1;
	if (!jactor(a, o, "target", &ev->target))
		return snprintf(msg, msgcap, "'target' is missing or has no code"), -1;
	ev->code = jstr(a, o, "code");
	if (!ev->code || !*ev->code || strlen(ev->code) > 4 || strspn(ev->code, "0123456789") != strlen(ev->code))
		return snprintf(msg, msgcap, "'code' is missing or not a CAMEO code"), -1;
	ev->root = jstr(a, o, "root");
	if (!ev->root) {
		char root[3] = {ev->code[0], ev->code[1] ? ev->code[1] : '\0', '\0'};
		ev->root = dy_arena_strdup(a, root);
	}
	json_t *quad = json_object_get(o, "quad");
	ev->quad = json_is_integer(quad) ? (int)json_integer_value(quad) : 0;
	if (ev->quad < 1 || ev->quad > 4)
		return snprintf(msg, msgcap, "'quad' is missing or not 1 to 4"), -1;
	json_t *g = json_object_get(o, "goldstein");
	if (!json_is_number(g))
		return snprintf(msg, msgcap, "'goldstein' is missing or not a number"), -1;
	ev->goldstein = json_number_value(g);
	ev->plover = jstr(a, o, "plover");
	ev->name = jstr(a, o, "name");
	ev->rule = jstr(a, o, "rule");
	ev->pattern = jstr(a, o, "pattern");
	ev->date_precision = jstr(a, o, "date_precision");
	ev->date_text = jstr(a, o, "date_text");
	if (!joffsets(json_object_get(o, "offsets"), &ev->sent_start, &ev->sent_end))
		return snprintf(msg, msgcap, "'offsets' is missing or not [start, end]"), -1;
	json_t *trig = json_object_get(o, "trigger");
	e->triggers[e->nevents] = NULL;
	if (json_is_object(trig)) {
		e->triggers[e->nevents] = jstr(a, trig, "text");
		joffsets(json_object_get(trig, "offsets"), &ev->trig_start, &ev->trig_end);
	}
	json_t *loc = json_object_get(o, "location");
	if (json_is_object(loc)) {
		pl->name = jstr(a, loc, "name");
		pl->text = jstr(a, loc, "text");
		pl->country = jstr(a, loc, "country");
		pl->admin1 = jstr(a, loc, "admin1");
		pl->kind = jstr(a, loc, "kind");
		json_t *lat = json_object_get(loc, "lat"), *lon = json_object_get(loc, "lon");
		if (json_is_number(lat) && json_is_number(lon)) {
			pl->has_coords = 1;
			pl->lat = json_number_value(lat);
			pl->lon = json_number_value(lon);
		}
		joffsets(json_object_get(loc, "offsets"), &pl->start, &pl->end);
		pl->sent = ev->sent;
		ev->location = pl;
	}
	json_t *size = json_object_get(o, "size");
	if (json_is_object(size)) {
		ev->size.killed = jcount(size, "killed");
		ev->size.injured = jcount(size, "injured");
		ev->size.arrested = jcount(size, "arrested");
		ev->size.qualifier = jstr(a, size, "qualifier");
	}
	if (parse_issues(ev, a, json_object_get(o, "issues"), msg, msgcap) < 0)
		return -1;
	/* The sentence, once. */
	const char *evidence = jstr(a, o, "evidence");
	if (!evidence)
		return snprintf(msg, msgcap, "'evidence' is missing"), -1;
	int have = 0;
	for (size_t i = 0; i < e->nsents && !have; i++)
		have = e->sents[i].sent == ev->sent;
	if (!have) {
		DY_GROW(e->sents, e->scap, e->nsents + 1);
		dy_store_sent *t = &e->sents[e->nsents++];
		t->sent = ev->sent;
		t->start = ev->sent_start;
		t->end = ev->sent_end;
		t->text = evidence;
		t->len = strlen(evidence);
	}
	/* The two actors as mentions, once each. */
	const dy_actor_ref *r[2] = {&ev->source, &ev->target};
	for (int k = 0; k < 2; k++) {
		int dup = 0;
		for (size_t i = 0; i < e->nmentions && !dup; i++) {
			const dy_mention *m = &e->mentions[i];
			dup = m->sent == ev->sent && strcmp(m->actor.code, r[k]->code) == 0 &&
			      (m->actor.text && r[k]->text ? strcmp(m->actor.text, r[k]->text) == 0
							   : m->actor.text == r[k]->text);
		}
		if (dup)
			continue;
		DY_GROW(e->mentions, e->mcap, e->nmentions + 1);
		e->mentions[e->nmentions].sent = ev->sent;
		e->mentions[e->nmentions].actor = *r[k];
		e->nmentions++;
	}
	e->nevents++;
	return 0;
}

static int cmp_sent(const void *a, const void *b)
{
	const dy_store_sent *x = a, *y = b;
	return (x->sent > y->sent) - (x->sent < y->sent);
}

/* Reads lines from a gzip or plain file. */
typedef struct line_reader {
	gzFile gz;
	char buf[1 << 16];
	size_t pos, len;
	int eof;
	dy_buf line;
} line_reader;

/* Returns 1 with the next line in r->line (without its newline), 0 at the
 * end, -1 on a read error. */
static int next_line(line_reader *r)
{
	dy_buf_clear(&r->line);
	for (;;) {
		if (r->pos == r->len) {
			if (r->eof)
				return r->line.len ? 1 : 0;
			int k = gzread(r->gz, r->buf, sizeof(r->buf));
			if (k < 0)
				return -1;
			if (k == 0) {
				r->eof = 1;
				continue;
			}
			r->pos = 0;
			r->len = (size_t)k;
		}
		char *nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
		size_t n = nl ? (size_t)(nl - (r->buf + r->pos)) : r->len - r->pos;
		dy_buf_add(&r->line, r->buf + r->pos, n);
		r->pos += n;
		if (nl) {
			r->pos++;
			if (r->line.len && r->line.s[r->line.len - 1] == '\r')
				r->line.s[--r->line.len] = '\0';
			return 1;
		}
	}
}

/* ---- the ring of slots ------------------------------------------------------------------- */

/* The ring's size. A full ring makes the reading thread wait until it is
 * half empty, and either side wakes the other only when it waits: few
 * wake-ups per document. */
enum { NSLOTS = 16 };
enum { SLOT_STORE = 1, SLOT_UNCHANGED };

/* One document on its way from the reading thread to the store. */
struct slot {
	int kind;             /* SLOT_STORE (sd) or SLOT_UNCHANGED */
	dy_arena arena;       /* the document's strings (documents) */
	dy_doc doc;
	dy_worker *worker;    /* documents: the result lives in it */
	ev_doc ev;            /* --events: the document's events */
	char hash[DY_STORE_HASH_HEX + 1];
	dy_store_doc sd;
	dy_store_sent *sents;
	size_t scap;
};

/* The next free slot for the reading thread; NULL when it must stop. */
static slot *slot_take(ingest *in)
{
	pthread_mutex_lock(&in->mu);
	if (in->filled - in->stored == NSLOTS) {
		in->fill_waits = 1;
		while (in->filled - in->stored > NSLOTS / 2 && !in->stop)
			pthread_cond_wait(&in->can_fill, &in->mu);
		in->fill_waits = 0;
	}
	slot *s = in->stop ? NULL : &in->slots[in->filled % NSLOTS];
	pthread_mutex_unlock(&in->mu);
	return s;
}

/* Hands the slot slot_take gave to the main thread. */
static void slot_give(ingest *in)
{
	pthread_mutex_lock(&in->mu);
	in->filled++;
	if (in->store_waits)
		pthread_cond_signal(&in->can_store);
	pthread_mutex_unlock(&in->mu);
}

static int stopping(ingest *in)
{
	pthread_mutex_lock(&in->mu);
	int stop = in->stop;
	pthread_mutex_unlock(&in->mu);
	return stop;
}

/* 1 when the store holds d with the same content (nothing to do). Asks the
 * reading thread's connection; without one, dy_store_put finds out. */
static int unchanged(ingest *in, const dy_doc *d, const char *hash)
{
	if (in->force || !in->ro)
		return 0;
	char old[DY_STORE_HASH_HEX + 1];
	dy_error err;
	dy_error_clear(&err);
	int rc = dy_store_lookup(in->ro, d->id, old, &err);
	if (rc < 0) {
		/* Not fatal: the main thread's connection decides. */
		cli_warning("%s", err.msg);
		dy_store_close(in->ro);
		in->ro = NULL;
		return 0;
	}
	return rc == 1 && strcmp(old, hash) == 0;
}

/* ---- documents --------------------------------------------------------------------- */

static const char *arena_copy(dy_arena *a, const char *s)
{
	return s ? dy_arena_strdup(a, s) : NULL;
}

/* Codes document d (the reader's, valid until its next document) into a
 * slot and hands it over. */
static void read_doc(ingest *in, const dy_doc *d)
{
	slot *s = slot_take(in);
	if (!s)
		return;
	dy_arena_reset(&s->arena);
	dy_doc *c = &s->doc;
	*c = *d;
	c->id = arena_copy(&s->arena, d->id);
	c->date = arena_copy(&s->arena, d->date);
	c->source = arena_copy(&s->arena, d->source);
	c->title = arena_copy(&s->arena, d->title);
	c->url = arena_copy(&s->arena, d->url);
	c->origin = arena_copy(&s->arena, d->origin);
	c->parse = arena_copy(&s->arena, d->parse);
	char *text = dy_arena_alloc(&s->arena, d->len + 1);
	memcpy(text, d->text, d->len);
	text[d->len] = '\0';
	c->text = text;
	dy_store_hash_doc(c, s->hash);
	if (unchanged(in, c, s->hash)) {
		s->kind = SLOT_UNCHANGED;
		slot_give(in);
		return;
	}
	if (!in->coder) {
		if (in->coder_failed || !(in->coder = cli_load_coder(&in->copts))) {
			in->coder_failed = 1;
			in->r_fatal = 1;
			return;
		}
	}
	if (!s->worker)
		s->worker = dy_worker_new(in->coder);
	const dy_result *r = NULL;
	dy_error err;
	dy_error_clear(&err);
	int rc = dy_worker_code(s->worker, c, 0, &r, &err);
	if (rc < 0 || !r) {
		if (rc == DY_EEMPTY)
			cli_error("%s:%ld: document '%s' has no words", origin_of(c), c->line, c->id);
		else
			cli_error("%s:%ld: document '%s': %s", origin_of(c), c->line, c->id,
				  err.msg[0] ? err.msg : dy_strerror(rc));
		in->r_skipped++;
		return;
	}
	if (!in->quiet && !c->date)
		cli_warning("%s:%ld: document '%s' has no date; its events are stored without dates", origin_of(c),
			    c->line, c->id);
	if (!in->quiet && r->repairs)
		cli_warning("%s:%ld: document '%s': %zu invalid UTF-8 sequence%s replaced (first at byte %zu)",
			    origin_of(c), c->line, c->id, r->repairs, r->repairs == 1 ? "" : "s", r->first_repair);
	DY_GROW(s->sents, s->scap, r->nsents + 1);
	dy_store_doc_from_result(&s->sd, r, s->sents, s->hash, "dyad " DYAD_VERSION);
	s->kind = SLOT_STORE;
	slot_give(in);
}

static void read_file(ingest *in, const char *path)
{
	dy_error err;
	dy_error_clear(&err);
	dy_reader *rd = dy_reader_open(path, DY_FMT_AUTO, &err);
	if (!rd) {
		cli_error("%s", err.msg[0] ? err.msg : dy_strerror(err.code));
		in->r_skipped++;
		return;
	}
	dy_doc d;
	while (!in->r_fatal && !stopping(in)) {
		dy_error_clear(&err);
		int st = dy_reader_next(rd, &d, &err);
		if (st == 0)
			break;
		if (st < 0) {
			cli_error("%s", err.msg[0] ? err.msg : dy_strerror(st));
			in->r_skipped++;
			continue;
		}
		read_doc(in, &d);
	}
	dy_reader_close(rd);
}

/* ---- events (--events), continued ------------------------------------------------------ */

/* Hands the document gathered in in->cur (if any) over and takes the next
 * slot; in->cur is NULL when the reading thread must stop. */
static void flush_doc(ingest *in, const char *path, const char *coded_by)
{
	slot *s = in->cur;
	ev_doc *e = &s->ev;
	if (!e->id)
		return;
	if (!e->nevents && !e->nquotes) {
		ev_doc_reset(e);
		return;
	}
	/* Events point at places inside e->places, which may have moved
	 * while growing: point them again. */
	for (size_t i = 0; i < e->nevents; i++)
		if (e->events[i].location)
			e->events[i].location = &e->places[i];
	if (e->nsents > 1)
		qsort(e->sents, e->nsents, sizeof(dy_store_sent), cmp_sent);
	dy_doc *d = &e->doc;
	const char *date = d->date;
	memset(d, 0, sizeof(*d));
	d->id = e->id;
	d->date = date;
	d->text = e->raw.s ? e->raw.s : "";
	d->len = e->raw.len;
	d->origin = path;
	d->line = e->line;
	dy_store_hash_doc(d, s->hash);
	if (unchanged(in, d, s->hash)) {
		s->kind = SLOT_UNCHANGED;
	} else {
		dy_store_doc *sd = &s->sd;
		memset(sd, 0, sizeof(*sd));
		sd->doc = d;
		sd->hash = s->hash;
		/* coded_by lives in the reading thread's frame: the slot's copy
		 * outlives it. */
		sd->coded_by = dy_arena_strdup(&e->arena, coded_by);
		sd->sents = e->sents;
		sd->nsents = e->nsents;
		sd->events = e->events;
		sd->nevents = e->nevents;
		sd->triggers = e->triggers;
		sd->mentions = e->mentions;
		sd->nmentions = e->nmentions;
		sd->quotes = e->quotes;
		sd->nquotes = e->nquotes;
		s->kind = SLOT_STORE;
	}
	slot_give(in);
	if ((in->cur = slot_take(in)))
		ev_doc_reset(&in->cur->ev);
}

static void read_events_file(ingest *in, const char *path, dy_map *seen, dy_arena *seen_arena)
{
	line_reader *r = dy_xcalloc(1, sizeof(*r));
	int is_stdin = strcmp(path, "-") == 0;
	r->gz = is_stdin ? gzdopen(dup(0), "rb") : gzopen(path, "rb");
	if (!r->gz) {
		cli_error("cannot open '%s': %s", path, errno ? strerror(errno) : "out of memory");
		in->r_skipped++;
		free(r);
		return;
	}
	gzbuffer(r->gz, 1 << 17);
	char coded_by[300];
	snprintf(coded_by, sizeof(coded_by), "events %s", is_stdin ? "(standard input)" : path);
	long lineno = 0;
	int rc = 0;
	while (in->cur && (rc = next_line(r)) == 1) {
		ev_doc *e = &in->cur->ev;
		lineno++;
		const char *s = r->line.s;
		size_t n = r->line.len;
		size_t k = 0;
		while (k < n && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k == n)
			continue;
		json_error_t jerr;
		json_t *o = json_loadb(s, n, JSON_REJECT_DUPLICATES, &jerr);
		if (!o || !json_is_object(o)) {
			cli_error("%s:%ld: %s", path, lineno, o ? "not a JSON object" : jerr.text);
			json_decref(o);
			in->r_skipped++;
			continue;
		}
		json_t *type = json_object_get(o, "type");
		int quote = json_is_string(type) && strcmp(json_string_value(type), "quote") == 0;
		if (type && !quote && (!json_is_string(type) || strcmp(json_string_value(type), "event") != 0)) {
			in->r_ignored++;
			json_decref(o);
			continue;
		}
		json_t *doc = json_object_get(o, "doc");
		char idbuf[32];
		const char *id = NULL;
		if (json_is_string(doc) && *json_string_value(doc))
			id = json_string_value(doc);
		else if (json_is_integer(doc)) {
			snprintf(idbuf, sizeof(idbuf), "%lld", (long long)json_integer_value(doc));
			id = idbuf;
		}
		if (!id) {
			cli_error("%s:%ld: 'doc' is missing: every event must name its document", path, lineno);
			json_decref(o);
			in->r_skipped++;
			continue;
		}
		if (!e->id || strcmp(e->id, id) != 0) {
			flush_doc(in, path, coded_by);
			if (!in->cur) {
				json_decref(o);
				break;
			}
			e = &in->cur->ev;
			const char *where = dy_map_get(seen, id, strlen(id));
			if (where) {
				cli_error("%s:%ld: the events of document '%s' are not together (it appeared at %s); "
					  "skipped",
					  path, lineno, id, where);
				json_decref(o);
				in->r_skipped++;
				continue;
			}
			/* The map keeps the key pointer: give it a lasting copy. */
			char *key = dy_arena_strdup(seen_arena, id);
			dy_map_set(seen, key, strlen(key), dy_arena_printf(seen_arena, "%s:%ld", path, lineno));
			e->id = dy_arena_strdup(&e->arena, id);
			e->line = lineno;
			e->doc.date = jstr(&e->arena, o, "doc_date");
			if (e->doc.date && !dy_date_valid(e->doc.date))
				e->doc.date = NULL;
		}
		char msg[200];
		if ((quote ? parse_quote(e, o, msg, sizeof(msg)) : parse_event(e, o, msg, sizeof(msg))) < 0) {
			cli_error("%s:%ld: %s", path, lineno, msg);
			in->r_skipped++;
		} else {
			dy_buf_add(&e->raw, s, n);
			dy_buf_addc(&e->raw, '\n');
		}
		json_decref(o);
	}
	if (in->cur) {
		if (rc < 0) {
			int zerr;
			const char *zmsg = gzerror(r->gz, &zerr);
			cli_error("cannot read '%s': %s", path, zerr == Z_ERRNO ? strerror(errno) : zmsg);
			in->r_skipped++;
		}
		flush_doc(in, path, coded_by);
	}
	gzclose(r->gz);
	dy_buf_release(&r->line);
	free(r);
}


/* The reading thread. */
static void *reader_main(void *arg)
{
	ingest *in = arg;
	dy_map seen;
	dy_arena seen_arena;
	dy_map_init(&seen);
	dy_arena_init(&seen_arena);
	if (in->events_input && (in->cur = slot_take(in)))
		ev_doc_reset(&in->cur->ev);
	for (size_t i = 0; i < in->nfiles && !in->r_fatal && !stopping(in); i++) {
		if (in->events_input) {
			if (!in->cur)
				break;
			read_events_file(in, in->files[i], &seen, &seen_arena);
		} else {
			read_file(in, in->files[i]);
		}
	}
	dy_map_release(&seen);
	dy_arena_release(&seen_arena);
	pthread_mutex_lock(&in->mu);
	in->done = 1;
	pthread_cond_signal(&in->can_store);
	pthread_mutex_unlock(&in->mu);
	return NULL;
}

/* The main thread: stores the slots as they come, in order. */
static void store_slots(ingest *in)
{
	for (;;) {
		pthread_mutex_lock(&in->mu);
		while (in->stored == in->filled && !in->done) {
			in->store_waits = 1;
			pthread_cond_wait(&in->can_store, &in->mu);
			in->store_waits = 0;
		}
		if (in->stored == in->filled) {
			pthread_mutex_unlock(&in->mu);
			break;
		}
		slot *s = &in->slots[in->stored % NSLOTS];
		pthread_mutex_unlock(&in->mu);
		if (s->kind == SLOT_UNCHANGED)
			in->unchanged++;
		else
			put(in, &s->sd);
		pthread_mutex_lock(&in->mu);
		in->stored++;
		if (in->fatal)
			in->stop = 1;
		if (in->fill_waits && (in->stop || in->filled - in->stored <= NSLOTS / 2))
			pthread_cond_signal(&in->can_fill);
		pthread_mutex_unlock(&in->mu);
		if (in->fatal)
			break;
	}
}

static void slots_release(ingest *in)
{
	for (size_t i = 0; in->slots && i < NSLOTS; i++) {
		slot *s = &in->slots[i];
		dy_arena_release(&s->arena);
		if (s->worker)
			dy_worker_free(s->worker);
		ev_doc_release(&s->ev);
		free(s->sents);
	}
	free(in->slots);
}
int cmd_ingest(int argc, char **argv)
{
	ingest in;
	cli_query q;
	cli_args a;
	int id, events = 0, rc = CLI_OK;
	char **files = dy_xcalloc((size_t)argc + 1, sizeof(char *));
	size_t nfiles = 0;
	memset(&in, 0, sizeof(in));
	cli_query_init(&q);
	cli_coder_opts_init(&in.copts);
	cli_args_init(&a, argc, argv, cmd_ingest_options);
	while ((id = cli_next(&a)) != CLI_END) {
		int r;
		switch (id) {
		case CLI_ERROR:
			rc = cli_usage_error("ingest");
			goto out;
		case CLI_OPERAND:
			files[nfiles++] = (char *)a.value;
			continue;
		case OPT_HELP:
			rc = cli_help("ingest");
			goto out;
		case OPT_EVENTS:
			events = 1;
			continue;
		case OPT_FORCE:
			in.force = 1;
			continue;
		case OPT_QUIET:
			in.quiet = 1;
			in.copts.quiet = 1;
			continue;
		case OPT_VERBOSE:
			in.verbose = 1;
			continue;
		case OPT_BATCH:
			if (!(in.batch = cli_parse_count(a.value, 1000000))) {
				cli_error("invalid batch size '%s' (want 1 to 1000000 documents)", a.value);
				rc = cli_usage_error("ingest");
				goto out;
			}
			continue;
		}
		if ((r = cli_query_opt(&q, id, a.value)) < 0) {
			rc = cli_usage_error("ingest");
			goto out;
		}
		if (!r)
			cli_coder_opt(&in.copts, id, a.value);
	}
	if (nfiles == 0)
		files[nfiles++] = "-";
	/* SQLite frees and allocates its transaction buffers for every
	 * document; without this, glibc gives the memory back to the system
	 * and takes it again each time (a third of the time of an ingest). */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 16 << 20);
	in.db = cli_db_path(&q);
	double t0 = cli_now();
	if (!(in.store = cli_open_store(in.db, DY_STORE_CREATE))) {
		rc = CLI_FAIL;
		goto out;
	}
	{
		dy_error err;
		dy_error_clear(&err);
		in.ro = dy_store_open(in.db, DY_STORE_READ, &err);
	}
	in.files = files;
	in.nfiles = nfiles;
	in.events_input = events;
	in.slots = dy_xcalloc(NSLOTS, sizeof(slot));
	for (size_t i = 0; i < NSLOTS; i++) {
		dy_arena_init(&in.slots[i].arena);
		dy_arena_init(&in.slots[i].ev.arena);
	}
	pthread_mutex_init(&in.mu, NULL);
	pthread_cond_init(&in.can_fill, NULL);
	pthread_cond_init(&in.can_store, NULL);
	pthread_t reader;
	if (pthread_create(&reader, NULL, reader_main, &in) != 0) {
		cli_error("cannot start a thread: %s", strerror(errno));
		rc = CLI_FAIL;
		goto out;
	}
	store_slots(&in);
	pthread_join(reader, NULL);
	end_batch(&in);
	in.skipped += in.r_skipped;
	if (in.r_fatal)
		in.fatal = 1;
	double secs = cli_now() - t0;
	if (!in.quiet) {
		fprintf(stderr,
			"dyad: %zu document%s stored in '%s' (%zu new, %zu changed, %zu unchanged%s%.0zu), %zu "
			"sentences, %zu events in %.2f s\n",
			in.added + in.changed, in.added + in.changed == 1 ? "" : "s", in.db, in.added, in.changed,
			in.unchanged, in.skipped ? ", skipped: " : "", in.skipped, in.sents, in.events, secs);
		if (in.r_ignored)
			fprintf(stderr, "dyad: %zu line%s of other types than \"event\" and \"quote\" ignored\n",
				in.r_ignored, in.r_ignored == 1 ? "" : "s");
	}
	if (in.skipped || in.fatal)
		rc = CLI_FAIL;
out:
	if (in.slots) {
		slots_release(&in);
		pthread_mutex_destroy(&in.mu);
		pthread_cond_destroy(&in.can_fill);
		pthread_cond_destroy(&in.can_store);
	}
	if (in.coder)
		dy_coder_free(in.coder);
	dy_store_close(in.ro);
	dy_store_close(in.store);
	cli_coder_opts_release(&in.copts);
	free(files);
	return rc;
}
