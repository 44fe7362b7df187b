/* actor.c - loading actor dictionaries (dyad's format, iso-codes) and
 * matching them against tagged sentences. */
#include "actor/actor.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <utf8proc.h>

#include "base/mem.h"

#define ISO_DIR "/usr/share/iso-codes/json"
#define MAX_PHRASE_WORDS 12

/* All phrases that start with one word, longest first. */
typedef struct phrase_list {
	dy_phrase **items;
	size_t n, cap;
} phrase_list;

void dy_actors_init(dy_actors *d, const dy_lexicon *lx)
{
	memset(d, 0, sizeof(*d));
	dy_arena_init(&d->arena);
	dy_intern_init(&d->strings);
	d->lx = lx;
}

static void free_list(const char *key, size_t len, void *val, void *ctx)
{
	phrase_list *l = val;
	free(l->items);
	free(l);
}

void dy_actors_release(dy_actors *d)
{
	dy_map_each(&d->index, free_list, NULL);
	dy_map_release(&d->index);
	dy_map_release(&d->by_code);
	for (size_t i = 0; i < d->nactors; i++)
		free(d->actors[i]->codes);
	free(d->actors);
	dy_intern_release(&d->strings);
	dy_arena_release(&d->arena);
	memset(d, 0, sizeof(*d));
}

int32_t dy_date_num(const char *s)
{
	if (!s)
		return 0;
	int y, m, dd;
	char tail;
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) < 3)
		return 0;
	if (m < 1 || m > 12 || dd < 1 || dd > 31)
		return 0;
	return y * 10000 + m * 100 + dd;
}

static const char *istr(dy_actors *d, const char *s, size_t n)
{
	return dy_intern(&d->strings, s, n);
}

dy_actor *dy_actors_find(const dy_actors *d, const char *code)
{
	return dy_map_get(&d->by_code, code, strlen(code));
}

dy_actor *dy_actors_add(dy_actors *d, const char *code, const char *name, int type, const char *rule)
{
	dy_actor *a = dy_arena_calloc(&d->arena, 1, sizeof(*a));
	a->code = istr(d, code, strlen(code));
	a->name = istr(d, name, strlen(name));
	a->type = type;
	a->rule = rule;
	DY_GROW(d->actors, d->capactors, d->nactors + 1);
	d->actors[d->nactors++] = a;
	/* The first block for a code is the one lookups find. */
	int created;
	void **slot = dy_map_put(&d->by_code, a->code, strlen(a->code), &created);
	if (created)
		*slot = a;
	return a;
}

void dy_actor_add_code(dy_actors *d, dy_actor *a, const char *code, int32_t from, int32_t to, int dated,
		       const char *rule)
{
	DY_GROW(a->codes, a->capcodes, a->ncodes + 1);
	dy_dated_code *c = &a->codes[a->ncodes++];
	c->code = istr(d, code, strlen(code));
	c->from = from;
	c->to = to;
	c->dated = dated;
	c->rule = rule;
}

const dy_dated_code *dy_actor_code_on(const dy_actor *a, int32_t date)
{
	const dy_dated_code *dflt = NULL, *latest = NULL;
	for (size_t i = 0; i < a->ncodes; i++) {
		const dy_dated_code *c = &a->codes[i];
		if (!c->dated) {
			if (!dflt)
				dflt = c;
			continue;
		}
		if (date && c->from <= date && date <= c->to)
			return c;
		if (!latest || c->to > latest->to)
			latest = c;
	}
	if (dflt)
		return dflt;
	/* Without a date (or outside every range) the most recent code is the
	 * best guess: news is mostly about the present. */
	return date ? NULL : latest;
}

static int is_caps_word(const char *s, size_t n)
{
	int letters = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'a' && c <= 'z')
			return 0;
		if (c >= 'A' && c <= 'Z')
			letters++;
	}
	return letters >= 2;
}

static char *lower_dup(dy_arena *a, const char *s, size_t n)
{
	int ascii = 1;
	for (size_t i = 0; i < n; i++)
		ascii = ascii && !((unsigned char)s[i] & 0x80);
	if (!ascii) {
		/* Lower-case code point by code point, as the tokeniser does, so
		 * that "Åland" finds "åland". */
		char *p = dy_arena_alloc(a, n * 2 + 1);
		size_t o = 0;
		for (size_t i = 0; i < n;) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
			if (k <= 0) {
				p[o++] = s[i++];
				continue;
			}
			o += (size_t)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)p + o);
			i += (size_t)k;
		}
		p[o] = 0;
		return p;
	}
	char *p = dy_arena_strndup(a, s, n);
	for (size_t i = 0; i < n; i++)
		p[i] = (char)tolower((unsigned char)p[i]);
	return p;
}

