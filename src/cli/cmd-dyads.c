/* cmd-dyads.c - `dyad dyads`: per dyad (source, target) the events, mean
 * Goldstein and counts per quad class, optionally month by month. */
#include "cli/cli.h"

enum { OPT_MONTHLY = OPT_STORE_OWN };

const cli_option cmd_dyads_options[] = {
	CLI_OPT_DB,
	CLI_OPT_ACTOR,
	CLI_OPT_SOURCE,
	CLI_OPT_TARGET,
	CLI_OPT_SINCE,
	CLI_OPT_UNTIL,
	{OPT_MONTHLY, 'm', "monthly", NULL, "one row per dyad and month"},
	CLI_OPT_LIMIT,
	CLI_OPT_FORMAT,
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

static int own_option(void *ctx, cli_query *q, int id, const char *value)
{
	int *monthly = ctx;
	if (id != OPT_MONTHLY)
		return 0;
	*monthly = 1;
	return 1;
}

int cmd_dyads(int argc, char **argv)
{
	static const cli_query_cmd cmd = {"dyads", cmd_dyads_options, "table jsonl csv", DY_EXPORT_TABLE, own_option};
	cli_query q;
	cli_rows r;
	int monthly = 0;
	int st = cli_query_parse(&cmd, &monthly, argc, argv, &q);
	if (st != CLI_GO)
		return st;
	if (cli_rows_begin(&r, &q, DY_STORE_READ) < 0)
		return CLI_FAIL;
	st = cli_rows_end(&r, dy_store_dyads(r.s, &q.f, monthly, cli_out_row, &r.o, &r.err));
	if (st == CLI_OK && q.fmt == DY_EXPORT_TABLE && !r.o.n)
		printf("(no events)\n");
	return st;
}
