#include "io/write.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <utf8proc.h>

int dy_out_format_parse(const char *name, enum dy_out_format *out)
{
	static const struct {
		const char *name;
		enum dy_out_format fmt;
	} formats[] = {{"jsonl", DY_OUT_JSONL}, {"tsv", DY_OUT_TSV}, {"table", DY_OUT_TABLE}};
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strcmp(name, formats[i].name) == 0) {
			*out = formats[i].fmt;
			return 0;
		}
	}
	return DY_EINVAL;
}

void dy_writer_init(dy_writer *w, enum dy_out_format fmt)
{
	w->fmt = fmt;
	w->width = DY_TABLE_WIDTH;
	w->ndocs = 0;
	w->quotes = 0;
}

void dy_write_begin(dy_writer *w, dy_buf *b)
{
	if (w->fmt == DY_OUT_TSV)
		dy_buf_adds(b, w->quotes ? DY_TSV_QUOTE_HEADER "\n" : DY_TSV_HEADER "\n");
}

void dy_write_result(dy_writer *w, dy_buf *b, const dy_result *r)
{
	switch (w->fmt) {
	case DY_OUT_JSONL:
		dy_write_jsonl(b, r);
		break;
	case DY_OUT_TSV:
		if (w->quotes)
			dy_write_tsv_quotes(b, r);
		else
			dy_write_tsv(b, r);
		break;
	case DY_OUT_TABLE:
		if (w->ndocs)
			dy_buf_addc(b, '\n');
		dy_write_table(b, r, w->width);
		break;
	}
	w->ndocs++;
}

/* Points *p, *n at r->text[a..b), clamped to the text so that a bad offset
 * from the coder can never read outside it. */
static void slice(const dy_result *r, uint32_t a, uint32_t b, const char **p, size_t *n)
{
	size_t len = r->text ? r->len : 0;
	size_t s = a < len ? a : len;
	size_t e = b < len ? b : len;
	if (e < s)
		e = s;
	*p = r->text ? r->text + s : "";
	*n = e - s;
}

/* Integers are formatted here rather than with dy_buf_addf: this is the hot
 * path of `dyad code`, and it runs on many threads at once. */
static void add_ulong(dy_buf *b, unsigned long v)
{
	char tmp[24];
	size_t i = sizeof(tmp);
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	dy_buf_add(b, tmp + i, sizeof(tmp) - i);
}

static void add_long(dy_buf *b, long v)
{
	if (v < 0) {
		dy_buf_addc(b, '-');
		add_ulong(b, 0UL - (unsigned long)v);
	} else {
		add_ulong(b, (unsigned long)v);
	}
}

static const char *str_or(const char *s, const char *dflt)
{
	return s ? s : dflt;
}

static const char *event_date(const dy_result *r, const dy_event *ev)
{
	if (ev->date)
		return ev->date;
	return r->doc ? r->doc->date : NULL;
}

static const char *doc_id(const dy_result *r)
{
	return r->doc && r->doc->id ? r->doc->id : "";
}

void dy_write_goldstein(dy_buf *b, double g)
{
	if (!isfinite(g))
		g = 0;
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%.1f", g);
	size_t n = strlen(tmp);
	if (n >= 2 && strcmp(tmp + n - 2, ".0") == 0)
		tmp[n -= 2] = '\0';
	if (strcmp(tmp, "-0") == 0)
		strcpy(tmp, "0");
	dy_buf_adds(b, tmp);
}

/* Coordinates with at most five decimals (about a metre), no trailing zeros. */
static void add_coord(dy_buf *b, double v)
{
	if (!isfinite(v))
		v = 0;
	char tmp[48];
	snprintf(tmp, sizeof(tmp), "%.5f", v);
	size_t n = strlen(tmp);
	while (n > 1 && tmp[n - 1] == '0')
		tmp[--n] = '\0';
	if (n > 1 && tmp[n - 1] == '.')
		tmp[--n] = '\0';
	if (strcmp(tmp, "-0") == 0)
		strcpy(tmp, "0");
	dy_buf_adds(b, tmp);
}

static int has_size(const dy_size *z)
{
	return z->killed >= 0 || z->injured >= 0 || z->arrested >= 0;
}

/* ---- JSONL ------------------------------------------------------------- */

