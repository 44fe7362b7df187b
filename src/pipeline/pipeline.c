/* pipeline.c - the loaded resources (dy_coder) and the stages run over one
 * document (dy_worker): split, tag, lemmatise, find actors, resolve
 * pronouns and descriptions, code events; then date them (when/), place
 * them (where/), count their dead, injured and arrested (event/size.h),
 * and find the document's quotations (quote/).
 *
 * With TABARI or PETRARCH dictionaries the coder is the compatibility
 * coder (compat/compat.h) instead, and a worker hands each document to it
 * (pipeline.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actor/actor.h"
#include "base/buf.h"
#include "base/mem.h"
#include "compat/compat.h"
#include "dyad.h"
#include "event/coder.h"
#include "event/event.h"
#include "event/size.h"
#include "pipeline/pipeline.h"
#include "quote/quote.h"
#include "tag/tag.h"
#include "text/text.h"
#include "when/when.h"
#include "where/where.h"

#ifndef DY_DATA_DIR
#define DY_DATA_DIR "data"
#endif

struct dy_coder {
	dy_tagger *tagger;
	dy_lexicon *lexicon;
	dy_actors actors;
	dy_verbs verbs;
	dy_gazetteer *gazetteer;
	double load_seconds;
	int own;            /* actors and verbs were initialised (dyad's coder) */
	dy_compat *compat;  /* the TABARI/PETRARCH coder, when the dictionaries are theirs */
};

struct dy_worker {
	const dy_coder *c;
	dy_arena arena;
	dy_result res;
	dy_buf trace;
	dy_compat_worker *compat;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Tells a dyad verb dictionary ("== CODE" blocks) from an actor one. */
static int is_verb_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char line[512];
	int verbs = 0;
	while (fgets(line, sizeof(line), f)) {
		char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '#' || *p == '\n' || *p == '\r' || !*p)
			continue;
		verbs = p[0] == '=' && p[1] == '=';
		break;
	}
	fclose(f);
	return verbs;
}

static int load_own(dy_coder *c, const char *dir, dy_error *err)
{
	char path[4096];
	int rc;
	snprintf(path, sizeof(path), "%s/cameo.tsv", dir);
	if ((rc = dy_cameo_load(&c->verbs, path, err)) < 0)
		return rc;
	static const char *actor_files[] = {"countries.txt", "actors.txt", "agents.txt"};
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, actor_files[i]);
		if ((rc = dy_actors_load_file(&c->actors, path, err)) < 0)
			return rc;
	}
	snprintf(path, sizeof(path), "%s/verbs.txt", dir);
	return dy_verbs_load(&c->verbs, path, err);
}

/* Loads the TABARI/PETRARCH coder from cfg's dictionaries; a .project
 * among them names its own. */
static dy_coder *load_compat(const dy_config *cfg, double t0, dy_error *err)
{
	dy_compat_config cc;
	memset(&cc, 0, sizeof(cc));
	cc.data_dir = cfg->data_dir;
	const char **rest = dy_xcalloc(cfg->ndicts + 1, sizeof(*rest));
	for (size_t i = 0; i < cfg->ndicts; i++) {
		if (dy_dict_sniff(cfg->dicts[i]) != DY_DK_TABARI_PROJECT) {
			rest[cc.ndicts++] = cfg->dicts[i];
			continue;
		}
		if (cc.project) {
			dy_error_set(err, DY_EDICT, "more than one .project: '%s' and '%s'", cc.project, cfg->dicts[i]);
			free(rest);
			return NULL;
		}
		cc.project = cfg->dicts[i];
	}
	if (cc.project && cc.ndicts) {
		dy_error_set(err, DY_EDICT, "'%s' names its own dictionaries: give no others with it", cc.project);
		free(rest);
		return NULL;
	}
	cc.dicts = rest;
	dy_compat *x = dy_compat_load(&cc, err);
	free(rest);
	if (!x)
		return NULL;
	dy_coder *c = dy_xcalloc(1, sizeof(*c));
	c->compat = x;
	c->load_seconds = now() - t0;
	return c;
}

