/* store-args.c - what the store commands share: parsing their arguments
 * (cli_query_parse), --db, the query filters with their checks and
 * messages, opening the store, printing rows. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/reader.h"

void cli_query_init(cli_query *q)
{
	memset(q, 0, sizeof(*q));
	q->db = NULL;
	q->fmt = DY_EXPORT_TABLE;
}

const char *cli_db_path(const cli_query *q)
{
	return q->db ? q->db : dy_store_default_path();
}

/* Copies an actor code prefix upper-cased into out; 0 when it is not one. */
static int actor_code(const char *v, char *out, size_t cap)
{
	size_t n = strlen(v);
	if (n == 0 || n >= cap)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (!isalnum((unsigned char)v[i]))
			return 0;
		out[i] = (char)toupper((unsigned char)v[i]);
	}
	out[n] = '\0';
	return 1;
}

static int all_digits(const char *v, size_t min, size_t max)
{
	size_t n = strlen(v);
	if (n < min || n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)v[i]))
			return 0;
	return 1;
}

int cli_check_date(const char *v)
{
	if (dy_date_valid(v))
		return 1;
	cli_error("malformed date '%s' (want YYYY-MM-DD)", v);
	return 0;
}

int cli_query_opt(cli_query *q, int id, const char *v)
{
	dy_store_filter *f = &q->f;
	switch (id) {
	case OPT_DB:
		if (!*v) {
			cli_error("option '--db' needs a file name");
			return -1;
		}
		q->db = v;
		return 1;
	case OPT_ACTOR:
	case OPT_SOURCE:
	case OPT_TARGET: {
		char *dst = id == OPT_ACTOR ? q->actor : id == OPT_SOURCE ? q->source : q->target;
		if (!actor_code(v, dst, sizeof(q->actor))) {
			cli_error("invalid actor code '%s' (want letters and digits, e.g. RUS or RUSGOV)", v);
			return -1;
		}
		if (id == OPT_ACTOR)
			f->actor = dst;
		else if (id == OPT_SOURCE)
			f->source = dst;
		else
			f->target = dst;
		return 1;
	}
	case OPT_CODE:
		if (!all_digits(v, 1, 4)) {
			cli_error("invalid CAMEO code '%s' (want 1 to 4 digits, e.g. 05, 054 or 0211)", v);
			return -1;
		}
		snprintf(q->code, sizeof(q->code), "%s", v);
		f->code = q->code;
		return 1;
	case OPT_ROOT:
		if (!all_digits(v, 1, 2) || atoi(v) < 1 || atoi(v) > 20) {
			cli_error("invalid CAMEO root '%s' (want 01 to 20)", v);
			return -1;
		}
		snprintf(q->root, sizeof(q->root), "%02d", atoi(v));
		f->root = q->root;
		return 1;
	case OPT_QUAD: {
		unsigned quads = 0;
		const char *p = v;
		for (;;) {
			if (*p < '1' || *p > '4' || (p[1] && p[1] != ',')) {
				cli_error("invalid quad class '%s' (want 1 to 4, or a list such as 3,4)", v);
				return -1;
			}
			quads |= 1u << (*p - '0');
			if (!p[1])
				break;
			p += 2;
		}
		f->quads = quads;
		return 1;
	}
	case OPT_SINCE:
	case OPT_UNTIL:
		if (!cli_check_date(v))
			return -1;
		if (id == OPT_SINCE)
			f->since = v;
		else
			f->until = v;
		return 1;
	case OPT_WORDS:
		f->words = v;
		return 1;
	case OPT_LIMIT:
		f->limit = cli_parse_count(v, 1000000000L);
		if (!f->limit) {
			cli_error("invalid limit '%s' (want a positive number)", v);
			return -1;
		}
		return 1;
	case OPT_SORT:
		if (strcmp(v, "date") == 0)
			f->order = DY_ORDER_DATE;
		else if (strcmp(v, "newest") == 0)
			f->order = DY_ORDER_NEWEST;
		else if (strcmp(v, "mentions") == 0)
			f->order = DY_ORDER_MENTIONS;
		else {
			cli_error("unknown order '%s' (use date, newest or mentions)", v);
			return -1;
		}
		return 1;
	}
	return 0;
}

int cli_query_done(const cli_query *q)
{
	if (q->f.since && q->f.until && strcmp(q->f.since, q->f.until) > 0) {
		cli_error("--since %s is after --until %s", q->f.since, q->f.until);
		return -1;
	}
	return 0;
}

int cli_query_parse(const cli_query_cmd *cmd, void *ctx, int argc, char **argv, cli_query *q)
{
	cli_args a;
	int id;
	cli_query_init(q);
	q->fmt = cmd->fmt;
	cli_args_init(&a, argc, argv, cmd->opts);
	while ((id = cli_next(&a)) != CLI_END) {
		if (id == CLI_ERROR)
			return cli_usage_error(cmd->name);
		if (id == OPT_HELP)
			return cli_help(cmd->name);
		if (id == OPT_QUERY_FORMAT) {
			if (cli_query_format(a.value, cmd->formats, &q->fmt) < 0)
				return cli_usage_error(cmd->name);
			continue;
		}
		int r = cmd->own ? cmd->own(ctx, q, id, a.value) : 0;
		if (r == 0 && id == CLI_OPERAND) {
			cli_error("unexpected argument '%s'", a.value);
			r = -1;
		}
		if (r == 0)
			r = cli_query_opt(q, id, a.value);
		if (r < 0)
			return cli_usage_error(cmd->name);
	}
	if ((cmd->own && cmd->own(ctx, q, CLI_END, NULL) < 0) || cli_query_done(q) < 0)
		return cli_usage_error(cmd->name);
	return CLI_GO;
}