static void json_key(dy_buf *b, const char *key)
{
	dy_buf_addc(b, '"');
	dy_buf_adds(b, key);
	dy_buf_add(b, "\":", 2);
}

void dy_write_json_actor(dy_buf *b, const dy_actor_ref *a)
{
	dy_buf_add(b, "{\"code\":", 8);
	dy_buf_add_jstr(b, a->code);
	dy_buf_add(b, ",\"name\":", 8);
	dy_buf_add_jstr(b, a->name);
	dy_buf_add(b, ",\"text\":", 8);
	dy_buf_add_jstr(b, a->text);
	if (a->via) {
		dy_buf_add(b, ",\"via\":", 7);
		dy_buf_add_jstr(b, a->via);
	}
	dy_buf_addc(b, '}');
}

static void json_count(dy_buf *b, long v)
{
	if (v < 0)
		dy_buf_add(b, "null", 4);
	else
		add_long(b, v);
}

static void json_place(dy_buf *b, const dy_place *p)
{
	if (!p) {
		dy_buf_add(b, "null", 4);
		return;
	}
	dy_buf_adds(b, "{\"name\":");
	dy_buf_add_jstr(b, p->name);
	dy_buf_adds(b, ",\"text\":");
	dy_buf_add_jstr(b, p->text);
	dy_buf_adds(b, ",\"country\":");
	dy_buf_add_jstr(b, p->country);
	dy_buf_add(b, ",\"admin1\":", 10);
	dy_buf_add_jstr(b, p->admin1);
	dy_buf_add(b, ",\"kind\":", 8);
	dy_buf_add_jstr(b, p->kind);
	dy_buf_add(b, ",\"lat\":", 7);
	if (p->has_coords)
		add_coord(b, p->lat);
	else
		dy_buf_add(b, "null", 4);
	dy_buf_add(b, ",\"lon\":", 7);
	if (p->has_coords)
		add_coord(b, p->lon);
	else
		dy_buf_add(b, "null", 4);
	dy_buf_adds(b, ",\"offsets\":[");
	add_ulong(b, p->start);
	dy_buf_addc(b, ',');
	add_ulong(b, p->end);
	dy_buf_adds(b, "]}");
}

static void json_text(dy_buf *b, const dy_result *r, uint32_t start, uint32_t end)
{
	const char *p;
	size_t n;
	slice(r, start, end, &p, &n);
	dy_buf_addc(b, '"');
	dy_buf_add_json(b, p, n);
	dy_buf_addc(b, '"');
}

void dy_write_json_issues(dy_buf *b, const dy_issue *issues, size_t n)
{
	dy_buf_addc(b, '[');
	for (size_t k = 0; k < n; k++) {
		const dy_issue *is = &issues[k];
		dy_buf_adds(b, k ? ",{\"code\":" : "{\"code\":");
		dy_buf_add_jstr(b, str_or(is->code, ""));
		dy_buf_adds(b, ",\"category\":");
		dy_buf_add_jstr(b, is->category);
		dy_buf_adds(b, ",\"count\":");
		add_ulong(b, is->count);
		dy_buf_adds(b, ",\"text\":");
		dy_buf_add_jstr(b, str_or(is->text, ""));
		dy_buf_adds(b, ",\"offsets\":[");
		add_ulong(b, is->start);
		dy_buf_addc(b, ',');
		add_ulong(b, is->end);
		dy_buf_adds(b, "]}");
	}
	dy_buf_addc(b, ']');
}