static int cmp_phrase_len(const void *x, const void *y)
{
	const dy_phrase *a = *(dy_phrase *const *)x, *b = *(dy_phrase *const *)y;
	return (int)b->nwords - (int)a->nwords;
}

int dy_actors_add_phrase(dy_actors *d, dy_actor *a, int kind, const char *text, size_t len, const char *code,
			 const char *rule)
{
	const char *words[MAX_PHRASE_WORDS];
	size_t wlen[MAX_PHRASE_WORDS];
	size_t nw = 0;
	size_t i = 0;
	while (i < len) {
		while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '_'))
			i++;
		size_t s = i;
		while (i < len && text[i] != ' ' && text[i] != '\t' && text[i] != '_')
			i++;
		if (i > s) {
			if (nw + 2 > MAX_PHRASE_WORDS)
				return DY_EDICT;
			/* The tokeniser splits a possessive off ("People's" -> "People" "'s"). */
			size_t e = i;
			if (e - s > 2 && text[e - 2] == '\'' && (text[e - 1] == 's' || text[e - 1] == 'S')) {
				words[nw] = text + s;
				wlen[nw++] = e - s - 2;
				words[nw] = text + e - 2;
				wlen[nw++] = 2;
			} else if (e - s > 4 && memcmp(text + e - 4, "\xe2\x80\x99", 3) == 0 && text[e - 1] == 's') {
				words[nw] = text + s;
				wlen[nw++] = e - s - 4;
				words[nw] = "'s";
				wlen[nw++] = 2;
			} else {
				words[nw] = text + s;
				wlen[nw++] = i - s;
			}
		}
	}
	/* A leading article is optional in the text, so it is not part of a
	 * name; a description keeps it ("the group", not any "group"). */
	if (nw > 1 && kind != DY_PH_DESC && wlen[0] == 3 && strncasecmp(words[0], "the", 3) == 0) {
		memmove(words, words + 1, (nw - 1) * sizeof(*words));
		memmove(wlen, wlen + 1, (nw - 1) * sizeof(*wlen));
		nw--;
	}
	if (nw == 0)
		return DY_EDICT;
	dy_phrase *p = dy_arena_calloc(&d->arena, 1, sizeof(*p));
	p->actor = a;
	p->code = code;
	p->rule = rule;
	p->kind = (uint8_t)kind;
	p->nwords = (uint8_t)nw;
	p->words = dy_arena_alloc(&d->arena, nw * sizeof(*p->words));
	int exact = 1;
	for (size_t k = 0; k < nw; k++)
		exact = exact && is_caps_word(words[k], wlen[k]);
	if (kind == DY_PH_AGENT || kind == DY_PH_DESC)
		exact = 0;
	if (exact) {
		p->exact = dy_arena_alloc(&d->arena, nw * sizeof(*p->exact));
		for (size_t k = 0; k < nw; k++)
			p->exact[k] = istr(d, words[k], wlen[k]);
	}
	for (size_t k = 0; k < nw; k++) {
		char *low = lower_dup(&d->arena, words[k], wlen[k]);
		const char *w = low;
		/* Agents and descriptions match by lemma, so "officials" finds "official". */
		if ((kind == DY_PH_AGENT || kind == DY_PH_DESC) && d->lx)
			w = dy_lemma(d->lx, &d->arena, low, wlen[k], DY_TAG_NN);
		else if (d->lx)
			w = dy_spelling_us(d->lx, &d->arena, low, wlen[k]);
		p->words[k] = istr(d, w, strlen(w));
	}
	int created;
	void **slot = dy_map_put(&d->index, p->words[0], strlen(p->words[0]), &created);
	if (created)
		*slot = dy_xcalloc(1, sizeof(phrase_list));
	phrase_list *l = *slot;
	DY_GROW(l->items, l->cap, l->n + 1);
	l->items[l->n++] = p;
	qsort(l->items, l->n, sizeof(*l->items), cmp_phrase_len);
	d->nphrases++;
	if (kind == DY_PH_AGENT)
		d->nagents++;
	return 0;
}

/* ---- dyad's dictionary format ---- */

typedef struct loader {
	dy_actors *d;
	const char *path;
	const char *base; /* file name shown in rules */
	const char *line;
	size_t linelen;
	long lineno;
	dy_actor *cur;
	dy_error *err;
} loader;

