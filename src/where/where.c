/* where.c - the places named in a document (see where.h). */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/map.h"
#include "tag/tagset.h"
#include "when/when.h"
#include "where/where.h"

#define MAX_NAME_TOKENS 4

static int eq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static const char *const place_preps[] = {"in", "at", "near", "outside", "inside", "across", "around",
					  "throughout", "within", "into", "from", "toward", "towards", "via",
					  "to", NULL};
/* Verbs of motion after which "to" introduces a place. */
static const char *const motion_verbs[] = {"travel", "fly", "go", "come", "return", "head", "move", "arrive",
					   "send", "deploy", "relocate", "flee", "trip", "visit", NULL};
static const char *const place_nouns[] = {"province", "provinces", "region", "regions", "oblast", "oblasts",
					  "district", "districts", "state", "governorate", "governorates",
					  "prefecture", "county", "counties", "municipality", "city", NULL};
static const char *const meeting_nouns[] = {"dialogue", "summit", "talks", "conference", "forum", "format",
					    "process", "agreement", "agreements", "accords", "accord",
					    "declaration", "meeting", "round", "consultations", "protocol",
					    "communique", NULL};
static const char *const facility_nouns[] = {"hall", "arena", "stadium", "airport", "square", "mosque",
					     "palace", "hotel", "market", "bazaar", "bridge", "port", "base",
					     "prison", "embassy", "consulate", "cathedral", "church", "temple",
					     "theatre", "theater", "mall", "station", "dam", "camp", "hospital",
					     "checkpoint", "crossing", "plant", "refinery", "shrine", "airbase",
					     "terminal", NULL};
/* Names of continents and regions that are also the names of small towns. */
static const char *const not_places[] = {"asia", "europe", "africa", "america", "americas", "oceania",
					 "arctic", "antarctica", "caucasus", "balkans", "sahel", "gulf", "west",
					 "east", "north", "south", "levant", "maghreb", "eurasia", NULL};
static const char *const connectors[] = {"de", "da", "del", "di", "la", "el", "al", "e", "ul", "sur", "upon",
					 NULL};
static const char *const modifiers_cap[] = {"north", "south", "east", "west", "northern", "southern",
					    "eastern", "western", "outer", "greater", "upper",
					    "lower", "old", "new", NULL};
static const char *const months_days[] = {"january", "february", "march", "april", "may", "june", "july",
					  "august", "september", "october", "november", "december", "monday",
					  "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
					  NULL};

/* The lists above as bits of one table, so that a word costs one lookup. */
enum {
	W_PREP = 1 << 0, W_MOTION = 1 << 1, W_PLACENOUN = 1 << 2, W_MEETING = 1 << 3, W_FACILITY = 1 << 4,
	W_NOTPLACE = 1 << 5, W_CONNECTOR = 1 << 6, W_MODCAP = 1 << 7, W_MONTHDAY = 1 << 8,
};

static dy_map wtable;
static pthread_once_t wonce = PTHREAD_ONCE_INIT;

static void wbuild(void)
{
	static const struct {
		const char *const *list;
		unsigned bit;
	} lists[] = {{place_preps, W_PREP},       {motion_verbs, W_MOTION},     {place_nouns, W_PLACENOUN},
		     {meeting_nouns, W_MEETING},  {facility_nouns, W_FACILITY}, {not_places, W_NOTPLACE},
		     {connectors, W_CONNECTOR},   {modifiers_cap, W_MODCAP},    {months_days, W_MONTHDAY}};
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		for (const char *const *w = lists[i].list; *w; w++) {
			void **slot = dy_map_put(&wtable, *w, strlen(*w), NULL);
			*slot = (void *)((uintptr_t)*slot | lists[i].bit);
		}
}

static int has(const char *w, unsigned bit)
{
	size_t n = strlen(w);
	if (!n || n > 12)
		return 0;
	return ((uintptr_t)dy_map_get(&wtable, w, n) & bit) != 0;
}

void dy_where_begin(dy_where_doc *d, const dy_gazetteer *g, dy_arena *a)
{
	pthread_once(&wonce, wbuild);
	memset(d, 0, sizeof(*d));
	d->g = g;
	d->arena = a;
	if (g) {
		size_t nc = dy_gazetteer_ncountries(g);
		d->weight = dy_arena_calloc(a, nc ? nc : 1, sizeof(uint16_t));
		d->pweight = dy_arena_calloc(a, nc ? nc : 1, sizeof(uint16_t));
	}
}

