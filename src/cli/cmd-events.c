/* cmd-events.c - `dyad events`: the deduplicated events in the store that
 * match the filters, as a table, JSONL (with every mention) or CSV. */
#include <string.h>

#include "cli/cli.h"

enum { OPT_FORMAT = OPT_STORE_OWN };

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
	{OPT_FORMAT, 'f', "format", "FMT", "table (default), jsonl (each event with all its mentions) or csv"},
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

int cmd_events(int argc, char **argv)
{
	cli_query q;
	cli_args a;
	enum dy_export_format fmt = DY_EXPORT_TABLE;
	int id, r;
	cli_query_init(&q);
	cli_args_init(&a, argc, argv, cmd_events_options);
	while ((id = cli_next(&a)) != CLI_END) {
		if (id == CLI_ERROR)
			return cli_usage_error("events");
		if (id == OPT_HELP)
			return cli_help("events");
		if (id == CLI_OPERAND) {
			cli_error("unexpected argument '%s'", a.value);
			return cli_usage_error("events");
		}
		if (id == OPT_FORMAT) {
			if (cli_query_format(a.value, "table jsonl csv", &fmt) < 0)
				return cli_usage_error("events");
			continue;
		}
		if ((r = cli_query_opt(&q, id, a.value)) < 0)
			return cli_usage_error("events");
	}
	if (cli_query_done(&q) < 0)
		return cli_usage_error("events");
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
