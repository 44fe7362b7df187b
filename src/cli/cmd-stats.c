/* cmd-stats.c - `dyad stats`: rows per table of the store. */
#include "cli/cli.h"

enum { OPT_FORMAT = OPT_STORE_OWN };

const cli_option cmd_stats_options[] = {
	CLI_OPT_DB,
	{OPT_FORMAT, 'f', "format", "FMT", "table (default), jsonl or csv"},
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

int cmd_stats(int argc, char **argv)
{
	cli_query q;
	cli_args a;
	enum dy_export_format fmt = DY_EXPORT_TABLE;
	int id;
	cli_query_init(&q);
	cli_args_init(&a, argc, argv, cmd_stats_options);
	while ((id = cli_next(&a)) != CLI_END) {
		if (id == CLI_ERROR)
			return cli_usage_error("stats");
		if (id == OPT_HELP)
			return cli_help("stats");
		if (id == CLI_OPERAND) {
			cli_error("unexpected argument '%s'", a.value);
			return cli_usage_error("stats");
		}
		if (id == OPT_FORMAT) {
			if (cli_query_format(a.value, "table jsonl csv", &fmt) < 0)
				return cli_usage_error("stats");
			continue;
		}
		if (cli_query_opt(&q, id, a.value) < 0)
			return cli_usage_error("stats");
	}
	dy_store *s = cli_open_store(cli_db_path(&q), DY_STORE_READ);
	if (!s)
		return CLI_FAIL;
	dy_error err;
	dy_error_clear(&err);
	cli_out o;
	cli_out_init(&o, fmt);
	int rc = dy_store_stats(s, cli_out_row, &o, &err);
	cli_out_finish(&o);
	dy_store_close(s);
	return rc < 0 ? cli_store_error(&err) : CLI_OK;
}