static dy_place_cand *new_cand(dy_where_doc *d)
{
	if (d->ncands == d->capcands) {
		size_t cap = d->capcands ? d->capcands * 2 : 16;
		dy_place_cand *n = dy_arena_alloc(d->arena, cap * sizeof(*n));
		if (d->ncands)
			memcpy(n, d->cands, d->ncands * sizeof(*n));
		d->cands = n;
		d->capcands = cap;
	}
	dy_place_cand *c = &d->cands[d->ncands++];
	memset(c, 0, sizeof(*c));
	c->hint_country = -1;
	c->container = -1;
	c->chosen = -1;
	c->place = -1;
	return c;
}

/* The mention that covers token i, or NULL. */
static const dy_mention_tok *mention_at(const dy_mention_tok *m, size_t nm, size_t i)
{
	for (size_t k = 0; k < nm; k++)
		if (m[k].first <= i && i <= m[k].last)
			return &m[k];
	return NULL;
}

/* The longest gazetteer name starting at token i (capitalised words, and
 * lower-case connectors inside: "Rio de Janeiro"); returns its token
 * count and sets *ents. */
static size_t name_at(const dy_gazetteer *g, const dy_token *toks, size_t n, size_t i,
		      const dy_gentry *const **ents, size_t *nents)
{
	char key[256];
	size_t lens[MAX_NAME_TOKENS];
	size_t klen = 0, ntok = 0;
	for (size_t j = i; j < n && ntok < MAX_NAME_TOKENS; j++, ntok++) {
		const dy_token *t = &toks[j];
		int cap = (t->flags & DY_TOK_CAP) != 0;
		if (!cap && !(j > i && j + 1 < n && has(t->lower, W_CONNECTOR) && (toks[j + 1].flags & DY_TOK_CAP)))
			break;
		if (t->flags & DY_TOK_PUNCT)
			break;
		size_t k = dy_geo_fold(t->lower, strlen(t->lower), key + klen, sizeof(key) - klen);
		if (!k && t->lower[0])
			break;
		if (j == i && !dy_gazetteer_may_start(g, key, k))
			return 0;
		klen += k;
		lens[ntok] = klen;
	}
	for (size_t len = ntok; len > 0; len--) {
		/* A name never ends in a connector. */
		if (len > 1 && !(toks[i + len - 1].flags & DY_TOK_CAP))
			continue;
		size_t c = dy_gazetteer_lookup_folded(g, key, lens[len - 1], ents);
		if (c) {
			*nents = c;
			return len;
		}
	}
	return 0;
}

static int country_reading(const dy_gentry *const *ents, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (ents[k]->kind == DY_GEO_COUNTRY)
			return ents[k]->country_ix;
	return -1;
}

/* Walks back from token i - 1 over modifiers ("outer", "the", "northern",
 * "Afghanistan's") to a place preposition. Returns 1 when there is one;
 * sets *hint to the country of a possessive on the way (or leaves it). */
static int after_place_prep(const dy_gazetteer *g, const dy_token *toks, size_t n, size_t i, int32_t *hint,
			    int *from)
{
	size_t steps = 0;
	for (size_t k = i; k-- > 0 && steps < 4;) {
		const dy_token *t = &toks[k];
		if (has(t->lower, W_PREP)) {
			if (eq(t->lower, "to")) {
				/* "to" is a place preposition after a verb of motion,
				 * and in "from X to Y". */
				for (size_t b = k; b-- > 0 && k - b <= 5;)
					if (eq(toks[b].lower, "from"))
						return 1;
				for (size_t b = k; b-- > 0 && k - b <= 3;)
					if (dy_tag_is_verb(toks[b].tag) && toks[b].lemma &&
					    has(toks[b].lemma, W_MOTION))
						return 1;
				return 0;
			}
			*from = eq(t->lower, "from") && k + 1 == i;
			return 1;
		}
		if (t->tag == DY_TAG_POS && k > 0) {
			const dy_gentry *const *e;
			size_t ne;
			/* The possessor: the longest name ending at k - 1. */
			for (size_t s = k - 1 > 2 ? k - 3 : 0; s < k; s++)
				if (name_at(g, toks, n, s, &e, &ne) == k - s) {
					int c = country_reading(e, ne);
					if (c >= 0 && *hint < 0)
						*hint = c;
					k = s;
					break;
				}
			steps++;
			continue;
		}
		if ((t->flags & DY_TOK_CAP) ? has(t->lower, W_MODCAP)
					    : (t->tag == DY_TAG_DT || dy_tag_is_adj(t->tag) || t->tag == DY_TAG_VBN ||
					       t->tag == DY_TAG_RB || t->tag == DY_TAG_CD)) {
			steps++;
			continue;
		}
		return 0;
	}
	return 0;
}

