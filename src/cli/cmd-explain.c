/* cmd-explain.c - `dyad explain "SENTENCE"`: code one sentence as a
 * one-document text with DY_CODE_EXPLAIN and print the trace (tokens, tags,
 * actors, patterns tried and fired), then the events.
 *
 * With TABARI or PETRARCH dictionaries (--dict) the coder is theirs
 * (compat/compat.h), and its trace is another: first comes which coder and
 * which files, and what its trace does and does not show; after the trace,
 * each event with the pattern and dictionary lines it came from and its
 * issues. */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "compat/compat.h"
#include "io/reader.h"
#include "io/write.h"
#include "pipeline/pipeline.h"

enum { OPT_DATE = OPT_FIRST_OWN, OPT_FORMAT };

const cli_option cmd_explain_options[] = {
	{OPT_DATE, 'd', "date", "YYYY-MM-DD", "the document date (it decides date-restricted actors)"},
	{OPT_FORMAT, 'f', "format", "FMT", "how to print the events: table (default), jsonl or tsv"},
	CLI_OPT_DATA,
	CLI_OPT_DICT,
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

/* What the TABARI/PETRARCH coder is and read, before its trace. */
static void compat_header(dy_buf *b, const dy_compat *x)
{
	int petr = dy_compat_petrarch(x);
	dy_buf_addf(b, "coder: dyad's TABARI/PETRARCH coder (src/compat), not dyad's own: %s\n",
		    petr ? "PETRARCH's dictionaries; a sentence without a parse tree is coded with TABARI's shallow rules"
			 : "TABARI's rules (a sentence of fewer than 8 words is not coded)");
	const char *const *paths;
	const int *kinds;
	size_t n = dy_compat_files(x, &paths, &kinds);
	int issues = 0;
	dy_buf_addf(b, "dictionaries (%zu):\n", n);
	for (size_t i = 0; i < n; i++) {
		dy_buf_addf(b, "  %s (%s)\n", paths[i], dy_dict_kind_name(kinds[i]));
		issues |= kinds[i] == DY_DK_PETR_ISSUES;
	}
	dy_buf_addf(b, "trace: the words as the coder classed them, the actors (file:line), each verb with the pattern "
		       "that fired or its own code%s; the patterns tried and rejected are not recorded\n\n",
		    issues ? ", the issues" : "");
}

/* Each event with its provenance: pattern, dictionary lines, issues. */
static void compat_events(dy_buf *b, const dy_result *r)
{
	dy_buf_addf(b, "events (%zu):\n", r->nevents);
	for (size_t i = 0; i < r->nevents; i++) {
		const dy_event *e = &r->events[i];
		dy_buf_addf(b, "  event %zu (%s %s -> %s in sentence %u): pattern \"%s\", rule %s\n", i, e->code,
			    e->source.code ? e->source.code : "-", e->target.code ? e->target.code : "-", e->sent,
			    e->pattern ? e->pattern : "", e->rule ? e->rule : "");
		for (size_t k = 0; k < e->nissues; k++)
			dy_buf_addf(b, "    issue %s%s%s x%u from '%s'\n", e->issues[k].code,
				    e->issues[k].category ? " in " : "", e->issues[k].category ? e->issues[k].category : "",
				    e->issues[k].count, e->issues[k].text ? e->issues[k].text : "");
	}
}

int cmd_explain(int argc, char **argv)
{
	cli_coder_opts copts;
	cli_args a;
	dy_buf text = DY_BUF_INIT, out = DY_BUF_INIT;
	enum dy_out_format fmt = DY_OUT_TABLE;
	const char *date = NULL;
	int id, rc = CLI_OK;

	cli_coder_opts_init(&copts);
	cli_args_init(&a, argc, argv, cmd_explain_options);
	while ((id = cli_next(&a)) != CLI_END) {
		switch (id) {
		case CLI_ERROR:
			rc = cli_usage_error("explain");
			goto out;
		case OPT_HELP:
			rc = cli_help("explain");
			goto out;
		case CLI_OPERAND:
			if (text.len)
				dy_buf_addc(&text, ' ');
			dy_buf_adds(&text, a.value);
			break;
		case OPT_DATE:
			if (!dy_date_valid(a.value)) {
				cli_error("invalid date '%s' (use YYYY-MM-DD)", a.value);
				rc = cli_usage_error("explain");
				goto out;
			}
			date = a.value;
			break;
		case OPT_FORMAT:
			if (dy_out_format_parse(a.value, &fmt) < 0) {
				cli_error("unknown format '%s' (use table, jsonl or tsv)", a.value);
				rc = cli_usage_error("explain");
				goto out;
			}
			break;
		default:
			cli_coder_opt(&copts, id, a.value);
		}
	}
	if (!text.len) {
		cli_error("nothing to explain: give a sentence");
		rc = cli_usage_error("explain");
		goto out;
	}

	dy_coder *coder = cli_load_coder(&copts);
	if (!coder) {
		rc = CLI_FAIL;
		goto out;
	}
	const dy_compat *compat = dy_coder_compat(coder);
	dy_worker *w = dy_worker_new(coder);
	dy_doc doc;
	memset(&doc, 0, sizeof(doc));
	doc.id = "explain";
	doc.date = date;
	doc.text = text.s;
	doc.len = text.len;
	doc.origin = "argv";
	doc.line = 1;
	const dy_result *r = NULL;
	dy_error err;
	dy_error_clear(&err);
	int code = dy_worker_code(w, &doc, DY_CODE_EXPLAIN, &r, &err);
	if (code < 0 || !r) {
		if (code == DY_EEMPTY)
			cli_error("nothing to explain: '%s' has no words", text.s);
		else
			cli_error("cannot code '%s': %s", text.s, err.msg[0] ? err.msg : dy_strerror(code));
		rc = CLI_FAIL;
	} else {
		if (compat)
			compat_header(&out, compat);
		if (r->trace) {
			dy_buf_adds(&out, r->trace);
			if (out.len && out.s[out.len - 1] != '\n')
				dy_buf_addc(&out, '\n');
			if (!compat)
				dy_buf_addc(&out, '\n');
		}
		if (compat) {
			compat_events(&out, r);
			dy_buf_addc(&out, '\n');
		}
		dy_writer wr;
		dy_writer_init(&wr, fmt);
		dy_write_begin(&wr, &out);
		dy_write_result(&wr, &out, r);
		if (out.len)
			fwrite(out.s, 1, out.len, stdout);
	}
	dy_worker_free(w);
	dy_coder_free(coder);
out:
	dy_buf_release(&text);
	dy_buf_release(&out);
	cli_coder_opts_release(&copts);
	return rc;
}
