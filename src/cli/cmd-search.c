/* cmd-search.c - `dyad search WORDS`: full text over the stored
 * sentences, best match first, with the events coded from each. */
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"

enum { OPT_FORMAT = OPT_STORE_OWN };

const cli_option cmd_search_options[] = {
	CLI_OPT_DB,
	{OPT_SINCE, 0, "since", "DATE", "documents dated on or after DATE (YYYY-MM-DD)"},
	{OPT_UNTIL, 0, "until", "DATE", "documents dated on or before DATE (YYYY-MM-DD)"},
	{OPT_LIMIT, 'n', "limit", "N", "at most N sentences (default 50)"},
	{OPT_SORT, 0, "sort", "ORDER", "best (default: best match first) or newest"},
	{OPT_FORMAT, 'f', "format", "FMT", "table (default), jsonl or csv"},
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

int cmd_search(int argc, char **argv)
{
	cli_query q;
	cli_args a;
	enum dy_export_format fmt = DY_EXPORT_TABLE;
	dy_buf words = DY_BUF_INIT;
	int id, rc = CLI_OK;
	cli_query_init(&q);
	cli_args_init(&a, argc, argv, cmd_search_options);
	while ((id = cli_next(&a)) != CLI_END) {
		if (id == CLI_ERROR) {
			rc = cli_usage_error("search");
			goto out;
		}
		if (id == OPT_HELP) {
			rc = cli_help("search");
			goto out;
		}
		if (id == CLI_OPERAND) {
			if (words.len)
				dy_buf_addc(&words, ' ');
			dy_buf_adds(&words, a.value);
			continue;
		}
		if (id == OPT_FORMAT) {
			if (cli_query_format(a.value, "table jsonl csv", &fmt) < 0) {
				rc = cli_usage_error("search");
				goto out;
			}
			continue;
		}
		if (id == OPT_SORT && strcmp(a.value, "best") == 0) {
			q.f.order = DY_ORDER_DATE;
			continue;
		}
		if (id == OPT_SORT && strcmp(a.value, "newest") != 0) {
			cli_error("unknown order '%s' (use best or newest)", a.value);
			rc = cli_usage_error("search");
			goto out;
		}
		if (cli_query_opt(&q, id, a.value) < 0) {
			rc = cli_usage_error("search");
			goto out;
		}
	}
	if (!words.len) {
		cli_error("no words to search for");
		rc = cli_usage_error("search");
		goto out;
	}
	if (cli_query_done(&q) < 0) {
		rc = cli_usage_error("search");
		goto out;
	}
	if (!q.f.limit)
		q.f.limit = 50;
	q.f.words = words.s;
	dy_store *s = cli_open_store(cli_db_path(&q), DY_STORE_READ);
	if (!s) {
		rc = CLI_FAIL;
		goto out;
	}
	dy_error err;
	dy_error_clear(&err);
	cli_out o;
	cli_out_init(&o, fmt);
	int r = dy_store_search(s, &q.f, cli_out_row, &o, &err);
	cli_out_finish(&o);
	dy_store_close(s);
	if (r < 0)
		rc = cli_store_error(&err);
	else if (fmt == DY_EXPORT_TABLE && !o.n)
		printf("(no sentences)\n");
out:
	dy_buf_release(&words);
	return rc;
}