dy_coder *dy_coder_load(const dy_config *cfg, dy_error *err)
{
	static const dy_config none;
	if (!cfg)
		cfg = &none;
	double t0 = now();
	dy_error_clear(err);
	dy_wordclass_init();
	/* TABARI's or PETRARCH's dictionaries: their coder, which needs
	 * neither the tagger nor the gazetteer. */
	if (cfg->ndicts && dy_compat_wanted(cfg->dicts, cfg->ndicts))
		return load_compat(cfg, t0, err);
	dy_coder *c = dy_xcalloc(1, sizeof(*c));
	const char *tdir = cfg->tagger_dir ? cfg->tagger_dir : getenv("DYAD_TAGGER_DIR");
	const char *wdir = cfg->wordnet_dir ? cfg->wordnet_dir : getenv("DYAD_WORDNET_DIR");
	const char *ddir = cfg->data_dir ? cfg->data_dir : getenv("DYAD_DATA");
	if (!ddir)
		ddir = DY_DATA_DIR;
	c->tagger = dy_tagger_load(tdir, err);
	if (!c->tagger)
		goto fail_early;
	c->lexicon = dy_lexicon_load(wdir, err);
	if (!c->lexicon)
		goto fail_early;
	dy_actors_init(&c->actors, c->lexicon);
	dy_verbs_init(&c->verbs, c->lexicon);
	c->own = 1;
	int rc;
	if (cfg->ndicts == 0) {
		if ((rc = load_own(c, ddir, err)) < 0)
			goto fail;
	} else {
		char path[4096];
		snprintf(path, sizeof(path), "%s/cameo.tsv", ddir);
		if ((rc = dy_cameo_load(&c->verbs, path, err)) < 0)
			goto fail;
		for (size_t i = 0; i < cfg->ndicts; i++) {
			const char *d = cfg->dicts[i];
			rc = is_verb_file(d) ? dy_verbs_load(&c->verbs, d, err) : dy_actors_load_file(&c->actors, d, err);
			if (rc < 0)
				goto fail;
		}
	}
	if ((rc = dy_actors_load_iso(&c->actors, cfg->iso_codes_dir, err)) < 0)
		goto fail;
	c->gazetteer = dy_gazetteer_load(cfg->iso_codes_dir, &c->actors, err);
	if (!c->gazetteer)
		goto fail;
	{
		char path[4096];
		snprintf(path, sizeof(path), "%s/places.txt", ddir);
		if ((rc = dy_gazetteer_load_aliases(c->gazetteer, path, err)) < 0)
			goto fail;
	}
	c->load_seconds = now() - t0;
	return c;
fail:
	dy_coder_free(c);
	return NULL;
fail_early:
	if (c->tagger)
		dy_tagger_free(c->tagger);
	free(c);
	return NULL;
}

void dy_coder_free(dy_coder *c)
{
	if (!c)
		return;
	if (c->compat) {
		dy_compat_free(c->compat);
		free(c);
		return;
	}
	dy_gazetteer_free(c->gazetteer);
	if (c->own) {
		dy_actors_release(&c->actors);
		dy_verbs_release(&c->verbs);
	}
	dy_lexicon_free(c->lexicon);
	dy_tagger_free(c->tagger);
	free(c);
}

const dy_compat *dy_coder_compat(const dy_coder *c)
{
	return c->compat;
}

void dy_coder_stats_get(const dy_coder *c, dy_coder_stats *out)
{
	if (c->compat) {
		dy_compat_stats(c->compat, out);
		out->load_seconds = c->load_seconds;
		return;
	}
	memset(out, 0, sizeof(*out));
	out->load_seconds = c->load_seconds;
	out->actors = c->actors.nactors;
	out->aliases = c->actors.nphrases - c->actors.nagents;
	out->agents = c->actors.nagents;
	out->patterns = c->verbs.npatterns;
	out->cameo_codes = c->verbs.ncameo;
}

dy_worker *dy_worker_new(const dy_coder *c)
{
	dy_worker *w = dy_xcalloc(1, sizeof(*w));
	w->c = c;
	dy_arena_init(&w->arena);
	dy_buf_init(&w->trace);
	if (c->compat)
		w->compat = dy_compat_worker_new(c->compat);
	return w;
}

void dy_worker_free(dy_worker *w)
{
	if (!w)
		return;
	dy_compat_worker_free(w->compat);
	dy_arena_release(&w->arena);
	dy_buf_release(&w->trace);
	free(w);
}

/* ---- pronouns and descriptions ---- */

/* What the document has said so far, for resolving "it", "they", "the group". */
typedef struct seen {
	const dy_mention_tok *m;
	uint32_t sent;
	int salient;         /* a subject or topic: not the object of a verb or preposition */
	uint32_t start, end; /* offsets of the words */
} seen;

