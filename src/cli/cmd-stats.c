/* cmd-stats.c - `dyad stats`: rows per table of the store. */
#include "cli/cli.h"

const cli_option cmd_stats_options[] = {
	CLI_OPT_DB,
	CLI_OPT_FORMAT,
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

int cmd_stats(int argc, char **argv)
{
	static const cli_query_cmd cmd = {"stats", cmd_stats_options, "table jsonl csv", DY_EXPORT_TABLE, NULL};
	cli_query q;
	cli_rows r;
	int st = cli_query_parse(&cmd, NULL, argc, argv, &q);
	if (st != CLI_GO)
		return st;
	if (cli_rows_begin(&r, &q, DY_STORE_READ) < 0)
		return CLI_FAIL;
	return cli_rows_end(&r, dy_store_stats(r.s, cli_out_row, &r.o, &r.err));
}
