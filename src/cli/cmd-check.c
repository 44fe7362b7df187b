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

int cmd_check(int argc, char **argv)
{
	cli_query q;
	cli_args a;
	int id, quiet = 0;
	cli_query_init(&q);
	cli_args_init(&a, argc, argv, cmd_check_options);
	while ((id = cli_next(&a)) != CLI_END) {
		if (id == CLI_ERROR)
			return cli_usage_error("check");
		if (id == OPT_HELP)
			return cli_help("check");
		if (id == CLI_OPERAND) {
			cli_error("unexpected argument '%s'", a.value);
			return cli_usage_error("check");
		}
		if (id == OPT_QUIET) {
			quiet = 1;
			continue;
		}
		if (cli_query_opt(&q, id, a.value) < 0)
			return cli_usage_error("check");
	}
	const char *path = cli_db_path(&q);
	dy_store *s = cli_open_store(path, DY_STORE_WRITE);
	if (!s)
		return CLI_FAIL;
	dy_error err;
	dy_error_clear(&err);
	cli_out o;
	cli_out_init(&o, DY_EXPORT_TABLE);
	int rc = dy_store_check(s, cli_out_row, &o, &err);
	cli_out_finish(&o);
	dy_store_close(s);
	if (rc < 0)
		return cli_store_error(&err);
	if (rc > 0) {
		cli_error("store '%s' has %d problem%s", path, rc, rc == 1 ? "" : "s");
		return CLI_FAIL;
	}
	if (!quiet)
		printf("store '%s' is consistent\n", path);
	return CLI_OK;
}