typedef struct doc_state {
	seen *items;
	size_t n, cap;
} doc_state;

static int pronoun_fits(uint8_t p, const dy_mention_tok *m)
{
	const dy_actor *a = m->actor;
	if (!a)
		return p == 'i' && m->code;
	switch (p) {
	case 'i':
		return a->type != DY_ATYPE_PERSON && !(m->flags & DY_MN_COMPOSED);
	case 't':
		/* Groups, and composed plurals ("Iranian authorities ... they"). */
		return a->type == DY_ATYPE_GROUP || (m->flags & DY_MN_COMPOSED);
	case 'h':
		return a->type == DY_ATYPE_PERSON;
	}
	return 0;
}

/* Resolves pronoun mention x of sentence s: an earlier mention in the same
 * sentence that is not a prepositional object, then any earlier one there;
 * then the first such mention (the topic) of the sentences before, back to
 * three sentences. */
static const seen *resolve_pronoun(const doc_state *st, uint32_t s, uint8_t p, size_t upto, int object)
{
	/* An object pronoun does not stand for its own clause's subject
	 * ("Pakistan ... condemned it"): it looks only at earlier sentences. */
	for (int pass = object ? 2 : 0; pass < 2; pass++)
		for (size_t k = upto; k-- > 0;) {
			const seen *e = &st->items[k];
			if (e->sent != s)
				break;
			if (pass == 0 && !e->salient)
				continue;
			if (pronoun_fits(p, e->m) && !(e->m->flags & (DY_MN_PLACE | DY_MN_ADJ)))
				return e;
		}
	/* "they" and "them" stand for plural things more often than for actors:
	 * they look back one sentence only. */
	uint32_t reach = p == 't' ? 1 : 3;
	for (uint32_t back = 1; back <= reach && back <= s; back++) {
		const seen *first_any = NULL;
		for (size_t k = 0; k < upto; k++) {
			const seen *e = &st->items[k];
			if (e->sent != s - back || (e->m->flags & (DY_MN_PLACE | DY_MN_ADJ)))
				continue;
			if (!pronoun_fits(p, e->m))
				continue;
			if (e->salient)
				return e;
			if (!first_any)
				first_any = e;
		}
		if (first_any)
			return first_any;
	}
	return NULL;
}

static const seen *resolve_desc(const doc_state *st, const dy_mention_tok *x, size_t upto)
{
	for (size_t k = upto; k-- > 0;) {
		const seen *e = &st->items[k];
		for (size_t j = 0; j < x->ncands; j++)
			if (e->m->actor == x->cands[j])
				return e;
	}
	return NULL;
}

static void trace_words(dy_buf *b, const char *text, const dy_token *toks, size_t first, size_t last)
{
	dy_buf_add(b, text + toks[first].start, toks[last].end - toks[first].start);
}

/* ---- dates, counts, places ---- */

static const char *const count_names[] = {"killed", "injured", "arrested"};

static void set_count(dy_event *e, const dy_count *c)
{
	long *f = c->kind == DY_COUNT_KILLED ? &e->size.killed : c->kind == DY_COUNT_INJURED ? &e->size.injured
											   : &e->size.arrested;
	if (*f < 0)
		*f = c->n;
	if (!e->size.qualifier && c->qualifier)
		e->size.qualifier = c->qualifier;
}

/* Gives each count of a sentence to its event: among the sentence's
 * events [from, to) the nearest that fits, else the last that fits among
 * [alt_from, alt_to), the events of the sentence before in the same
 * paragraph (a count told in a sentence of its own). Events from the same
 * trigger (a list of targets) share it. */
static void attach_counts(const dy_count *cn, size_t nc, dy_event *events, const uint32_t *ev_trig, size_t from,
			  size_t to, size_t alt_from, size_t alt_to)
{
	enum { MAXEV = 64 };
	for (size_t i = 0; i < nc; i++) {
		const char *codes[MAXEV];
		uint32_t trigs[MAXEV];
		size_t m = 0;
		for (size_t e = from; e < to && m < MAXEV; e++, m++) {
			codes[m] = events[e].code;
			trigs[m] = ev_trig[e];
		}
		long chosen = -1;
		int k = dy_count_event(&cn[i], codes, trigs, m);
		if (k >= 0)
			chosen = (long)(from + (size_t)k);
		else if (to == from)
			for (size_t e = alt_to; e-- > alt_from;)
				if (dy_count_fits(cn[i].kind, events[e].code)) {
					chosen = (long)e;
					break;
				}
		if (chosen < 0)
			continue;
		size_t lo = (size_t)chosen < to && (size_t)chosen >= from ? from : alt_from;
		size_t hi = (size_t)chosen < to && (size_t)chosen >= from ? to : alt_to;
		for (size_t e = lo; e < hi; e++)
			if (events[e].trig_start == events[chosen].trig_start)
				set_count(&events[e], &cn[i]);
	}
}

