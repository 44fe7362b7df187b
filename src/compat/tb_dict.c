/* tb_dict.c - reading TABARI (.actors .agents .verbs .options) and
 * PETRARCH (actors, agents, verbs, discards, issues) dictionaries into one
 * tb_dict (tabari.h). The formats are those of the TABARI 0.8.4 manual
 * (chapters 5, 6, 8) and of PETRARCH's dictionaries.rst. */
#include "compat/tabari.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "compat/tb_scan.h"
#include "when/when.h"

/* ---- the index: first word -> roots ----------------------------------------- */

static uint32_t fnv_start(void)
{
	return 2166136261u;
}

static uint32_t fnv_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

static uint32_t fnv(const char *s, size_t n)
{
	uint32_t h = fnv_start();
	for (size_t i = 0; i < n; i++)
		h = fnv_step(h, (unsigned char)s[i]);
	return h;
}

static tb_index_slot *index_find(const tb_index *ix, const char *key, size_t n, uint32_t h)
{
	if (!ix->cap)
		return NULL;
	size_t mask = ix->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		tb_index_slot *s = &ix->slots[i];
		if (!s->key)
			return s;
		if (s->hash == h && s->len == n && memcmp(s->key, key, n) == 0)
			return s;
	}
}

static void index_grow(tb_index *ix)
{
	size_t ncap = ix->cap ? ix->cap * 2 : 1024;
	tb_index_slot *old = ix->slots;
	size_t ocap = ix->cap;
	ix->slots = dy_xcalloc(ncap, sizeof(*ix->slots));
	ix->cap = ncap;
	for (size_t i = 0; i < ocap; i++)
		if (old[i].key) {
			tb_index_slot *s = index_find(ix, old[i].key, old[i].len, old[i].hash);
			*s = old[i];
		}
	free(old);
}

const tb_rootlist *tb_index_get(const tb_index *ix, const char *key, size_t n)
{
	tb_index_slot *s = index_find(ix, key, n, fnv(key, n));
	return s && s->key ? s->list : NULL;
}

static void index_add(tb_dict *d, const char *key, size_t n, const tb_root *r)
{
	tb_index *ix = &d->index;
	if ((ix->count + 1) * 2 > ix->cap)
		index_grow(ix);
	uint32_t h = fnv(key, n);
	tb_index_slot *s = index_find(ix, key, n, h);
	if (!s->key) {
		s->key = key;
		s->len = (uint32_t)n;
		s->hash = h;
		s->list = dy_xcalloc(1, sizeof(tb_rootlist));
		ix->count++;
		ix->lens |= n < 31 ? 1u << n : 1u << 31;
		if (!ix->bloom)
			ix->bloom = dy_xcalloc((1u << TB_BLOOM_BITS) / 64, sizeof(uint64_t));
		uint32_t b1 = h & ((1u << TB_BLOOM_BITS) - 1), b2 = (h * 2654435761u) >> (32 - TB_BLOOM_BITS);
		ix->bloom[b1 >> 6] |= 1ull << (b1 & 63);
		ix->bloom[b2 >> 6] |= 1ull << (b2 & 63);
	}
	tb_rootlist *l = s->list;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4;
		l->v = dy_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = r;
	l->dirty = 1;
}

static int root_cmp(const void *x, const void *y)
{
	const tb_root *a = *(const tb_root *const *)x, *b = *(const tb_root *const *)y;
	if (a->len != b->len)
		return a->len > b->len ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

void tb_dict_finish(tb_dict *d)
{
	tb_index *ix = &d->index;
	for (size_t i = 0; i < ix->cap; i++) {
		tb_rootlist *l = ix->slots[i].key ? ix->slots[i].list : NULL;
		if (!l || !l->dirty)
			continue;
		/* Longest first; among equals the earlier entry; each root once. */
		qsort(l->v, l->n, sizeof(*l->v), root_cmp);
		uint32_t k = 0;
		for (uint32_t j = 0; j < l->n; j++)
			if (!k || l->v[k - 1] != l->v[j])
				l->v[k++] = l->v[j];
		l->n = k;
		l->dirty = 0;
		/* The second word's first letters (all but its last, which a
		 * regular ending may change): a root matches only a token that
		 * is followed by a word starting with them. */
		l->second = dy_xrealloc(l->second, (l->n ? l->n : 1) * sizeof(*l->second));
		for (uint32_t j = 0; j < l->n; j++) {
			const tb_root *r = l->v[j];
			uint64_t f = 0;
			if (r->nw > 1 && (r->w[1].flags & TB_CONSEC) && r->w[1].n > 1) {
				size_t m = r->w[1].n - 1 < 4 ? r->w[1].n - 1 : 4;
				uint32_t mask = m >= 4 ? 0xffffffffu : (1u << (8 * m)) - 1;
				f = (uint64_t)mask << 32 | tb_pack4(r->w[1].s, m);
			}
			l->second[j] = f;
		}
	}
}

static void index_release(tb_index *ix)
{
	for (size_t i = 0; i < ix->cap; i++)
		if (ix->slots[i].key) {
			free(ix->slots[i].list->v);
			free(ix->slots[i].list->second);
			free(ix->slots[i].list);
		}
	free(ix->slots);
	free(ix->bloom);
	memset(ix, 0, sizeof(*ix));
}

/* ---- the dictionary ----------------------------------------------------------- */

void tb_options_default(tb_options *o)
{
	memset(o, 0, sizeof(*o));
	o->code_by = TB_BY_CLAUSE;
	o->min_words = 8;
	o->time_shift = -1;
	o->cmin = 2;
	o->cmax = 10;
	o->emin = 2;
	o->emax = 10;
	o->bmin = 128;
	o->bmax = 0;
}

void tb_dict_init(tb_dict *d)
{
	memset(d, 0, sizeof(*d));
	dy_arena_init(&d->arena);
	dy_intern_init(&d->strings);
	dy_map_init(&d->synsets);
	dy_map_init(&d->labels);
	dy_buf_init(&d->notes);
	dy_buf_init(&d->warnings);
	tb_options_default(&d->opt);
	d->c_null = dy_intern(&d->strings, "---", 3);
	d->c_discard = dy_intern(&d->strings, "###", 3);
	d->c_complex = dy_intern(&d->strings, "+++", 3);
}

void tb_dict_release(tb_dict *d)
{
	/* Pattern arrays grow while loading: they are malloc'ed. */
	for (size_t i = 0; i < d->nverbs; i++)
		free(d->verbs[i]->pats);
	free(d->verbs);
	index_release(&d->index);
	dy_map_release(&d->synsets);
	dy_map_release(&d->labels);
	dy_intern_release(&d->strings);
	dy_arena_release(&d->arena);
	dy_buf_release(&d->notes);
	dy_buf_release(&d->warnings);
	memset(d, 0, sizeof(*d));
}

static const char *istr(tb_dict *d, const char *s, size_t n)
{
	return dy_intern(&d->strings, s, n);
}

/* ---- reading lines ---------------------------------------------------------------- */

typedef struct lines {
	const char *path, *name; /* name: the base name, for rules */
	char *buf;
	size_t len, pos;
	long lineno;
	const char *line;        /* the current line (not NUL-terminated) */
	size_t n;
} lines;

static int lines_open(lines *L, const char *path, dy_error *err)
{
	memset(L, 0, sizeof(*L));
	L->path = path;
	const char *b = strrchr(path, '/');
	L->name = b ? b + 1 : path;
	FILE *f = fopen(path, "rb");
	if (!f)
		return dy_error_set(err, errno == ENOENT ? DY_ENOENT : DY_EIO, "cannot open '%s': %s", path,
				    strerror(errno));
	size_t cap = 1 << 16;
	L->buf = dy_xmalloc(cap);
	for (;;) {
		if (L->len == cap) {
			cap *= 2;
			L->buf = dy_xrealloc(L->buf, cap);
		}
		size_t k = fread(L->buf + L->len, 1, cap - L->len, f);
		L->len += k;
		if (k == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(L->buf);
		return dy_error_set(err, DY_EIO, "cannot read '%s'", path);
	}
	if (L->len >= 3 && !memcmp(L->buf, "\xEF\xBB\xBF", 3))
		L->pos = 3;
	return 0;
}

static int lines_next(lines *L)
{
	if (!tb_scan_line(L->buf, L->len, &L->pos, &L->line, &L->n))
		return 0;
	L->lineno++;
	return 1;
}

static void lines_close(lines *L)
{
	free(L->buf);
	L->buf = NULL;
}

static int err_at(dy_error *err, lines *L, const char *at, const char *fmt, const char *what)
{
	long col = at ? (long)(at - L->line) + 1 : 1;
	if (col < 1 || (size_t)col > L->n + 1)
		col = 1;
	return dy_error_at(err, DY_EDICT, L->path, L->lineno, col, L->line, L->n, fmt, what);
}

/* A bad line is skipped, its error noted (TABARI asks whether to go on;
 * dyad goes on and reports it, as `dyad dict check` does). */
static void note_err(tb_dict *d, dy_error *err)
{
	if (!err || !err->msg[0])
		return;
	dy_buf_adds(&d->notes, err->msg);
	dy_buf_addc(&d->notes, '\n');
	d->nnotes++;
	dy_error_clear(err);
}

/* A doubtful entry that is skipped: noted for `dyad dict check` (in the same
 * file:line:column style), silently passed over when coding. The line is
 * ltext[0..llen), line line of path; at points into it (else column 1). */
static void note_line(tb_dict *d, const char *path, long line, const char *ltext, size_t llen, const char *at,
		      const char *fmt, const char *a1, const char *a2)
{
	dy_error e;
	long col = at && ltext && at >= ltext && at <= ltext + llen ? (long)(at - ltext) + 1 : 1;
	dy_error_at(&e, DY_EDICT, path, line, col, ltext, llen, fmt, a1, a2);
	note_err(d, &e);
}

/* The same on the current line of L. */
static void note_at(tb_dict *d, lines *L, const char *at, const char *fmt, const char *a1, const char *a2)
{
	note_line(d, L->path, L->lineno, L->line, L->n, at, fmt, a1, a2);
}

static const char *rule_of(tb_dict *d, lines *L)
{
	/* Many, all different: not worth interning. */
	return dy_arena_printf(&d->arena, "%s:%ld", L->name, L->lineno);
}


/* Cuts a comment: ';' anywhere, and '#' outside [...] (a code may be "###").
 * hash: '#' starts comments (PETRARCH). */
static size_t cut_comment(const char *s, size_t n, int hash)
{
	int depth = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '[')
			depth++;
		else if (c == ']' && depth)
			depth--;
		else if (c == ';' && !depth)
			return i;
		else if (c == '#' && hash && !depth)
			return i;
	}
	return n;
}

/* Copies s[0..n) upper-cased to out (cap bytes, room left for a NUL that
 * it does not add), leaving out each byte drop (0: none); returns the
 * number of bytes copied. */
