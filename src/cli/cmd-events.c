/* cmd-events.c - `dyad events`: the deduplicated events in the store that
 * match the filters, as a table, JSONL (with every mention) or CSV. */
#include "cli/cli.h"

const cli_option cmd_events_options[] = {
	CLI_OPT_DB,
	CLI_OPT_ACTOR,
	CLI_OPT_SOURCE,
	CLI_OPT_TARGET,
	CLI_OPT_CODE,
	CLI_OPT_ROOT,
	CLI_OPT_QUAD,
	CLI_OPT_SINCE,
	CLI_OPT_UNTIL,
	CLI_OPT_WORDS,
	CLI_OPT_LIMIT,
	CLI_OPT_SORT,
	{OPT_QUERY_FORMAT, 'f', "format", "FMT", "table (default), jsonl (each event with all its mentions) or csv"},
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

int cmd_events(int argc, char **argv)
{
	static const cli_query_cmd cmd = {"events", cmd_events_options, "table jsonl csv", DY_EXPORT_TABLE, NULL};
	cli_query q;
	int st = cli_query_parse(&cmd, NULL, argc, argv, &q);
	if (st != CLI_GO)
		return st;
	enum dy_export_format fmt = q.fmt;
	dy_store *s = cli_open_store(cli_db_path(&q), DY_STORE_READ);
	if (!s)
		return CLI_FAIL;
	dy_error err;
	dy_error_clear(&err);
	size_t written = 0, left = 0;
	int rc = cli_write_events(s, &q.f, fmt, fmt != DY_EXPORT_JSONL, stdout, &written, &left, &err);
	dy_store_close(s);
	if (rc < 0)
		return cli_store_error(&err);
	if (fmt == DY_EXPORT_TABLE && !written)
		printf("(no events)\n");
	return CLI_OK;
}
