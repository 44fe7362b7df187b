/* pipeline.c - the loaded resources (dy_coder) and the stages run over one
 * document (dy_worker): split, tag, lemmatise, find actors, resolve
 * pronouns and descriptions, code events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actor/actor.h"
#include "base/buf.h"
#include "base/mem.h"
#include "dyad.h"
#include "event/coder.h"
#include "event/event.h"
#include "tag/tag.h"
#include "text/text.h"

#ifndef DY_DATA_DIR
#define DY_DATA_DIR "data"
#endif

struct dy_coder {
	dy_tagger *tagger;
	dy_lexicon *lexicon;
	dy_actors actors;
	dy_verbs verbs;
	double load_seconds;
};

struct dy_worker {
	const dy_coder *c;
	dy_arena arena;
	dy_result res;
	dy_buf trace;
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

dy_coder *dy_coder_load(const dy_config *cfg, dy_error *err)
{
	static const dy_config none;
	if (!cfg)
		cfg = &none;
	double t0 = now();
	dy_error_clear(err);
	dy_wordclass_init();
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
	dy_actors_release(&c->actors);
	dy_verbs_release(&c->verbs);
	dy_lexicon_free(c->lexicon);
	dy_tagger_free(c->tagger);
	free(c);
}

void dy_coder_stats_get(const dy_coder *c, dy_coder_stats *out)
{
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
	return w;
}

void dy_worker_free(dy_worker *w)
{
	if (!w)
		return;
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

int dy_worker_code(dy_worker *w, const dy_doc *doc, unsigned flags, const dy_result **out, dy_error *err)
{
	const dy_coder *c = w->c;
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
				evcap *= 2;
			}
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
			e->date_precision = doc->date ? "day" : NULL;
			e->date_text = "";
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
	}
	free(st.items);
	r->events = events;
	r->nevents = nev;
	r->mentions = mentions;
	r->nmentions = nmen;
	r->trace = tr ? w->trace.s : NULL;
	*out = r;
	return 0;
}