void dy_write_jsonl(dy_buf *b, const dy_result *r)
{
	for (size_t i = 0; i < r->nevents; i++) {
		const dy_event *ev = &r->events[i];
		dy_buf_add(b, "{\"type\":\"event\",\"doc\":", 22);
		dy_buf_add_jstr(b, doc_id(r));
		dy_buf_add(b, ",\"sent\":", 8);
		add_ulong(b, ev->sent);
		dy_buf_addc(b, ',');
		json_key(b, "date");
		dy_buf_add_jstr(b, event_date(r, ev));
		dy_buf_addc(b, ',');
		json_key(b, "date_precision");
		dy_buf_add_jstr(b, event_date(r, ev) ? str_or(ev->date_precision, "day") : NULL);
		dy_buf_addc(b, ',');
		json_key(b, "date_text");
		dy_buf_add_jstr(b, str_or(ev->date_text, ""));
		dy_buf_addc(b, ',');
		json_key(b, "source");
		dy_write_json_actor(b, &ev->source);
		dy_buf_addc(b, ',');
		json_key(b, "target");
		dy_write_json_actor(b, &ev->target);
		dy_buf_addc(b, ',');
		json_key(b, "code");
		dy_buf_add_jstr(b, str_or(ev->code, ""));
		dy_buf_addc(b, ',');
		json_key(b, "root");
		dy_buf_add_jstr(b, str_or(ev->root, ""));
		dy_buf_add(b, ",\"quad\":", 8);
		add_long(b, ev->quad);
		dy_buf_addc(b, ',');
		json_key(b, "goldstein");
		dy_write_goldstein(b, ev->goldstein);
		dy_buf_addc(b, ',');
		json_key(b, "plover");
		dy_buf_add_jstr(b, str_or(ev->plover, ""));
		dy_buf_addc(b, ',');
		json_key(b, "name");
		dy_buf_add_jstr(b, str_or(ev->name, ""));
		dy_buf_addc(b, ',');
		json_key(b, "evidence");
		json_text(b, r, ev->sent_start, ev->sent_end);
		dy_buf_add(b, ",\"offsets\":[", 12);
		add_ulong(b, ev->sent_start);
		dy_buf_addc(b, ',');
		add_ulong(b, ev->sent_end);
		dy_buf_add(b, "],", 2);
		dy_buf_add(b, "\"trigger\":{\"text\":", 18);
		json_text(b, r, ev->trig_start, ev->trig_end);
		dy_buf_add(b, ",\"offsets\":[", 12);
		add_ulong(b, ev->trig_start);
		dy_buf_addc(b, ',');
		add_ulong(b, ev->trig_end);
		dy_buf_add(b, "]},", 3);
		json_key(b, "rule");
		dy_buf_add_jstr(b, str_or(ev->rule, ""));
		dy_buf_addc(b, ',');
		json_key(b, "pattern");
		dy_buf_add_jstr(b, str_or(ev->pattern, ""));
		dy_buf_addc(b, ',');
		json_key(b, "location");
		json_place(b, ev->location);
		if (has_size(&ev->size)) {
			dy_buf_add(b, ",\"size\":{\"killed\":", 18);
			json_count(b, ev->size.killed);
			dy_buf_add(b, ",\"injured\":", 11);
			json_count(b, ev->size.injured);
			dy_buf_add(b, ",\"arrested\":", 12);
			json_count(b, ev->size.arrested);
			dy_buf_add(b, ",\"qualifier\":", 13);
			dy_buf_add_jstr(b, ev->size.qualifier);
			dy_buf_addc(b, '}');
		}
		if (ev->nissues) {
			dy_buf_adds(b, ",\"issues\":");
			dy_write_json_issues(b, ev->issues, ev->nissues);
		}
		dy_buf_add(b, "}\n", 2);
	}
	dy_write_jsonl_quotes(b, r);
}

void dy_write_json_quote(dy_buf *b, const dy_result *r, const dy_quote *q)
{
	dy_buf_add(b, "{\"type\":\"quote\",\"doc\":", 22);
	dy_buf_add_jstr(b, doc_id(r));
	dy_buf_add(b, ",\"sent\":", 8);
	add_ulong(b, q->sent);
	dy_buf_add(b, ",\"kind\":", 8);
	dy_buf_add_jstr(b, str_or(q->kind, "direct"));
	dy_buf_add(b, ",\"speaker\":{\"name\":", 19);
	dy_buf_add_jstr(b, q->speaker.name);
	dy_buf_add(b, ",\"code\":", 8);
	dy_buf_add_jstr(b, q->speaker.code);
	dy_buf_add(b, ",\"text\":", 8);
	dy_buf_add_jstr(b, q->speaker.text);
	if (q->speaker.via) {
		dy_buf_add(b, ",\"via\":", 7);
		dy_buf_add_jstr(b, q->speaker.via);
	}
	if (q->speaker.text) {
		dy_buf_adds(b, ",\"offsets\":[");
		add_ulong(b, q->speaker.start);
		dy_buf_addc(b, ',');
		add_ulong(b, q->speaker.end);
		dy_buf_addc(b, ']');
	}
	if (q->nmembers) {
		dy_buf_add(b, ",\"members\":[", 12);
		for (size_t i = 0; i < q->nmembers; i++) {
			dy_buf_adds(b, i ? ",{\"name\":" : "{\"name\":");
			dy_buf_add_jstr(b, q->members[i].name);
			dy_buf_add(b, ",\"code\":", 8);
			dy_buf_add_jstr(b, q->members[i].code);
			dy_buf_addc(b, '}');
		}
		dy_buf_addc(b, ']');
	}
	dy_buf_add(b, "},\"text\":", 9);
	dy_buf_add_jstr(b, str_or(q->text, ""));
	dy_buf_add(b, ",\"offsets\":[", 12);
	add_ulong(b, q->start);
	dy_buf_addc(b, ',');
	add_ulong(b, q->end);
	dy_buf_add(b, "]}\n", 3);
}

