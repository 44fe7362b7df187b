/* cmd-timeline.c - `dyad timeline A B`: the dyad month by month in both
 * directions. */
#include "cli/cli.h"

enum { OPT_FORMAT = OPT_STORE_OWN };

const cli_option cmd_timeline_options[] = {
	CLI_OPT_DB,
	{OPT_SINCE, 0, "since", "DATE", "from the month of DATE (YYYY-MM-DD)"},
	{OPT_UNTIL, 0, "until", "DATE", "to the month of DATE (YYYY-MM-DD)"},
	{OPT_FORMAT, 'f', "format", "FMT", "table (default), jsonl or csv"},
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

int cmd_timeline(int argc, char **argv)
{
	cli_query q;
	cli_args a;
	enum dy_export_format fmt = DY_EXPORT_TABLE;
	const char *ops[2] = {NULL, NULL};
	int id, nops = 0;
	cli_query_init(&q);
	cli_args_init(&a, argc, argv, cmd_timeline_options);
	while ((id = cli_next(&a)) != CLI_END) {
		if (id == CLI_ERROR)
			return cli_usage_error("timeline");
		if (id == OPT_HELP)
			return cli_help("timeline");
		if (id == CLI_OPERAND) {
			if (nops == 2) {
				cli_error("unexpected argument '%s' (a timeline is between two actors)", a.value);
				return cli_usage_error("timeline");
			}
			ops[nops++] = a.value;
			continue;
		}
		if (id == OPT_FORMAT) {
			if (cli_query_format(a.value, "table jsonl csv", &fmt) < 0)
				return cli_usage_error("timeline");
			continue;
		}
		if (cli_query_opt(&q, id, a.value) < 0)
			return cli_usage_error("timeline");
	}
	if (nops < 2) {
		cli_error("a timeline needs two actor codes (e.g. RUS AFG)");
		return cli_usage_error("timeline");
	}
	/* The two codes go through the same check as --source and --target. */
	if (cli_query_opt(&q, OPT_SOURCE, ops[0]) < 0 || cli_query_opt(&q, OPT_TARGET, ops[1]) < 0 ||
	    cli_query_done(&q) < 0)
		return cli_usage_error("timeline");
	dy_store *s = cli_open_store(cli_db_path(&q), DY_STORE_READ);
	if (!s)
		return CLI_FAIL;
	dy_error err;
	dy_error_clear(&err);
	cli_out o;
	cli_out_init(&o, fmt);
	if (fmt == DY_EXPORT_TABLE)
		printf("a = %s, b = %s (code prefixes); q1..q4: verbal cooperation, material cooperation, verbal "
		       "conflict, material conflict\n",
		       q.source, q.target);
	int rc = dy_store_timeline(s, q.source, q.target, q.f.since, q.f.until, cli_out_row, &o, &err);
	cli_out_finish(&o);
	dy_store_close(s);
	if (rc < 0)
		return cli_store_error(&err);
	if (fmt == DY_EXPORT_TABLE && !o.n)
		printf("(no events between %s and %s)\n", q.source, q.target);
	return CLI_OK;
}