static size_t upper_copy(char *out, size_t cap, const char *s, size_t n, char drop)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < cap - 1; i++)
		if (!drop || s[i] != drop)
			out[k++] = (char)toupper((unsigned char)s[i]);
	return k;
}

static void trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* The next line of a dictionary with an entry on it, its comment cut
 * (hash: '#' starts one too): lines that open with '#' or '/', or with
 * skip when not NULL ("<!"), are passed over; "~~" or "~F" ends the
 * file. *s and *n: the line, not trimmed. Returns 0 at the end. */
static int lines_entry(lines *L, int hash, const char *skip, const char **s, size_t *n)
{
	size_t sk = skip ? strlen(skip) : 0;
	while (lines_next(L)) {
		const char *t = L->line;
		size_t k = L->n;
		if (k && (t[0] == '#' || t[0] == '/'))
			continue;
		if (k >= 2 && t[0] == '~' && (t[1] == '~' || t[1] == 'F'))
			return 0;
		if (sk && k >= sk && !memcmp(t, skip, sk))
			continue;
		k = cut_comment(t, k, hash);
		if (tb_scan_blank(t, k))
			continue;
		*s = t;
		*n = k;
		return 1;
	}
	return 0;
}

/* ---- words and phrases --------------------------------------------------------------- */

static int noun_ending(const char *e, size_t n)
{
	return (n == 1 && (e[0] == 'S' || e[0] == '\'')) || (n == 2 && !memcmp(e, "'S", 2)) ||
	       (n == 2 && !memcmp(e, "S'", 2)) || (n == 2 && !memcmp(e, "ES", 2));
}

static int verb_ending(const char *e, size_t n, int efinal)
{
	return (n == 1 && (e[0] == 'S' || (efinal && e[0] == 'D'))) ||
	       (n == 2 && (!memcmp(e, "ED", 2) || !memcmp(e, "ES", 2) || !memcmp(e, "EN", 2))) ||
	       (n == 3 && !memcmp(e, "ING", 3));
}

int tb_word_match(const tb_word *w, const char *t, size_t tn, int last, int verb)
{
	size_t wn = w->n;
	if (!tn || t[0] != w->s[0])
		return 0;
	if (tn >= wn && memcmp(t, w->s, wn) == 0) {
		if (tn == wn || !(w->flags & TB_EXACT))
			return 1;
		if ((w->flags & TB_NOEND) || !last)
			return 0;
		return verb ? verb_ending(t + wn, tn - wn, w->s[wn - 1] == 'E') : noun_ending(t + wn, tn - wn);
	}
	/* DEPLORE_ -> DEPLORING, DEPLORED; POLICY_ -> POLICIES. */
	if (!last || !(w->flags & TB_EXACT) || (w->flags & TB_NOEND) || wn < 3 || tn < wn ||
	    memcmp(t, w->s, wn - 1) != 0)
		return 0;
	const char *e = t + wn - 1;
	size_t en = tn - wn + 1;
	if (verb && w->s[wn - 1] == 'E')
		return (en == 3 && !memcmp(e, "ING", 3)) || (en == 2 && (!memcmp(e, "ED", 2) || !memcmp(e, "EN", 2)));
	if (!verb && w->s[wn - 1] == 'Y')
		return en == 3 && !memcmp(e, "IES", 3);
	return 0;
}

static int word_char(unsigned char c)
{
	return c && !isspace(c) && c != '_' && c != '[' && c != ']' && c != '{' && c != '}' && c != '|';
}

/* The marks that end the word w[0..*n), cut from it: "=" (exact, no
 * ending: TB_EXACT | TB_NOEND), then "~" (the next word follows right
 * after it: TB_NEXTC). */
static uint8_t word_marks(const char *w, size_t *n)
{
	uint8_t fl = 0;
	if (*n && w[*n - 1] == '=') {
		(*n)--;
		fl |= TB_EXACT | TB_NOEND;
	}
	if (*n && w[*n - 1] == '~') {
		(*n)--;
		fl |= TB_NEXTC;
	}
	return fl;
}

/* Splits a phrase ("OSKAR_VELD", "TAMBERG GUARD", "VELD=") into words. petr:
 * PETRARCH's exact words. Returns the number of words, 0 for none. */
static size_t parse_phrase(tb_dict *d, const char *s, size_t n, int petr, tb_word *w, size_t max, uint16_t *len)
{
	size_t nw = 0;
	size_t i = 0;
	int consec = 0;
	uint16_t L = 0;
	while (i < n && nw < max) {
		unsigned char c = (unsigned char)s[i];
		if (isspace(c)) {
			consec = 0;
			i++;
			continue;
		}
		if (c == '_' || c == '-') {
			if (nw && !(w[nw - 1].flags & TB_NEXTC))
				w[nw - 1].flags |= TB_EXACT;
			consec = 1;
			L++;
			i++;
			continue;
		}
		size_t b = i;
		char tmp[256];
		size_t k = 0;
		while (i < n && word_char((unsigned char)s[i]) && s[i] != '-') {
			if (k < sizeof(tmp) - 1)
				tmp[k++] = (char)toupper((unsigned char)s[i]);
			i++;
		}
		if (i == b) { /* a stray bracket */
			i++;
			continue;
		}
		uint8_t fl = consec ? TB_CONSEC : 0;
		if (nw && (w[nw - 1].flags & TB_NEXTC))
			fl |= TB_CONSEC;
		fl |= word_marks(tmp, &k);
		if (petr)
			fl |= TB_EXACT;
		if (!k)
			continue;
		L += (uint16_t)k;
		w[nw].s = istr(d, tmp, k);
		w[nw].n = (uint16_t)k;
		w[nw].flags = fl;
		nw++;
		consec = 0;
	}
	if (len)
		*len = L;
	return nw;
}

static tb_root *add_root(tb_dict *d, int kind, const tb_word *w, size_t nw, uint16_t len, const char *text,
			 size_t tn, const char *rule)
{
	tb_root *r = dy_arena_calloc(&d->arena, 1, sizeof(*r));
	tb_word *ww = dy_arena_alloc(&d->arena, nw * sizeof(*ww));
	memcpy(ww, w, nw * sizeof(*ww));
	r->w = ww;
	r->nw = (uint8_t)nw;
	r->kind = (uint8_t)kind;
	r->verb_ends = kind == TB_K_VERB || kind == TB_K_TIME || kind == TB_K_ATTRIB;
	r->len = len;
	r->order = d->nroots++;
	r->text = text[tn] == 0 ? text : dy_arena_strndup(&d->arena, text, tn);
	r->rule = rule;
	d->nphrases[kind]++;
	return r;
}

static void index_root(tb_dict *d, tb_root *r)
{
	index_add(d, r->w[0].s, r->w[0].n, r);
	/* A one-word exact root is also found under its form without a final E
	 * (verbs: DEPLORING) or Y (nouns: POLICIES). */
	const tb_word *w = &r->w[0];
	if (r->nw == 1 && (w->flags & TB_EXACT) && !(w->flags & TB_NOEND) && w->n >= 3 &&
	    ((r->verb_ends && w->s[w->n - 1] == 'E') || (!r->verb_ends && w->s[w->n - 1] == 'Y')))
		index_add(d, w->s, w->n - 1U, r);
}

/* ---- codes --------------------------------------------------------------------------- */

static int code_char(unsigned char c)
{
	return isalnum(c) || c == '~' || c == '/';
}

int tb_parse_code(tb_dict *d, const char *s, size_t n, tb_code *c)
{
	memset(c, 0, sizeof(*c));
	trim(&s, &n);
	char tmp[64];
	size_t k = 0;
	for (size_t i = 0; i < n && k < sizeof(tmp) - 1; i++)
		if (!isspace((unsigned char)s[i]))
			tmp[k++] = s[i];
	tmp[k] = 0;
	if (!strcmp(tmp, "---")) {
		c->kind = TB_CODE_NULL;
		c->c1 = d->c_null;
		return 0;
	}
	if (!strcmp(tmp, "###")) {
		c->kind = TB_CODE_DISCARD;
		c->c1 = d->c_discard;
		return 0;
	}
	if (!strcmp(tmp, "+++")) {
		c->kind = TB_CODE_COMPLEX;
		c->c1 = d->c_complex;
		return 0;
	}
	if (!k)
		return DY_ESYNTAX;
	/* A time shift: -7, +30. */
	if ((tmp[0] == '-' || tmp[0] == '+') && k > 1) {
		int ok = 1;
		for (size_t i = 1; i < k; i++)
			if (!isdigit((unsigned char)tmp[i]))
				ok = 0;
		if (ok) {
			c->shift = atoi(tmp);
			c->c1 = istr(d, tmp, k);
			return 0;
		}
	}
	if (tmp[k - 1] == '?') {
		c->sub = 1;
		tmp[--k] = 0;
	} else if (tmp[k - 1] == '!') {
		c->dom = 1;
		tmp[--k] = 0;
	}
	char *colon = strchr(tmp, ':');
	size_t l1 = colon ? (size_t)(colon - tmp) : k;
	for (size_t i = 0; i < k; i++)
		if (i != l1 && !isalnum((unsigned char)tmp[i]))
			return DY_ESYNTAX;
	c->c1 = istr(d, tmp, l1);
	if (colon) {
		c->c2 = istr(d, colon + 1, k - l1 - 1);
		if (!l1 && !c->c2[0])
			return DY_ESYNTAX;
	} else if (!l1) {
		return DY_ESYNTAX;
	}
	/* dict check: an event code is CAMEO's 2 to 4 digits ("14O" has a
	 * letter O; TABARI would write it out as it is). */
	if (d->strict)
		for (int q = 0; q < 2; q++) {
			const char *x = q ? c->c2 : c->c1;
			size_t xl = x ? strlen(x) : 0;
			if (!xl && (q || colon))
				continue; /* "[:190]": only the second event */
			if (xl < 2 || xl > 4 || strspn(x, "0123456789") != xl)
				return DY_ESYNTAX;
		}
	return 0;
}

int32_t tb_date(const char *s, size_t n, int yyyy)
{
	size_t digits = 0;
	while (digits < n && isdigit((unsigned char)s[digits]))
		digits++;
	int y, m, dd;
	if (yyyy || digits == 8) {
		if (digits < 8)
			return 0;
		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		s += 4;
	} else {
		if (digits < 6)
			return 0;
		y = (s[0] - '0') * 10 + (s[1] - '0');
		y += y <= 30 ? 2000 : 1900;
		s += 2;
	}
	m = (s[0] - '0') * 10 + (s[1] - '0');
	dd = (s[2] - '0') * 10 + (s[3] - '0');
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1])
		return 0;
	if (m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return y * 10000 + m * 100 + dd;
}

int32_t tb_date_add(int32_t ymd, int days)
{
	return ymd ? dy_when_add_days(ymd, days) : 0;
}