void dy_write_jsonl_quotes(dy_buf *b, const dy_result *r)
{
	for (size_t i = 0; i < r->nquotes; i++)
		dy_write_json_quote(b, r, &r->quotes[i]);
}

/* ---- TSV --------------------------------------------------------------- */

static void tsv_cell(dy_buf *b, const char *s)
{
	if (s)
		dy_buf_add_tsv(b, s, strlen(s));
	dy_buf_addc(b, '\t');
}

void dy_write_tsv(dy_buf *b, const dy_result *r)
{
	for (size_t i = 0; i < r->nevents; i++) {
		const dy_event *ev = &r->events[i];
		const char *p;
		size_t n;
		tsv_cell(b, doc_id(r));
		add_ulong(b, ev->sent);
		dy_buf_addc(b, '\t');
		tsv_cell(b, event_date(r, ev));
		tsv_cell(b, ev->source.code);
		tsv_cell(b, ev->source.name);
		tsv_cell(b, ev->source.text);
		tsv_cell(b, ev->target.code);
		tsv_cell(b, ev->target.name);
		tsv_cell(b, ev->target.text);
		tsv_cell(b, ev->code);
		tsv_cell(b, ev->root);
		add_long(b, ev->quad);
		dy_buf_addc(b, '\t');
		dy_write_goldstein(b, ev->goldstein);
		dy_buf_addc(b, '\t');
		tsv_cell(b, ev->plover);
		slice(r, ev->sent_start, ev->sent_end, &p, &n);
		dy_buf_add_tsv(b, p, n);
		dy_buf_addc(b, '\t');
		if (ev->rule)
			dy_buf_add_tsv(b, ev->rule, strlen(ev->rule));
		dy_buf_addc(b, '\t');
		/* The columns added with dates, places and counts. */
		tsv_cell(b, event_date(r, ev) ? str_or(ev->date_precision, "day") : NULL);
		tsv_cell(b, ev->date_text);
		const dy_place *pl = ev->location;
		tsv_cell(b, pl ? pl->name : NULL);
		tsv_cell(b, pl ? pl->country : NULL);
		tsv_cell(b, pl ? pl->admin1 : NULL);
		if (pl && pl->has_coords)
			add_coord(b, pl->lat);
		dy_buf_addc(b, '\t');
		if (pl && pl->has_coords)
			add_coord(b, pl->lon);
		dy_buf_addc(b, '\t');
		long counts[3] = {ev->size.killed, ev->size.injured, ev->size.arrested};
		for (int k = 0; k < 3; k++) {
			if (counts[k] >= 0)
				add_long(b, counts[k]);
			dy_buf_addc(b, '\t');
		}
		if (ev->size.qualifier && has_size(&ev->size))
			dy_buf_add_tsv(b, ev->size.qualifier, strlen(ev->size.qualifier));
		dy_buf_addc(b, '\n');
	}
}

static void members_cell(dy_buf *b, const dy_quote *q)
{
	for (size_t i = 0; i < q->nmembers; i++) {
		if (i)
			dy_buf_add(b, "; ", 2);
		const char *nm = str_or(q->members[i].name, "");
		dy_buf_add_tsv(b, nm, strlen(nm));
		if (q->members[i].code) {
			dy_buf_add(b, " (", 2);
			dy_buf_add_tsv(b, q->members[i].code, strlen(q->members[i].code));
			dy_buf_addc(b, ')');
		}
	}
	dy_buf_addc(b, '\t');
}

