/* cmd-version.c - `dyad version` and `dyad --version`. */
#include <stdio.h>

#include "cli/cli.h"

const cli_option cmd_version_options[] = {
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

int cmd_version(int argc, char **argv)
{
	cli_args a;
	int id;
	cli_args_init(&a, argc, argv, cmd_version_options);
	while ((id = cli_next(&a)) != CLI_END) {
		if (id == OPT_HELP)
			return cli_help("version");
		if (id == CLI_OPERAND)
			cli_error("unexpected argument '%s'", a.value);
		return cli_usage_error("version");
	}
	printf("dyad %s\n", DYAD_VERSION);
	return CLI_OK;
}
