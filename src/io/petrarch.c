/* petrarch.c - PETRARCH XML records as documents (records.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/mem.h"
#include "compat/compat_int.h"
#include "io/records.h"
#include "io/records_int.h"

typedef struct petr_reader {
	dy_recfile base;
	char *name;
	petr_file pf;
	size_t next;
	unsigned char *repeat; /* per record: its id was used by an earlier record */
	dy_arena arena;
} petr_reader;

static const petr_rec *sort_recs;

static int by_id(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sort_recs[i].id, sort_recs[j].id);
	return c ? c : (i > j) - (i < j);
}

/* Marks the records whose (non-empty) id an earlier record has. */
static unsigned char *repeated_ids(const petr_file *pf)
{
	unsigned char *rep = dy_xcalloc(pf->n ? pf->n : 1, 1);
	size_t *ix = dy_xcalloc(pf->n ? pf->n : 1, sizeof(*ix));
	for (size_t i = 0; i < pf->n; i++)
		ix[i] = i;
	sort_recs = pf->r;
	qsort(ix, pf->n, sizeof(*ix), by_id);
	sort_recs = NULL;
	for (size_t k = 1; k < pf->n; k++)
		if (pf->r[ix[k]].id[0] && !strcmp(pf->r[ix[k]].id, pf->r[ix[k - 1]].id))
			rep[ix[k]] = 1;
	free(ix);
	return rep;
}

/* Whether word w has a letter or a digit (punctuation is left out of the
 * comparison of a parse with its text). */
static int has_alnum(const char *w)
{
	for (; *w; w++)
		if (isalnum((unsigned char)*w) || (unsigned char)*w >= 0x80)
			return 1;
	return 0;
}

/* Whether the words of the parse occur in text[0..n), in order (case
 * aside; punctuation, which treebanks rewrite, aside). */
static int words_in_text(const tb_tree *tree, const char *text, size_t n)
{
	size_t cur = 0;
	for (int i = 0; i < tree->nn; i++) {
		const char *w = tree->n[i].word;
		if (!w || !strcmp(tree->n[i].label, "-NONE-") || !has_alnum(w))
			continue;
		size_t ln = strlen(w), p = cur;
		while (p + ln <= n && strncasecmp(text + p, w, ln))
			p++;
		if (p + ln > n)
			return 0;
		cur = p + ln;
	}
	return 1;
}

/* The words of the parse as a sentence: blanks between them, none
 * before punctuation and clitics ("Russia's", "isn't", "war."), treebank
 * brackets and quotes as themselves. The length goes to *len. */
static const char *parse_words(dy_arena *a, const tb_tree *tree, size_t *len)
{
	dy_buf b = DY_BUF_INIT;
	int glue = 0; /* no blank after an opening bracket or quote */
	for (int i = 0; i < tree->nn; i++) {
		const char *w = tree->n[i].word;
		if (!w || !strcmp(tree->n[i].label, "-NONE-"))
			continue;
		if (!strcmp(w, "-LRB-"))
			w = "(";
		else if (!strcmp(w, "-RRB-"))
			w = ")";
		else if (!strcmp(w, "``") || !strcmp(w, "''"))
			w = "\"";
		int open = !strcmp(w, "(") || !strcmp(tree->n[i].label, "``");
		int close = strchr(",.;:!?)%", w[0]) && (!w[1] || !has_alnum(w)) ;
		close |= w[0] == '\'' && has_alnum(w) && !strchr(w + 1, '\''); /* 's 're 'll */
		close |= !strcasecmp(w, "n't") || !strcmp(tree->n[i].label, "''");
		if (b.len && !glue && !close)
			dy_buf_addc(&b, ' ');
		dy_buf_adds(&b, w);
		glue = open;
	}
	*len = b.len;
	const char *s = b.len ? dy_arena_strndup(a, b.s, b.len) : "";
	dy_buf_release(&b);
	return s;
}

static int petr_next(dy_recfile *f, dy_doc *doc, dy_error *err)
{
	petr_reader *p = (petr_reader *)f;
	dy_arena_reset(&p->arena);
	p->base.parse = NULL;
	if (p->next >= p->pf.n)
		return 0;
	const petr_rec *r = &p->pf.r[p->next++];
	memset(doc, 0, sizeof(*doc));
	doc->origin = p->name;
	doc->line = r->line;
	doc->id = r->id[0] ? r->id : dy_arena_printf(&p->arena, "%s:%ld", p->name, r->line);
	if (p->repeat[p->next - 1])
		/* A second record with the same id is another document:
		 * "GOLD_9:1130", after the line of its <Sentence>. */
		doc->id = dy_arena_printf(&p->arena, "%s:%ld", r->id, r->line);
	if (!r->date)
		return dy_error_set(err, DY_EDATE, "%s:%ld: sentence '%s' has no valid date (want date=\"YYYYMMDD\")", p->name,
				    r->line, doc->id);
	doc->date = dy_arena_printf(&p->arena, "%.4s-%.2s-%.2s", r->date, r->date + 4, r->date + 6);
	const char *t = r->text ? r->text : "";
	while (*t && isspace((unsigned char)*t))
		t++;
	size_t n = strlen(t);
	while (n && isspace((unsigned char)t[n - 1]))
		n--;
	if (r->parse) {
		/* An empty <Text>, or one that does not hold the words of the
		 * parse (the coder works from the parse): the parse's words. */
		tb_tree tree;
		if (tb_tree_parse(&p->arena, r->parse, strlen(r->parse), &tree) == 0 &&
		    (!n || !words_in_text(&tree, t, n))) {
			size_t k;
			const char *w = parse_words(&p->arena, &tree, &k);
			if (k) {
				t = w;
				n = k;
			}
		}
	}
	if (!n)
		return dy_error_set(err, DY_EEMPTY, "%s:%ld: sentence '%s' has no <Text>", p->name, r->line, doc->id);
	doc->text = t;
	doc->len = n;
	p->base.parse = r->parse;
	return 1;
}

static void petr_close(dy_recfile *f)
{
	petr_reader *p = (petr_reader *)f;
	petr_file_release(&p->pf);
	free(p->repeat);
	dy_arena_release(&p->arena);
	free(p->name);
	free(p);
}

dy_recfile *dy_petrarch_records_open(const char *name, char *buf, size_t n, dy_error *err)
{
	petr_reader *p = dy_xcalloc(1, sizeof(*p));
	int rc = petr_xml_load(name, buf, n, &p->pf, err);
	free(buf);
	if (rc < 0) {
		free(p);
		return NULL;
	}
	p->base.next = petr_next;
	p->base.close = petr_close;
	p->name = dy_xstrdup(name);
	p->repeat = repeated_ids(&p->pf);
	dy_arena_init(&p->arena);
	return &p->base;
}