void dy_write_tsv_quotes(dy_buf *b, const dy_result *r)
{
	for (size_t i = 0; i < r->nquotes; i++) {
		const dy_quote *q = &r->quotes[i];
		tsv_cell(b, doc_id(r));
		add_ulong(b, q->sent);
		dy_buf_addc(b, '\t');
		tsv_cell(b, q->kind);
		tsv_cell(b, q->speaker.name);
		tsv_cell(b, q->speaker.code);
		tsv_cell(b, q->speaker.text);
		members_cell(b, q);
		tsv_cell(b, q->text);
		add_ulong(b, q->start);
		dy_buf_addc(b, '\t');
		add_ulong(b, q->end);
		dy_buf_addc(b, '\n');
	}
}

/* ---- table ------------------------------------------------------------- */

/* Decodes one character of s[0..n); returns its length in bytes (at least
 * 1) and sets *width to its display width. Invalid bytes count as one
 * column each. */
static size_t next_char(const char *s, size_t n, int *width)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
	if (k <= 0) {
		*width = 1;
		return 1;
	}
	int w = utf8proc_charwidth(cp);
	*width = w < 0 ? 0 : w;
	return (size_t)k;
}

size_t dy_display_width(const char *s, size_t n)
{
	size_t cols = 0;
	for (size_t i = 0; i < n;) {
		int w;
		i += next_char(s + i, n - i, &w);
		cols += (size_t)w;
	}
	return cols;
}

/* Appends s[0..n) to b with every run of white space (and control
 * characters) made one space and the ends trimmed. */
static void add_clean(dy_buf *b, const char *s, size_t n)
{
	int space = 0;
	size_t start = b->len;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == 0x7f) {
			space = 1;
			continue;
		}
		if (space && b->len > start)
			dy_buf_addc(b, ' ');
		space = 0;
		dy_buf_addc(b, (char)c);
	}
}

/* Appends s[0..n) cut to at most width columns, ending in "…" when cut,
 * and padded with spaces to width when pad is set. */
static void add_fit(dy_buf *b, const char *s, size_t n, size_t width, int pad)
{
	size_t total = dy_display_width(s, n);
	size_t cols = 0, i = 0;
	if (total <= width) {
		dy_buf_add(b, s, n);
		cols = total;
	} else if (width > 0) {
		while (i < n) {
			int w;
			size_t k = next_char(s + i, n - i, &w);
			if (cols + (size_t)w > width - 1)
				break;
			cols += (size_t)w;
			i += k;
		}
		/* Do not leave a space before the ellipsis. */
		size_t end = i;
		while (end > 0 && s[end - 1] == ' ') {
			end--;
			cols--;
		}
		dy_buf_add(b, s, end);
		dy_buf_adds(b, "\xe2\x80\xa6");
		cols++;
	}
	if (pad)
		for (; cols < width; cols++)
			dy_buf_addc(b, ' ');
}

/* Appends the event's sentence cut to width columns. When the words that
 * fired would fall outside, the start is cut instead ("… words that fired
 * …") so that they show. tmp is scratch space. */
static void add_evidence(dy_buf *b, const dy_result *r, const dy_event *ev, size_t width, dy_buf *tmp)
{
	const char *p;
	size_t n;
	dy_buf_clear(tmp);
	slice(r, ev->sent_start, ev->sent_end, &p, &n);
	add_clean(tmp, p, n);
	const char *text = tmp->s ? tmp->s : "";
	size_t len = tmp->len;
	size_t total = dy_display_width(text, len);
	size_t skip = 0; /* bytes of text left out at the start */
	if (total > width && ev->trig_end > ev->trig_start && ev->trig_start >= ev->sent_start) {
		/* Where the trigger ends, in columns of the cleaned sentence. */
		dy_buf head = DY_BUF_INIT;
		slice(r, ev->sent_start, ev->trig_end, &p, &n);
		add_clean(&head, p, n);
		size_t at = dy_display_width(head.s ? head.s : "", head.len);
		dy_buf_release(&head);
		if (at + 8 > width) {
			/* Start about two thirds of the width before the trigger's end,
			 * at the next word. */
			size_t want = at - (width * 2) / 3, cols = 0;
			while (skip < len && cols < want) {
				int w;
				skip += next_char(text + skip, len - skip, &w);
				cols += (size_t)w;
			}
			while (skip < len && text[skip] != ' ')
				skip++;
			while (skip < len && text[skip] == ' ')
				skip++;
		}
	}
	if (skip && skip < len) {
		dy_buf_adds(b, "\xe2\x80\xa6 ");
		add_fit(b, text + skip, len - skip, width > 2 ? width - 2 : 0, 0);
	} else {
		add_fit(b, text, len, width, 0);
	}
}

