/* verbs.c - loading the CAMEO table and dyad's verb patterns. */
#include "event/event.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

void dy_verbs_init(dy_verbs *v, const dy_lexicon *lx)
{
	memset(v, 0, sizeof(*v));
	dy_arena_init(&v->arena);
	dy_intern_init(&v->strings);
	v->lx = lx;
}

static void free_plist(const char *key, size_t len, void *val, void *ctx)
{
	dy_pattern_list *l = val;
	free(l->items);
	free(l);
}

void dy_verbs_release(dy_verbs *v)
{
	dy_map_each(&v->verb_heads, free_plist, NULL);
	dy_map_each(&v->noun_heads, free_plist, NULL);
	dy_map_release(&v->verb_heads);
	dy_map_release(&v->noun_heads);
	dy_map_release(&v->cameo);
	dy_intern_release(&v->strings);
	dy_arena_release(&v->arena);
	memset(v, 0, sizeof(*v));
}

static const char *istr(dy_verbs *v, const char *s, size_t n)
{
	return dy_intern(&v->strings, s, n);
}

const dy_cameo *dy_cameo_get(const dy_verbs *v, const char *code)
{
	return dy_map_get(&v->cameo, code, strlen(code));
}

static FILE *open_or_err(const char *path, dy_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		dy_error_set(err, errno == ENOENT ? DY_ENOENT : DY_EIO, "cannot open '%s': %s", path,
			     strerror(errno));
	return f;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static int valid_cameo_code(const char *s, size_t n)
{
	if (n < 2 || n > 4)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int dy_cameo_load(dy_verbs *v, const char *path, dy_error *err)
{
	FILE *f = open_or_err(path, err);
	if (!f)
		return err ? err->code : DY_EIO;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	int rc = 0;
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (lineno == 1 || n == 0 || line[0] == '#')
			continue;
		char *field[6];
		int nf = 0;
		char *p = line;
		field[nf++] = p;
		while (nf < 6 && (p = strchr(p, '\t'))) {
			*p++ = '\0';
			field[nf++] = p;
		}
		if (nf < 6) {
			rc = dy_error_at(err, DY_EDICT, path, lineno, 1, line, (size_t)n,
					 "expected 6 tab-separated fields (code root quad goldstein plover name), got %d",
					 nf);
			break;
		}
		if (!valid_cameo_code(field[0], strlen(field[0]))) {
			rc = dy_error_at(err, DY_EDICT, path, lineno, 1, field[0], strlen(field[0]),
					 "malformed CAMEO code '%s'", field[0]);
			break;
		}
		char *end;
		int quad = (int)strtol(field[2], &end, 10);
		if (*end || quad < 1 || quad > 4) {
			rc = dy_error_set(err, DY_EDICT, "%s:%ld: quad class must be 1-4, not '%s'", path, lineno,
					  field[2]);
			break;
		}
		double g = strtod(field[3], &end);
		if (*end || g < -10 || g > 10) {
			rc = dy_error_set(err, DY_EDICT, "%s:%ld: Goldstein value must be -10..10, not '%s'", path,
					  lineno, field[3]);
			break;
		}
		dy_cameo *c = dy_arena_calloc(&v->arena, 1, sizeof(*c));
		c->code = istr(v, field[0], strlen(field[0]));
		c->root = istr(v, field[1], strlen(field[1]));
		c->quad = quad;
		c->goldstein = g;
		c->plover = istr(v, field[4], strlen(field[4]));
		c->name = istr(v, field[5], strlen(field[5]));
		dy_map_set(&v->cameo, c->code, strlen(c->code), c);
		v->ncameo++;
	}
	free(line);
	fclose(f);
	return rc;
}

static int cmp_pattern(const void *x, const void *y)
{
	const dy_pattern *a = *(const dy_pattern *const *)x, *b = *(const dy_pattern *const *)y;
	if (a->weight != b->weight)
		return (int)b->weight - (int)a->weight;
	return a->order < b->order ? -1 : a->order > b->order;
}

static const char *fold_word(dy_verbs *v, const char *w, size_t n, int tag)
{
	char buf[128];
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i]);
	buf[n] = 0;
	if (!v->lx || tag < 0)
		return istr(v, buf, n);
	const char *l = dy_lemma(v->lx, &v->arena, buf, n, tag);
	return istr(v, l, strlen(l));
}

