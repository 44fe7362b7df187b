/* quote.c - quotations and their speakers (see quote.h). */
#include "quote/quote.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/map.h"
#include "tag/tagset.h"

#define HISTORY_SENTENCES 10
#define MAX_ATTRIBUTION_GAP 14

/* ---- word lists ---- */

static int eq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static const char *const speech_verbs[] = {
	"say", "tell", "add", "write", "observe", "argue", "warn", "claim", "state", "note", "suggest", "insist",
	"stress", "allege", "assert", "announce", "declare", "explain", "report", "acknowledge", "admit",
	"conclude", "emphasize", "predict", "caution", "contend", "maintain", "reiterate", "remark", "comment",
	"recall", "reply", "confirm", "deny", "point", "ask", "continue", NULL};
/* Verbs that take an object before "that": "warned Russia that". */
static const char *const object_verbs[] = {"tell", "warn", "assure", "inform", "remind", "caution", NULL};
/* Verbs whose clause may come without "that": "said the talks failed". */
static const char *const bare_clause_verbs[] = {"say", "tell", "claim", "insist", "add", "argue", "warn",
						"write", "note", "suggest", "state", "stress", "admit",
						"acknowledge", "confirm", "predict", "contend", "maintain", NULL};
/* Verbs that bring in a quotation in mid-sentence without being speech
 * verbs: "described them as “vague”", "promised to protect rights “within
 * the framework of Islam”". */
static const char *const quoting_verbs[] = {"describe", "call", "term", "dub", "label", "brand", "promise",
					    "pledge", "vow", "urge", "accuse", "demand", "hail", "praise",
					    "condemn", "welcome", "characterize", "refer", "quote", "cite",
					    "threaten", "offer", NULL};
static const char *const role_nouns[] = {
	"analyst", "researcher", "journalist", "expert", "scholar", "author", "writer", "professor", "spokesman",
	"spokeswoman", "spokesperson", "official", "diplomat", "commander", "minister", "president", "envoy",
	"ambassador", "lawmaker", "senator", "general", "colonel", "correspondent", "reporter", "economist",
	"historian", "lawyer", "activist", "leader", "chief", "director", "secretary", "adviser", "advisor",
	"prosecutor", "judge", "governor", "mayor", "colleague", "fellow", "observer", "specialist",
	"politician", "premier", "chairman", "head", "representative", NULL};
/* Roles that stand for the writers of an analysis or study. */
static const char *const writer_roles[] = {"analyst", "researcher", "author", "writer", "scholar", "expert",
					   "observer", "specialist", "economist", "historian", NULL};
static const char *const titles[] = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.",
				     "gen.", "col.", "sen.", "rep.", "sir", NULL};
static const char *const org_words[] = {"institute", "university", "centre", "center", "ministry", "agency",
					"council", "committee", "party", "times", "news", "post", "press",
					"foundation", "bank", "fund", "organization", "organisation", "studies",
					"group", "service", "office", "company", "corporation", NULL};

/* The lists as bits of one table: a word costs one lookup. */
enum { W_SPEECH = 1, W_OBJVERB = 2, W_BARE = 4, W_ROLE = 8, W_WRITER = 16, W_TITLE = 32, W_ORG = 64, W_QUOTING = 128 };

static dy_map wtable;
static pthread_once_t wonce = PTHREAD_ONCE_INIT;

static void wbuild(void)
{
	static const struct {
		const char *const *list;
		unsigned bit;
	} lists[] = {{speech_verbs, W_SPEECH}, {object_verbs, W_OBJVERB}, {bare_clause_verbs, W_BARE},
		     {role_nouns, W_ROLE},     {writer_roles, W_WRITER},   {titles, W_TITLE},
		     {org_words, W_ORG},       {quoting_verbs, W_QUOTING}};
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		for (const char *const *w = lists[i].list; *w; w++) {
			void **slot = dy_map_put(&wtable, *w, strlen(*w), NULL);
			*slot = (void *)((uintptr_t)*slot | lists[i].bit);
		}
}

static int has(const char *w, unsigned bit)
{
	if (!w)
		return 0;
	size_t n = strlen(w);
	if (!n || n > 14)
		return 0;
	return ((uintptr_t)dy_map_get(&wtable, w, n) & bit) != 0;
}

/* ---- the document ---- */

typedef struct person {
	const char *name; /* display name */
	const char *last; /* last word, lower case */
	const char *code; /* actor code or NULL */
	const char *rule;
	const char *role; /* role or title lemma, or NULL */
	uint32_t pos;     /* global token of the latest mention */
	int32_t group;
} person;

typedef struct group {
	uint32_t *members; /* person indices */
	uint32_t n;
	const char *role;
	const char *name; /* "A and B" */
	const char *text; /* the words that named it */
	uint32_t pos;
} group;

typedef struct speaker {
	dy_actor_ref ref;
	int32_t group, person;
	uint8_t plural;
} speaker;

typedef struct hist {
	speaker sp;
	uint32_t sent;
} hist;

typedef struct part {
	uint32_t a, b;          /* first and last quoted token (global) */
	int64_t qopen, qclose;  /* the marks, or -1 */
} part;

enum { ATTR_NONE, ATTR_AFTER, ATTR_BEFORE };

typedef struct cand {
	uint8_t direct;
	uint8_t attr;          /* ATTR_* */
	uint32_t p0, p1;       /* parts of a direct quotation */
	uint32_t cs, ce;       /* content tokens of reported speech */
	uint32_t start;        /* byte offset, for order */
	uint32_t ak, ay;       /* ATTR_AFTER: the subject starts at ak, ends by ay; ATTR_BEFORE: the verb at ak */
	uint32_t sent;
} cand;

typedef struct qs {
	const dy_quote_input *in;
	const dy_token *T;
	size_t NT;
	dy_arena *a;
	person *persons;
	size_t np, capp;
	group *groups;
	size_t ng, capg;
	hist *hist;
	size_t nh, caph;
	part *parts;
	size_t nparts, capparts;
	cand *cands;
	size_t nc, capc;
	uint32_t *used; /* attribution verbs of direct quotations */
	size_t nused, capused;
} qs;

