/* cmd-quotes.c - `dyad quotes [FILE...]`: the quotations of documents, by
 * speaker.
 *
 * Codes each document as `dyad code` does and keeps its quotations
 * (direct and reported; src/quote/quote.h says how speakers are found).
 * --speaker keeps those whose speaker (or a member of a group speaker) has
 * that code, or whose name, words or antecedent ("analysts A and B")
 * contain the words (any case). The table
 * groups them by speaker, speakers in order of their first quotation;
 * jsonl and tsv write them in document order as `dyad code` does.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/mem.h"
#include "cli/cli.h"
#include "io/reader.h"
#include "io/write.h"

enum { OPT_FORMAT = OPT_FIRST_OWN, OPT_SPEAKER, OPT_QUIET };

const cli_option cmd_quotes_options[] = {
	{OPT_FORMAT, 'f', "format", "FMT", "output format: table (default), jsonl or tsv"},
	{OPT_SPEAKER, 's', "speaker", "WHO", "only quotations by WHO: an actor code or words of the speaker's name"},
	CLI_OPT_DATA,
	CLI_OPT_DICT,
	{OPT_QUIET, 'q', "quiet", NULL, "do not print warnings"},
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

/* A quotation copied out of the worker's result, for the table. */
typedef struct kept {
	char *speaker;  /* "Name [CODE]" or "(unknown speaker)" */
	char *where;    /* "doc:sent" */
	char *text;
	int reported;
	size_t group;   /* index of the speaker's first quotation */
} kept;

typedef struct quotes_ctx {
	const char *who;
	enum dy_out_format fmt;
	int quiet;
	kept *kept;
	size_t nkept, cap;
	size_t coded, skipped;
	dy_buf out;
} quotes_ctx;

