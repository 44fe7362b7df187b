/* cmd-actors.c - `dyad actors`: the actors in the store with their
 * mentions in the text and their events as source and target. */
#include "cli/cli.h"

const cli_option cmd_actors_options[] = {
	CLI_OPT_DB,
	{OPT_ACTOR, 'a', "actor", "CODE", "only actors whose code starts with CODE"},
	CLI_OPT_LIMIT,
	CLI_OPT_FORMAT,
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

int cmd_actors(int argc, char **argv)
{
	static const cli_query_cmd cmd = {"actors", cmd_actors_options, "table jsonl csv", DY_EXPORT_TABLE, NULL};
	cli_query q;
	cli_rows r;
	int st = cli_query_parse(&cmd, NULL, argc, argv, &q);
	if (st != CLI_GO)
		return st;
	if (cli_rows_begin(&r, &q, DY_STORE_READ) < 0)
		return CLI_FAIL;
	st = cli_rows_end(&r, dy_store_actors(r.s, &q.f, cli_out_row, &r.o, &r.err));
	if (st == CLI_OK && q.fmt == DY_EXPORT_TABLE && !r.o.n)
		printf("(no actors)\n");
	return st;
}