/* Adds the candidate [i, i + len) with its readings; applies the rules
 * that need the words after it. Returns the last token it used (a
 * qualifier ", Iran" included), or -1 when the words are no place. */
static long consider(dy_where_doc *d, uint32_t sent, const dy_token *toks, size_t n, size_t i, size_t len,
		     const dy_gentry *const *ents, size_t nents, int list_cont, const dy_mention_tok *m, size_t nm)
{
	const dy_gazetteer *g = d->g;
	size_t j = i + len; /* the token after */
	const dy_token *after = j < n ? &toks[j] : NULL;
	if (len == 1 && (has(toks[i].lower, W_MONTHDAY) || has(toks[i].lower, W_NOTPLACE)))
		return -1;
	/* A possessor is a place only through what it owns. */
	if (after && after->tag == DY_TAG_POS)
		return -1;
	/* Inside a longer actor name. */
	const dy_mention_tok *mt = mention_at(m, nm, i);
	if (mt && (mt->first < i || mt->last > i + len - 1) && !(mt->flags & DY_MN_PLACE))
		return -1;
	int placenoun = after && has(after->lower, W_PLACENOUN) &&
			!((after->flags & DY_TOK_CAP) && j + 1 < n && (toks[j + 1].flags & DY_TOK_CAP));
	int meeting = after && (after->flags & DY_TOK_CAP) && has(after->lower, W_MEETING);
	/* A capitalised word after it that is not its place noun: a longer name. */
	if (after && (after->flags & DY_TOK_CAP) && !placenoun && !meeting && !(after->flags & DY_TOK_ALLCAP &&
										  toks[i].flags & DY_TOK_ALLCAP))
		return -1;
	/* "Centre for Afghanistan Studies", "Bank of England": a longer name. */
	if (after && j + 1 < n && (eq(after->lower, "for") || eq(after->lower, "of")) && (toks[j + 1].flags & DY_TOK_CAP))
		return -1;
	int32_t hint = -1;
	int from = 0;
	int ok = list_cont || placenoun || meeting;
	if (!ok && i > 0)
		ok = after_place_prep(g, toks, n, i, &hint, &from);
	if (!ok && i > 0 && dy_tag_is_verb(toks[i - 1].tag) && toks[i - 1].lemma && eq(toks[i - 1].lemma, "visit"))
		ok = 1;
	/* A dateline: "MOSCOW, July 5 -". */
	if (!ok && (toks[i].flags & DY_TOK_ALLCAP) && (i == 0 || (toks[i].flags & DY_TOK_PARA)) && after &&
	    (after->tag == DY_TAG_COMMA || after->tag == DY_TAG_COLON))
		ok = 1;
	if (!ok)
		return -1;
	/* Common words that are also names ("Nice", "Reading") need the tagger
	 * to have seen a name, or a big city. */
	if (toks[i].tag != DY_TAG_NNP && toks[i].tag != DY_TAG_NNPS && !(toks[i].flags & DY_TOK_ALLCAP)) {
		int big = 0;
		for (size_t k = 0; k < nents; k++)
			big |= ents[k]->kind != DY_GEO_CITY || ents[k]->population >= 100000;
		if (!big)
			return -1;
	}
	dy_place_cand *c = new_cand(d);
	c->sent = sent;
	c->first = (uint32_t)i;
	c->last = (uint32_t)(i + len - 1);
	c->start = toks[i].start;
	c->end = toks[i + len - 1].end;
	c->ents = ents;
	c->nents = (uint32_t)nents;
	c->hint_country = hint;
	c->origin = (uint8_t)from;
	c->want_admin1 = placenoun && !eq(after->lower, "city");
	long last = (long)(i + len - 1);
	/* "Kerman, Iran"; "Moscow, Idaho". */
	if (after && after->tag == DY_TAG_COMMA && j + 1 < n && (toks[j + 1].flags & DY_TOK_CAP)) {
		const dy_gentry *const *qe;
		size_t nq;
		size_t ql = name_at(g, toks, n, j + 1, &qe, &nq);
		if (ql) {
			int cc = country_reading(qe, nq);
			int adm = 0;
			for (size_t k = 0; k < nq; k++)
				adm |= qe[k]->kind == DY_GEO_ADMIN1;
			/* Not when the words go on as a list: "Kunduz, Takhar and ...". */
			size_t qa = j + 1 + ql;
			if (qa < n && (eq(toks[qa].lower, "and") || eq(toks[qa].lower, "or") ||
				       (toks[qa].tag == DY_TAG_COMMA && qa + 1 < n && (toks[qa + 1].flags & DY_TOK_CAP))))
				ql = 0, cc = -1, adm = 0;
			if (cc >= 0 && !(nq == 1 && nents == 1 && ents[0]->kind == DY_GEO_COUNTRY)) {
				c->hint_country = cc;
				last = (long)(j + ql);
			} else if (adm) {
				char key[128];
				size_t kl = 0;
				for (size_t k = j + 1; k <= j + ql; k++) {
					size_t x = dy_geo_fold(toks[k].lower, strlen(toks[k].lower), key + kl, sizeof(key) - kl);
					kl += x;
				}
				c->hint_state = dy_arena_strndup(d->arena, key, kl);
				last = (long)(j + ql);
			}
		}
	}
	c->cover_last = (uint32_t)last;
	return last;
}

