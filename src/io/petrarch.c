/* petrarch.c - PETRARCH XML records as documents (records.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	dy_arena arena;
} petr_reader;

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
	if (!n && r->parse) {
		/* An empty <Text> with a parse: the words of the parse. */
		tb_tree tree;
		if (tb_tree_parse(&p->arena, r->parse, strlen(r->parse), &tree) == 0) {
			dy_buf b = DY_BUF_INIT;
			for (int i = 0; i < tree.nn; i++)
				if (tree.n[i].word) {
					if (b.len)
						dy_buf_addc(&b, ' ');
					dy_buf_adds(&b, tree.n[i].word);
				}
			if (b.len) {
				t = dy_arena_strndup(&p->arena, b.s, b.len);
				n = b.len;
			}
			dy_buf_release(&b);
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
	dy_arena_init(&p->arena);
	return &p->base;
}
