/* cmd-search.c - `dyad search WORDS`: full text over the stored
 * sentences, best match first, with the events coded from each. */
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"

const cli_option cmd_search_options[] = {
	CLI_OPT_DB,
	{OPT_SINCE, 0, "since", "DATE", "documents dated on or after DATE (YYYY-MM-DD)"},
	{OPT_UNTIL, 0, "until", "DATE", "documents dated on or before DATE (YYYY-MM-DD)"},
	{OPT_LIMIT, 'n', "limit", "N", "at most N sentences (default 50)"},
	{OPT_SORT, 0, "sort", "ORDER", "best (default: best match first) or newest"},
	CLI_OPT_FORMAT,
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

/* The operands are the words; --sort is best or newest. */
static int own_option(void *ctx, cli_query *q, int id, const char *value)
{
	dy_buf *words = ctx;
	switch (id) {
	case CLI_OPERAND:
		if (words->len)
			dy_buf_addc(words, ' ');
		dy_buf_adds(words, value);
		return 1;
	case OPT_SORT:
		if (strcmp(value, "best") == 0) {
			q->f.order = DY_ORDER_DATE;
			return 1;
		}
		if (strcmp(value, "newest") != 0) {
			cli_error("unknown order '%s' (use best or newest)", value);
			return -1;
		}
		return 0;
	case CLI_END:
		if (!words->len) {
			cli_error("no words to search for");
			return -1;
		}
		return 1;
	}
	return 0;
}

int cmd_search(int argc, char **argv)
{
	static const cli_query_cmd cmd = {"search", cmd_search_options, "table jsonl csv", DY_EXPORT_TABLE, own_option};
	cli_query q;
	cli_rows r;
	dy_buf words = DY_BUF_INIT;
	int st = cli_query_parse(&cmd, &words, argc, argv, &q);
	if (st != CLI_GO)
		goto out;
	if (!q.f.limit)
		q.f.limit = 50;
	q.f.words = words.s;
	if (cli_rows_begin(&r, &q, DY_STORE_READ) < 0) {
		st = CLI_FAIL;
		goto out;
	}
	st = cli_rows_end(&r, dy_store_search(r.s, &q.f, cli_out_row, &r.o, &r.err));
	if (st == CLI_OK && q.fmt == DY_EXPORT_TABLE && !r.o.n)
		printf("(no sentences)\n");
out:
	dy_buf_release(&words);
	return st;
}