/* Landmarks: "Crocus City Hall in outer Moscow", "Sher Khan land port in
 * ... Kunduz province". first_cand is the sentence's first candidate. */
static void find_landmarks(dy_where_doc *d, uint32_t sent, const dy_token *toks, size_t n, size_t first_cand)
{
	size_t ncand = d->ncands;
	for (size_t f = 1; f < n; f++) {
		if (!dy_tag_is_noun(toks[f].tag) || !has(toks[f].lower, W_FACILITY))
			continue;
		/* The name: capitalised words before the facility word, with at
		 * most one lower-case word between ("land port"). */
		size_t s = f;
		if (!(toks[f].flags & DY_TOK_CAP) && f > 0 && !(toks[f - 1].flags & DY_TOK_CAP) &&
		    dy_tag_is_noun(toks[f - 1].tag))
			s = f - 1;
		size_t name_end = s;
		while (s > 0 && (toks[s - 1].flags & DY_TOK_CAP) && !(toks[s - 1].flags & DY_TOK_PUNCT) && f - s < 6)
			s--;
		if (s == name_end || (s == 0 && !(toks[0].flags & DY_TOK_CAP)))
			continue;
		/* Not one of the sentence's places itself. */
		int taken = 0;
		for (size_t k = first_cand; k < ncand; k++)
			if (d->cands[k].first <= f && d->cands[k].last >= s)
				taken = 1;
		if (taken)
			continue;
		/* Then in/near/at/outside and a place within a few words. */
		size_t p = f + 1;
		if (p >= n || !(eq(toks[p].lower, "in") || eq(toks[p].lower, "near") || eq(toks[p].lower, "at") ||
				eq(toks[p].lower, "outside")))
			continue;
		long container = -1;
		for (size_t k = first_cand; k < ncand; k++)
			if (d->cands[k].first > p && d->cands[k].first <= p + 4 && !d->cands[k].landmark) {
				container = (long)k;
				break;
			}
		if (container < 0)
			continue;
		dy_place_cand *c = new_cand(d);
		c->sent = sent;
		c->first = (uint32_t)s;
		c->last = (uint32_t)f;
		c->cover_last = (uint32_t)f;
		c->start = toks[s].start;
		c->end = toks[f].end;
		c->landmark = 1;
		c->container = (int32_t)container;
	}
}