/* Grows an arena array *p of *cap elements to hold need. */
static void agrow(dy_arena *a, void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return;
	size_t nc = *cap ? *cap * 2 : 8;
	while (nc < need)
		nc *= 2;
	void *n = dy_arena_alloc(a, nc * elem);
	if (*cap)
		memcpy(n, *p, *cap * elem);
	*p = n;
	*cap = nc;
}
#define AGROW(q, arr, cap, need) agrow((q)->a, (void **)&(arr), &(cap), (need), sizeof(*(arr)))

static uint32_t sent_of(const qs *q, size_t gi)
{
	const dy_text *x = q->in->txt;
	size_t lo = 0, hi = x->nsents;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (x->sents[mid].first <= gi)
			lo = mid;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

static size_t sent_first(const qs *q, uint32_t s)
{
	return q->in->txt->sents[s].first;
}

static size_t sent_last(const qs *q, uint32_t s)
{
	return q->in->txt->sents[s].first + q->in->txt->sents[s].count - 1;
}

/* The resolved actor mention covering global token gi, with its global
 * range; NULL when none. */
static const dy_mention_tok *mention_of(const qs *q, size_t gi, size_t *first, size_t *last)
{
	uint32_t s = sent_of(q, gi);
	size_t base = sent_first(q, s), li = gi - base;
	const dy_mention_tok *m = q->in->mentions ? q->in->mentions[s] : NULL;
	size_t nm = q->in->nmentions ? q->in->nmentions[s] : 0;
	for (size_t k = 0; k < nm; k++)
		if (m[k].first <= li && li <= m[k].last) {
			if (first)
				*first = base + m[k].first;
			if (last)
				*last = base + m[k].last;
			return &m[k];
		}
	return NULL;
}

static const char *words(const qs *q, size_t a, size_t b)
{
	return dy_arena_strndup(q->a, q->in->text + q->T[a].start, q->T[b].end - q->T[a].start);
}

static const char *lem(const dy_token *t)
{
	return t->lemma ? t->lemma : t->lower;
}

static int is_speech_verb(const dy_token *t)
{
	return dy_tag_is_verb(t->tag) && has(lem(t), W_SPEECH);
}

static int is_role(const dy_token *t)
{
	return dy_tag_is_noun(t->tag) && has(lem(t), W_ROLE);
}

static int is_comma(const dy_token *t)
{
	return t->tag == DY_TAG_COMMA;
}

static int is_name_tok(const dy_token *t)
{
	return (t->flags & DY_TOK_CAP) && !(t->flags & DY_TOK_PUNCT) &&
	       (t->tag == DY_TAG_NNP || t->tag == DY_TAG_NNPS || t->tag == DY_TAG_FW);
}

/* ---- persons and groups ---- */

static const char *last_word(const qs *q, const char *name)
{
	const char *sp = strrchr(name, ' ');
	const char *w = sp ? sp + 1 : name;
	size_t n = strlen(w);
	char *l = dy_arena_strndup(q->a, w, n);
	for (char *p = l; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return l;
}

/* Finds or adds a person; returns the index. */
static uint32_t add_person(qs *q, const char *name, const char *code, const char *rule, const char *role,
			   uint32_t pos)
{
	const char *last = last_word(q, name);
	for (size_t k = q->np; k-- > 0;) {
		person *p = &q->persons[k];
		if ((code && p->code && eq(code, p->code) && eq(p->last, last)) ||
		    (!code && (eq(p->name, name) || (!strchr(name, ' ') && eq(p->last, last))))) {
			if (pos > p->pos)
				p->pos = pos;
			if (!p->role && role)
				p->role = role;
			return (uint32_t)k;
		}
	}
	AGROW(q, q->persons, q->capp, q->np + 1);
	person *p = &q->persons[q->np];
	p->name = name;
	p->last = last;
	p->code = code;
	p->rule = rule;
	p->role = role;
	p->pos = pos;
	p->group = -1;
	return (uint32_t)q->np++;
}

/* A person named by a surname or a full name, most recent first; -1. */
static int32_t find_person(const qs *q, const char *text, uint32_t before)
{
	const char *sp = strrchr(text, ' ');
	const char *w = sp ? sp + 1 : text;
	for (size_t k = q->np; k-- > 0;) {
		const person *p = &q->persons[k];
		if (p->pos > before)
			continue;
		if (eq(p->name, text) || strcasecmp(p->last, w) == 0)
			return (int32_t)k;
	}
	return -1;
}

static int32_t add_group(qs *q, const uint32_t *members, uint32_t n, const char *role, const char *text, uint32_t pos)
{
	/* The same persons named again: the group they form. */
	for (size_t g = 0; g < q->ng; g++) {
		group *G = &q->groups[g];
		if (G->n != n)
			continue;
		uint32_t same = 0;
		for (uint32_t i = 0; i < n; i++)
			for (uint32_t j = 0; j < n; j++)
				same += G->members[i] == members[j];
		if (same == n) {
			if (pos > G->pos)
				G->pos = pos;
			if (!G->role && role)
				G->role = role;
			return (int32_t)g;
		}
	}
	AGROW(q, q->groups, q->capg, q->ng + 1);
	group *G = &q->groups[q->ng];
	G->members = dy_arena_alloc(q->a, n * sizeof(uint32_t));
	memcpy(G->members, members, n * sizeof(uint32_t));
	G->n = n;
	G->role = role;
	G->text = text;
	G->pos = pos;
	/* "A, B and C" */
	size_t len = 0;
	for (uint32_t i = 0; i < n; i++)
		len += strlen(q->persons[members[i]].name) + 6;
	char *nm = dy_arena_alloc(q->a, len + 1);
	nm[0] = '\0';
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			strcat(nm, i + 1 == n ? " and " : ", ");
		strcat(nm, q->persons[members[i]].name);
	}
	G->name = nm;
	for (uint32_t i = 0; i < n; i++)
		q->persons[members[i]].group = (int32_t)q->ng;
	return (int32_t)q->ng++;
}

/* A name at global token j: a person mention, or capitalised proper
 * nouns (strict: two words or more). Sets [*a, *b]; returns a person
 * index or -1. */
static int32_t name_item(qs *q, size_t j, size_t end, int strict, const char *role, size_t *a, size_t *b)
{
	if (j > end || j >= q->NT)
		return -1;
	size_t mf, ml;
	const dy_mention_tok *m = mention_of(q, j, &mf, &ml);
	if (m && mf == j) {
		if (!m->actor || m->actor->type != DY_ATYPE_PERSON || !m->code)
			return -1;
		*a = mf;
		*b = ml;
		return (int32_t)add_person(q, m->name ? m->name : words(q, mf, ml), m->code, m->rule, role, (uint32_t)j);
	}
	if (m)
		return -1;
	size_t k = j;
	while (k <= end && k < q->NT && k - j < 4 && is_name_tok(&q->T[k]) && !mention_of(q, k, NULL, NULL) &&
	       !has(q->T[k].lower, W_ORG) && !has(q->T[k].lower, W_TITLE))
		k++;
	if (k == j)
		return -1;
	if (k < q->NT && (q->T[k].flags & DY_TOK_CAP) && has(q->T[k].lower, W_ORG))
		return -1;
	const char *text = words(q, j, k - 1);
	if (strict && k - j < 2) {
		int32_t p = find_person(q, text, (uint32_t)j);
		if (p < 0)
			return -1;
		*a = j;
		*b = k - 1;
		q->persons[p].pos = (uint32_t)j;
		return p;
	}
	*a = j;
	*b = k - 1;
	return (int32_t)add_person(q, text, NULL, NULL, role, (uint32_t)j);
}

/* "analysts A and B", "spokesman A", "Dr A": registers the persons (and
 * the group) named after the role word at i (global). */
static void names_after_role(qs *q, size_t i, size_t end)
{
	const dy_token *t = &q->T[i];
	int plural = t->tag == DY_TAG_NNS || t->tag == DY_TAG_NNPS;
	const char *role = has(t->lower, W_TITLE) ? NULL : lem(t);
	uint32_t members[16];
	uint32_t n = 0;
	size_t j = i + 1, a, b;
	while (n < 16) {
		int32_t p = name_item(q, j, end, 0, role, &a, &b);
		if (p < 0)
			break;
		members[n++] = (uint32_t)p;
		j = b + 1;
		if (!plural || j > end)
			break;
		if (j + 1 <= end && is_comma(&q->T[j]) && eq(q->T[j + 1].lower, "and"))
			j += 2;
		else if (eq(q->T[j].lower, "and") || is_comma(&q->T[j]))
			j += 1;
		else
			break;
	}
	if (n >= 2)
		add_group(q, members, n, role, words(q, i, b), (uint32_t)i);
}

static void find_persons(qs *q)
{
	const dy_text *x = q->in->txt;
	for (uint32_t s = 0; s < x->nsents; s++) {
		size_t f = sent_first(q, s), l = sent_last(q, s);
		const dy_mention_tok *m = q->in->mentions ? q->in->mentions[s] : NULL;
		size_t nm = q->in->nmentions ? q->in->nmentions[s] : 0;
		for (size_t k = 0; k < nm; k++) {
			if (!m[k].actor || m[k].actor->type != DY_ATYPE_PERSON || !m[k].code || (m[k].flags & DY_MN_PRONOUN) ||
			    (m[k].flags & DY_MN_DESC))
				continue;
			const char *role = NULL;
			for (size_t t = f + m[k].first; t <= f + m[k].last; t++)
				if (is_role(&q->T[t]))
					role = lem(&q->T[t]);
			add_person(q, m[k].name ? m[k].name : words(q, f + m[k].first, f + m[k].last), m[k].code, m[k].rule,
				   role, (uint32_t)(f + m[k].first));
		}
		for (size_t i = f; i < l; i++) {
			const dy_token *t = &q->T[i];
			/* A role or title is followed by a capitalised name. */
			if (!(q->T[i + 1].flags & DY_TOK_CAP))
				continue;
			if (is_role(t) || ((t->flags & DY_TOK_CAP) && has(t->lower, W_TITLE)))
				names_after_role(q, i, l);
		}
	}
}

/* ---- speakers ---- */

static void speaker_init(speaker *sp)
{
	memset(sp, 0, sizeof(*sp));
	sp->group = sp->person = -1;
}

static void from_person(const qs *q, speaker *sp, int32_t p)
{
	const person *P = &q->persons[p];
	sp->person = p;
	sp->ref.code = P->code;
	sp->ref.name = P->name;
	sp->ref.rule = P->rule;
	sp->plural = 0;
}

static void from_group(const qs *q, speaker *sp, int32_t g)
{
	const group *G = &q->groups[g];
	sp->group = g;
	sp->ref.name = G->name;
	/* A group whose members share a code has it. */
	const char *code = q->persons[G->members[0]].code;
	for (uint32_t i = 1; i < G->n && code; i++)
		if (!q->persons[G->members[i]].code || !eq(q->persons[G->members[i]].code, code))
			code = NULL;
	sp->ref.code = code;
	sp->plural = 1;
}

static void from_mention(speaker *sp, const dy_mention_tok *m)
{
	sp->ref.code = m->code;
	sp->ref.name = m->name;
	sp->ref.rule = m->rule;
	sp->ref.via = m->via;
	sp->plural = (m->actor && m->actor->type == DY_ATYPE_GROUP) || (m->flags & DY_MN_COMPOSED);
}

static void set_words(const qs *q, speaker *sp, size_t a, size_t b)
{
	sp->ref.text = words(q, a, b);
	sp->ref.start = q->T[a].start;
	sp->ref.end = q->T[b].end;
}

/* The most recent speaker before sentence s (within HISTORY_SENTENCES)
 * that fits: plural 1 for "they", 0 for a person. */
static const speaker *recent(const qs *q, uint32_t s, int plural)
{
	for (size_t k = q->nh; k-- > 0;) {
		const hist *h = &q->hist[k];
		if (h->sent + HISTORY_SENTENCES < s)
			break;
		if (!h->sp.ref.name)
			continue;
		if (plural ? h->sp.plural : (h->sp.person >= 0 && h->sp.group < 0))
			return &h->sp;
	}
	return NULL;
}

static int32_t recent_group(const qs *q, size_t before, const char *role)
{
	int32_t best = -1;
	for (size_t g = 0; g < q->ng; g++) {
		const group *G = &q->groups[g];
		if (G->pos > before || (role && (!G->role || !eq(G->role, role))))
			continue;
		if (best < 0 || G->pos > q->groups[best].pos)
			best = (int32_t)g;
	}
	return best;
}

static int32_t recent_person_role(const qs *q, size_t before, const char *role)
{
	int32_t best = -1;
	for (size_t k = 0; k < q->np; k++) {
		const person *P = &q->persons[k];
		if (P->pos > before || (role && (!P->role || !eq(P->role, role))))
			continue;
		if (best < 0 || P->pos > q->persons[best].pos)
			best = (int32_t)k;
	}
	return best;
}

/* The via of a speaker found through other words: the words that named
 * the group or the person. */
static void set_via(const qs *q, speaker *sp)
{
	if (sp->group >= 0)
		sp->ref.via = q->groups[sp->group].text;
	else if (sp->person >= 0)
		sp->ref.via = q->persons[sp->person].name;
}

/* A pronoun subject at global token k. */
static void resolve_pronoun(qs *q, speaker *sp, size_t k)
{
	const dy_token *t = &q->T[k];
	uint32_t s = sent_of(q, k);
	set_words(q, sp, k, k);
	int they = (t->wc & DY_WC_THEY) != 0, he = (t->wc & DY_WC_HE) != 0;
	if (they || he) {
		const speaker *r = recent(q, s, they);
		if (r) {
			dy_actor_ref keep = sp->ref;
			*sp = *r;
			sp->ref.text = keep.text;
			sp->ref.start = keep.start;
			sp->ref.end = keep.end;
			sp->ref.via = r->ref.via ? r->ref.via : r->ref.text;
			if (r->group >= 0 || r->person >= 0)
				set_via(q, sp);
			return;
		}
	}
	const dy_mention_tok *m = mention_of(q, k, NULL, NULL);
	if (m && m->code) {
		from_mention(sp, m);
		return;
	}
	if (they) {
		int32_t g = recent_group(q, k, NULL);
		if (g >= 0) {
			from_group(q, sp, g);
			set_via(q, sp);
			return;
		}
	}
	if (he) {
		int32_t p = recent_person_role(q, k, NULL);
		if (p >= 0) {
			from_person(q, sp, p);
			set_via(q, sp);
			return;
		}
	}
	sp->ref.name = sp->ref.text;
	sp->plural = they;
}

/* Resolves the names found in a subject: one person, a group, or persons
 * that form a new group. */
static void resolve_names(qs *q, speaker *sp, const uint32_t *ps, uint32_t n, size_t pos)
{
	if (n == 1) {
		from_person(q, sp, (int32_t)ps[0]);
		return;
	}
	int32_t g = q->persons[ps[0]].group;
	for (uint32_t i = 1; i < n && g >= 0; i++)
		if (q->persons[ps[i]].group != g)
			g = -1;
	if (g < 0 || q->groups[g].n != n)
		g = add_group(q, ps, n, NULL, NULL, (uint32_t)pos);
	if (!q->groups[g].text)
		q->groups[g].text = sp->ref.text;
	from_group(q, sp, g);
	if (sp->ref.text && q->groups[g].text && !eq(sp->ref.text, q->groups[g].text))
		set_via(q, sp);
}

/* A noun phrase [s, e] that names no person: an actor by its head, a
 * role that refers back ("the analysts", "the minister"), or its words. */
static void resolve_desc(qs *q, speaker *sp, size_t s, size_t e)
{
	set_words(q, sp, s, e);
	size_t head = e, of = e + 1;
	for (size_t k = s; k <= e; k++)
		if (eq(q->T[k].lower, "of") && k > s) {
			of = k;
			break;
		}
	for (size_t k = of; k-- > s;)
		if (dy_tag_is_noun(q->T[k].tag)) {
			head = k;
			break;
		}
	size_t mf, ml;
	const dy_mention_tok *m = mention_of(q, head, &mf, &ml);
	if (m && m->code && mf >= s && ml <= e) {
		from_mention(sp, m);
		if (m->actor && m->actor->type == DY_ATYPE_PERSON)
			sp->person = (int32_t)add_person(q, m->name ? m->name : sp->ref.text, m->code, m->rule, NULL,
							 (uint32_t)head);
		return;
	}
	const dy_token *h = &q->T[head];
	int plural = h->tag == DY_TAG_NNS || h->tag == DY_TAG_NNPS;
	if (is_role(h) && (q->T[s].wc & DY_WC_THE)) {
		const char *role = lem(h);
		if (plural) {
			int32_t g = recent_group(q, s, role);
			if (g < 0 && has(role, W_WRITER))
				g = recent_group(q, s, NULL);
			if (g >= 0) {
				from_group(q, sp, g);
				set_via(q, sp);
				return;
			}
		} else {
			int32_t p = recent_person_role(q, s, role);
			if (p >= 0) {
				from_person(q, sp, p);
				set_via(q, sp);
				return;
			}
		}
	}
	sp->ref.name = sp->ref.text;
	sp->plural = (uint8_t)plural;
}

static int np_tok(const dy_token *t)
{
	int tg = t->tag;
	return tg == DY_TAG_DT || tg == DY_TAG_PDT || dy_tag_is_adj(tg) || dy_tag_is_noun(tg) || tg == DY_TAG_PRP ||
	       tg == DY_TAG_PRPS || tg == DY_TAG_POS || tg == DY_TAG_CD || tg == DY_TAG_FW ||
	       (tg == DY_TAG_IN && eq(t->lower, "of")) || (t->flags & DY_TOK_ALLCAP);
}

/* The subject written after the verb (or "according to") at k, ending by
 * y: "Turgunbaeva, a journalist ..., and Ghiasi", "the analysts". */
static void subject_after(qs *q, speaker *sp, size_t k, size_t y)
{
	while (k <= y && is_comma(&q->T[k]))
		k++;
	if (k > y || k >= q->NT)
		return;
	if (q->T[k].tag == DY_TAG_PRP) {
		resolve_pronoun(q, sp, k);
		return;
	}
	uint32_t ps[16];
	uint32_t n = 0;
	size_t j = k, a, b, last = k;
	int32_t p;
	while (n < 16 && (p = name_item(q, j, y, 1, NULL, &a, &b)) >= 0) {
		ps[n++] = (uint32_t)p;
		last = b;
		j = b + 1;
		/* An appositive: ", a journalist and researcher ...," */
		if (j + 1 <= y && is_comma(&q->T[j]) && !eq(q->T[j + 1].lower, "and")) {
			size_t c = j + 1;
			while (c <= y && !is_comma(&q->T[c]) && !(q->T[c].flags & DY_TOK_QOPEN))
				c++;
			if (c > y)
				break;
			j = c;
		}
		if (j + 1 <= y && is_comma(&q->T[j]) && eq(q->T[j + 1].lower, "and"))
			j += 2;
		else if (j <= y && eq(q->T[j].lower, "and"))
			j += 1;
		else
			break;
	}
	if (n) {
		/* The words from the first name to the last, appositives and all. */
		const char *txt = words(q, k, last);
		sp->ref.start = q->T[k].start;
		sp->ref.end = q->T[last].end;
		sp->ref.text = txt;
		resolve_names(q, sp, ps, n, k);
		return;
	}
	size_t mf, ml;
	const dy_mention_tok *m = mention_of(q, k, &mf, &ml);
	if (m && m->code && mf == k) {
		set_words(q, sp, mf, ml);
		from_mention(sp, m);
		return;
	}
	size_t e = k;
	while (e + 1 <= y && np_tok(&q->T[e + 1]) && !is_comma(&q->T[e + 1]))
		e++;
	if (!np_tok(&q->T[k]))
		return;
	resolve_desc(q, sp, k, e);
}

/* The start of the subject that ends right before global token v (the
 * verb), skipping adverbs and auxiliaries; sets [*s, *e]. */
static int subject_span_at(const qs *q, size_t v, size_t *s, size_t *e, int depth)
{
	size_t lo = sent_first(q, sent_of(q, v));
	if (v <= lo)
		return 0;
	size_t k = v - 1;
	while (k > lo && (dy_tag_is_adv(q->T[k].tag) || q->T[k].tag == DY_TAG_MD || (q->T[k].wc & DY_WC_AUX)))
		k--;
	/* A coordinated verb shares the first verb's subject: "questioned
	 * the delegates ..., and said that". */
	if (q->T[k].tag == DY_TAG_CC && depth < 2) {
		for (size_t b = k; b-- > lo;) {
			const dy_token *t = &q->T[b];
			if ((t->tag == DY_TAG_VBD || t->tag == DY_TAG_VBZ || t->tag == DY_TAG_VBP) && !(t->wc & DY_WC_AUX))
				return subject_span_at(q, b, s, e, depth + 1);
			if (t->flags & (DY_TOK_QCLOSE | DY_TOK_QOPEN))
				break;
		}
		return 0;
	}
	if (!np_tok(&q->T[k]) || (q->T[k].flags & (DY_TOK_QCLOSE | DY_TOK_QOPEN)))
		return 0;
	size_t end = k;
	while (k > lo && np_tok(&q->T[k - 1]) && !(q->T[k - 1].flags & (DY_TOK_QCLOSE | DY_TOK_QOPEN)))
		k--;
	while (k < end && (eq(q->T[k].lower, "of") || q->T[k].tag == DY_TAG_POS))
		k++;
	*s = k;
	*e = end;
	return 1;
}

static int subject_span(const qs *q, size_t v, size_t *s, size_t *e)
{
	return subject_span_at(q, v, s, e, 0);
}

/* The subject before the verb at v. */
static void subject_before(qs *q, speaker *sp, size_t v)
{
	size_t s, e;
	if (!subject_span(q, v, &s, &e))
		return;
	if (s == e && q->T[s].tag == DY_TAG_PRP) {
		resolve_pronoun(q, sp, s);
		return;
	}
	/* Names: "John Smith said", "Turgunbaeva and Ghiasi write". */
	uint32_t ps[16];
	uint32_t n = 0;
	size_t j = s, a, b;
	int32_t p;
	while (n < 16 && (p = name_item(q, j, e, 1, NULL, &a, &b)) >= 0) {
		ps[n++] = (uint32_t)p;
		j = b + 1;
		if (j > e)
			break;
		if (eq(q->T[j].lower, "and"))
			j++;
		else
			break;
	}
	if (n && j > e) {
		set_words(q, sp, s, e);
		resolve_names(q, sp, ps, n, s);
		return;
	}
	resolve_desc(q, sp, s, e);
}

/* ---- finding quotations ---- */

static void add_cand(qs *q, const cand *c)
{
	AGROW(q, q->cands, q->capc, q->nc + 1);
	q->cands[q->nc++] = *c;
}

static void mark_used(qs *q, size_t v)
{
	AGROW(q, q->used, q->capused, q->nused + 1);
	q->used[q->nused++] = (uint32_t)v;
}

static int is_used(const qs *q, size_t v)
{
	for (size_t k = 0; k < q->nused; k++)
		if (q->used[k] == v)
			return 1;
	return 0;
}

/* Whether [x, y] holds an attribution: a speech verb or "according to". */
static long attribution_verb(const qs *q, size_t x, size_t y)
{
	for (size_t k = x; k <= y && k < q->NT; k++) {
		if (is_speech_verb(&q->T[k]))
			return (long)k;
		if (eq(q->T[k].lower, "according") && k + 1 <= y && eq(q->T[k + 1].lower, "to"))
			return (long)k;
	}
	return -1;
}

/* An attribution right after a closing mark at c (same sentence): sets
 * the candidate's subject position. */
static int attribution_after(qs *q, cand *c, size_t x)
{
	/* Only in the sentence of the closing mark (x - 1). */
	if (x == 0 || x >= q->NT)
		return 0;
	uint32_t s = sent_of(q, x - 1);
	if (sent_of(q, x) != s)
		return 0;
	size_t y = sent_last(q, s);
	for (size_t k = x; k <= y; k++)
		if (q->T[k].flags & DY_TOK_QOPEN) {
			y = k - 1;
			break;
		}
	size_t k = x;
	while (k <= y && k < q->NT && is_comma(&q->T[k]))
		k++;
	if (k > y || k >= q->NT)
		return 0;
	/* "according to X" and "said X": the subject follows. */
	if (eq(q->T[k].lower, "according") && k + 1 <= y && eq(q->T[k + 1].lower, "to")) {
		c->attr = ATTR_AFTER;
		c->ak = (uint32_t)(k + 2);
		c->ay = (uint32_t)y;
		mark_used(q, k);
		return 1;
	}
	if (is_speech_verb(&q->T[k])) {
		c->attr = ATTR_AFTER;
		c->ak = (uint32_t)(k + 1);
		c->ay = (uint32_t)y;
		mark_used(q, k);
		return 1;
	}
	/* "X said", "X, the Kremlin's envoy, told ...": a subject (with an
	 * appositive), then the verb. */
	for (size_t v = k + 1; v <= y && v <= k + MAX_ATTRIBUTION_GAP; v++) {
		const dy_token *t = &q->T[v];
		if (is_speech_verb(t)) {
			c->attr = ATTR_AFTER;
			c->ak = (uint32_t)k;
			c->ay = (uint32_t)(v - 1);
			while (c->ay > c->ak && (dy_tag_is_adv(q->T[c->ay].tag) || (q->T[c->ay].wc & DY_WC_AUX) ||
						 q->T[c->ay].tag == DY_TAG_MD || is_comma(&q->T[c->ay])))
				c->ay--;
			mark_used(q, v);
			return 1;
		}
		if ((t->flags & DY_TOK_QOPEN) || ((t->wc & DY_WC_CLAUSE) && t->tag != DY_TAG_DT) ||
		    ((t->tag == DY_TAG_VBD || t->tag == DY_TAG_VBZ || t->tag == DY_TAG_VBP) && !(t->wc & DY_WC_AUX)))
			break;
	}
	return 0;
}

/* "They add: “...", "Karzai said that “...": before the opening mark o. */
static int attribution_before(qs *q, cand *c, size_t o)
{
	size_t lo = sent_first(q, sent_of(q, o));
	if (o <= lo)
		return 0;
	size_t k = o - 1;
	if (k > lo && (q->T[k].tag == DY_TAG_COLON || is_comma(&q->T[k])))
		k--;
	if (k > lo && eq(q->T[k].lower, "that"))
		k--;
	if (!is_speech_verb(&q->T[k]) || (q->T[k].flags & DY_TOK_INQUOTE))
		return 0;
	c->attr = ATTR_BEFORE;
	c->ak = (uint32_t)k;
	mark_used(q, k);
	return 1;
}

static size_t nwords(const qs *q, size_t a, size_t b)
{
	size_t n = 0;
	for (size_t k = a; k <= b; k++)
		n += !(q->T[k].flags & DY_TOK_PUNCT);
	return n;
}

static void find_direct(qs *q)
{
	const dy_token *T = q->T;
	for (size_t i = 0; i < q->NT; i++) {
		if (!(T[i].flags & DY_TOK_INQUOTE))
			continue;
		size_t a = i;
		while (i + 1 < q->NT && (T[i + 1].flags & DY_TOK_INQUOTE))
			i++;
		AGROW(q, q->parts, q->capparts, q->nparts + 1);
		part *p = &q->parts[q->nparts++];
		p->a = (uint32_t)a;
		p->b = (uint32_t)i;
		p->qopen = a > 0 && (T[a - 1].flags & DY_TOK_QOPEN) ? (int64_t)a - 1 : -1;
		p->qclose = i + 1 < q->NT && (T[i + 1].flags & DY_TOK_QCLOSE) ? (int64_t)i + 1 : -1;
	}
	for (size_t k = 0; k < q->nparts;) {
		cand c;
		memset(&c, 0, sizeof(c));
		c.direct = 1;
		c.p0 = (uint32_t)k;
		size_t e = k;
		while (e + 1 < q->nparts) {
			const part *P = &q->parts[e], *Q = &q->parts[e + 1];
			/* A quotation that runs on into the next paragraph. */
			if (P->qclose < 0 && Q->qopen == (int64_t)P->b + 1 && (T[Q->qopen].flags & DY_TOK_PARA)) {
				e++;
				continue;
			}
			/* One interrupted by its attribution. */
			if (P->qclose >= 0 && Q->qopen > P->qclose && !(T[Q->qopen].flags & DY_TOK_PARA) &&
			    Q->qopen - P->qclose - 1 >= 1 && Q->qopen - P->qclose - 1 <= MAX_ATTRIBUTION_GAP) {
				int para = 0;
				for (int64_t x = P->qclose + 1; x < Q->qopen; x++)
					para |= (T[x].flags & (DY_TOK_PARA | DY_TOK_QOPEN)) != 0;
				long v = para ? -1 : attribution_verb(q, (size_t)P->qclose + 1, (size_t)Q->qopen - 1);
				if (v >= 0) {
					if (!c.attr)
						attribution_after(q, &c, (size_t)P->qclose + 1);
					e++;
					continue;
				}
			}
			break;
		}
		c.p1 = (uint32_t)e;
		const part *first = &q->parts[k], *lastp = &q->parts[e];
		c.start = T[first->a].start;
		c.sent = sent_of(q, first->a);
		if (!c.attr && lastp->qclose >= 0)
			attribution_after(q, &c, (size_t)lastp->qclose + 1);
		if (!c.attr && first->qopen >= 0)
			attribution_before(q, &c, (size_t)first->qopen);
		size_t words_in = 0;
		for (size_t x = k; x <= e; x++)
			words_in += nwords(q, q->parts[x].a, q->parts[x].b);
		if (c.attr || words_in >= 4)
			add_cand(q, &c);
		k = e + 1;
	}
}

static int punct_end(const dy_token *t)
{
	return t->tag == DY_TAG_END || (t->flags & (DY_TOK_QCLOSE | DY_TOK_QOPEN)) || t->tag == DY_TAG_RQUOTE ||
	       is_comma(t) || t->tag == DY_TAG_COLON;
}

/* Reported speech in sentence s. */
static void find_reported(qs *q, uint32_t s)
{
	const dy_token *T = q->T;
	size_t f = sent_first(q, s), l = sent_last(q, s);
	for (size_t v = f; v <= l; v++) {
		const dy_token *t = &T[v];
		/* "According to X, ..." and "..., according to X." */
		if (t->lower[0] == 'a' && eq(t->lower, "according") && v + 2 <= l && eq(T[v + 1].lower, "to") &&
		    !is_used(q, v)) {
			size_t ne = v + 2;
			while (ne + 1 <= l && !is_comma(&T[ne + 1]) && T[ne + 1].tag != DY_TAG_END)
				ne++;
			cand c;
			memset(&c, 0, sizeof(c));
			c.attr = ATTR_AFTER;
			c.ak = (uint32_t)(v + 2);
			c.ay = (uint32_t)ne;
			c.sent = s;
			if (ne + 1 <= l && is_comma(&T[ne + 1]) && (v == f || (v == f + 1 && (T[f].flags & DY_TOK_QOPEN)))) {
				c.cs = (uint32_t)(ne + 2);
				c.ce = (uint32_t)l;
			} else if (v > f + 1 && is_comma(&T[v - 1]) && !(T[v - 2].flags & DY_TOK_QCLOSE)) {
				c.cs = (uint32_t)f;
				c.ce = (uint32_t)(v - 2);
			} else {
				continue;
			}
			while (c.ce > c.cs && punct_end(&T[c.ce]))
				c.ce--;
			while (c.cs < c.ce && (T[c.cs].flags & DY_TOK_QOPEN))
				c.cs++;
			if (nwords(q, c.cs, c.ce) < 3)
				continue;
			c.start = T[c.cs].start;
			add_cand(q, &c);
			continue;
		}
		if (!is_speech_verb(t) || is_used(q, v))
			continue;
		/* Passive ("as noted by"), or a participle without have. */
		if (t->tag == DY_TAG_VBN) {
			size_t b = v;
			while (b > f && dy_tag_is_adv(T[b - 1].tag))
				b--;
			if (b == f || !(T[b - 1].wc & DY_WC_AUX) || eq(lem(&T[b - 1]), "be"))
				continue;
		}
		if (t->tag == DY_TAG_VBG)
			continue;
		int neg = 0;
		for (size_t b = v; b-- > f && v - b <= 3;)
			neg |= (T[b].wc & DY_WC_NEG) != 0;
		if (neg)
			continue;
		size_t j = v + 1;
		if (j > l)
			continue;
		const char *lm = lem(t);
		if (eq(lm, "point")) {
			if (!eq(T[j].lower, "out"))
				continue;
			j++;
		}
		/* "said on Wednesday that", "said afterwards that" */
		size_t jt = j;
		while (jt <= l && jt < j + 4 && (dy_tag_is_adv(T[jt].tag) || T[jt].tag == DY_TAG_IN || T[jt].tag == DY_TAG_NNP) &&
		       !eq(T[jt].lower, "that"))
			jt++;
		if (jt <= l && jt > j && eq(T[jt].lower, "that") && (jt == j + 1 || T[j].tag != DY_TAG_IN || jt <= j + 2))
			j = jt;
		size_t cs = 0;
		if (j <= l && (eq(T[j].lower, "that") || (eq(lm, "point") && eq(T[j].lower, "how")))) {
			cs = j + 1;
		} else if (has(lm, W_OBJVERB)) {
			size_t o = j;
			while (o <= l && o - j < 4 && np_tok(&T[o]) && !eq(T[o].lower, "that"))
				o++;
			if (o <= l && o > j && eq(T[o].lower, "that"))
				cs = o + 1;
		}
		if (!cs && has(lm, W_BARE) && j <= l &&
		    (T[j].tag == DY_TAG_DT || T[j].tag == DY_TAG_NNP || T[j].tag == DY_TAG_NNPS ||
		     (T[j].tag == DY_TAG_PRP && (T[j].wc & (DY_WC_NOM | DY_WC_IT))) || T[j].tag == DY_TAG_NNS)) {
			/* A subject (noun phrase words only), then a finite verb:
			 * "said the talks had failed", not "claimed the attack late on
			 * Monday in a statement posted ...". */
			for (size_t k = j + 1; k <= l && k <= j + 8; k++) {
				if (T[k].tag == DY_TAG_VBD || T[k].tag == DY_TAG_VBZ || T[k].tag == DY_TAG_VBP ||
				    T[k].tag == DY_TAG_MD) {
					cs = j;
					break;
				}
				if (!np_tok(&T[k]) || is_comma(&T[k]))
					break;
			}
		}
		if (!cs || cs > l || (T[cs].flags & DY_TOK_QOPEN) || T[j].tag == DY_TAG_COLON)
			continue;
		size_t ss, se;
		if (!subject_span(q, v, &ss, &se))
			continue;
		cand c;
		memset(&c, 0, sizeof(c));
		c.attr = ATTR_BEFORE;
		c.ak = (uint32_t)v;
		c.cs = (uint32_t)cs;
		c.ce = (uint32_t)l;
		/* Inside a direct quotation the clause ends with it. */
		if (t->flags & DY_TOK_INQUOTE)
			for (size_t k = cs; k <= l; k++)
				if (T[k].flags & DY_TOK_QCLOSE) {
					c.ce = (uint32_t)(k > cs ? k - 1 : cs);
					break;
				}
		c.sent = s;
		while (c.ce > c.cs && punct_end(&T[c.ce]))
			c.ce--;
		if (nwords(q, c.cs, c.ce) < 3)
			continue;
		c.start = T[c.cs].start;
		add_cand(q, &c);
	}
}

static int cmp_cand(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* The text of a direct quotation: its parts joined. */
static const char *direct_text(qs *q, const cand *c, uint32_t *start, uint32_t *end)
{
	const dy_token *T = q->T;
	size_t cap = 0;
	for (uint32_t k = c->p0; k <= c->p1; k++)
		cap += T[q->parts[k].b].end - T[q->parts[k].a].start + 2;
	char *buf = dy_arena_alloc(q->a, cap + 1);
	size_t n = 0;
	for (uint32_t k = c->p0; k <= c->p1; k++) {
		const part *P = &q->parts[k];
		size_t b = P->b;
		int comma = 0;
		if (is_comma(&T[b]) && b > P->a) {
			b--;
			comma = 1;
		}
		if (k > c->p0) {
			const part *prev = &q->parts[k - 1];
			buf[n++] = prev->qclose < 0 ? '\n' : ' ';
		}
		size_t len = T[b].end - T[P->a].start;
		memcpy(buf + n, q->in->text + T[P->a].start, len);
		n += len;
		if (comma && k < c->p1) {
			/* The comma before an attribution: a full stop when the
			 * next part starts a new sentence. */
			const part *next = &q->parts[k + 1];
			buf[n++] = next->qopen >= 0 && sent_of(q, (size_t)next->qopen) != sent_of(q, P->b) ? '.' : ',';
		}
	}
	buf[n] = '\0';
	*start = T[q->parts[c->p0].a].start;
	*end = T[q->parts[c->p1].b].end;
	return buf;
}

size_t dy_quotes_find(const dy_quote_input *in, dy_arena *a, dy_quote **out, dy_buf *trace)
{
	pthread_once(&wonce, wbuild);
	qs q;
	memset(&q, 0, sizeof(q));
	q.in = in;
	q.a = a;
	q.T = in->txt->toks;
	q.NT = in->txt->ntoks;
	*out = NULL;
	if (!q.NT)
		return 0;
	find_persons(&q);
	find_direct(&q);
	for (uint32_t s = 0; s < in->txt->nsents; s++)
		find_reported(&q, s);
	if (!q.nc)
		return 0;
	qsort(q.cands, q.nc, sizeof(cand), cmp_cand);
	dy_quote *res = dy_arena_calloc(a, q.nc, sizeof(dy_quote));
	size_t nq = 0;
	uint32_t last_direct_sent = 0;
	long last_direct = -1; /* its entry in q.hist */
	uint32_t rep_start = 0, rep_end = 0; /* the last reported clause, and its speaker */
	speaker rep_sp;
	speaker_init(&rep_sp);
	for (size_t k = 0; k < q.nc; k++) {
		cand *c = &q.cands[k];
		speaker sp;
		speaker_init(&sp);
		const char *how = "no attribution";
		if (c->attr == ATTR_AFTER) {
			subject_after(&q, &sp, c->ak, c->ay);
			how = "after";
		} else if (c->attr == ATTR_BEFORE) {
			subject_before(&q, &sp, c->ak);
			how = "before";
		}
		dy_quote *r = &res[nq];
		memset(r, 0, sizeof(*r));
		r->sent = c->sent;
		if (c->direct) {
			r->kind = "direct";
			r->text = direct_text(&q, c, &r->start, &r->end);
			const part *p0 = &q.parts[c->p0];
			if (!sp.ref.name && rep_sp.ref.name && r->start >= rep_start && r->end <= rep_end) {
				/* Quoted words inside reported speech: its speaker's. */
				sp = rep_sp;
				how = "inside reported speech";
			} else if (!sp.ref.name && p0->qopen > (int64_t)sent_first(&q, c->sent)) {
				/* In mid-sentence: the subject of the verb that brings it in. */
				for (size_t v = (size_t)p0->qopen; v-- > sent_first(&q, c->sent);) {
					if (dy_tag_is_verb(q.T[v].tag) &&
					    (has(lem(&q.T[v]), W_SPEECH) || has(lem(&q.T[v]), W_QUOTING))) {
						subject_before(&q, &sp, v);
						how = "the subject of the verb before it";
						break;
					}
				}
			}
			/* No attribution: the speaker of the quotation just before. */
			if (!sp.ref.name && last_direct >= 0 && c->sent <= last_direct_sent + 2) {
				sp = q.hist[last_direct].sp;
				how = "continues the previous quotation";
			}
		} else {
			r->kind = "reported";
			r->start = q.T[c->cs].start;
			r->end = q.T[c->ce].end;
			r->text = dy_arena_strndup(a, in->text + r->start, r->end - r->start);
			/* A closing mark right after the clause belongs to it. */
			size_t after = c->ce + 1;
			rep_start = r->start;
			rep_end = after < q.NT && (q.T[after].flags & DY_TOK_QCLOSE) ? q.T[after].end : r->end;
			rep_sp = sp;
		}
		if (!sp.ref.name && c->attr == ATTR_NONE && !c->direct)
			continue;
		r->speaker = sp.ref;
		if (sp.group >= 0) {
			const group *G = &q.groups[sp.group];
			dy_actor_ref *mem = dy_arena_calloc(a, G->n, sizeof(dy_actor_ref));
			for (uint32_t i = 0; i < G->n; i++) {
				const person *P = &q.persons[G->members[i]];
				mem[i].code = P->code;
				mem[i].name = P->name;
				mem[i].rule = P->rule;
			}
			r->members = mem;
			r->nmembers = G->n;
		}
		if (sp.ref.name) {
			AGROW(&q, q.hist, q.caph, q.nh + 1);
			q.hist[q.nh].sp = sp;
			q.hist[q.nh].sent = c->sent;
			q.nh++;
		}
		if (c->direct) {
			uint32_t end_sent = sent_of(&q, q.parts[c->p1].b);
			last_direct_sent = end_sent;
			last_direct = sp.ref.name ? (long)q.nh - 1 : -1;
		}
		if (trace) {
			dy_buf_addf(trace, "  quote (%s) in sentence %u: speaker ", r->kind, r->sent);
			if (sp.ref.name) {
				dy_buf_addf(trace, "'%s' %s (%s)", sp.ref.text ? sp.ref.text : "", sp.ref.code ? sp.ref.code : "-",
					    sp.ref.name);
				if (sp.ref.via)
					dy_buf_addf(trace, " via '%s'", sp.ref.via);
			} else {
				dy_buf_adds(trace, "unknown");
			}
			dy_buf_addf(trace, " [%s]\n", how);
		}
		nq++;
	}
	*out = res;
	return nq;
}
