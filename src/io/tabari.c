/* tabari.c - TABARI text records as documents (records.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/mem.h"
#include "compat/tabari.h"
#include "io/records.h"
#include "io/records_int.h"

typedef struct tabari_file {
	dy_recfile base;
	char *name, *buf;
	tb_record *recs;
	size_t n, next;
	dy_buf text;
	dy_arena arena;
} tabari_file;

static int tabari_next(dy_recfile *f, dy_doc *doc, dy_error *err)
{
	tabari_file *t = (tabari_file *)f;
	dy_arena_reset(&t->arena);
	if (t->next >= t->n)
		return 0;
	const tb_record *r = &t->recs[t->next++];
	memset(doc, 0, sizeof(*doc));
	doc->origin = t->name;
	doc->line = r->line;
	doc->id = dy_arena_strndup(&t->arena, r->id, r->id_n);
	if (!r->id_n)
		doc->id = dy_arena_printf(&t->arena, "%s:%ld", t->name, r->line);
	/* YYMMDD, or YYYYMMDD when 8 digits make a date. */
	int32_t d = 0;
	if (r->date_n >= 8)
		d = tb_date(r->date, r->date_n, 1);
	if (!d || d / 10000 < 1800)
		d = tb_date(r->date, r->date_n, 0);
	if (!d)
		return dy_error_set(err, DY_EDATE, "%s:%ld: record '%s': malformed date '%.*s' (want YYMMDD or YYYYMMDD)",
				    t->name, r->line, doc->id, (int)r->date_n, r->date);
	doc->date = dy_arena_printf(&t->arena, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
	dy_buf_clear(&t->text);
	tb_record_text(r, 0, &t->text);
	doc->text = t->text.s ? t->text.s : "";
	doc->len = t->text.len;
	if (!doc->len)
		return dy_error_set(err, DY_EEMPTY, "%s:%ld: record '%s' has no text", t->name, r->line, doc->id);
	return 1;
}

static void tabari_close(dy_recfile *f)
{
	tabari_file *t = (tabari_file *)f;
	free(t->name);
	free(t->buf);
	free(t->recs);
	dy_buf_release(&t->text);
	dy_arena_release(&t->arena);
	free(t);
}

dy_recfile *dy_tabari_records_open(const char *name, char *buf, size_t n, dy_error *err)
{
	(void)err;
	tabari_file *t = dy_xcalloc(1, sizeof(*t));
	t->base.next = tabari_next;
	t->base.close = tabari_close;
	t->name = dy_xstrdup(name);
	t->buf = buf;
	t->n = tb_split_records(buf, n, &t->recs);
	dy_buf_init(&t->text);
	dy_arena_init(&t->arena);
	return &t->base;
}

int dy_recfile_next(dy_recfile *f, dy_doc *doc, dy_error *err)
{
	return f->next(f, doc, err);
}

const char *dy_recfile_parse(const dy_recfile *f)
{
	return f->parse;
}

void dy_recfile_close(dy_recfile *f)
{
	if (f)
		f->close(f);
}