void dy_where_sentence(dy_where_doc *d, uint32_t sent, const dy_token *toks, size_t n, const dy_mention_tok *m,
		       size_t nm)
{
	const dy_gazetteer *g = d->g;
	if (!g)
		return;
	/* The countries the document is about. */
	for (size_t k = 0; k < nm; k++) {
		const char *code = m[k].code;
		if (!code || strlen(code) < 3)
			continue;
		const dy_gentry *c = dy_gazetteer_country(g, code);
		if (c && d->weight[c->country_ix] < 65535)
			d->weight[c->country_ix]++;
	}
	size_t first_cand = d->ncands;
	long prev_end = -2; /* last token of the previous place */
	for (size_t i = 0; i < n; i++) {
		const dy_token *t = &toks[i];
		if (!(t->flags & DY_TOK_CAP) || (t->flags & DY_TOK_PUNCT))
			continue;
		/* No lookup where no rule can apply: inside a run of proper nouns
		 * ("Hamid Karzai", "Supreme Court") after anything but a modifier
		 * ("Northern"), or opening the sentence without capitals or a
		 * place or meeting noun after it ("In Kabul" is no such run). */
		if (i > 0 && (toks[i - 1].tag == DY_TAG_NNP || toks[i - 1].tag == DY_TAG_NNPS) &&
		    (toks[i - 1].flags & DY_TOK_CAP) && !has(toks[i - 1].lower, W_MODCAP))
			continue;
		if (i == 0 && !(t->flags & DY_TOK_ALLCAP) &&
		    !(n > 1 && (has(toks[1].lower, W_PLACENOUN) || has(toks[1].lower, W_MEETING))))
			continue;
		const dy_gentry *const *ents;
		size_t nents;
		size_t len = name_at(g, toks, n, i, &ents, &nents);
		if (!len)
			continue;
		/* In a list after a place: "in Kunduz, Takhar and Baghlan". */
		int list_cont = 0;
		if (prev_end >= 0 && (size_t)prev_end < i) {
			size_t gap = i - (size_t)prev_end - 1;
			const char *a = toks[prev_end + 1].lower;
			/* A comma alone is no list: "A, B" must go on with "and"/"or"
			 * or another comma ("A, B and C"). */
			const char *nx = i + len < n ? toks[i + len].lower : "";
			if ((gap == 1 && (eq(a, "and") || eq(a, "or"))) ||
			    (gap == 1 && eq(a, ",") && (eq(nx, ",") || eq(nx, "and") || eq(nx, "or"))) ||
			    (gap == 2 && eq(a, ",") && (eq(toks[prev_end + 2].lower, "and") || eq(toks[prev_end + 2].lower, "or"))))
				list_cont = 1;
		}
		long last = consider(d, sent, toks, n, i, len, ents, nents, list_cont, m, nm);
		if (last >= 0) {
			prev_end = last;
			/* A place noun after a list applies to all of it. */
			size_t j = (size_t)last + 1;
			if (j < n && has(toks[j].lower, W_PLACENOUN) && !eq(toks[j].lower, "city"))
				for (size_t k = d->ncands; k-- > first_cand && d->cands[k].last + 6 >= j;)
					d->cands[k].want_admin1 = 1;
			i = (size_t)last;
		} else {
			i += len - 1;
		}
	}
	/* Countries the actor matcher saw as places ("in the US"). */
	for (size_t k = 0; k < nm; k++) {
		if (!(m[k].flags & DY_MN_PLACE) || !m[k].code ||
		    (m[k].flags & (DY_MN_ADJ | DY_MN_COMPOSED | DY_MN_PRONOUN | DY_MN_DESC)))
			continue;
		const dy_gentry *c = dy_gazetteer_country(g, m[k].code);
		if (!c || strlen(m[k].code) != 3)
			continue;
		/* The country's name ("Russia", "the Russian Federation") or an
		 * abbreviation in capitals ("US"), not a people ("Afghans"). */
		if (!(toks[m[k].first].flags & DY_TOK_ALLCAP)) {
			char key[256];
			size_t kl = 0;
			for (size_t t = m[k].first; t <= m[k].last && kl < sizeof(key) - 1; t++)
				kl += dy_geo_fold(toks[t].lower, strlen(toks[t].lower), key + kl, sizeof(key) - kl);
			const dy_gentry *const *e;
			size_t ne = dy_gazetteer_lookup_folded(g, key, kl, &e);
			int named = 0;
			for (size_t q = 0; q < ne; q++)
				named |= e[q] == c;
			if (!named)
				continue;
		}
		int covered = 0;
		for (size_t q = first_cand; q < d->ncands; q++)
			if (d->cands[q].first <= m[k].last && d->cands[q].cover_last >= m[k].first)
				covered = 1;
		if (covered || (m[k].last + 1 < n && toks[m[k].last + 1].tag == DY_TAG_POS))
			continue;
		int32_t hint = -1;
		int from = 0;
		if (!after_place_prep(g, toks, n, m[k].first, &hint, &from))
			continue;
		dy_place_cand *pc = new_cand(d);
		const dy_gentry **one = dy_arena_alloc(d->arena, sizeof(*one));
		one[0] = c;
		pc->sent = sent;
		pc->first = m[k].first;
		pc->last = m[k].last;
		pc->start = toks[m[k].first].start;
		pc->end = toks[m[k].last].end;
		pc->ents = one;
		pc->nents = 1;
		pc->cover_last = m[k].last;
		pc->origin = (uint8_t)from;
	}
	/* A landmark needs a place to be in. */
	if (d->ncands > first_cand)
		find_landmarks(d, sent, toks, n, first_cand);
}