static int cmp_place(const void *x, const void *y)
{
	const dy_place *a = x, *b = y;
	return a->start < b->start ? -1 : a->start > b->start ? 1 : (a->end > b->end) - (a->end < b->end);
}

int dy_worker_code(dy_worker *w, const dy_doc *doc, unsigned flags, const dy_result **out, dy_error *err)
{
	const dy_coder *c = w->c;
	if (w->compat)
		return dy_compat_code(w->compat, doc, doc->parse,
				      (flags & DY_CODE_EXPLAIN) | (doc->record ? DY_COMPAT_RECORD : 0), out, err);
	dy_arena_reset(&w->arena);
	dy_buf_clear(&w->trace);
	dy_arena *a = &w->arena;
	dy_result *r = &w->res;
	memset(r, 0, sizeof(*r));
	r->doc = doc;
	dy_text txt;
	int rc = dy_text_split(a, doc->text, doc->len, &txt);
	r->text = txt.text ? txt.text : doc->text;
	r->len = txt.text ? txt.len : doc->len;
	r->repairs = txt.repairs;
	r->first_repair = txt.first_repair;
	if (rc < 0) {
		dy_error_set(err, rc, "document '%s' has no text", doc->id);
		*out = r;
		return rc;
	}
	int32_t date = dy_date_num(doc->date);
	dy_buf *tr = (flags & DY_CODE_EXPLAIN) ? &w->trace : NULL;
	r->nsents = txt.nsents;
	uint32_t *so = dy_arena_alloc(a, 2 * (txt.nsents + 1) * sizeof(*so));
	r->sent_offsets = so;
	size_t evcap = 16, nev = 0, mcap = 32, nmen = 0;
	dy_event *events = dy_arena_alloc(a, evcap * sizeof(*events));
	dy_mention *mentions = dy_arena_alloc(a, mcap * sizeof(*mentions));
	doc_state st = {0};
	/* Per event, its trigger's first token in its sentence; per sentence,
	 * its resolved mentions: what the later stages need. */
	uint32_t *ev_trig = dy_arena_alloc(a, evcap * sizeof(*ev_trig));
	const dy_mention_tok **sent_m = dy_arena_alloc(a, (txt.nsents + 1) * sizeof(*sent_m));
	size_t *sent_nm = dy_arena_alloc(a, (txt.nsents + 1) * sizeof(*sent_nm));
	dy_where_doc wd;
	dy_where_begin(&wd, c->gazetteer, a);
	size_t prev_from = 0, prev_to = 0; /* the events of the sentence before */
	for (size_t si = 0; si < txt.nsents; si++) {
		const dy_sentence *s = &txt.sents[si];
		so[2 * si] = s->start;
		so[2 * si + 1] = s->end;
		dy_token *toks = txt.toks + s->first;
		size_t n = s->count;
		dy_spelling_fold_forms(c->lexicon, c->tagger, a, toks, n);
		dy_tag(c->tagger, a, toks, n);
		dy_lemmatize(c->lexicon, a, toks, n);
		dy_wordclass_assign(toks, n);
		dy_mention_tok *m;
		size_t nm = dy_actors_match(&c->actors, a, toks, n, date, &m);
		/* Resolve pronouns and descriptions against what came before. */
		for (size_t k = 0; k < nm; k++) {
			dy_mention_tok *x = &m[k];
			if (x->flags & (DY_MN_PRONOUN | DY_MN_DESC)) {
				int object = (x->flags & DY_MN_PRONOUN) && !(toks[x->first].wc & (DY_WC_POSSPRON | DY_WC_NOM)) &&
					     x->first > 0 &&
					     (dy_tag_is_verb(toks[x->first - 1].tag) ||
					      (toks[x->first - 1].tag == DY_TAG_IN &&
					       !(toks[x->first - 1].wc & (DY_WC_SUBORD | DY_WC_CLAUSE))));
				/* An object "it" is mostly a thing ("condemned it"): left alone. */
				const seen *e = (x->flags & DY_MN_PRONOUN)
							? (object && x->pronoun == 'i'
								   ? NULL
								   : resolve_pronoun(&st, (uint32_t)si, x->pronoun, st.n, object))
							: resolve_desc(&st, x, st.n);
				if (e && x->agent && e->m->actor && strlen(e->m->actor->code) == 3 && strlen(e->m->code) >= 3) {
					/* "its Foreign Ministry": a country composes with the agent;
					 * any other actor ("its fighters") stays itself. */
					char *cc = dy_arena_alloc(a, 4 + strlen(x->agent));
					memcpy(cc, e->m->code, 3);
					strcpy(cc + 3, x->agent);
					x->actor = e->m->actor;
					x->code = cc;
					x->name = e->m->name;
					x->rule = e->m->rule;
					x->via = dy_arena_strndup(a, r->text + e->start, e->end - e->start);
					e = NULL;
				}
				if (e) {
					x->actor = e->m->actor;
					x->code = e->m->code;
					x->name = e->m->name;
					x->rule = e->m->rule;
					x->via = dy_arena_strndup(a, r->text + e->start, e->end - e->start);
					if (e->m->via)
						x->via = e->m->via;
				}
			}
			if (x->code) {
				DY_GROW(st.items, st.cap, st.n + 1);
				st.items[st.n].m = x;
				st.items[st.n].sent = (uint32_t)si;
				st.items[st.n].start = toks[x->first].start;
				st.items[st.n].end = toks[x->last].end;
				size_t f = x->first;
				while (f > 0 && (toks[f - 1].tag == DY_TAG_DT || dy_tag_is_adj(toks[f - 1].tag)))
					f--;
				st.items[st.n].salient = !(x->flags & (DY_MN_INPP | DY_MN_PLACE | DY_MN_ADJ)) &&
							 !(f > 0 && (dy_tag_is_verb(toks[f - 1].tag) || toks[f - 1].tag == DY_TAG_PRPS));
				st.n++;
			}
		}
		sent_m[si] = m;
		sent_nm[si] = nm;
		dy_where_sentence(&wd, (uint32_t)si, toks, n, m, nm);
		dy_when when[DY_WHEN_MAX];
		size_t nwhen = dy_when_find(toks, n, date, when, DY_WHEN_MAX);
		dy_count counts[DY_COUNT_MAX];
		size_t ncounts = dy_counts_find(toks, n, counts, DY_COUNT_MAX);
		size_t first_ev = nev;
		if (tr) {
			dy_buf_addf(tr, "sentence %zu: ", si);
			dy_buf_add(tr, r->text + s->start, s->end - s->start);
			dy_buf_adds(tr, "\n  tokens:");
			for (size_t i = 0; i < n; i++)
				dy_buf_addf(tr, " %s/%s%s%s", toks[i].form, dy_tag_name(toks[i].tag),
					    toks[i].lemma && strcmp(toks[i].lemma, toks[i].lower) ? "/" : "",
					    toks[i].lemma && strcmp(toks[i].lemma, toks[i].lower) ? toks[i].lemma : "");
			dy_buf_addc(tr, '\n');
			for (size_t k = 0; k < nm; k++) {
				dy_buf_adds(tr, "  actor '");
				trace_words(tr, r->text, toks, m[k].first, m[k].last);
				dy_buf_addf(tr, "' %s", m[k].code ? m[k].code : "(unresolved)");
				if (m[k].name)
					dy_buf_addf(tr, " (%s)", m[k].name);
				if (m[k].via)
					dy_buf_addf(tr, " via '%s'", m[k].via);
				if (m[k].flags & DY_MN_PLACE)
					dy_buf_adds(tr, " [place]");
				if (m[k].flags & DY_MN_INPP)
					dy_buf_adds(tr, " [prep. object]");
				if (m[k].rule)
					dy_buf_addf(tr, " from %s", m[k].rule);
				dy_buf_addc(tr, '\n');
			}
			for (size_t k = 0; k < nwhen; k++) {
				char d[16];
				dy_buf_adds(tr, "  date '");
				trace_words(tr, r->text, toks, when[k].first, when[k].last);
				if (when[k].precision)
					dy_buf_addf(tr, "' %s (%s)\n", dy_when_format(when[k].date, when[k].precision, d),
						    dy_when_precision_name(when[k].precision));
				else
					dy_buf_adds(tr, "' (no document date to resolve it)\n");
			}
			for (size_t k = 0; k < ncounts; k++) {
				dy_buf_adds(tr, "  count '");
				trace_words(tr, r->text, toks, counts[k].first, counts[k].last);
				dy_buf_addf(tr, "' %s %ld%s%s\n", count_names[counts[k].kind], counts[k].n,
					    counts[k].qualifier ? " " : "", counts[k].qualifier ? counts[k].qualifier : "");
			}
		}
		for (size_t k = 0; k < nm; k++) {
			if (!m[k].code)
				continue;
			if (nmen == mcap) {
				dy_mention *nmn = dy_arena_alloc(a, mcap * 2 * sizeof(*nmn));
				memcpy(nmn, mentions, mcap * sizeof(*nmn));
				mentions = nmn;
				mcap *= 2;
			}
			dy_mention *dm = &mentions[nmen++];
			dm->sent = (uint32_t)si;
			dm->actor.code = m[k].code;
			dm->actor.name = m[k].name;
			dm->actor.start = toks[m[k].first].start;
			dm->actor.end = toks[m[k].last].end;
			dm->actor.text = dy_arena_strndup(a, r->text + dm->actor.start, dm->actor.end - dm->actor.start);
			dm->actor.via = m[k].via;
			dm->actor.rule = m[k].rule;
		}
		dy_sent_ctx ctx = {&c->verbs, toks, n, m, nm, tr, r->text};
		dy_raw_event *raw;
		size_t nraw = dy_code_sentence(&ctx, a, &raw);
		for (size_t k = 0; k < nraw; k++) {
			if (nev == evcap) {
				dy_event *ne = dy_arena_alloc(a, evcap * 2 * sizeof(*ne));
				memcpy(ne, events, evcap * sizeof(*ne));
				events = ne;
				uint32_t *nt = dy_arena_alloc(a, evcap * 2 * sizeof(*nt));
				memcpy(nt, ev_trig, evcap * sizeof(*nt));
				ev_trig = nt;
				evcap *= 2;
			}
			ev_trig[nev] = raw[k].trig_first;
			dy_event *e = &events[nev++];
			memset(e, 0, sizeof(*e));
			const dy_pattern *p = raw[k].pattern;
			const dy_mention_tok *ms = &m[raw[k].src], *mt = &m[raw[k].tgt];
			e->sent = (uint32_t)si;
			e->date = doc->date;
			e->code = p->cameo->code;
			e->root = p->cameo->root;
			e->name = p->cameo->name;
			e->quad = p->cameo->quad;
			e->goldstein = p->cameo->goldstein;
			e->plover = p->cameo->plover;
			e->sent_start = s->start;
			e->sent_end = s->end;
			e->trig_start = toks[raw[k].trig_first].start;
			e->trig_end = toks[raw[k].trig_last].end;
			e->pattern = p->text;
			/* The date of the event's own clause, else the document's. */
			int wk = dy_when_for_event(toks, n, when, nwhen, raw[k].trig_first);
			if (wk >= 0) {
				char d[16];
				e->date = dy_arena_strdup(a, dy_when_format(when[wk].date, when[wk].precision, d));
				e->date_precision = dy_when_precision_name(when[wk].precision);
				e->date_text = dy_arena_strndup(a, r->text + toks[when[wk].first].start,
								toks[when[wk].last].end - toks[when[wk].first].start);
			} else {
				e->date_precision = doc->date ? "day" : NULL;
				e->date_text = "";
			}
			e->location = NULL;
			e->size.killed = e->size.injured = e->size.arrested = -1;
			e->size.qualifier = NULL;
			const dy_mention_tok *pair[2] = {ms, mt};
			dy_actor_ref *ref[2] = {&e->source, &e->target};
			for (int q = 0; q < 2; q++) {
				ref[q]->code = pair[q]->code;
				ref[q]->name = pair[q]->name;
				ref[q]->start = toks[pair[q]->first].start;
				ref[q]->end = toks[pair[q]->last].end;
				ref[q]->text = dy_arena_strndup(a, r->text + ref[q]->start, ref[q]->end - ref[q]->start);
				ref[q]->via = pair[q]->via;
				ref[q]->rule = pair[q]->rule;
			}
			if (raw[k].tgt_code)
				e->target.code = raw[k].tgt_code;
			e->rule = dy_arena_printf(a, "%s %s %s", p->rule, ms->rule ? ms->rule : "",
						  mt->rule ? mt->rule : "");
		}
		int same_para = si > 0 && txt.sents[si - 1].para == s->para;
		attach_counts(counts, ncounts, events, ev_trig, first_ev, nev, same_para ? prev_from : 0,
			      same_para ? prev_to : 0);
		prev_from = first_ev;
		prev_to = nev;
	}
	free(st.items);

	/* Places: namesakes are chosen with the whole document as context. */
	dy_where_resolve(&wd, r->text);
	uint32_t *loc = dy_arena_alloc(a, (nev + 1) * 2 * sizeof(*loc));
	for (size_t i = 0; i < nev; i++) {
		dy_event *e = &events[i];
		const dy_sentence *S = &txt.sents[e->sent];
		int pi = dy_where_for_event(&wd, e->sent, txt.toks + S->first, S->count, ev_trig[i]);
		/* Violence against a place: the place ("attacked Kabul"). */
		if (pi < 0 && dy_count_fits(DY_COUNT_KILLED, e->code) && e->target.text)
			pi = dy_where_actor_place(&wd, e->target.text, strlen(e->target.text), e->target.code, e->sent,
						  e->target.start, e->target.end);
		loc[2 * i] = pi >= 0 ? wd.places[pi].start : UINT32_MAX;
		loc[2 * i + 1] = pi >= 0 ? wd.places[pi].end : UINT32_MAX;
	}
	if (wd.nplaces)
		qsort(wd.places, wd.nplaces, sizeof(dy_place), cmp_place);
	for (size_t i = 0; i < nev; i++)
		for (size_t q = 0; q < wd.nplaces && loc[2 * i] != UINT32_MAX; q++)
			if (wd.places[q].start == loc[2 * i] && wd.places[q].end == loc[2 * i + 1]) {
				events[i].location = &wd.places[q];
				break;
			}
	r->places = wd.places;
	r->nplaces = wd.nplaces;

	/* Quotations, with the whole document's persons and speakers. */
	if (tr && (wd.nplaces || nev))
		dy_buf_adds(tr, "document:\n");
	for (size_t q = 0; tr && q < wd.nplaces; q++) {
		const dy_place *p = &wd.places[q];
		dy_buf_addf(tr, "  place '%s' in sentence %u: %s, %s (%s%s%s)", p->text, p->sent, p->name,
			    p->country ? p->country : "-", p->kind, p->admin1 ? ", " : "", p->admin1 ? p->admin1 : "");
		if (p->has_coords)
			dy_buf_addf(tr, " %.4f %.4f", p->lat, p->lon);
		dy_buf_addc(tr, '\n');
	}
	for (size_t i = 0; tr && i < nev; i++) {
		const dy_event *e = &events[i];
		dy_buf_addf(tr, "  event %zu (%s %s -> %s in sentence %u): date %s", i, e->code,
			    e->source.code ? e->source.code : "-", e->target.code ? e->target.code : "-", e->sent,
			    e->date ? e->date : "none");
		if (e->date_text && *e->date_text)
			dy_buf_addf(tr, " from '%s'", e->date_text);
		else if (e->date)
			dy_buf_adds(tr, " (the document's)");
		if (e->location)
			dy_buf_addf(tr, "; at %s, %s", e->location->name, e->location->country);
		for (int k = 0; k < 3; k++) {
			long v = k == 0 ? e->size.killed : k == 1 ? e->size.injured : e->size.arrested;
			if (v >= 0)
				dy_buf_addf(tr, "; %s %s%s%ld", count_names[k], e->size.qualifier ? e->size.qualifier : "",
					    e->size.qualifier ? " " : "", v);
		}
		dy_buf_addc(tr, '\n');
	}
	dy_quote_input qin = {r->text, &txt, sent_m, sent_nm};
	dy_quote *quotes = NULL;
	r->nquotes = dy_quotes_find(&qin, a, &quotes, tr);
	r->quotes = quotes;
	r->events = events;
	r->nevents = nev;
	r->mentions = mentions;
	r->nmentions = nmen;
	r->trace = tr ? w->trace.s : NULL;
	*out = r;
	return 0;
}