/* ---- actors ---------------------------------------------------------------------------- */

/* Parses "[CODE]", "[CODE <YYMMDD]", "[CODE >YYMMDD]", "[CODE YYMMDD-YYMMDD]"
 * (blanks allowed around the marks), with CODE a code, "A/B" or "---". */
/* The date (YYMMDD or YYYYMMDD) at *p, before e: *out as yyyymmdd; *p
 * moves past its digits. */
static int read_date(tb_dict *d, lines *L, const char **p, const char *e, int32_t *out, dy_error *err)
{
	const char *ds = *p, *q = *p;
	while (q < e && isdigit((unsigned char)*q))
		q++;
	size_t dn = (size_t)(q - ds);
	*out = (dn == 6 || dn == 8) ? tb_date(ds, dn, dn == 8) : 0;
	*p = q;
	if (!*out)
		return err_at(err, L, ds, "malformed date '%s' (YYMMDD or YYYYMMDD)",
			      dy_arena_strndup(&d->arena, ds, dn ? dn : (size_t)(e - ds)));
	return 0;
}

static int parse_dated(tb_dict *d, lines *L, const char *s, size_t n, tb_dated *out, dy_error *err)
{
	memset(out, 0, sizeof(*out));
	const char *p = s, *e = s + n;
	while (p < e && isspace((unsigned char)*p))
		p++;
	const char *cs = p;
	if (e - p >= 5 && !memcmp(p, "- - -", 5)) {
		p += 5;
	} else {
		while (p < e && (code_char((unsigned char)*p) || *p == '-' || *p == '#' || *p == '+'))
			p++;
	}
	if (p < e && !isspace((unsigned char)*p)) {
		const char *q = p;
		while (q < e && !isspace((unsigned char)*q))
			q++;
		return err_at(err, L, cs, "malformed code '%s' (letters and digits only, '/' between the codes of a compound)",
			      dy_arena_strndup(&d->arena, cs, (size_t)(q - cs)));
	}
	size_t cn = (size_t)(p - cs);
	char code[128];
	size_t k = upper_copy(code, sizeof(code), cs, cn, ' ');
	code[k] = 0;
	if (!k || isdigit((unsigned char)code[0]) || code[0] == '<' || code[0] == '>')
		return err_at(err, L, cs, "code block without a code%s", "");
	int special = !strcmp(code, "---") || !strcmp(code, "###") || !strcmp(code, "+++");
	if (!special)
		for (size_t i = 0; i < k; i++)
			if (!isalnum((unsigned char)code[i]) && code[i] != '/')
				return err_at(err, L, cs, "malformed code '%s' (letters and digits only, '/' between the codes of a compound)", code);
	/* The codes of a coded compound. */
	const char *parts[32];
	size_t np = 0;
	if (special) {
		parts[np++] = istr(d, code, k);
	} else {
		char *q = code;
		while (*q && np < 32) {
			char *sl = strchr(q, '/');
			size_t l = sl ? (size_t)(sl - q) : strlen(q);
			if (!l)
				return err_at(err, L, cs, "empty code in the compound '%s'", code);
			parts[np++] = istr(d, q, l);
			q += l + (sl != NULL);
		}
	}
	out->codes = dy_arena_alloc(&d->arena, np * sizeof(*out->codes));
	memcpy(out->codes, parts, np * sizeof(*parts));
	out->ncodes = (uint8_t)np;
	out->from = 0;
	out->to = 99999999;
	while (p < e && isspace((unsigned char)*p))
		p++;
	if (p == e)
		return 0;
	out->dated = 1;
	char mark = 0;
	if (*p == '<' || *p == '>') {
		mark = *p++;
		while (p < e && isspace((unsigned char)*p))
			p++;
	}
	const char *ds = p;
	int32_t a;
	int rc = read_date(d, L, &p, e, &a, err);
	if (rc < 0)
		return rc;
	while (p < e && isspace((unsigned char)*p))
		p++;
	if (mark == '<') {
		out->to = a;
	} else if (mark == '>') {
		out->from = a;
	} else {
		if (p == e || *p != '-')
			return err_at(err, L, p, "expected '-' and a second date in the date range%s", "");
		p++;
		while (p < e && isspace((unsigned char)*p))
			p++;
		int32_t b;
		if ((rc = read_date(d, L, &p, e, &b, err)) < 0)
			return rc;
		if (b < a)
			return err_at(err, L, ds, "date range ends before it starts%s", "");
		out->from = a;
		out->to = b;
	}
	while (p < e && isspace((unsigned char)*p))
		p++;
	if (p != e)
		return err_at(err, L, p, "unexpected '%s' in the code block", dy_arena_strndup(&d->arena, p, (size_t)(e - p)));
	return 0;
}

typedef struct agroup {
	tb_dated d[64];
	size_t nd;
	struct {
		const char *s;
		size_t n;
		const char *rule;
		long line;
		const char *ltext; /* the line, for messages */
		size_t llen;
	} ph[512];
	size_t nph;
	long dline[64];            /* line of each code block */
	const char *dtext[64];
	size_t dlen[64];
	const char *name, *rule;
	int kind; /* TB_K_ACTOR, or NOUN/ADJ inside <NOUN> <ADJECTIVE> */
	const char *path;
	int bad;  /* a line of the group was reported already */
} agroup;

/* Whether the words a[0..n) and b[0..n) are the same (interned, so the
 * same pointers), with the same flags. */
static int same_words(const tb_word *a, const tb_word *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i].s != b[i].s || a[i].flags != b[i].flags)
			return 0;
	return 1;
}

/* An identical phrase of the same kind already read, or NULL (for the
 * duplicate check of `dyad dict check`). */
static const tb_root *find_dup(const tb_dict *d, int kind, const tb_word *w, size_t nw)
{
	const tb_rootlist *l = NULL;
	tb_index_slot *sl = index_find(&d->index, w[0].s, w[0].n, fnv(w[0].s, w[0].n));
	if (sl && sl->key)
		l = sl->list;
	for (uint32_t i = 0; l && i < l->n; i++) {
		const tb_root *r = l->v[i];
		if (r->kind != kind || r->nw != nw)
			continue;
		if (same_words(r->w, w, nw))
			return r;
	}
	return NULL;
}

/* The same for what is legal but doubtful. */
static void warn_line(tb_dict *d, const char *path, long line, const char *ltext, size_t llen, const char *fmt,
		      const char *a1)
{
	dy_error e;
	dy_error_at(&e, DY_EDICT, path, line, 1, ltext, llen, fmt, a1);
	dy_buf_adds(&d->warnings, e.msg);
	dy_buf_addc(&d->warnings, '\n');
	d->nwarnings++;
}

static void group_finish(tb_dict *d, agroup *g, int petr)
{
	if (!g->nph)
		return;
	tb_actor *a = NULL;
	if (g->kind == TB_K_ACTOR) {
		a = dy_arena_calloc(&d->arena, 1, sizeof(*a));
		/* Dated codes in order, the default (undated) one last; a lone
		 * date restriction gets a null default (manual 6.5.2). */
		size_t nd = g->nd, k = 0;
		int has_default = 0;
		for (size_t i = 0; i < nd; i++)
			has_default |= !g->d[i].dated;
		a->d = dy_arena_alloc(&d->arena, (nd + 1) * sizeof(*a->d));
		for (size_t i = 0; i < nd; i++)
			if (g->d[i].dated)
				a->d[k++] = g->d[i];
		for (size_t i = 0; i < nd; i++)
			if (!g->d[i].dated) {
				a->d[k++] = g->d[i];
				break;
			}
		if (!has_default && nd) {
			tb_dated *z = &a->d[k++];
			memset(z, 0, sizeof(*z));
			z->codes = dy_arena_alloc(&d->arena, sizeof(*z->codes));
			z->codes[0] = d->c_null;
			z->ncodes = 1;
			z->to = 99999999;
		}
		a->nd = (uint16_t)k;
		/* "RUSSIAN_FEDERATION_" shows as "RUSSIAN FEDERATION". */
		char *nm = dy_arena_strdup(&d->arena, g->name ? g->name : "");
		for (char *q = nm; *q; q++)
			if (*q == '_')
				*q = ' ';
		size_t nl = strlen(nm);
		while (nl && nm[nl - 1] == ' ')
			nm[--nl] = 0;
		a->name = nm;
		a->rule = g->rule;
		d->nactors++;
	}
	if (d->strict && g->kind == TB_K_ACTOR) {
		/* The default code comes last (manual 6.5.2); ranges that overlap
		 * leave the later one unused on the shared days. */
		int seen_default = 0;
		for (size_t i = 0; i < g->nd; i++) {
			if (!g->d[i].dated) {
				if (seen_default)
					note_line(d, g->path, g->dline[i], g->dtext[i], g->dlen[i], NULL,
						  "a second default code: it is never used%s%s", "", "");
				seen_default = 1;
				continue;
			}
			if (seen_default && !petr)
				warn_line(d, g->path, g->dline[i], g->dtext[i], g->dlen[i],
					  "date restriction after the default code (TABARI wants the default last)%s", "");
			for (size_t j = 0; j < i; j++)
				if (g->d[j].dated && g->d[i].from < g->d[j].to && g->d[j].from < g->d[i].to) {
					char ln[32];
					snprintf(ln, sizeof(ln), "%ld", g->dline[j]);
					warn_line(d, g->path, g->dline[i], g->dtext[i], g->dlen[i],
						  "date range overlaps the one on line %s: that one wins on the days both cover", ln);
					break;
				}
		}
		if (!g->nd && g->nph && !g->bad)
			note_line(d, g->path, g->ph[0].line, g->ph[0].ltext, g->ph[0].llen, NULL,
				  "actor '%s' has no code (it will be treated as a null actor)%s", g->name ? g->name : "", "");
	}
	for (size_t i = 0; i < g->nph; i++) {
		tb_word w[64];
		uint16_t len;
		size_t nw = parse_phrase(d, g->ph[i].s, g->ph[i].n, petr, w, 64, &len);
		if (!nw)
			continue;
		if (d->strict) {
			const tb_root *dup = find_dup(d, g->kind, w, nw);
			if (dup)
				note_line(d, g->path, g->ph[i].line, g->ph[i].ltext, g->ph[i].llen, g->ph[i].s,
					  "duplicate entry: '%s' was already read at %s", dup->text, dup->rule);
		}
		tb_root *r = add_root(d, g->kind, w, nw, len, g->ph[i].s, g->ph[i].n, g->ph[i].rule);
		r->u.actor = a;
		index_root(d, r);
	}
	g->nph = 0;
	g->nd = 0;
	g->bad = 0;
}

/* Adds the code s[0..n) (between '[' and ']', maybe dated) of line L to
 * the group g. */
