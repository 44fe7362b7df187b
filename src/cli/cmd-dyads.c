/* cmd-dyads.c - `dyad dyads`: per dyad (source, target) the events, mean
 * Goldstein and counts per quad class, optionally month by month. */
#include "cli/cli.h"

enum { OPT_FORMAT = OPT_STORE_OWN, OPT_MONTHLY };

const cli_option cmd_dyads_options[] = {
	CLI_OPT_DB,
	CLI_OPT_ACTOR,
	CLI_OPT_SOURCE,
	CLI_OPT_TARGET,
	CLI_OPT_SINCE,
	CLI_OPT_UNTIL,
	{OPT_MONTHLY, 'm', "monthly", NULL, "one row per dyad and month"},
	CLI_OPT_LIMIT,
	{OPT_FORMAT, 'f', "format", "FMT", "table (default), jsonl or csv"},
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

int cmd_dyads(int argc, char **argv)
{
	cli_query q;
	cli_args a;
	enum dy_export_format fmt = DY_EXPORT_TABLE;
	int id, monthly = 0;
	cli_query_init(&q);
	cli_args_init(&a, argc, argv, cmd_dyads_options);
	while ((id = cli_next(&a)) != CLI_END) {
		if (id == CLI_ERROR)
			return cli_usage_error("dyads");
		if (id == OPT_HELP)
			return cli_help("dyads");
		if (id == CLI_OPERAND) {
			cli_error("unexpected argument '%s'", a.value);
			return cli_usage_error("dyads");
		}
		if (id == OPT_MONTHLY) {
			monthly = 1;
			continue;
		}
		if (id == OPT_FORMAT) {
			if (cli_query_format(a.value, "table jsonl csv", &fmt) < 0)
				return cli_usage_error("dyads");
			continue;
		}
		if (cli_query_opt(&q, id, a.value) < 0)
			return cli_usage_error("dyads");
	}
	if (cli_query_done(&q) < 0)
		return cli_usage_error("dyads");
	dy_store *s = cli_open_store(cli_db_path(&q), DY_STORE_READ);
	if (!s)
		return CLI_FAIL;
	dy_error err;
	dy_error_clear(&err);
	cli_out o;
	cli_out_init(&o, fmt);
	int rc = dy_store_dyads(s, &q.f, monthly, cli_out_row, &o, &err);
	cli_out_finish(&o);
	dy_store_close(s);
	if (rc < 0)
		return cli_store_error(&err);
	if (fmt == DY_EXPORT_TABLE && !o.n)
		printf("(no events)\n");
	return CLI_OK;
}