static int contains(const char *hay, const char *needle)
{
	if (!hay)
		return 0;
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

static int wanted(const quotes_ctx *x, const dy_quote *q)
{
	if (!x->who)
		return 1;
	if ((q->speaker.code && strcmp(q->speaker.code, x->who) == 0) || contains(q->speaker.name, x->who) ||
	    contains(q->speaker.text, x->who) || contains(q->speaker.via, x->who))
		return 1;
	for (size_t i = 0; i < q->nmembers; i++)
		if ((q->members[i].code && strcmp(q->members[i].code, x->who) == 0) ||
		    contains(q->members[i].name, x->who))
			return 1;
	return 0;
}

/* "Name [CODE]", or with members "A and B [KGZMED, AFGEDU]". */
static char *speaker_label(const dy_quote *q)
{
	dy_buf b = DY_BUF_INIT;
	if (!q->speaker.name) {
		dy_buf_adds(&b, "(unknown speaker)");
		return dy_buf_detach(&b);
	}
	dy_buf_adds(&b, q->speaker.name);
	if (q->speaker.code) {
		dy_buf_addf(&b, " [%s]", q->speaker.code);
	} else if (q->nmembers) {
		int any = 0;
		for (size_t i = 0; i < q->nmembers; i++) {
			if (!q->members[i].code)
				continue;
			dy_buf_adds(&b, any ? ", " : " [");
			dy_buf_adds(&b, q->members[i].code);
			any = 1;
		}
		if (any)
			dy_buf_addc(&b, ']');
	}
	return dy_buf_detach(&b);
}

static void keep(quotes_ctx *x, const dy_result *r, const dy_quote *q)
{
	DY_GROW(x->kept, x->cap, x->nkept + 1);
	kept *k = &x->kept[x->nkept];
	k->speaker = speaker_label(q);
	dy_buf b = DY_BUF_INIT;
	dy_buf_addf(&b, "%s:%u", r->doc && r->doc->id ? r->doc->id : "", q->sent);
	k->where = dy_buf_detach(&b);
	k->text = dy_xstrdup(q->text ? q->text : "");
	k->reported = q->kind && strcmp(q->kind, "reported") == 0;
	k->group = x->nkept;
	for (size_t i = 0; i < x->nkept; i++)
		if (strcmp(x->kept[i].speaker, k->speaker) == 0) {
			k->group = x->kept[i].group;
			break;
		}
	x->nkept++;
}

static int cmp_kept(const void *a, const void *b)
{
	const kept *x = a, *y = b;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	return 0;
}

/* Text with runs of white space made one space. */
static void add_flat(dy_buf *b, const char *s)
{
	int sp = 0;
	for (; *s; s++) {
		if ((unsigned char)*s <= ' ') {
			sp = 1;
			continue;
		}
		if (sp)
			dy_buf_addc(b, ' ');
		sp = 0;
		dy_buf_addc(b, *s);
	}
}

static void print_table(quotes_ctx *x)
{
	/* A stable sort by speaker group: qsort on (group, index) made one key. */
	if (!x->nkept) {
		printf("(no quotations)\n");
		return;
	}
	for (size_t i = 0; i < x->nkept; i++)
		x->kept[i].group = x->kept[i].group * (x->nkept + 1) + i;
	qsort(x->kept, x->nkept, sizeof(kept), cmp_kept);
	size_t n1 = x->nkept + 1;
	for (size_t i = 0; i < x->nkept; i++) {
		kept *k = &x->kept[i];
		if (i == 0 || k->group / n1 != x->kept[i - 1].group / n1) {
			size_t n = 0;
			for (size_t j = i; j < x->nkept && x->kept[j].group / n1 == k->group / n1; j++)
				n++;
			printf("%s== %s: %zu quotation%s\n", i ? "\n" : "", k->speaker, n, n == 1 ? "" : "s");
		}
		dy_buf line = DY_BUF_INIT;
		dy_buf_addf(&line, "  %s  ", k->where);
		if (k->reported)
			dy_buf_adds(&line, "(reported) ");
		else
			dy_buf_adds(&line, "\xe2\x80\x9c");
		add_flat(&line, k->text);
		if (!k->reported)
			dy_buf_adds(&line, "\xe2\x80\x9d");
		size_t w = dy_display_width(line.s, line.len);
		if (w > DY_TABLE_WIDTH) {
			/* Cut at a character boundary to the width, with "…". */
			size_t cols = 0, i2 = 0;
			while (i2 < line.len) {
				size_t l = 1;
				while (i2 + l < line.len && ((unsigned char)line.s[i2 + l] & 0xc0) == 0x80)
					l++;
				size_t cw = dy_display_width(line.s + i2, l);
				if (cols + cw > DY_TABLE_WIDTH - 1)
					break;
				cols += cw;
				i2 += l;
			}
			line.len = i2;
			line.s[i2] = '\0';
			dy_buf_adds(&line, "\xe2\x80\xa6");
		}
		printf("%s\n", line.s);
		dy_buf_release(&line);
	}
}

static void code_doc(quotes_ctx *x, dy_worker *w, const dy_doc *d)
{
	const dy_result *r = NULL;
	dy_error err;
	dy_error_clear(&err);
	int rc = dy_worker_code(w, d, 0, &r, &err);
	const char *origin = d->origin ? d->origin : "-";
	if (rc < 0 || !r) {
		if (rc == DY_EEMPTY)
			cli_error("%s:%ld: document '%s' has no words", origin, d->line, d->id);
		else
			cli_error("%s:%ld: document '%s': %s", origin, d->line, d->id,
				  err.msg[0] ? err.msg : dy_strerror(rc));
		x->skipped++;
		return;
	}
	if (!x->quiet && !d->date)
		cli_warning("%s:%ld: document '%s' has no date; events are coded without dates", origin, d->line, d->id);
	x->coded++;
	for (size_t i = 0; i < r->nquotes; i++) {
		const dy_quote *q = &r->quotes[i];
		if (!wanted(x, q))
			continue;
		if (x->fmt == DY_OUT_TABLE) {
			keep(x, r, q);
		} else {
			dy_buf_clear(&x->out);
			if (x->fmt == DY_OUT_JSONL) {
				dy_write_json_quote(&x->out, r, q);
			} else {
				dy_result one = *r;
				one.quotes = q;
				one.nquotes = 1;
				dy_write_tsv_quotes(&x->out, &one);
			}
			fwrite(x->out.s, 1, x->out.len, stdout);
		}
	}
}

int cmd_quotes(int argc, char **argv)
{
	quotes_ctx x;
	cli_coder_opts copts;
	cli_args a;
	int id, rc = CLI_OK;
	size_t nfiles = 0;
	char **files = dy_xcalloc((size_t)argc + 1, sizeof(char *));
	memset(&x, 0, sizeof(x));
	x.fmt = DY_OUT_TABLE;
	cli_coder_opts_init(&copts);
	cli_args_init(&a, argc, argv, cmd_quotes_options);
	while ((id = cli_next(&a)) != CLI_END) {
		switch (id) {
		case CLI_ERROR:
			rc = cli_usage_error("quotes");
			goto out;
		case CLI_OPERAND:
			files[nfiles++] = (char *)a.value;
			break;
		case OPT_HELP:
			rc = cli_help("quotes");
			goto out;
		case OPT_FORMAT:
			if (dy_out_format_parse(a.value, &x.fmt) < 0) {
				cli_error("unknown format '%s' (use table, jsonl or tsv)", a.value);
				rc = cli_usage_error("quotes");
				goto out;
			}
			break;
		case OPT_SPEAKER:
			if (!*a.value) {
				cli_error("option '--speaker' needs a code or a name");
				rc = cli_usage_error("quotes");
				goto out;
			}
			x.who = a.value;
			break;
		case OPT_QUIET:
			x.quiet = copts.quiet = 1;
			break;
		default:
			cli_coder_opt(&copts, id, a.value);
		}
	}
	if (!nfiles)
		files[nfiles++] = "-";
	dy_coder *coder = cli_load_coder(&copts);
	if (!coder) {
		rc = CLI_FAIL;
		goto out;
	}
	if (x.fmt == DY_OUT_TSV)
		printf("%s\n", DY_TSV_QUOTE_HEADER);
	dy_worker *w = dy_worker_new(coder);
	for (size_t f = 0; f < nfiles; f++) {
		dy_error err;
		dy_error_clear(&err);
		dy_reader *rd = dy_reader_open(files[f], DY_FMT_AUTO, &err);
		if (!rd) {
			cli_error("%s", err.msg[0] ? err.msg : dy_strerror(err.code));
			x.skipped++;
			continue;
		}
		for (;;) {
			dy_doc d;
			dy_error_clear(&err);
			int st = dy_reader_next(rd, &d, &err);
			if (st == 0)
				break;
			if (st < 0) {
				cli_error("%s", err.msg[0] ? err.msg : dy_strerror(st));
				x.skipped++;
				continue;
			}
			code_doc(&x, w, &d);
		}
		dy_reader_close(rd);
	}
	if (x.fmt == DY_OUT_TABLE)
		print_table(&x);
	dy_worker_free(w);
	dy_coder_free(coder);
	if (x.skipped) {
		fprintf(stderr, "dyad: %zu document%s coded, %zu skipped\n", x.coded, x.coded == 1 ? "" : "s", x.skipped);
		rc = CLI_FAIL;
	}
out:
	for (size_t i = 0; i < x.nkept; i++) {
		free(x.kept[i].speaker);
		free(x.kept[i].where);
		free(x.kept[i].text);
	}
	free(x.kept);
	dy_buf_release(&x.out);
	free(files);
	cli_coder_opts_release(&copts);
	return rc;
}