static int group_dated(tb_dict *d, lines *L, agroup *g, const char *s, size_t n, dy_error *err)
{
	if (g->nd < 64) {
		int rc = parse_dated(d, L, s, n, &g->d[g->nd], err);
		if (rc < 0)
			return rc;
		g->dline[g->nd] = L->lineno;
		g->dtext[g->nd] = L->line;
		g->dlen[g->nd] = L->n;
	}
	g->nd++;
	return 0;
}

/* Adds the codes "[...]" of line L, from the first '[' at lb (NULL: none)
 * to e, to the group g. Between and after them only blanks may stand
 * (strict), or anything (a date-restriction line). */
static inline int group_codes(tb_dict *d, lines *L, agroup *g, const char *lb, const char *e, int strict, dy_error *err)
{
	while (lb && lb < e) {
		const char *rb = memchr(lb, ']', (size_t)(e - lb));
		if (!rb)
			return err_at(err, L, lb, "missing ']'%s", "");
		int rc = group_dated(d, L, g, lb + 1, (size_t)(rb - lb - 1), err);
		if (rc < 0)
			return rc;
		lb = memchr(rb, '[', (size_t)(e - rb));
		if (!strict)
			continue;
		const char *end = lb ? lb : e, *q = rb + 1;
		while (q < end && isspace((unsigned char)*q))
			q++;
		if (q < end)
			return err_at(err, L, q, "unexpected text after the code: '%s'",
				      dy_arena_strndup(&d->arena, q, (size_t)(end - q)));
	}
	return 0;
}

/* Adds the phrase s[0..n) of line L to the group g (which keeps 512). */
static void group_phrase(tb_dict *d, lines *L, agroup *g, const char *s, size_t n)
{
	if (g->nph < 512) {
		g->ph[g->nph].s = s;
		g->ph[g->nph].n = n;
		g->ph[g->nph].rule = rule_of(d, L);
		g->ph[g->nph].line = L->lineno;
		g->ph[g->nph].ltext = L->line;
		g->ph[g->nph].llen = L->n;
		g->nph++;
	}
}

static void read_actors(tb_dict *d, lines *L, int petr, dy_error *err)
{
	int rc;
	agroup *g = dy_xcalloc(1, sizeof(*g));
	g->kind = TB_K_ACTOR;
	g->path = L->path;
	int section = TB_K_ACTOR;
	const char *s;
	size_t n;
	while (lines_entry(L, 1, "<!", &s, &n)) {
		const char *t = s;
		size_t tn = n;
		trim(&t, &tn);
		if (tn && t[0] == '<') {
			int end = tn > 1 && t[1] == '/';
			const char *tag = t + 1 + end;
			size_t tl = tn - 1 - (size_t)end;
			int k = -1;
			if (tl >= 4 && !strncasecmp(tag, "NOUN", 4))
				k = TB_K_NOUN;
			else if (tl >= 3 && !strncasecmp(tag, "ADJ", 3))
				k = TB_K_ADJ;
			if (k < 0) {
				rc = err_at(err, L, t, "unknown section '%s' (expected <NOUN> or <ADJECTIVE>)",
					    dy_arena_strndup(&d->arena, t, tn));
				goto bad;
			}
			group_finish(d, g, petr);
			section = end ? TB_K_ACTOR : k;
			g->kind = section;
			continue;
		}
		if (section != TB_K_ACTOR) {
			/* A noun or adjective: a phrase, no code. */
			const char *lb = memchr(t, '[', tn);
			size_t pn = lb ? (size_t)(lb - t) : tn;
			g->kind = section;
			group_phrase(d, L, g, t, pn); /* the group is empty */
			group_finish(d, g, petr);
			continue;
		}
		int indented = isspace((unsigned char)s[0]);
		if (indented && t[0] == '[') {
			/* A date-restriction line of the current group. */
			if (!g->nph) {
				rc = err_at(err, L, t, "code line without an actor phrase before it%s", "");
				goto bad;
			}
			if ((rc = group_codes(d, L, g, t, t + tn, 0, err)) < 0)
				goto bad;
			continue;
		}
		int syn = t[0] == '+';
		if (!syn)
			group_finish(d, g, petr);
		const char *ps = t + syn;
		size_t pn = tn - (size_t)syn;
		const char *lb = memchr(ps, '[', pn);
		const char *phr = ps;
		size_t phn = lb ? (size_t)(lb - ps) : pn;
		trim(&phr, &phn);
		if (!phn) {
			rc = err_at(err, L, ps, "missing actor phrase before the code%s", "");
			goto bad;
		}
		group_phrase(d, L, g, dy_arena_strndup(&d->arena, phr, phn), phn);
		if (!syn) {
			g->name = dy_arena_strndup(&d->arena, phr, phn);
			g->rule = g->ph[g->nph - 1].rule;
		}
		if ((rc = group_codes(d, L, g, lb, ps + pn, 1, err)) < 0)
			goto bad;
		continue;
	bad:
		note_err(d, err);
		g->bad = 1;
	}
	group_finish(d, g, petr);
	free(g);
}

/* ---- agents ------------------------------------------------------------------------------ */

/* Adds the phrase s[0..n) of line L as a root of kind, for agent ag or
 * verb v, with the flags end on its last word. `dyad dict check` notes a
 * phrase of the same kind read before (for another verb). */
static int add_phrase(tb_dict *d, lines *L, int kind, const char *s, size_t n, int petr, uint8_t end,
		      const tb_agent *ag, tb_verb *v, dy_error *err)
{
	tb_word w[64];
	uint16_t len;
	size_t nw = parse_phrase(d, s, n, petr, w, 64, &len);
	if (!nw)
		return err_at(err, L, s, "missing %s phrase", v ? "verb" : "agent");
	w[nw - 1].flags |= end;
	if (d->strict) {
		const tb_root *dup = find_dup(d, kind, w, nw);
		if (dup && (!v || dup->u.verb != v))
			note_at(d, L, s, "duplicate entry: '%s' was already read at %s", dup->text, dup->rule);
	}
	tb_root *r = add_root(d, kind, w, nw, len, s, n, rule_of(d, L));
	if (v)
		r->u.verb = v;
	else
		r->u.agent = ag;
	index_root(d, r);
	return 0;
}

static void read_agents(tb_dict *d, lines *L, int petr, dy_error *err)
{
	int rc;
	struct subst {
		char name[64];
		const char *vals;
		size_t n;
	} subs[32];
	size_t nsubs = 0;
	const char *s;
	size_t n;
	while (lines_entry(L, 1, "<!--", &s, &n)) {
		trim(&s, &n);
		if (s[0] == '!' && memchr(s, '=', n) && !memchr(s, '[', n)) {
			/* !PERSON! = MAN, MEN, WOMAN */
			const char *bang = memchr(s + 1, '!', n - 1);
			const char *eq = memchr(s, '=', n);
			if (!bang || !eq || eq < bang) {
				rc = err_at(err, L, s, "malformed substitution (expected !NAME! = A, B, ...)%s", "");
				goto bad;
			}
			if (nsubs < 32) {
				size_t nl = (size_t)(bang - s + 1);
				if (nl >= sizeof(subs[0].name))
					nl = sizeof(subs[0].name) - 1;
				memcpy(subs[nsubs].name, s, nl);
				subs[nsubs].name[nl] = 0;
				subs[nsubs].vals = eq + 1;
				subs[nsubs].n = (size_t)(s + n - eq - 1);
				subs[nsubs].vals = dy_arena_strndup(&d->arena, subs[nsubs].vals, subs[nsubs].n);
				nsubs++;
			}
			continue;
		}
		const char *lb = memchr(s, '[', n);
		if (!lb) {
			rc = err_at(err, L, s + n, "missing agent code [~CODE]%s", "");
			goto bad;
		}
		const char *rb = memchr(lb, ']', (size_t)(s + n - lb));
		if (!rb) {
			rc = err_at(err, L, lb, "missing ']'%s", "");
			goto bad;
		}
		const char *cs = lb + 1;
		size_t cn = (size_t)(rb - cs);
		trim(&cs, &cn);
		tb_agent *ag = dy_arena_calloc(&d->arena, 1, sizeof(*ag));
		if (cn >= 2 && cs[0] == '~') {
			ag->code = istr(d, cs + 1, cn - 1);
		} else if (cn >= 2 && cs[cn - 1] == '~') {
			ag->code = istr(d, cs, cn - 1);
			ag->prefix = 1;
		} else {
			rc = err_at(err, L, cs, "agent code '%s' needs a '~' before or after it",
				    dy_arena_strndup(&d->arena, cs, cn));
			goto bad;
		}
		for (const char *q = ag->code; *q; q++)
			if (!isalnum((unsigned char)*q)) {
				rc = err_at(err, L, cs, "malformed agent code '%s'", dy_arena_strndup(&d->arena, cs, cn));
				goto bad;
			}
		/* The phrase, and PETRARCH's {plural forms}. */
		const char *ph = s;
		size_t pn = (size_t)(lb - s);
		const char *br = memchr(ph, '{', pn);
		const char *plur = NULL;
		size_t plurn = 0;
		int noplural = 0;
		if (br) {
			const char *cb = memchr(br, '}', (size_t)(lb - br));
			if (!cb) {
				rc = err_at(err, L, br, "missing '}'%s", "");
				goto bad;
			}
			plur = br + 1;
			plurn = (size_t)(cb - br - 1);
			trim(&plur, &plurn);
			noplural = 1;
			pn = (size_t)(br - s);
		}
		trim(&ph, &pn);
		const char *bang = memchr(ph, '!', pn);
		if (bang) {
			const char *bang2 = memchr(bang + 1, '!', (size_t)(ph + pn - bang - 1));
			size_t k;
			for (k = 0; bang2 && k < nsubs; k++)
				if (strlen(subs[k].name) == (size_t)(bang2 - bang + 1) && !memcmp(subs[k].name, bang, (size_t)(bang2 - bang + 1)))
					break;
			if (!bang2 || k == nsubs) {
				rc = err_at(err, L, bang, "unknown substitution '%s'",
					    dy_arena_strndup(&d->arena, bang, bang2 ? (size_t)(bang2 - bang + 1) : 1));
				goto bad;
			}
			/* Every value in place of the marker, no plurals. */
			const char *v = subs[k].vals, *ve = v + subs[k].n;
			while (v < ve) {
				const char *c = memchr(v, ',', (size_t)(ve - v));
				const char *vs = v;
				size_t vn = c ? (size_t)(c - v) : (size_t)(ve - v);
				trim(&vs, &vn);
				char buf[512];
				int bl = snprintf(buf, sizeof(buf), "%.*s%.*s%.*s", (int)(bang - ph), ph, (int)vn, vs,
						  (int)(ph + pn - bang2 - 1), bang2 + 1);
				if (bl > 0 && (size_t)bl < sizeof(buf) &&
				    (rc = add_phrase(d, L, TB_K_AGENT, dy_arena_strdup(&d->arena, buf), (size_t)bl, petr, TB_NOEND, ag, NULL, err)) < 0)
					goto bad;
				v += (c ? (size_t)(c - v) + 1 : (size_t)(ve - v));
			}
			continue;
		}
		if ((rc = add_phrase(d, L, TB_K_AGENT, ph, pn, petr, noplural ? TB_NOEND : 0, ag, NULL, err)) < 0)
			goto bad;
		/* Explicit plurals: phrases of their own. */
		while (plurn) {
			const char *q = plur;
			size_t qn = 0;
			while (qn < plurn && !isspace((unsigned char)q[qn]))
				qn++;
			if ((rc = add_phrase(d, L, TB_K_AGENT, q, qn, petr, TB_NOEND, ag, NULL, err)) < 0)
				goto bad;
			plur += qn;
			plurn -= qn;
			trim(&plur, &plurn);
		}
		continue;
	bad:
		note_err(d, err);
	}
}