int cli_query_format(const char *v, const char *allowed, enum dy_export_format *out)
{
	enum dy_export_format f;
	char pat[32];
	snprintf(pat, sizeof(pat), " %s ", v);
	char list[128];
	snprintf(list, sizeof(list), " %s ", allowed);
	if (strlen(v) < 20 && dy_export_format_parse(v, &f) == 0 && strstr(list, pat)) {
		*out = f;
		return 0;
	}
	/* "table, jsonl or csv" */
	char words[8][16];
	int n = 0;
	const char *p = allowed;
	while (*p && n < 8) {
		while (*p == ' ')
			p++;
		int k = 0;
		while (*p && *p != ' ' && k < 15)
			words[n][k++] = *p++;
		words[n][k] = '\0';
		if (k)
			n++;
	}
	char msg[160] = "";
	for (int i = 0; i < n; i++) {
		strcat(msg, words[i]);
		strcat(msg, i + 2 < n ? ", " : i + 2 == n ? " or " : "");
	}
	cli_error("unknown format '%s' (use %s)", v, msg);
	return -1;
}

dy_store *cli_open_store(const char *path, enum dy_store_mode mode)
{
	dy_error err;
	dy_error_clear(&err);
	dy_store *s = dy_store_open(path, mode, &err);
	if (!s)
		cli_error("%s", err.msg[0] ? err.msg : dy_strerror(err.code));
	return s;
}

/* ---- output ----------------------------------------------------------------------- */

void cli_out_init(cli_out *o, enum dy_export_format fmt)
{
	memset(o, 0, sizeof(*o));
	o->fmt = fmt;
	o->f = stdout;
	dy_buf_init(&o->buf);
	dy_rows_init(&o->rows, fmt);
}

void cli_out_flush(cli_out *o)
{
	if (o->buf.len) {
		fwrite(o->buf.s, 1, o->buf.len, o->f);
		dy_buf_clear(&o->buf);
	}
}

int cli_out_row(void *ctx, size_t ncols, const char *const *names, const dy_value *vals)
{
	cli_out *o = ctx;
	dy_rows_add(&o->rows, &o->buf, ncols, names, vals);
	o->n++;
	if (o->buf.len > (1u << 16))
		cli_out_flush(o);
	return ferror(o->f) ? 1 : 0;
}

void cli_out_finish(cli_out *o)
{
	dy_rows_end(&o->rows, &o->buf);
	cli_out_flush(o);
	dy_rows_release(&o->rows);
	dy_buf_release(&o->buf);
}

int cli_rows_begin(cli_rows *r, const cli_query *q, enum dy_store_mode mode)
{
	if (!(r->s = cli_open_store(cli_db_path(q), mode)))
		return -1;
	dy_error_clear(&r->err);
	cli_out_init(&r->o, q->fmt);
	return 0;
}

int cli_rows_end(cli_rows *r, int rc)
{
	cli_out_finish(&r->o);
	dy_store_close(r->s);
	r->s = NULL;
	return rc < 0 ? cli_store_error(&r->err) : CLI_OK;
}

/* Prints a store error and returns the exit status it calls for. */
int cli_store_error(const dy_error *err)
{
	cli_error("%s", err->msg[0] ? err->msg : dy_strerror(err->code));
	return err->code == DY_ESYNTAX || err->code == DY_EINVAL ? CLI_USAGE : CLI_FAIL;
}

/* ---- events ---------------------------------------------------------------------------- */

typedef struct events_out {
	enum dy_export_format fmt;
	FILE *f;
	dy_buf buf;
	size_t written, left_out;
} events_out;

static int event_fn(const dy_store_event *e, void *ctx)
{
	events_out *o = ctx;
	if (dy_export_event(&o->buf, o->fmt, e))
		o->left_out++;
	else
		o->written++;
	if (o->buf.len > (1u << 16)) {
		fwrite(o->buf.s, 1, o->buf.len, o->f);
		dy_buf_clear(&o->buf);
		if (ferror(o->f))
			return 1;
	}
	return 0;
}

int cli_write_events(dy_store *s, const dy_store_filter *f, enum dy_export_format fmt, int header, FILE *out,
		     size_t *written, size_t *left_out, dy_error *err)
{
	events_out o;
	memset(&o, 0, sizeof(o));
	o.fmt = fmt;
	o.f = out;
	dy_buf_init(&o.buf);
	if (header)
		dy_export_header(&o.buf, fmt);
	unsigned flags = dy_export_needs_mentions(fmt) ? DY_STORE_MENTIONS : dy_export_brief(fmt) ? DY_STORE_BRIEF : 0;
	int rc = dy_store_events(s, f, flags, event_fn, &o, err);
	if (o.buf.len && (rc == 0 || rc == 1))
		fwrite(o.buf.s, 1, o.buf.len, out);
	dy_buf_release(&o.buf);
	*written = o.written;
	*left_out = o.left_out;
	return rc < 0 ? rc : 0;
}
