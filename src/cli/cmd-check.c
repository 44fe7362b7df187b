/* cmd-check.c - `dyad check`: is the store consistent? SQLite's own
 * checks, then dyad's rules (store.h, dy_store_check). */
#include "cli/cli.h"

enum { OPT_QUIET = OPT_STORE_OWN };

const cli_option cmd_check_options[] = {
	CLI_OPT_DB,
	{OPT_QUIET, 'q', "quiet", NULL, "print nothing when the store is consistent"},
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

static int own_option(void *ctx, cli_query *q, int id, const char *value)
{
	int *quiet = ctx;
	if (id != OPT_QUIET)
		return 0;
	*quiet = 1;
	return 1;
}

int cmd_check(int argc, char **argv)
{
	static const cli_query_cmd cmd = {"check", cmd_check_options, NULL, DY_EXPORT_TABLE, own_option};
	cli_query q;
	cli_rows r;
	int quiet = 0;
	int st = cli_query_parse(&cmd, &quiet, argc, argv, &q);
	if (st != CLI_GO)
		return st;
	const char *path = cli_db_path(&q);
	if (cli_rows_begin(&r, &q, DY_STORE_WRITE) < 0)
		return CLI_FAIL;
	int problems = dy_store_check(r.s, cli_out_row, &r.o, &r.err);
	if ((st = cli_rows_end(&r, problems)) != CLI_OK)
		return st;
	if (problems > 0) {
		cli_error("store '%s' has %d problem%s", path, problems, problems == 1 ? "" : "s");
		return CLI_FAIL;
	}
	if (!quiet)
		printf("store '%s' is consistent\n", path);
	return CLI_OK;
}