/* ---- verb patterns -------------------------------------------------------------------------- */

typedef struct ptok {
	int kind;           /* 'w' word, '&' synset, '{' '|' '}' '$' '+' '%' '^' '@' '*' */
	const char *s;
	size_t n;
	uint8_t flags;      /* TB_CONSEC, TB_EXACT, TB_NOEND, TB_NEXTC */
	const char *at;
} ptok;

/* Splits a pattern into tokens with their connectors. petr: PETRARCH
 * (words exact, a blank between synset words means consecutive). */
static size_t pattern_tokens(const char *s, size_t n, ptok *t, size_t max, int petr)
{
	size_t nt = 0, i = 0;
	int consec = 0;
	while (i < n && nt < max) {
		unsigned char c = (unsigned char)s[i];
		if (isspace(c)) {
			consec = 0;
			i++;
			continue;
		}
		if (c == '_' || c == '-') {
			if (nt && t[nt - 1].kind == 'w' && !(t[nt - 1].flags & TB_NEXTC))
				t[nt - 1].flags |= TB_EXACT;
			consec = 1;
			i++;
			continue;
		}
		ptok *p = &t[nt];
		memset(p, 0, sizeof(*p));
		p->at = s + i;
		if (consec || (nt && (t[nt - 1].flags & TB_NEXTC)))
			p->flags |= TB_CONSEC;
		consec = 0;
		if (strchr("{|}$+%^@*", (int)c)) {
			p->kind = c;
			i++;
			nt++;
			continue;
		}
		size_t b = i;
		if (c == '&')
			i++;
		while (i < n && word_char((unsigned char)s[i]) && s[i] != '-' && !strchr("$+%^@*", s[i]))
			i++;
		p->kind = c == '&' ? '&' : 'w';
		p->s = s + b;
		p->n = i - b;
		if (p->kind == 'w')
			p->flags |= word_marks(p->s, &p->n);
		if (petr && p->kind == 'w')
			p->flags |= TB_EXACT;
		if (!p->n || (p->kind == '&' && p->n == 1)) {
			if (i == b)
				i++; /* a character that is no word: skipped */
			continue;
		}
		nt++;
	}
	return nt;
}

static uint16_t seq_len(const tb_seq *q);

static uint16_t elem_len(const tb_elem *e)
{
	if (e->kind == TB_E_WORD)
		return e->w.n;
	if (e->kind == TB_E_SET && e->set->alt) {
		uint16_t m = 0;
		for (uint16_t i = 0; i < e->set->n; i++)
			if (seq_len(&e->set->opt[i]) > m)
				m = seq_len(&e->set->opt[i]);
		return m;
	}
	return 0; /* synsets and designators count nothing */
}

static uint16_t seq_len(const tb_seq *q)
{
	return q->len;
}

/* Builds elements from tokens t[a..b) (no '*' inside); '{ ... }' become
 * alternative sets. Returns 0 or a message. */
static const char *build_seq(tb_dict *d, ptok *t, size_t a, size_t b, tb_seq *out, const char **at)
{
	tb_elem tmp[128];
	size_t ne = 0;
	uint16_t len = 0;
	for (size_t i = a; i < b && ne < 128; i++) {
		ptok *p = &t[i];
		tb_elem *e = &tmp[ne];
		memset(e, 0, sizeof(*e));
		e->flags = p->flags & TB_CONSEC;
		*at = p->at;
		switch (p->kind) {
		case 'w': {
			char up[256];
			size_t k = upper_copy(up, sizeof(up), p->s, p->n, 0);
			e->kind = TB_E_WORD;
			e->w.s = istr(d, up, k);
			e->w.n = (uint16_t)k;
			e->w.flags = p->flags & (TB_EXACT | TB_NOEND | TB_PLURAL);
			/* A '_' right after the word ("IN_*") counts in the length. */
			len += (uint16_t)k + ((i + 1 < b && (t[i + 1].flags & TB_CONSEC)) ? 1 : 0);
			break;
		}
		case '&': {
			char up[256];
			size_t k = upper_copy(up, sizeof(up), p->s, p->n, 0);
			tb_set *set = dy_map_get(&d->synsets, up, k);
			if (!set)
				return "unknown synset";
			e->kind = TB_E_SET;
			e->set = set;
			if (i + 1 < b && (t[i + 1].flags & TB_CONSEC))
				len++;
			break;
		}
		case '$': e->kind = TB_E_SOURCE; break;
		case '+': e->kind = TB_E_TARGET; break;
		case '%': e->kind = TB_E_COMPOUND; break;
		case '^': e->kind = TB_E_SKIP; break;
		case '@': e->kind = TB_E_ATTRIB; break;
		case '{': {
			/* An alternative: sequences separated by '|' up to '}'. */
			size_t j = i + 1, start = i + 1;
			tb_seq opts[64];
			size_t no = 0;
			for (; j < b; j++) {
				if (t[j].kind == '{')
					return "nested '{' in an alternative";
				if (t[j].kind == '|' || t[j].kind == '}') {
					if (j == start)
						return "empty option in an alternative";
					if (no < 64) {
						const char *m = build_seq(d, t, start, j, &opts[no], at);
						if (m)
							return m;
						opts[no].e[0].flags &= (uint8_t)~TB_CONSEC;
						no++;
					}
					start = j + 1;
					if (t[j].kind == '}')
						break;
				}
			}
			if (j == b)
				return "missing '}'";
			tb_set *set = dy_arena_calloc(&d->arena, 1, sizeof(*set));
			set->alt = 1;
			set->n = (uint16_t)no;
			set->opt = dy_arena_alloc(&d->arena, no * sizeof(*set->opt));
			memcpy(set->opt, opts, no * sizeof(*opts));
			e->kind = TB_E_SET;
			e->set = set;
			len += elem_len(e);
			if (j + 1 < b && (t[j + 1].flags & TB_CONSEC))
				len++;
			i = j;
			break;
		}
		case '|':
		case '}':
			return "'|' or '}' outside an alternative";
		default:
			return "unexpected token";
		}
		ne++;
	}
	out->e = dy_arena_alloc(&d->arena, (ne ? ne : 1) * sizeof(*out->e));
	memcpy(out->e, tmp, ne * sizeof(*tmp));
	out->n = (uint16_t)ne;
	out->len = len;
	return NULL;
}

uint32_t tb_hash(const char *s, size_t n)
{
	uint32_t h = fnv(s, n);
	return h ? h : 1;
}

/* The plain words of the pattern (outside alternatives and synsets): a
 * sentence without a word starting like each of them cannot match. */
static void pattern_required(tb_dict *d, tb_pattern *p)
{
	uint32_t tmp[64];
	uint8_t n = 0;
	for (int half = 0; half < 2; half++) {
		const tb_seq *q = half ? &p->upper : &p->lower;
		for (uint16_t i = 0; i < q->n && n < 64; i++)
			if (q->e[i].kind == TB_E_WORD)
				tmp[n++] = tb_hash(q->e[i].w.s, q->e[i].w.n);
	}
	if (!n)
		return;
	uint32_t *r = dy_arena_alloc(&d->arena, n * sizeof(*r));
	memcpy(r, tmp, n * sizeof(*r));
	p->req = r;
	p->nreq = n;
}

/* Parses "LOWER * UPPER" into p (code set by the caller). */
static int parse_pattern(tb_dict *d, lines *L, const char *s, size_t n, int petr, tb_pattern *p, dy_error *err)
{
	ptok t[160];
	size_t nt = pattern_tokens(s, n, t, 160, petr);
	size_t star = nt;
	for (size_t i = 0; i < nt; i++)
		if (t[i].kind == '*') {
			if (star != nt)
				return err_at(err, L, t[i].at, "more than one '*' in the pattern%s", "");
			star = i;
		}
	if (star == nt)
		return err_at(err, L, s, "missing verb marker '*' in the pattern%s", "");
	const char *at = s;
	const char *m = build_seq(d, t, 0, star, &p->lower, &at);
	if (!m)
		m = build_seq(d, t, star + 1, nt, &p->upper, &at);
	if (m)
		return err_at(err, L, at, "%s", m);
	p->lower_consec = star + 1 < nt + 1 && (t[star].flags & TB_CONSEC) ? 1 : 0;
	if (p->upper.n && star + 1 < nt && (t[star + 1].flags & TB_CONSEC))
		p->upper.e[0].flags |= TB_CONSEC;
	else if (p->upper.n)
		p->upper.e[0].flags &= (uint8_t)~TB_CONSEC;
	if (p->lower.n)
		p->lower.e[0].flags &= (uint8_t)~TB_CONSEC;
	p->len = (uint16_t)(p->lower.len + p->upper.len + (p->lower_consec ? 1 : 0));
	pattern_required(d, p);
	for (int half = 0; half < 2; half++) {
		const tb_seq *q = half ? &p->upper : &p->lower;
		for (uint16_t i = 0; i < q->n; i++)
			if (q->e[i].kind == TB_E_SET && q->e[i].set->alt)
				p->has_alt = 1;
	}
	return 0;
}

static tb_verb *new_verb(tb_dict *d, const tb_code *c, const char *name, size_t nn, const char *rule)
{
	tb_verb *v = dy_arena_calloc(&d->arena, 1, sizeof(*v));
	v->code = *c;
	v->name = dy_arena_strndup(&d->arena, name, nn);
	v->rule = rule;
	DY_GROW(d->verbs, d->capverbs, d->nverbs + 1);
	d->verbs[d->nverbs++] = v;
	return v;
}

static void verb_add_pattern(tb_dict *d, tb_verb *v, tb_pattern *p)
{
	if (v->npats == v->cappats) {
		v->cappats = v->cappats ? v->cappats * 2 : 4;
		v->pats = dy_xrealloc(v->pats, v->cappats * sizeof(*v->pats));
	}
	/* Longest first, stable. */
	uint32_t i = v->npats++;
	while (i > 0 && v->pats[i - 1]->len < p->len) {
		v->pats[i] = v->pats[i - 1];
		i--;
	}
	v->pats[i] = p;
	d->npatterns++;
}