static int lerr(loader *L, const char *at, const char *fmt, const char *arg)
{
	char msg[256];
	snprintf(msg, sizeof(msg), fmt, arg);
	return dy_error_at(L->err, DY_EDICT, L->path, L->lineno, (long)(at - L->line) + 1, L->line, L->linelen,
			   "%s", msg);
}

static const char *rule_of(loader *L)
{
	char buf[512];
	int n = snprintf(buf, sizeof(buf), "%s:%ld", L->base, L->lineno);
	return istr(L->d, buf, (size_t)n);
}

static int valid_code(const char *s, size_t n)
{
	if (n < 3 || n > 15)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

static const char *skip_ws(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static const char *word_end(const char *p, const char *e)
{
	while (p < e && *p != ' ' && *p != '\t')
		p++;
	return p;
}

static int parse_date(const char *s, size_t n, int32_t *out)
{
	if (n != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	char buf[11];
	memcpy(buf, s, 10);
	buf[10] = 0;
	int32_t v = dy_date_num(buf);
	if (!v)
		return -1;
	*out = v;
	return 0;
}

static int parse_type(const char *s, size_t n)
{
	static const char *names[] = {"state", "igo", "group", "person", "org"};
	for (int i = 0; i < 5; i++)
		if (strlen(names[i]) == n && strncmp(names[i], s, n) == 0)
			return i;
	return -1;
}

/* Adds each comma-separated phrase of p..e to actor a (NULL for agents). */
static int add_list(loader *L, dy_actor *a, int kind, const char *p, const char *e, const char *code)
{
	const char *rule = rule_of(L);
	while (p < e) {
		const char *s = skip_ws(p, e);
		const char *c = s;
		while (c < e && *c != ',')
			c++;
		const char *t = c;
		while (t > s && (t[-1] == ' ' || t[-1] == '\t'))
			t--;
		if (t == s)
			return lerr(L, s, "%s", "empty name (two commas, or a comma at the end?)");
		if (dy_actors_add_phrase(L->d, a, kind, s, (size_t)(t - s), code, rule) < 0)
			return lerr(L, s, "%s", "a name has at most 12 words");
		p = c < e ? c + 1 : c;
	}
	return 0;
}

/* Handles "name|adj|desc  a, b, c [=> CODE]". */
static int load_phrases(loader *L, int kind, const char *p, const char *e)
{
	const char *code = NULL;
	const char *arrow = NULL;
	for (const char *q = p; q + 1 < e; q++)
		if (q[0] == '=' && q[1] == '>') {
			arrow = q;
			break;
		}
	if (arrow) {
		const char *c = skip_ws(arrow + 2, e);
		const char *ce = word_end(c, e);
		if (!valid_code(c, (size_t)(ce - c)))
			return lerr(L, c, "%s", "expected an actor code after '=>' (3-15 capitals or digits)");
		if (skip_ws(ce, e) != e)
			return lerr(L, skip_ws(ce, e), "%s", "unexpected text after the code");
		code = istr(L->d, c, (size_t)(ce - c));
		e = arrow;
	}
	return add_list(L, L->cur, kind, p, e, code);
}

static int load_line(loader *L)
{
	const char *p = L->line, *e = L->line + L->linelen;
	/* Comments: a whole line, or after white space. */
	for (const char *q = p; q < e; q++)
		if (*q == '#' && (q == p || q[-1] == ' ' || q[-1] == '\t')) {
			e = q;
			break;
		}
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	if (skip_ws(p, e) == e)
		return 0;
	int indented = (*p == ' ' || *p == '\t');
	const char *kw = skip_ws(p, e);
	const char *kwe = word_end(kw, e);
	size_t kwn = (size_t)(kwe - kw);
	const char *rest = skip_ws(kwe, e);
	if (!indented) {
		int is_actor = kwn == 5 && memcmp(kw, "actor", 5) == 0;
		int is_agent = kwn == 5 && memcmp(kw, "agent", 5) == 0;
		if (!is_actor && !is_agent)
			return lerr(L, kw, "%s", "expected 'actor CODE Name' or 'agent CODE words' at the start of a line");
		const char *c = rest, *ce = word_end(rest, e);
		if (!valid_code(c, (size_t)(ce - c)))
			return lerr(L, c, "%s", "expected a code of 3-15 capital letters or digits");
		const char *code = istr(L->d, c, (size_t)(ce - c));
		const char *val = skip_ws(ce, e);
		if (val == e)
			return lerr(L, e, "%s", is_actor ? "the actor has no name" : "the agent has no words");
		if (is_actor) {
			char *name = dy_arena_strndup(&L->d->arena, val, (size_t)(e - val));
			L->cur = dy_actors_add(L->d, code, name, DY_ATYPE_STATE, rule_of(L));
			return 0;
		}
		/* An agent line ends any actor block: indented lines after it are errors. */
		L->cur = NULL;
		return add_list(L, NULL, DY_PH_AGENT, val, e, code);
	}
	if (!L->cur)
		return lerr(L, kw, "%s", "indented line outside an actor block");
	if (rest == e)
		return lerr(L, e, "%s", "keyword without a value");
	if (kwn == 4 && memcmp(kw, "name", 4) == 0)
		return load_phrases(L, DY_PH_NAME, rest, e);
	if (kwn == 3 && memcmp(kw, "adj", 3) == 0)
		return load_phrases(L, DY_PH_ADJ, rest, e);
	if (kwn == 4 && memcmp(kw, "desc", 4) == 0)
		return load_phrases(L, DY_PH_DESC, rest, e);
	if (kwn == 4 && memcmp(kw, "type", 4) == 0) {
		int t = parse_type(rest, (size_t)(word_end(rest, e) - rest));
		if (t < 0)
			return lerr(L, rest, "%s", "unknown type (want state, igo, group, person or org)");
		L->cur->type = t;
		return 0;
	}
	if (kwn == 4 && memcmp(kw, "role", 4) == 0)
		return 0;
	if (kwn == 4 && memcmp(kw, "code", 4) == 0) {
		const char *c = rest, *ce = word_end(rest, e);
		if (!valid_code(c, (size_t)(ce - c)))
			return lerr(L, c, "%s", "expected a code of 3-15 capital letters or digits");
		char code[16];
		memcpy(code, c, (size_t)(ce - c));
		code[ce - c] = 0;
		const char *r = skip_ws(ce, e);
		if (r == e) {
			dy_actor_add_code(L->d, L->cur, code, 0, 99999999, 0, rule_of(L));
			return 0;
		}
		const char *re = word_end(r, e);
		if (skip_ws(re, e) != e)
			return lerr(L, skip_ws(re, e), "%s", "unexpected text after the date range");
		const char *dots = NULL;
		for (const char *q = r; q + 1 < re; q++)
			if (q[0] == '.' && q[1] == '.') {
				dots = q;
				break;
			}
		if (!dots)
			return lerr(L, r, "%s", "expected a date range FROM..TO (YYYY-MM-DD, either side may be empty)");
		int32_t from = 0, to = 99999999;
		if (dots > r && parse_date(r, (size_t)(dots - r), &from) < 0)
			return lerr(L, r, "%s", "malformed date (want YYYY-MM-DD)");
		if (dots + 2 < re && parse_date(dots + 2, (size_t)(re - dots - 2), &to) < 0)
			return lerr(L, dots + 2, "%s", "malformed date (want YYYY-MM-DD)");
		if (from > to)
			return lerr(L, r, "%s", "the range ends before it starts");
		dy_actor_add_code(L->d, L->cur, code, from, to, 1, rule_of(L));
		return 0;
	}
	return lerr(L, kw, "%s", "unknown keyword (want name, adj, desc, code, type or role)");
}

int dy_actors_load_file(dy_actors *d, const char *path, dy_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return dy_error_set(err, errno == ENOENT ? DY_ENOENT : DY_EIO, "cannot open '%s': %s", path,
				    strerror(errno));
	const char *slash = strrchr(path, '/');
	loader L = {d, path, istr(d, slash ? slash + 1 : path, strlen(slash ? slash + 1 : path)), NULL, 0, 0, NULL,
		    err};
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;
	while ((n = getline(&line, &cap, f)) >= 0) {
		L.lineno++;
		L.line = line;
		L.linelen = (size_t)n;
		if (n > 0 && line[n - 1] == '\n')
			L.linelen--;
		if (memchr(line, '\0', (size_t)n)) {
			rc = lerr(&L, line, "%s", "NUL byte in a dictionary line (is this a text file?)");
			break;
		}
		if ((rc = load_line(&L)) < 0)
			break;
	}
	free(line);
	fclose(f);
	return rc;
}

/* ---- iso-codes ---- */

int dy_actors_load_iso(dy_actors *d, const char *dir, dy_error *err)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/iso_3166-1.json", dir ? dir : ISO_DIR);
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	if (!root)
		return dy_error_set(err, DY_EDICT, "%s:%d:%d: %s", path, je.line, je.column, je.text);
	json_t *list = json_object_get(root, "3166-1");
	if (!json_is_array(list)) {
		json_decref(root);
		return dy_error_set(err, DY_EDICT, "%s: no \"3166-1\" list", path);
	}
	const char *rule = istr(d, "iso_3166-1.json", 15);
	size_t i;
	json_t *c;
	json_array_foreach(list, i, c)
	{
		const char *a3 = json_string_value(json_object_get(c, "alpha_3"));
		if (!a3)
			continue;
		dy_actor *a = dy_actors_find(d, a3);
		const char *name = json_string_value(json_object_get(c, "common_name"));
		if (!name)
			name = json_string_value(json_object_get(c, "name"));
		if (!name)
			continue;
		if (!a)
			a = dy_actors_add(d, a3, name, DY_ATYPE_STATE, rule);
		static const char *keys[] = {"name", "common_name", "official_name"};
		for (int k = 0; k < 3; k++) {
			const char *nm = json_string_value(json_object_get(c, keys[k]));
			/* "Korea, Republic of" is a catalogue form no article uses. */
			if (!nm || strchr(nm, ',') || strchr(nm, '('))
				continue;
			dy_actors_add_phrase(d, a, DY_PH_NAME, nm, strlen(nm), NULL, rule);
		}
	}
	json_decref(root);
	return 0;
}

/* ---- matching ---- */

static int tok_is(const dy_token *t, const char *w)
{
	return strcmp(t->lower, w) == 0;
}

static int word_matches(const dy_phrase *p, size_t k, const dy_token *t)
{
	if (p->exact)
		return strcmp(t->form, p->exact[k]) == 0;
	if (p->kind == DY_PH_AGENT || p->kind == DY_PH_DESC)
		return (t->lemma && strcmp(t->lemma, p->words[k]) == 0) || strcmp(t->lower, p->words[k]) == 0;
	if (strcmp(t->lower, p->words[k]) == 0)
		return 1;
	return t->lemma && strcmp(t->lemma, p->words[k]) == 0 && (t->tag == DY_TAG_NNS || t->tag == DY_TAG_NNPS);
}

/* The longest phrase starting at toks[i] of the given kinds (bit mask). */
static const dy_phrase *longest(const dy_actors *d, const dy_token *toks, size_t n, size_t i, unsigned kinds)
{
	const dy_token *t = &toks[i];
	const char *keys[2] = {t->lower, t->lemma};
	int nkeys = (t->lemma && strcmp(t->lemma, t->lower) != 0) ? 2 : 1;
	const dy_phrase *best = NULL;
	for (int k = 0; k < nkeys; k++) {
		phrase_list *l = dy_map_get(&d->index, keys[k], strlen(keys[k]));
		if (!l)
			continue;
		for (size_t j = 0; j < l->n; j++) {
			const dy_phrase *p = l->items[j];
			if (!(kinds & (1u << p->kind)))
				continue;
			if (best && p->nwords <= best->nwords)
				break;
			if (i + p->nwords > n)
				continue;
			size_t w = 0;
			while (w < p->nwords && word_matches(p, w, &toks[i + w]))
				w++;
			if (w == p->nwords) {
				best = p;
				break;
			}
		}
	}
	return best;
}

static int is_modifier(const dy_token *t)
{
	return dy_tag_is_adj(t->tag) || t->tag == DY_TAG_NN || t->tag == DY_TAG_NNS || t->tag == DY_TAG_NNP ||
	       t->tag == DY_TAG_VBN ||
	       t->tag == DY_TAG_CD || t->tag == DY_TAG_POS || tok_is(t, "-") || tok_is(t, "--");
}

static const char *compose(dy_actors *d, dy_arena *a, const char *base, const char *agent)
{
	size_t bl = strlen(base), al = strlen(agent);
	char *s = dy_arena_alloc(a, bl + al + 1);
	memcpy(s, base, bl);
	memcpy(s + bl, agent, al + 1);
	return s;
}

/* Prepositions that also introduce clauses ("after the Taliban seized Kabul"). */
static int takes_clause(const dy_token *t)
{
	static const char *words[] = {"after", "before", "until", "till", "since", "as", "because", "while", NULL};
	for (int i = 0; words[i]; i++)
		if (tok_is(t, words[i]))
			return 1;
	return 0;
}

static const char *agent_code_of(const dy_phrase *p)
{
	return p->code;
}

size_t dy_actors_match(const dy_actors *cd, dy_arena *a, const dy_token *toks, size_t n, int32_t date,
		       dy_mention_tok **out)
{
	dy_actors *d = (dy_actors *)cd; /* only the arena-free helpers are used: read-only */
	dy_mention_tok *m = dy_arena_alloc(a, (n + 1) * sizeof(*m));
	size_t nm = 0;
	const unsigned actor_kinds = (1u << DY_PH_NAME) | (1u << DY_PH_ADJ) | (1u << DY_PH_DESC);
	for (size_t i = 0; i < n;) {
		const dy_token *t = &toks[i];
		if (t->flags & (DY_TOK_PUNCT | DY_TOK_NUM)) {
			i++;
			continue;
		}
		/* Pronouns. */
		uint8_t pron = 0;
		if (t->wc & DY_WC_IT)
			pron = 'i';
		else if (t->wc & DY_WC_THEY)
			pron = 't';
		else if (t->wc & DY_WC_HE)
			pron = 'h';
		if (pron) {
			/* "it is likely that", "it was agreed": no referent. */
			if (pron == 'i' && !(t->wc & DY_WC_POSSPRON) && i + 1 < n &&
			    (toks[i + 1].lemma && strcmp(toks[i + 1].lemma, "be") == 0) && i + 2 < n &&
			    (dy_tag_is_adj(toks[i + 2].tag) || toks[i + 2].tag == DY_TAG_VBN ||
			     tok_is(&toks[i + 2], "that") || toks[i + 2].tag == DY_TAG_TO)) {
				i++;
				continue;
			}
			dy_mention_tok *x = &m[nm++];
			memset(x, 0, sizeof(*x));
			x->first = x->last = (uint32_t)i;
			x->flags = DY_MN_PRONOUN;
			x->pronoun = pron;
			if (i + 1 < n && toks[i + 1].tag == DY_TAG_POS)
				x->flags |= DY_MN_POSS;
			if (t->wc & DY_WC_POSSPRON) {
				x->flags |= DY_MN_POSS;
				/* "its Foreign Ministry": the pronoun's country with an agent. */
				size_t k = i + 1;
				for (size_t s = 0; k < n && s <= 2; s++) {
					const dy_phrase *ag = longest(d, toks, n, k, 1u << DY_PH_AGENT);
					if (ag) {
						x->agent = ag->code;
						x->last = (uint32_t)(k + ag->nwords - 1);
						x->flags &= (uint16_t)~DY_MN_POSS;
						i = k + ag->nwords - 1;
						break;
					}
					/* "his Iranian counterpart" is the Iranian one. */
					if ((!dy_tag_is_adj(toks[k].tag) && toks[k].tag != DY_TAG_NNP) ||
					    longest(d, toks, n, k, actor_kinds))
						break;
					k++;
				}
			}
			i++;
			continue;
		}
		const dy_phrase *p = longest(d, toks, n, i, actor_kinds);
		if (!p) {
			/* A country-less agent followed by "of <country>": "the government of Afghanistan". */
			const dy_phrase *ag = longest(d, toks, n, i, 1u << DY_PH_AGENT);
			if (ag) {
				size_t j = i + ag->nwords;
				if (j + 1 < n && (toks[j].wc & (DY_WC_OF | DY_WC_PLACE))) {
					size_t k = j + 1;
					if (k < n && (toks[k].wc & DY_WC_THE))
						k++;
					const dy_phrase *c = k < n ? longest(d, toks, n, k, 1u << DY_PH_NAME) : NULL;
					/* "the government of Afghanistan"; "the government in
					 * Dushanbe" (a capital, coded as its government). */
					int in_capital = c && (toks[j].wc & DY_WC_PLACE) && c->code && c->actor &&
							 strlen(c->actor->code) == 3;
					int of_country = c && (toks[j].wc & DY_WC_OF) && c->actor &&
							 strlen(c->actor->code) == 3 && !c->code;
					if (in_capital || of_country) {
						const dy_dated_code *dc = dy_actor_code_on(c->actor, date);
						dy_mention_tok *x = &m[nm++];
						memset(x, 0, sizeof(*x));
						x->first = (uint32_t)i;
						x->last = (uint32_t)(k + c->nwords - 1);
						x->actor = c->actor;
						x->code = compose(d, a, dc ? dc->code : c->actor->code, agent_code_of(ag));
						x->name = c->actor->name;
						x->rule = dy_arena_printf(a, "%s %s", c->rule, ag->rule);
						x->flags = DY_MN_COMPOSED;
						i = k + c->nwords;
						continue;
					}
				}
				i += ag->nwords;
				continue;
			}
			i++;
			continue;
		}
		dy_mention_tok *x = &m[nm++];
		memset(x, 0, sizeof(*x));
		x->first = (uint32_t)i;
		x->last = (uint32_t)(i + p->nwords - 1);
		x->rule = p->rule;
		if (p->kind == DY_PH_DESC) {
			/* Collect every actor this description may stand for. */
			x->flags = DY_MN_DESC;
			phrase_list *l = dy_map_get(&d->index, p->words[0], strlen(p->words[0]));
			for (size_t j = 0; l && j < l->n && x->ncands < 4; j++) {
				const dy_phrase *q = l->items[j];
				if (q->kind != DY_PH_DESC || q->nwords != p->nwords)
					continue;
				size_t w = 0;
				while (w < q->nwords && q->words[w] == p->words[w])
					w++;
				if (w == q->nwords)
					x->cands[x->ncands++] = q->actor;
			}
			i += p->nwords;
			continue;
		}
		const dy_actor *act = p->actor;
		const dy_dated_code *dc = dy_actor_code_on(act, date);
		const char *code = p->code ? p->code : (dc ? dc->code : act->code);
		if (dc && !p->code && dc->rule != act->rule)
			x->rule = dy_arena_printf(a, "%s %s", p->rule, dc->rule);
		x->actor = act;
		x->name = act->name;
		size_t j = i + p->nwords;
		int possessive = j < n && toks[j].tag == DY_TAG_POS;
		/* Country (or adjective) + modifiers + agent: "Russian Supreme Court",
		 * "Afghanistan's foreign ministry", "the Afghan government delegation". */
		if (strlen(code) == 3 || (p->kind == DY_PH_ADJ && strlen(act->code) == 3)) {
			size_t k = j + (possessive ? 1 : 0);
			const dy_phrase *ag = NULL;
			size_t agat = 0;
			for (size_t s = 0; k < n && s <= 3; s++) {
				ag = longest(d, toks, n, k, 1u << DY_PH_AGENT);
				if (ag) {
					agat = k;
					break;
				}
				if (!is_modifier(&toks[k]) || longest(d, toks, n, k, actor_kinds))
					break;
				k++;
			}
			if (ag) {
				size_t end = agat + ag->nwords;
				/* The noun phrase goes on over further agents ("government delegation"). */
				while (end < n && (toks[end].tag == DY_TAG_NN || toks[end].tag == DY_TAG_NNS) &&
				       longest(d, toks, n, end, 1u << DY_PH_AGENT))
					end++;
				x->code = compose(d, a, dc ? dc->code : act->code, agent_code_of(ag));
				x->rule = dy_arena_printf(a, "%s %s", p->rule, ag->rule);
				x->flags |= DY_MN_COMPOSED;
				x->last = (uint32_t)(end - 1);
				j = end;
				possessive = j < n && toks[j].tag == DY_TAG_POS;
			}
		}
		if (!x->code) {
			x->code = code;
			if (p->kind == DY_PH_ADJ) {
				/* "Central Asian countries", "Russian policymakers": a demonym
				 * with a plural noun names the actor; with anything else
				 * ("Russian oil") it only describes. */
				if (j < n && (toks[j].tag == DY_TAG_NNS || toks[j].tag == DY_TAG_NNPS) &&
				    !longest(d, toks, n, j, actor_kinds)) {
					x->last = (uint32_t)j;
					j++;
				} else {
					x->flags |= DY_MN_ADJ;
				}
			}
		}
		/* A title followed by a named actor is the named actor:
		 * "Former Afghan President Hamid Karzai". */
		if ((x->flags & DY_MN_COMPOSED) && j < n) {
			const dy_phrase *q = longest(d, toks, n, j, 1u << DY_PH_NAME);
			if (q && q->actor && q->actor->type == DY_ATYPE_PERSON) {
				const dy_dated_code *qc = dy_actor_code_on(q->actor, date);
				x->actor = q->actor;
				x->name = q->actor->name;
				x->code = q->code ? q->code : (qc ? qc->code : q->actor->code);
				x->rule = qc && qc->rule != q->actor->rule ? dy_arena_printf(a, "%s %s", q->rule, qc->rule)
									   : q->rule;
				x->flags &= (uint16_t)~DY_MN_COMPOSED;
				x->last = (uint32_t)(j + q->nwords - 1);
				j += q->nwords;
				possessive = j < n && toks[j].tag == DY_TAG_POS;
			}
		}
		/* A group followed by an agent noun keeps its own code: "Taliban delegation". */
		if (!(x->flags & DY_MN_COMPOSED) && p->kind == DY_PH_NAME && j < n) {
			const dy_phrase *ag = longest(d, toks, n, j, 1u << DY_PH_AGENT);
			if (ag && strlen(x->code) > 3) {
				x->last = (uint32_t)(j + ag->nwords - 1);
				j += ag->nwords;
				possessive = j < n && toks[j].tag == DY_TAG_POS;
			}
		}
		if (possessive)
			x->flags |= DY_MN_POSS;
		i = j;
	}
	/* Locations and prepositional objects: look left of each mention over
	 * determiners and adjectives ("in outer Moscow", "with the Taliban"). */
	for (size_t k = 0; k < nm; k++) {
		size_t f = m[k].first;
		while (f > 0 && (toks[f - 1].tag == DY_TAG_DT || dy_tag_is_adj(toks[f - 1].tag) ||
				 toks[f - 1].tag == DY_TAG_NNP || toks[f - 1].tag == DY_TAG_CD)) {
			/* Stop at another mention's last word. */
			if (k > 0 && m[k - 1].last == f - 1)
				break;
			f--;
		}
		/* Nominative pronouns are never objects ("after they returned"). */
		const dy_token *ft = &toks[m[k].first];
		if ((m[k].flags & DY_MN_PRONOUN) && (ft->wc & DY_WC_NOM))
			continue;
		/* A mention followed by a finite verb is a clause's subject even
		 * after a word tagged IN ("after the Taliban seized Kabul"). */
		size_t nx = m[k].last + 1;
		if (f > 0 && takes_clause(&toks[f - 1]) && nx < n &&
		    (toks[nx].tag == DY_TAG_VBD || toks[nx].tag == DY_TAG_VBZ || toks[nx].tag == DY_TAG_VBP ||
		     toks[nx].tag == DY_TAG_MD))
			continue;
		if (f > 0 && (toks[f - 1].tag == DY_TAG_IN || toks[f - 1].tag == DY_TAG_TO) &&
		    !(toks[f - 1].wc & DY_WC_SUBORD)) {
			m[k].flags |= DY_MN_INPP;
			/* "outside the Russian embassy" is an institution, not a place. */
			if ((toks[f - 1].wc & DY_WC_PLACE) && !(m[k].flags & (DY_MN_PRONOUN | DY_MN_COMPOSED)))
				m[k].flags |= DY_MN_PLACE;
		}
		/* "in Kerman, Iran": the country after a place is a place too. */
		if (f >= 3 && toks[f - 1].tag == DY_TAG_COMMA && toks[f - 2].tag == DY_TAG_NNP) {
			size_t q = f - 2;
			while (q > 0 && toks[q - 1].tag == DY_TAG_NNP)
				q--;
			if (q > 0 && (toks[q - 1].wc & DY_WC_PLACE))
				m[k].flags |= DY_MN_INPP | DY_MN_PLACE;
		}
		/* A dateline: "ASTANA, Dec. 30 (Reuters) -". */
		if (m[k].first == 0 && (ft->flags & DY_TOK_ALLCAP) && m[k].last + 1 < n &&
		    (toks[m[k].last + 1].tag == DY_TAG_COMMA || strcmp(toks[m[k].last + 1].lower, "/") == 0))
			m[k].flags |= DY_MN_PLACE;
	}
	/* "Chinese and Pakistani officials": a bare demonym coordinated with a
	 * composed one takes the same agent. */
	for (size_t k = 0; k + 1 < nm; k++) {
		dy_mention_tok *x = &m[k], *y = &m[k + 1];
		if (!(x->flags & DY_MN_ADJ) || !(y->flags & DY_MN_COMPOSED) || !x->actor || !y->actor)
			continue;
		if (y->first != x->last + 2 || !((toks[x->last + 1].wc & DY_WC_AND) || toks[x->last + 1].tag == DY_TAG_COMMA))
			continue;
		size_t bl = strlen(y->actor->code);
		const dy_dated_code *dc = dy_actor_code_on(x->actor, date);
		const char *base = dc ? dc->code : x->actor->code;
		if (strlen(y->code) <= bl || strlen(base) != 3)
			continue;
		x->code = compose(d, a, base, y->code + bl);
		x->flags = (uint16_t)((x->flags & ~DY_MN_ADJ) | DY_MN_COMPOSED);
		x->rule = dy_arena_printf(a, "%s %s", x->rule, y->rule);
	}
	*out = m;
	return nm;
}