/* Parses "a|b|c" into a word item. */
static int parse_alts(dy_verbs *v, dy_pitem *it, const char *word, size_t len, const char **why)
{
	it->kind = DY_PI_WORD;
	size_t na = 1;
	for (size_t i = 0; i < len; i++)
		na += word[i] == '|';
	/* Each word is kept as written too: "bombing" is a noun as well as
	 * the verb "bomb" lemmatised. */
	na *= 2;
	it->alts = dy_arena_alloc(&v->arena, na * sizeof(*it->alts));
	const char *s = word, *e = word + len;
	while (s <= e) {
		const char *q = s;
		while (q < e && *q != '|')
			q++;
		if (q == s) {
			*why = "empty alternative in 'a|b'";
			return DY_EDICT;
		}
		const char *l = fold_word(v, s, (size_t)(q - s), DY_TAG_NONE);
		const char *raw = fold_word(v, s, (size_t)(q - s), -1);
		it->alts[it->nalts++] = l;
		if (raw != l)
			it->alts[it->nalts++] = raw;
		s = q + 1;
	}
	return 0;
}

const dy_pattern_list *dy_verbs_heads(const dy_verbs *v, const char *lemma, int noun)
{
	return dy_map_get(noun ? &v->noun_heads : &v->verb_heads, lemma, strlen(lemma));
}

int dy_verbs_add(dy_verbs *v, const dy_cameo *c, const char *text, size_t len, int noun, const char *rule,
		 const char **why)
{
	/* Split into words. */
	const char *w[32];
	size_t wl[32];
	size_t nw = 0;
	for (size_t i = 0; i < len;) {
		while (i < len && (text[i] == ' ' || text[i] == '\t'))
			i++;
		size_t s = i;
		while (i < len && text[i] != ' ' && text[i] != '\t')
			i++;
		if (i > s) {
			if (nw == 32) {
				*why = "a pattern has at most 32 words";
				return DY_EDICT;
			}
			w[nw] = text + s;
			wl[nw++] = i - s;
		}
	}
	if (nw == 0) {
		*why = "empty pattern";
		return DY_EDICT;
	}
	if (w[0][0] == '+' || w[0][0] == '*') {
		*why = "a pattern starts with its head word, not '+' or '*'";
		return DY_EDICT;
	}
	/* "terrorist ^attack on +": words before a head marked '^' must stand
	 * just before it. */
	size_t headk = 0;
	for (size_t k = 0; k < nw; k++)
		if (w[k][0] == '^') {
			if (headk || k == 0) {
				*why = k == 0 ? "'^' marks a head after other words; a pattern's first word is its head anyway"
					      : "more than one '^' in a pattern";
				return DY_EDICT;
			}
			headk = k;
		}
	dy_pattern *p = dy_arena_calloc(&v->arena, 1, sizeof(*p));
	if (headk) {
		p->pre = dy_arena_calloc(&v->arena, headk, sizeof(*p->pre));
		for (size_t k = headk; k-- > 0;) {
			if (w[k][0] == '+' || w[k][0] == '*') {
				*why = "only words may stand before a '^' head";
				return DY_EDICT;
			}
			if (parse_alts(v, &p->pre[p->npre++], w[k], wl[k], why) < 0)
				return DY_EDICT;
		}
		/* The head and what follows it become the pattern proper. */
		w[headk]++;
		wl[headk]--;
		memmove(w, w + headk, (nw - headk) * sizeof(*w));
		memmove(wl, wl + headk, (nw - headk) * sizeof(*wl));
		nw -= headk;
	}
	p->cameo = c;
	p->rule = rule;
	p->text = dy_arena_strndup(&v->arena, text, len);
	p->noun = (uint8_t)noun;
	p->order = (uint32_t)v->npatterns;
	p->items = dy_arena_calloc(&v->arena, nw, sizeof(*p->items));
	p->weight = (uint8_t)(1 + p->npre);
	for (size_t k = 1; k < nw; k++) {
		dy_pitem *it = &p->items[p->nitems++];
		if (wl[k] == 1 && w[k][0] == '+') {
			if (p->has_target) {
				*why = "more than one '+' in a pattern";
				return DY_EDICT;
			}
			it->kind = DY_PI_TARGET;
			p->has_target = 1;
			p->weight++;
			continue;
		}
		if (wl[k] == 1 && w[k][0] == '*') {
			it->kind = DY_PI_GAP;
			continue;
		}
		if (parse_alts(v, it, w[k], wl[k], why) < 0)
			return DY_EDICT;
		p->weight++;
	}
	if (p->nitems && p->items[p->nitems - 1].kind == DY_PI_GAP) {
		*why = "a pattern cannot end with '*'";
		return DY_EDICT;
	}
	/* The head may have alternatives too; each is an entry point. */
	const char *s = w[0], *e = w[0] + wl[0];
	while (s <= e) {
		const char *q = s;
		while (q < e && *q != '|')
			q++;
		if (q == s) {
			*why = "empty alternative in the head";
			return DY_EDICT;
		}
		const char *head = fold_word(v, s, (size_t)(q - s), noun ? DY_TAG_NN : DY_TAG_VB);
		dy_map *m = noun ? &v->noun_heads : &v->verb_heads;
		int created;
		void **slot = dy_map_put(m, head, strlen(head), &created);
		if (created)
			*slot = dy_xcalloc(1, sizeof(dy_pattern_list));
		dy_pattern_list *l = *slot;
		DY_GROW(l->items, l->cap, l->n + 1);
		l->items[l->n++] = p;
		qsort(l->items, l->n, sizeof(*l->items), cmp_pattern);
		s = q + 1;
	}
	v->npatterns++;
	return 0;
}