/* A synset line: "&NAME" starts one, "+member" adds to it. */
static int synset_line(tb_dict *d, lines *L, tb_set **cur, const char *s, size_t n, int petr, dy_error *err)
{
	if (s[0] == '&') {
		size_t k = 1;
		while (k < n && !isspace((unsigned char)s[k]))
			k++;
		char up[256];
		size_t un = upper_copy(up, sizeof(up), s, k, 0);
		/* PETRARCH: a label ending in '_' means no plurals. */
		int noplural = un > 1 && up[un - 1] == '_';
		if (noplural)
			un--;
		tb_set *set = dy_map_get(&d->synsets, up, un);
		if (!set) {
			set = dy_arena_calloc(&d->arena, 1, sizeof(*set));
			set->name = istr(d, up, un);
			dy_map_set(&d->synsets, set->name, un, set);
			d->nsynsets++;
		}
		set->nopl = (uint8_t)noplural;
		*cur = set;
		return 0;
	}
	if (!*cur)
		return err_at(err, L, s, "synset member without a synset (&NAME) before it%s", "");
	tb_set *set = *cur;
	ptok t[64];
	const char *ms = s + 1;
	size_t mn = n - 1;
	trim(&ms, &mn);
	size_t nt = pattern_tokens(ms, mn, t, 64, petr);
	if (!nt)
		return err_at(err, L, s, "empty synset member%s", "");
	if (petr) {
		for (size_t i = 1; i < nt; i++)
			t[i].flags |= TB_CONSEC;
		/* Regular plurals are made for the phrase's last word, unless it or
		 * the synset's label ends in '_'. */
		if (!set->nopl && t[nt - 1].kind == 'w' && !(t[nt - 1].at + t[nt - 1].n < ms + mn && t[nt - 1].at[t[nt - 1].n] == '_'))
			t[nt - 1].flags |= TB_PLURAL;
	}
	for (size_t i = 0; i < nt; i++)
		if (t[i].kind == '&' && t[i].n == strlen(set->name) && !strncasecmp(t[i].s, set->name, t[i].n))
			return err_at(err, L, t[i].at, "synset '%s' refers to itself", set->name);
	tb_seq q;
	const char *at = ms;
	const char *m = build_seq(d, t, 0, nt, &q, &at);
	if (m)
		return err_at(err, L, at, "%s", m);
	q.e[0].flags &= (uint8_t)~TB_CONSEC;
	tb_seq *opt = dy_arena_alloc(&d->arena, (set->n + 1u) * sizeof(*opt));
	if (set->n)
		memcpy(opt, set->opt, set->n * sizeof(*opt));
	opt[set->n++] = q;
	set->opt = opt;
	return 0;
}

/* The verb code in the brackets that open at lb (before end) as *c. */
static int code_at_bracket(tb_dict *d, lines *L, const char *lb, const char *end, tb_code *c, dy_error *err)
{
	const char *rb = memchr(lb, ']', (size_t)(end - lb));
	if (!rb)
		return err_at(err, L, lb, "missing ']'%s", "");
	if (tb_parse_code(d, lb + 1, (size_t)(rb - lb - 1), c) < 0)
		return err_at(err, L, lb + 1, "malformed code '%s'", dy_arena_strndup(&d->arena, lb + 1, (size_t)(rb - lb - 1)));
	return 0;
}

/* "- PATTERN [CODE] ;comment": adds to v. */
static int pattern_line(tb_dict *d, lines *L, tb_verb *v, const char *s, size_t n, int petr, int convert, dy_error *err)
{
	const char *lb = NULL;
	for (size_t i = n; i-- > 0;)
		if (s[i] == '[') {
			lb = s + i;
			break;
		}
	if (!lb)
		return err_at(err, L, s + n, "missing code [...] after the pattern%s", "");
	tb_pattern *p = dy_arena_calloc(&d->arena, 1, sizeof(*p));
	int rc = code_at_bracket(d, L, lb, s + n, &p->code, err);
	if (rc < 0)
		return rc;
	const char *ps = s + 1;
	size_t pn = (size_t)(lb - ps);
	trim(&ps, &pn);
	char conv[1024];
	if (convert) {
		/* PETRARCH's syntactic patterns read as word patterns: "(FOR
		 * {FINANCIAL AID})" is FOR ... FINANCIAL ... AID. */
		size_t k = 0;
		for (size_t i = 0; i < pn && k < sizeof(conv) - 1; i++) {
			char c = ps[i];
			conv[k++] = (c == '(' || c == ')' || c == '{' || c == '}') ? ' ' : c;
		}
		ps = conv;
		pn = k;
	}
	if ((rc = parse_pattern(d, L, ps, pn, petr, p, err)) < 0)
		return rc;
	p->text = dy_arena_strndup(&d->arena, ps, pn);
	p->rule = rule_of(d, L);
	if (d->strict) {
		/* Patterns that can never fire: a repeat of an earlier one of the
		 * same verb (the earlier wins), two $ or two + (only one is used). */
		for (uint32_t i = 0; i < v->npats; i++) {
			/* Same text up to runs of blanks and case. */
			const char *a = v->pats[i]->text, *b = p->text;
			for (;;) {
				int sa = 0, sb = 0;
				while (*a == ' ' || *a == '\t')
					a++, sa = 1;
				while (*b == ' ' || *b == '\t')
					b++, sb = 1;
				if (!*a || !*b || sa != sb || toupper((unsigned char)*a) != toupper((unsigned char)*b))
					break;
				a++;
				b++;
			}
			if (!*a && !*b) {
				note_at(d, L, s,
					  "pattern repeats %s of the same verb: it can never match first%s", v->pats[i]->rule, "");
				break;
			}
		}
		int ns = 0, nt = 0;
		for (int half = 0; half < 2; half++) {
			const tb_seq *q = half ? &p->upper : &p->lower;
			for (uint16_t i = 0; i < q->n; i++) {
				ns += q->e[i].kind == TB_E_SOURCE;
				nt += q->e[i].kind == TB_E_TARGET;
				if (q->e[i].kind == TB_E_SET && !q->e[i].set->n)
					note_at(d, L, s,
						  "synset %s has no members: the pattern can never match%s",
						  q->e[i].set->name ? q->e[i].set->name : "", "");
			}
		}
		if (ns > 1 || nt > 1)
			note_at(d, L, s,
				  "more than one %s in the pattern: only the first is assigned%s", ns > 1 ? "source ($)" : "target (+)", "");
	}
	verb_add_pattern(d, v, p);
	return 0;
}

static void read_verbs(tb_dict *d, lines *L, int petr, dy_error *err)
{
	int rc;
	enum { S_NONE, S_SYN, S_TIME, S_ATTRIB } sect = S_NONE;
	tb_verb *v = NULL;
	tb_set *cur = NULL;
	const char *s;
	size_t n;
	while (lines_entry(L, 0, NULL, &s, &n)) {
		trim(&s, &n);
		if (s[0] == '<') {
			int end = n > 1 && s[1] == '/';
			const char *tag = s + 1 + end;
			size_t tl = n - 1 - (size_t)end;
			if (tl >= 3 && !strncasecmp(tag, "SYN", 3))
				sect = end ? S_NONE : S_SYN;
			else if (tl >= 4 && !strncasecmp(tag, "TIME", 4))
				sect = end ? S_NONE : S_TIME;
			else if (tl >= 6 && !strncasecmp(tag, "ATTRIB", 6))
				sect = end ? S_NONE : S_ATTRIB;
			else {
				rc = err_at(err, L, s, "unknown section '%s' (expected <SYNSETS>, <TIME> or <ATTRIB>)",
					    dy_arena_strndup(&d->arena, s, n));
				goto bad;
			}
			if (sect == S_TIME)
				d->has_time = 1;
			v = NULL;
			continue;
		}
		int kind = sect == S_TIME ? TB_K_TIME : sect == S_ATTRIB ? TB_K_ATTRIB : TB_K_VERB;
		if (sect == S_SYN || s[0] == '&' || (s[0] == '+' && cur && !v)) {
			if ((rc = synset_line(d, L, &cur, s, n, 0, err)) < 0)
				goto bad;
			continue;
		}
		if (s[0] == '{') {
			/* Irregular forms of the current verb. */
			if (!v) {
				rc = err_at(err, L, s, "verb forms without a verb before them%s", "");
				goto bad;
			}
			const char *p = s + 1, *e = s + n;
			while (p < e) {
				while (p < e && (isspace((unsigned char)*p) || *p == '}'))
					p++;
				const char *b = p;
				while (p < e && !isspace((unsigned char)*p) && *p != '}')
					p++;
				if (p > b && (rc = add_phrase(d, L, kind, b, (size_t)(p - b), 0, 0, NULL, v, err)) < 0)
					goto bad;
			}
			continue;
		}
		if (s[0] == '-' || (s[0] == '_' && n > 1 && isspace((unsigned char)s[1]))) {
			if (!v) {
				rc = err_at(err, L, s, "pattern without a verb before it%s", "");
				goto bad;
			}
			if ((rc = pattern_line(d, L, v, s, n, 0, 0, err)) < 0)
				goto bad;
			continue;
		}
		/* A root: PHRASE [CODE]. */
		const char *lb = memchr(s, '[', n);
		if (!lb) {
			rc = err_at(err, L, s + n, "missing code [...] after the verb%s", "");
			goto bad;
		}
		tb_code c;
		if ((rc = code_at_bracket(d, L, lb, s + n, &c, err)) < 0)
			goto bad;
		const char *ph = s;
		size_t pn = (size_t)(lb - s);
		trim(&ph, &pn);
		v = new_verb(d, &c, ph, pn, rule_of(d, L));
		if ((rc = add_phrase(d, L, kind, ph, pn, 0, 0, NULL, v, err)) < 0)
			goto bad;
		continue;
	bad:
		note_err(d, err);
	}
}

/* ---- PETRARCH verbs ------------------------------------------------------------------------ */

/* Adds the regular forms of a PETRARCH verb word (regular forms are made
 * by the program, the manual says; irregular ones are in {...}). */
static void petr_forms(const char *w, size_t n, char out[4][128], size_t *nout)
{
	*nout = 0;
	if (n == 0 || n > 100)
		return;
	char last = w[n - 1];
	char prev = n > 1 ? w[n - 2] : 0;
	int vowel_prev = prev && strchr("AEIOU", prev);
	/* 3rd person */
	if (last == 'Y' && !vowel_prev)
		snprintf(out[(*nout)++], 128, "%.*sIES", (int)(n - 1), w);
	else if (last == 'S' || last == 'X' || last == 'Z' || (last == 'H' && (prev == 'S' || prev == 'C')))
		snprintf(out[(*nout)++], 128, "%.*sES", (int)n, w);
	else
		snprintf(out[(*nout)++], 128, "%.*sS", (int)n, w);
	/* past */
	if (last == 'E')
		snprintf(out[(*nout)++], 128, "%.*sD", (int)n, w);
	else if (last == 'Y' && !vowel_prev)
		snprintf(out[(*nout)++], 128, "%.*sIED", (int)(n - 1), w);
	else
		snprintf(out[(*nout)++], 128, "%.*sED", (int)n, w);
	/* gerund */
	if (last == 'E' && prev != 'E' && n > 2)
		snprintf(out[(*nout)++], 128, "%.*sING", (int)(n - 1), w);
	else
		snprintf(out[(*nout)++], 128, "%.*sING", (int)n, w);
}