enum { COL_SOURCE, COL_EVENT, COL_TARGET, COL_PLACE, NCOLS };

/* Builds the cleaned source, event, target and place cells of an event. */
static void table_cells(const dy_event *ev, dy_buf cells[NCOLS])
{
	for (int c = 0; c < NCOLS; c++)
		dy_buf_clear(&cells[c]);
	const dy_actor_ref *actors[2] = {&ev->source, &ev->target};
	for (int k = 0; k < 2; k++) {
		dy_buf *cell = &cells[k == 0 ? COL_SOURCE : COL_TARGET];
		const char *code = str_or(actors[k]->code, "---");
		add_clean(cell, code, strlen(code));
		if (actors[k]->text && *actors[k]->text) {
			dy_buf_addc(cell, ' ');
			add_clean(cell, actors[k]->text, strlen(actors[k]->text));
		}
		dy_buf_addc(cell, '\0');
		cell->len--;
	}
	const char *code = str_or(ev->code, "---");
	add_clean(&cells[COL_EVENT], code, strlen(code));
	if (ev->name && *ev->name) {
		dy_buf_addc(&cells[COL_EVENT], ' ');
		add_clean(&cells[COL_EVENT], ev->name, strlen(ev->name));
	}
	dy_buf_addc(&cells[COL_EVENT], '\0');
	cells[COL_EVENT].len--;
	const dy_place *p = ev->location;
	if (p && p->name) {
		add_clean(&cells[COL_PLACE], p->name, strlen(p->name));
		if (p->country) {
			dy_buf_addc(&cells[COL_PLACE], ' ');
			dy_buf_adds(&cells[COL_PLACE], p->country);
		}
	}
	dy_buf_addc(&cells[COL_PLACE], '\0');
	cells[COL_PLACE].len--;
}

/* The counts of an event as "killed more than 140, injured 50". */
static void add_size(dy_buf *b, const dy_size *z)
{
	static const char *const names[] = {"killed", "injured", "arrested"};
	long v[3] = {z->killed, z->injured, z->arrested};
	int n = 0;
	for (int k = 0; k < 3; k++) {
		if (v[k] < 0)
			continue;
		if (n++)
			dy_buf_adds(b, ", ");
		dy_buf_adds(b, names[k]);
		dy_buf_addc(b, ' ');
		if (z->qualifier) {
			dy_buf_adds(b, z->qualifier);
			dy_buf_addc(b, ' ');
		}
		add_long(b, v[k]);
	}
}

/* The issues of an event as "issues OIL 2, LITERACY 1" (PETRARCH's form). */
static void add_issues(dy_buf *b, const dy_event *ev)
{
	dy_buf_adds(b, "issues ");
	for (size_t k = 0; k < ev->nissues; k++) {
		if (k)
			dy_buf_adds(b, ", ");
		const char *code = str_or(ev->issues[k].code, "");
		add_clean(b, code, strlen(code));
		dy_buf_addc(b, ' ');
		add_ulong(b, ev->issues[k].count);
	}
}

/* The quotations under the events: "  SENT  SPEAKER [CODE]: “TEXT”". */
static void table_quotes(dy_buf *b, const dy_result *r, size_t total, dy_buf *line)
{
	if (!r->nquotes)
		return;
	dy_buf_adds(b, "QUOTES\n");
	for (size_t i = 0; i < r->nquotes; i++) {
		const dy_quote *q = &r->quotes[i];
		dy_buf_clear(line);
		dy_buf_adds(line, "  ");
		char num[24];
		snprintf(num, sizeof(num), "%-4u", q->sent);
		dy_buf_adds(line, num);
		dy_buf_addc(line, ' ');
		const char *who = q->speaker.name ? q->speaker.name : "(unknown speaker)";
		add_clean(line, who, strlen(who));
		if (q->speaker.code) {
			dy_buf_adds(line, " [");
			dy_buf_adds(line, q->speaker.code);
			dy_buf_addc(line, ']');
		}
		dy_buf_adds(line, q->kind && !strcmp(q->kind, "reported") ? " (reported): " : ": \xe2\x80\x9c");
		add_clean(line, q->text ? q->text : "", q->text ? strlen(q->text) : 0);
		if (!(q->kind && !strcmp(q->kind, "reported")))
			dy_buf_adds(line, "\xe2\x80\x9d");
		add_fit(b, line->s, line->len, total, 0);
		dy_buf_addc(b, '\n');
	}
}