int dy_verbs_load(dy_verbs *v, const char *path, dy_error *err)
{
	FILE *f = open_or_err(path, err);
	if (!f)
		return err ? err->code : DY_EIO;
	const char *base = base_name(path);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	int rc = 0;
	const dy_cameo *cur = NULL;
	int have_block = 0;
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		size_t len = (size_t)n;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		/* Strip comments: whole line or after white space. */
		for (size_t i = 0; i < len; i++)
			if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
				len = i;
				break;
			}
		while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		size_t b = 0;
		while (b < len && (line[b] == ' ' || line[b] == '\t'))
			b++;
		if (b == len)
			continue;
		if (len >= 2 && line[0] == '=' && line[1] == '=') {
			size_t s = 2;
			while (s < len && line[s] == ' ')
				s++;
			size_t e = s;
			while (e < len && line[e] != ' ' && line[e] != '\t')
				e++;
			char code[8];
			if (!valid_cameo_code(line + s, e - s)) {
				rc = dy_error_at(err, DY_EDICT, path, lineno, (long)s + 1, line, len,
						 "expected a CAMEO code after '=='");
				break;
			}
			memcpy(code, line + s, e - s);
			code[e - s] = 0;
			cur = dy_cameo_get(v, code);
			if (!cur) {
				rc = dy_error_at(err, DY_EDICT, path, lineno, (long)s + 1, line, len,
						 "unknown CAMEO code '%s' (not in cameo.tsv)", code);
				break;
			}
			have_block = 1;
			continue;
		}
		if (!have_block) {
			rc = dy_error_at(err, DY_EDICT, path, lineno, (long)b + 1, line, len,
					 "pattern before the first '== CODE' line");
			break;
		}
		int noun = 0, block = 0;
		size_t s = b;
		if (line[s] == '!') {
			block = 1;
			s++;
			while (s < len && line[s] == ' ')
				s++;
		}
		if (len - s >= 5 && strncmp(line + s, "noun:", 5) == 0) {
			noun = 1;
			s += 5;
		}
		char rulebuf[512];
		int rn = snprintf(rulebuf, sizeof(rulebuf), "%s:%ld", base, lineno);
		const char *rule = istr(v, rulebuf, (size_t)rn);
		const char *why = NULL;
		if (dy_verbs_add(v, block ? NULL : cur, line + s, len - s, noun, rule, &why) < 0) {
			rc = dy_error_at(err, DY_EDICT, path, lineno, (long)s + 1, line, len, "%s", why);
			break;
		}
	}
	free(line);
	fclose(f);
	return rc;
}