/* Adds the PETRARCH verb phrase s[0..n) as a root of v: upper-cased,
 * without its '+', cut to max - 1 bytes (max at most 512), exact. */
static int petr_root(tb_dict *d, lines *L, const char *s, size_t n, size_t max, tb_verb *v, dy_error *err)
{
	char up[512];
	size_t k = upper_copy(up, max, s, n, '+');
	return add_phrase(d, L, TB_K_VERB, dy_arena_strndup(&d->arena, up, k), k, 1, TB_EXACT | TB_NOEND, NULL, v, err);
}

/* One verb of a PETRARCH block: "WORD", "WORD {FORMS}", "+CORDON_OFF {...}",
 * "WIRE_+TAP {...}", each maybe with its own [CODE]. Returns (in *used) the
 * tb_verb its roots point to: the block's, or its own when it has a code. */
static int petr_verb_line(tb_dict *d, lines *L, const char *s, size_t n, tb_verb *block, tb_verb **used,
			  dy_error *err)
{
	const char *lb = memchr(s, '[', n), *br = memchr(s, '{', n);
	size_t pn = n;
	tb_verb *v = block;
	if (br && lb && br > lb)
		br = NULL;
	if (lb)
		pn = (size_t)(lb - s);
	if (br)
		pn = (size_t)(br - s);
	const char *ph = s;
	trim(&ph, &pn);
	if (!pn)
		return err_at(err, L, s, "missing verb%s", "");
	if (lb) {
		tb_code c;
		int rc = code_at_bracket(d, L, lb, s + n, &c, err);
		if (rc < 0)
			return rc;
		v = new_verb(d, &c, ph, pn, rule_of(d, L));
	}
	*used = v;
	int rc = petr_root(d, L, ph, pn, 256, v, err);
	if (rc < 0)
		return rc;
	if (!br) {
		/* Regular forms of the '+' word (or of the only word). */
		const char *plus = memchr(ph, '+', pn);
		const char *vw = plus ? plus + 1 : ph;
		size_t vn = 0;
		while (vw + vn < ph + pn && vw[vn] != '_' && !isspace((unsigned char)vw[vn]))
			vn++;
		char forms[4][128];
		size_t nf;
		char up[128];
		size_t un = upper_copy(up, sizeof(up), vw, vn, 0);
		petr_forms(up, un, forms, &nf);
		int strict = d->strict;
		d->strict = 0; /* made here, not written: no duplicate to report */
		for (size_t f = 0; f < nf; f++) {
			char full[512];
			int fl = snprintf(full, sizeof(full), "%.*s%s%.*s", (int)(vw - ph - (plus ? 1 : 0)), ph, forms[f],
					  (int)(ph + pn - vw - vn), vw + vn);
			/* snprintf says how long it would have been: a form cut at
			 * the buffer's end is read only up to it. */
			size_t flen = fl < 0 ? 0 : (size_t)fl < sizeof(full) ? (size_t)fl : sizeof(full) - 1;
			if ((rc = petr_root(d, L, full, flen, sizeof(full), v, err)) < 0) {
				d->strict = strict;
				return rc;
			}
		}
		d->strict = strict;
		return 0;
	}
	const char *cb = memchr(br, '}', (size_t)(s + n - br));
	if (!cb)
		return err_at(err, L, br, "missing '}'%s", "");
	const char *p = br + 1;
	while (p < cb) {
		while (p < cb && isspace((unsigned char)*p))
			p++;
		const char *b = p;
		while (p < cb && !isspace((unsigned char)*p))
			p++;
		if (p > b && (rc = petr_root(d, L, b, (size_t)(p - b), 256, v, err)) < 0)
			return rc;
	}
	return 0;
}

/* At the end of a block: its verbs with codes of their own, own[0..n),
 * get its patterns. */
static void block_patterns(tb_dict *d, const tb_verb *block, tb_verb **own, size_t n)
{
	for (size_t q = 0; q < n && block; q++)
		for (uint32_t r = 0; r < block->npats; r++)
			verb_add_pattern(d, own[q], block->pats[r]);
}

static void read_petr_verbs(tb_dict *d, lines *L, int petr, dy_error *err)
{
	int rc;
	d->petrarch_verbs = 1;
	tb_verb *block = NULL;
	tb_set *cur = NULL;
	int in_synset = 0;   /* the lines after "&NAME" up to the next non-'+' line */
	/* Verbs of the current block with codes of their own: they get the
	 * block's patterns when the block ends. */
	tb_verb **own = NULL;
	size_t nown = 0, capown = 0;
	int in_comment = 0;
	while (lines_next(L)) {
		const char *s = L->line;
		size_t n = L->n;
		if (in_comment) {
			if (memmem(s, n, "-->", 3))
				in_comment = 0;
			continue;
		}
		if (n >= 4 && !memcmp(s, "<!--", 4)) {
			if (!memmem(s, n, "-->", 3))
				in_comment = 1;
			continue;
		}
		n = cut_comment(s, n, 1);
		trim(&s, &n);
		if (!n)
			continue;
		if (s[0] == '+' && in_synset) {
			if ((rc = synset_line(d, L, &cur, s, n, 1, err)) < 0)
				goto bad;
			continue;
		}
		in_synset = 0;
		if (s[0] == '&') {
			if ((rc = synset_line(d, L, &cur, s, n, 1, err)) < 0)
				goto bad;
			in_synset = 1;
			continue;
		}
		if (n >= 3 && !memcmp(s, "---", 3)) {
			/* --- NAME [CODE] --- */
			block_patterns(d, block, own, nown);
			nown = 0;
			tb_code bcode;
			memset(&bcode, 0, sizeof(bcode));
			bcode.kind = TB_CODE_NULL;
			bcode.c1 = d->c_null;
			const char *lb = memchr(s, '[', n);
			if (lb && (rc = code_at_bracket(d, L, lb, s + n, &bcode, err)) < 0)
				goto bad;
			const char *nm = s + 3;
			size_t nn = lb ? (size_t)(lb - nm) : n - 3;
			trim(&nm, &nn);
			while (nn && nm[nn - 1] == '-')
				nn--;
			trim(&nm, &nn);
			block = new_verb(d, &bcode, nm, nn, rule_of(d, L));
			continue;
		}
		if (s[0] == '~') /* a transformation: the word-pattern coder has no use for it */
			continue;
		if (s[0] == '-') {
			if (!block) {
				rc = err_at(err, L, s, "pattern before any '--- VERB [CODE] ---' block%s", "");
				goto bad;
			}
			if ((rc = pattern_line(d, L, block, s, n, 1, 1, err)) < 0)
				goto bad;
			continue;
		}
		if (!block) {
			rc = err_at(err, L, s, "verb before any '--- VERB [CODE] ---' block%s", "");
			goto bad;
		}
		tb_verb *used = NULL;
		if ((rc = petr_verb_line(d, L, s, n, block, &used, err)) < 0)
			goto bad;
		if (used != block) {
			if (nown == capown) {
				capown = capown ? capown * 2 : 16;
				own = dy_xrealloc(own, capown * sizeof(*own));
			}
			own[nown++] = used;
		}
		continue;
	bad:
		note_err(d, err);
	}
	block_patterns(d, block, own, nown);
	free(own);
}

/* ---- PETRARCH discards and issues ----------------------------------------------------------- */

static void read_discards(tb_dict *d, lines *L, int petr, dy_error *err)
{
	while (lines_next(L)) {
		const char *s = L->line;
		size_t n = L->n;
		if (n >= 4 && !memcmp(s, "<!--", 4))
			continue;
		n = cut_comment(s, n, 1);
		trim(&s, &n);
		if (!n)
			continue;
		int story = s[0] == '+';
		const char *ph = s + story;
		size_t pn = n - (size_t)story;
		trim(&ph, &pn);
		tb_word w[64];
		uint16_t len;
		/* Discards are stems unless they end in '_'; blanks are consecutive. */
		size_t nw = parse_phrase(d, ph, pn, 0, w, 64, &len);
		if (!nw) {
			note_at(d, L, s, "empty discard phrase%s", "", "");
			continue;
		}
		for (size_t i = 1; i < nw; i++) {
			w[i].flags |= TB_CONSEC;
			if (i < nw)
				w[i - 1].flags |= TB_EXACT;
		}
		tb_root *r = add_root(d, TB_K_DISCARD, w, nw, len, ph, pn, rule_of(d, L));
		r->story = (uint8_t)story;
		index_root(d, r);
	}
}

/* Issues are content analysis, not event coding: they are checked (dict
 * check) and counted, not used. */
static void read_issues(tb_dict *d, lines *L, int petr, dy_error *err)
{
	while (lines_next(L)) {
		const char *s = L->line;
		size_t n = cut_comment(L->line, L->n, 1);
		trim(&s, &n);
		if (!n || s[0] == '<' || s[0] == '~')
			continue;
		const char *lb = memchr(s, '[', n);
		if (!lb) {
			note_at(d, L, s + n, "missing issue code [...]%s", "", "");
			continue;
		}
		if (!memchr(lb, ']', (size_t)(s + n - lb))) {
			note_at(d, L, lb, "missing ']'%s", "", "");
			continue;
		}
		d->nphrases[TB_K_ISSUE]++;
	}
}

/* ---- options ---------------------------------------------------------------------------------- */

static int opt_bool(const char *v)
{
	while (*v == ' ' || *v == '=')
		v++;
	return toupper((unsigned char)v[0]) == 'T' || toupper((unsigned char)v[0]) == 'Y' || v[0] == '1';
}

static int opt_num(const char *s, const char *key, int *out)
{
	const char *p = strstr(s, key);
	if (!p)
		return 0;
	p += strlen(key);
	while (*p == ' ' || *p == '=' || *p == '[')
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	*out = atoi(p);
	return 1;
}

/* A switch "NAME = VALUE" (opt_bool), or on when it has no value. */
static int opt_switch(const char *v)
{
	const char *eq = strchr(v, '=');
	return eq ? opt_bool(eq + 1) : 1;
}

/* The word before 'key' must not be a letter (so "MIN" does not find "EMIN"). */
static int opt_num_word(const char *s, const char *key, int *out)
{
	const char *p = s;
	while ((p = strstr(p, key))) {
		if (p == s || !isalpha((unsigned char)p[-1]))
			return opt_num(p, key, out);
		p++;
	}
	return 0;
}