void dy_write_table(dy_buf *b, const dy_result *r, int width)
{
	static const char *const heads[NCOLS] = {"SOURCE", "EVENT", "TARGET", "PLACE"};
	static const size_t caps[NCOLS] = {20, 28, 20, 14};
	const size_t date_w = 10, gap = 2, min_evidence = 24;
	size_t total = width > 0 ? (size_t)width : DY_TABLE_WIDTH;
	dy_buf cells[NCOLS] = {DY_BUF_INIT, DY_BUF_INIT, DY_BUF_INIT, DY_BUF_INIT};
	dy_buf line = DY_BUF_INIT;

	/* The heading: "== id (date) title", cut to the width. */
	dy_buf_adds(&line, "== ");
	add_clean(&line, doc_id(r), strlen(doc_id(r)));
	const char *date = r->doc ? r->doc->date : NULL;
	dy_buf_adds(&line, " (");
	dy_buf_adds(&line, date ? date : "no date");
	dy_buf_addc(&line, ')');
	if (r->doc && r->doc->title && *r->doc->title) {
		dy_buf_addc(&line, ' ');
		add_clean(&line, r->doc->title, strlen(r->doc->title));
	}
	add_fit(b, line.s, line.len, total, 0);
	dy_buf_addc(b, '\n');

	if (r->nevents == 0) {
		dy_buf_adds(b, "(no events)\n");
		table_quotes(b, r, total, &line);
		goto out;
	}

	/* Column widths: the widest cell, within a cap, at least the heading. */
	size_t colw[NCOLS];
	for (int c = 0; c < NCOLS; c++)
		colw[c] = strlen(heads[c]);
	for (size_t i = 0; i < r->nevents; i++) {
		table_cells(&r->events[i], cells);
		for (int c = 0; c < NCOLS; c++) {
			size_t w = dy_display_width(cells[c].s, cells[c].len);
			if (w > caps[c])
				w = caps[c];
			if (w > colw[c])
				colw[c] = w;
		}
	}
	size_t used = date_w + gap;
	for (int c = 0; c < NCOLS; c++)
		used += colw[c] + gap;
	size_t evidence_w = used + min_evidence < total ? total - used : min_evidence;

	dy_buf_adds(b, "DATE        ");
	for (int c = 0; c < NCOLS; c++) {
		add_fit(b, heads[c], strlen(heads[c]), colw[c], 1);
		dy_buf_adds(b, "  ");
	}
	dy_buf_adds(b, "EVIDENCE\n");

	for (size_t i = 0; i < r->nevents; i++) {
		const dy_event *ev = &r->events[i];
		const char *d = event_date(r, ev);
		add_fit(b, d ? d : "-", d ? strlen(d) : 1, date_w, 1);
		dy_buf_adds(b, "  ");
		table_cells(ev, cells);
		for (int c = 0; c < NCOLS; c++) {
			add_fit(b, cells[c].s, cells[c].len, colw[c], 1);
			dy_buf_adds(b, "  ");
		}
		add_evidence(b, r, ev, evidence_w, &line);
		dy_buf_addc(b, '\n');
		if (has_size(&ev->size)) {
			dy_buf_clear(&line);
			add_size(&line, &ev->size);
			dy_buf_adds(b, "            ");
			add_fit(b, line.s, line.len, total > 12 ? total - 12 : 0, 0);
			dy_buf_addc(b, '\n');
		}
		if (ev->nissues) {
			dy_buf_clear(&line);
			add_issues(&line, ev);
			dy_buf_adds(b, "            ");
			add_fit(b, line.s, line.len, total > 12 ? total - 12 : 0, 0);
			dy_buf_addc(b, '\n');
		}
	}
	table_quotes(b, r, total, &line);
out:
	for (int c = 0; c < NCOLS; c++)
		dy_buf_release(&cells[c]);
	dy_buf_release(&line);
}