/* ---- choosing among namesakes ---- */

static double entry_score(const dy_where_doc *d, const dy_place_cand *c, const dy_gentry *e)
{
	double pop = e->kind == DY_GEO_CITY ? (double)e->population : e->kind == DY_GEO_ADMIN1 ? 5e5 : 2e7;
	double s = log(pop + 1.0) + 3.0 * log(1.0 + (double)d->weight[e->country_ix] + (double)d->pweight[e->country_ix]);
	if (c->hint_country >= 0 && e->country_ix != (uint16_t)c->hint_country)
		s -= 1000;
	if (c->hint_state) {
		char key[128];
		const char *nm = e->kind == DY_GEO_CITY ? e->admin1 : NULL;
		if (nm && dy_geo_fold(nm, strlen(nm), key, sizeof(key)) && strstr(key, c->hint_state) == key)
			s += 100;
	}
	if (c->want_admin1)
		s += e->kind == DY_GEO_ADMIN1 ? 50 : -50;
	else if (e->kind == DY_GEO_ADMIN1)
		s -= 3; /* a bare name is a city's before it is a region's */
	return s;
}

static int cmp_place(const void *a, const void *b)
{
	const dy_place *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static const char *kind_name(int k)
{
	switch (k) {
	case DY_GEO_CITY:
		return "city";
	case DY_GEO_ADMIN1:
		return "admin1";
	case DY_GEO_COUNTRY:
		return "country";
	}
	return "landmark";
}

static void fill_place(dy_place *p, const dy_gentry *e)
{
	p->name = e->name;
	p->country = e->country;
	p->admin1 = e->admin1;
	p->kind = kind_name(e->kind);
	p->has_coords = e->kind == DY_GEO_CITY;
	p->lat = p->has_coords ? e->lat : 0;
	p->lon = p->has_coords ? e->lon : 0;
}

size_t dy_where_resolve(dy_where_doc *d, const char *text)
{
	if (!d->g || !d->ncands)
		return 0;
	/* Places with one reading first: their countries count as context. */
	for (size_t k = 0; k < d->ncands; k++) {
		dy_place_cand *c = &d->cands[k];
		if (c->landmark || c->nents != 1)
			continue;
		c->chosen = 0;
		uint16_t ix = c->ents[0]->country_ix;
		if (d->pweight[ix] < 65535)
			d->pweight[ix]++;
	}
	for (size_t k = 0; k < d->ncands; k++) {
		dy_place_cand *c = &d->cands[k];
		if (c->landmark || c->chosen >= 0)
			continue;
		double best = 0;
		for (uint32_t e = 0; e < c->nents; e++) {
			/* A bare subdivision name in a country the document's actors
			 * never mention is more likely a word than a place. */
			const dy_gentry *ge = c->ents[e];
			if (ge->kind == DY_GEO_ADMIN1 && !c->want_admin1 && !d->weight[ge->country_ix])
				continue;
			double s = entry_score(d, c, ge);
			if (c->chosen < 0 || s > best) {
				c->chosen = (int32_t)e;
				best = s;
			}
		}
	}
	d->capplaces = d->ncands + 8;
	d->places = dy_arena_calloc(d->arena, d->capplaces, sizeof(dy_place));
	size_t np = 0;
	for (size_t k = 0; k < d->ncands; k++) {
		dy_place_cand *c = &d->cands[k];
		dy_place *p = &d->places[np];
		memset(p, 0, sizeof(*p));
		if (c->landmark) {
			const dy_place_cand *in = &d->cands[c->container];
			if (in->chosen < 0)
				continue;
			const dy_gentry *e = in->ents[in->chosen];
			fill_place(p, e);
			p->kind = "landmark";
			if (e->kind == DY_GEO_ADMIN1)
				p->admin1 = e->admin1;
			else if (e->kind == DY_GEO_COUNTRY)
				p->admin1 = NULL;
		} else {
			if (c->chosen < 0)
				continue;
			const dy_gentry *e = c->ents[c->chosen];
			if (e->kind == DY_GEO_ADMIN1 && !c->want_admin1 && !d->weight[e->country_ix]) {
				c->chosen = -1;
				continue;
			}
			fill_place(p, e);
		}
		p->text = dy_arena_strndup(d->arena, text + c->start, c->end - c->start);
		if (c->landmark)
			p->name = p->text;
		p->start = c->start;
		p->end = c->end;
		p->sent = c->sent;
		np++;
	}
	qsort(d->places, np, sizeof(dy_place), cmp_place);
	/* Each candidate's place, by its offsets (unique per place). */
	for (size_t k = 0; k < d->ncands; k++)
		for (size_t q = 0; q < np; q++)
			if (d->places[q].start == d->cands[k].start && d->places[q].end == d->cands[k].end) {
				d->cands[k].place = (int32_t)q;
				break;
			}
	d->nplaces = np;
	return np;
}

int dy_where_for_event(const dy_where_doc *d, uint32_t sent, const dy_token *toks, size_t n, uint32_t trig)
{
	if (!d->nplaces || trig >= n)
		return -1;
	size_t cs, ce;
	dy_clause_bounds(toks, n, trig, &cs, &ce);
	int best = -1, best_in = 0;
	long bd = 0;
	for (size_t k = 0; k < d->ncands; k++) {
		const dy_place_cand *c = &d->cands[k];
		if (c->sent != sent || c->place < 0)
			continue;
		if (c->origin && c->first != trig + 2)
			continue;
		int place = c->place;
		if (c->landmark) {
			/* A landmark stands for the place it is in. */
			const dy_place_cand *in = &d->cands[c->container];
			if (in->place < 0)
				continue;
			place = in->place;
		}
		int in = c->first >= cs && c->last <= ce;
		long dd = c->last < trig ? (long)(trig - c->last) : c->first > trig ? (long)(c->first - trig) : 0;
		if (best < 0 || (in && !best_in) || (in == best_in && dd < bd)) {
			best = place;
			best_in = in;
			bd = dd;
		}
	}
	return best;
}

int dy_where_actor_place(dy_where_doc *d, const char *text, size_t len, const char *cc, uint32_t sent,
			 uint32_t start, uint32_t end)
{
	if (!d->g || !cc || strlen(cc) < 3)
		return -1;
	for (size_t q = 0; q < d->nplaces; q++)
		if (d->places[q].start == start && d->places[q].end == end)
			return (int)q;
	const dy_gentry *const *ents;
	size_t ne = dy_gazetteer_lookup(d->g, text, len, &ents);
	const dy_gentry *best = NULL;
	for (size_t k = 0; k < ne; k++) {
		const dy_gentry *e = ents[k];
		if (strncmp(e->country, cc, 3) != 0 || e->kind == DY_GEO_ADMIN1)
			continue;
		if (!best || (e->kind == DY_GEO_CITY && (best->kind != DY_GEO_CITY || e->population > best->population)))
			best = e;
	}
	if (!best)
		return -1;
	if (d->nplaces == d->capplaces) {
		size_t cap = d->capplaces ? d->capplaces * 2 : 8;
		dy_place *np = dy_arena_calloc(d->arena, cap, sizeof(*np));
		if (d->nplaces)
			memcpy(np, d->places, d->nplaces * sizeof(*np));
		d->places = np;
		d->capplaces = cap;
	}
	dy_place *p = &d->places[d->nplaces];
	memset(p, 0, sizeof(*p));
	fill_place(p, best);
	p->text = dy_arena_strndup(d->arena, text, len);
	p->start = start;
	p->end = end;
	p->sent = sent;
	return (int)d->nplaces++;
}