static const char *bracket_code(tb_dict *d, const char *s, const char *key)
{
	const char *p = strstr(s, key);
	if (!p)
		return NULL;
	const char *lb = strchr(p, '[');
	const char *rb = lb ? strchr(lb, ']') : NULL;
	if (!rb)
		return NULL;
	char tmp[64];
	size_t k = 0;
	for (const char *q = lb + 1; q < rb && k < sizeof(tmp) - 1; q++)
		if (!isspace((unsigned char)*q))
			tmp[k++] = (char)toupper((unsigned char)*q);
	return k ? istr(d, tmp, k) : NULL;
}

int tb_option_line(tb_dict *d, tb_options *o, const char *line, size_t n)
{
	char s[512];
	size_t k = 0;
	for (size_t i = 0; i < n && k < sizeof(s) - 1; i++) {
		if (line[i] == '#' || (line[i] == '/' && i + 1 < n && line[i + 1] == '/'))
			break;
		s[k++] = line[i];
	}
	s[k] = 0;
	char up[512];
	for (size_t i = 0; i <= k; i++)
		up[i] = (char)toupper((unsigned char)s[i]);
	char *p = up;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p || *p == '~')
		return 0;
	char *colon = strchr(p, ':');
	if (!colon)
		return DY_ESYNTAX;
	char cmd[5] = {0};
	size_t cl = 0;
	for (char *q = p; q < colon && cl < 4; q++)
		if (*q != ' ')
			cmd[cl++] = *q;
	char *v = colon + 1;
	if (!strcmp(cmd, "SET")) {
		if (strstr(v, "CODE") && (strstr(v, "CLAUSE") || strstr(v, "SENTENCE") || strstr(v, "ALL")) &&
		    !strstr(v, "NONRESTRICTIVE")) {
			o->code_by = strstr(v, "SENTENCE") ? TB_BY_SENTENCE : strstr(v, "ALL") ? TB_BY_ALL : TB_BY_CLAUSE;
		} else if (strstr(v, "MINIMUM")) {
			int m;
			if (opt_num(v, "WORDS", &m))
				o->min_words = m;
		} else if (strstr(v, "CONVERT")) {
			o->convert_agents = opt_switch(v);
		} else if (strstr(v, "YYYY")) {
			o->yyyy = opt_switch(v);
		} else if (strstr(v, "TIME")) {
			o->time_shift = opt_switch(v);
		} else if (strstr(v, "FBIS")) {
			o->fbis = opt_switch(v);
		} else if (strstr(v, "LABEL") || strstr(v, "USAGE") || strstr(v, "DUP") || strstr(v, "HAIKU") ||
			   strstr(v, "SKIP") || strstr(v, "MATCH") || strstr(v, "ALLCAPS") || strstr(v, "DOMINANT") ||
			   strstr(v, "NONRESTRICTIVE")) {
			/* output, interface and obsolete switches */
		} else {
			return DY_ESYNTAX;
		}
		return 0;
	}
	if (!strcmp(cmd, "LABE")) {
		char *eq = strchr(v, '=');
		if (!eq)
			return DY_ESYNTAX;
		const char *cs = v;
		size_t cn = (size_t)(eq - v);
		trim(&cs, &cn);
		const char *ts = s + (eq - up) + 1;
		size_t tn = strlen(ts);
		trim(&ts, &tn);
		if (!cn)
			return DY_ESYNTAX;
		const char *key = istr(d, cs, cn);
		dy_map_set(&d->labels, key, cn, (void *)istr(d, ts, tn));
		return 0;
	}
	if (!strcmp(cmd, "COMP")) {
		o->cx_verbs = o->cx_actors = o->cx_pronouns = o->cx_conj = o->cx_comma = o->cx_lateverb = 0;
		o->cx_noactprior = o->cx_noactafter = o->cx_noverb = o->cx_nosource = o->cx_notarget = o->cx_noevent = 0;
		opt_num(v, "VERBS", &o->cx_verbs);
		opt_num(v, "ACTORS", &o->cx_actors);
		opt_num(v, "PRONOUNS", &o->cx_pronouns);
		opt_num(v, "CONJ", &o->cx_conj);
		opt_num_word(v, "COMMA", &o->cx_comma);
		opt_num(v, "LATEVERB", &o->cx_lateverb);
		o->cx_noactprior = strstr(v, "NOACTPRIOR") != NULL;
		o->cx_noactafter = strstr(v, "NOACTAFTER") != NULL;
		o->cx_noverb = strstr(v, "NOVERB") != NULL;
		o->cx_nosource = strstr(v, "NOSOURCE") != NULL;
		o->cx_notarget = strstr(v, "NOTARGET") != NULL;
		o->cx_noevent = strstr(v, "NOEVENT") != NULL;
		return 0;
	}
	if (!strcmp(cmd, "DEFA")) {
		if (strstr(v, "OFF") && !strstr(v, "SOURCE") && !strstr(v, "TARGET")) {
			o->def_source = o->def_target = NULL;
			o->def_prior = o->def_after = 0;
			return 0;
		}
		const char *sc = bracket_code(d, v, "SOURCE");
		const char *tc = bracket_code(d, v, "TARGET");
		if (sc) {
			o->def_source = sc;
			/* PRIOR belongs to SOURCE: it comes before TARGET. */
			const char *pr = strstr(v, "PRIOR"), *tg = strstr(v, "TARGET");
			o->def_prior = pr && (!tg || pr < tg);
		}
		if (tc) {
			o->def_target = tc;
			const char *tg = strstr(v, "TARGET");
			o->def_after = tg && strstr(tg, "AFTER") != NULL;
		}
		if (!sc && !tc)
			return DY_ESYNTAX;
		return 0;
	}
	if (!strcmp(cmd, "COMM")) {
		if (strstr(v, "OFF")) {
			o->comma_off = 1;
			return 0;
		}
		o->comma_off = 0;
		opt_num_word(v, "BMIN", &o->bmin);
		opt_num_word(v, "BMAX", &o->bmax);
		opt_num_word(v, "EMIN", &o->emin);
		opt_num_word(v, "EMAX", &o->emax);
		opt_num_word(v, "MIN", &o->cmin);
		opt_num_word(v, "MAX", &o->cmax);
		return 0;
	}
	if (!strcmp(cmd, "FORW")) {
		char *q = v;
		while (*q == ' ')
			q++;
		size_t fl = 0;
		while (q[fl] && q[fl] != ' ' && fl < sizeof(o->fwd_fmt) - 1)
			fl++;
		memcpy(o->fwd_fmt, q, fl);
		o->fwd_fmt[fl] = 0;
		o->forward = !strstr(q + fl, "OFF");
		return 0;
	}
	if (!strcmp(cmd, "OUTP") || !strcmp(cmd, "NONE") || !strcmp(cmd, "MATC"))
		return 0;
	return DY_ESYNTAX;
}

int tb_load_options(tb_dict *d, tb_options *o, const char *path, dy_error *err)
{
	lines L;
	int rc = lines_open(&L, path, err);
	if (rc < 0)
		return rc;
	while (lines_next(&L)) {
		const char *s = L.line;
		size_t n = L.n;
		trim(&s, &n);
		if (!n || s[0] == '#' || (n > 1 && s[0] == '/' && s[1] == '/'))
			continue;
		if (s[0] == '~')
			break;
		if (tb_option_line(d, o, s, n) < 0) {
			rc = err_at(err, &L, s, "unknown or malformed option '%s'", dy_arena_strndup(&d->arena, s, n));
			break;
		}
	}
	lines_close(&L);
	return rc < 0 ? rc : 0;
}

/* Reads the file at path with read (petr: PETRARCH's format; a bad line
 * is noted and skipped) and leaves the index sorted, as every public
 * loader does, also when the file cannot be opened. */
static int load_file(tb_dict *d, const char *path, void (*read)(tb_dict *, lines *, int, dy_error *), int petr,
		     dy_error *err)
{
	lines L;
	int rc = lines_open(&L, path, err);
	if (rc == 0) {
		read(d, &L, petr, err);
		lines_close(&L);
	}
	tb_dict_finish(d);
	return rc;
}

int tb_load_actors(tb_dict *d, const char *path, int petrarch, dy_error *err)
{
	return load_file(d, path, read_actors, petrarch, err);
}

int tb_load_agents(tb_dict *d, const char *path, int petrarch, dy_error *err)
{
	return load_file(d, path, read_agents, petrarch, err);
}

int tb_load_verbs(tb_dict *d, const char *path, dy_error *err)
{
	return load_file(d, path, read_verbs, 0, err);
}

/* PETRARCH: a verb listed in two blocks ("--- SHOT [---] ---" and
 * "--- SHOT [223] ---") has the patterns of both; the first block gives
 * its code. The earlier root gets a verb of its own with the patterns
 * of both (the other words of its block keep theirs). */
static void merge_petr_verbs(tb_dict *d)
{
	tb_index *ix = &d->index;
	for (size_t i = 0; i < ix->cap; i++) {
		tb_rootlist *l = ix->slots[i].key ? ix->slots[i].list : NULL;
		if (!l)
			continue;
		for (uint32_t j = 0; j < l->n; j++) {
			tb_root *r1 = (tb_root *)l->v[j];
			if (r1->kind != TB_K_VERB || r1->w[0].s != ix->slots[i].key)
				continue;
			for (uint32_t k = j + 1; k < l->n; k++) {
				const tb_root *r2 = l->v[k];
				if (r2->kind != TB_K_VERB || r2->order < r1->order || r2->u.verb == r1->u.verb ||
				    r1->nw != r2->nw || !same_words(r1->w, r2->w, r1->nw) || !r2->u.verb->npats)
					continue;
				const tb_verb *v1 = r1->u.verb;
				tb_verb *m = new_verb(d, &v1->code, v1->name, strlen(v1->name), v1->rule);
				for (uint32_t q = 0; q < v1->npats; q++)
					verb_add_pattern(d, m, v1->pats[q]);
				for (uint32_t q = 0; q < r2->u.verb->npats; q++)
					verb_add_pattern(d, m, r2->u.verb->pats[q]);
				d->npatterns -= m->npats;
				r1->u.verb = m;
			}
		}
	}
}

int tb_load_petr_verbs(tb_dict *d, const char *path, dy_error *err)
{
	int rc = load_file(d, path, read_petr_verbs, 1, err);
	if (!rc)
		merge_petr_verbs(d);
	return rc;
}

int tb_load_discards(tb_dict *d, const char *path, dy_error *err)
{
	return load_file(d, path, read_discards, 1, err);
}

/* (The index needs no sorting after it: issues add nothing to it.) */
int tb_load_issues(tb_dict *d, const char *path, dy_error *err)
{
	return load_file(d, path, read_issues, 1, err);
}
