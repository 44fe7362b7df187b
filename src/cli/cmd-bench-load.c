/* cmd-bench-load.c - `dyad bench-load`, hidden: loads the dictionaries and
 * prints dy_coder_stats as "key value" lines, for bench/run.sh. */
#include <stdio.h>

#include "cli/cli.h"

const cli_option cmd_bench_load_options[] = {
	CLI_OPT_DATA,
	CLI_OPT_DICT,
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

int cmd_bench_load(int argc, char **argv)
{
	cli_coder_opts copts;
	cli_args a;
	int id, rc = CLI_OK;
	cli_coder_opts_init(&copts);
	cli_args_init(&a, argc, argv, cmd_bench_load_options);
	while ((id = cli_next(&a)) != CLI_END) {
		if (id == OPT_HELP) {
			rc = cli_help("bench-load");
			goto out;
		}
		if (id == CLI_OPERAND)
			cli_error("unexpected argument '%s'", a.value);
		if (id < 0) {
			rc = cli_usage_error("bench-load");
			goto out;
		}
		cli_coder_opt(&copts, id, a.value);
	}
	double t0 = cli_now();
	dy_coder *c = cli_load_coder(&copts);
	double t1 = cli_now();
	if (!c) {
		rc = CLI_FAIL;
		goto out;
	}
	dy_coder_stats st = {0};
	dy_coder_stats_get(c, &st);
	printf("load_seconds %.4f\n", st.load_seconds);
	printf("wall_seconds %.4f\n", t1 - t0);
	printf("actors %zu\naliases %zu\nagents %zu\npatterns %zu\ncameo_codes %zu\n", st.actors,
	       st.aliases, st.agents, st.patterns, st.cameo_codes);
	dy_coder_free(c);
out:
	cli_coder_opts_release(&copts);
	return rc;
}
