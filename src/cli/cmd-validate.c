/* cmd-validate.c - `dyad validate FILE...`: runs TABARI's validation suite
 * (a .project such as Validate.project) or PETRARCH's unit-test records
 * (PETR.UnitTest.records.xml with the PETR.Validate.* dictionaries), and
 * reports each record that fails with the events expected and produced,
 * then "N passed, N failed" per suite. Exit status 1 when any record fails. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "compat/compat.h"

enum {
	OPT_VERBOSE = OPT_FIRST_OWN,
	OPT_TRACE,
	OPT_DICTDIR,
};

const cli_option cmd_validate_options[] = {
	{OPT_VERBOSE, 'v', "verbose", NULL, "list the records that pass and the skipped ones too"},
	{OPT_TRACE, 0, "trace", NULL, "show how each record was parsed and coded"},
	{OPT_DICTDIR, 0, "dict-dir", "DIR", "PETRARCH: read PETR.Validate.* from DIR"},
	CLI_OPT_DATA,
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

int cmd_validate(int argc, char **argv)
{
	cli_args a;
	int id, rc = CLI_OK;
	dy_validate_opts o;
	memset(&o, 0, sizeof(o));
	o.out = stdout;
	const char *files[64];
	size_t nfiles = 0;
	cli_args_init(&a, argc, argv, cmd_validate_options);
	while ((id = cli_next(&a)) != CLI_END) {
		switch (id) {
		case CLI_ERROR:
			return cli_usage_error("validate");
		case OPT_HELP:
			return cli_help("validate");
		case OPT_VERBOSE:
			o.verbose = o.verbose > 1 ? o.verbose : 1;
			break;
		case OPT_TRACE:
			o.verbose = 2;
			break;
		case OPT_DICTDIR:
			o.dict_dir = a.value;
			break;
		case OPT_DATA:
			o.data_dir = a.value;
			break;
		case CLI_OPERAND:
			if (nfiles == sizeof(files) / sizeof(files[0])) {
				cli_error("too many files");
				return CLI_USAGE;
			}
			files[nfiles++] = a.value;
			break;
		}
	}
	if (!nfiles) {
		cli_error("no validation suite given");
		return cli_usage_error("validate");
	}
	for (size_t i = 0; i < nfiles; i++) {
		dy_validate_sum sum;
		dy_error err;
		dy_error_clear(&err);
		int kind = dy_dict_sniff(files[i]);
		int r;
		if (kind == DY_DK_TABARI_PROJECT) {
			r = dy_validate_tabari(files[i], &o, &sum, &err);
		} else if (kind == DY_DK_PETR_XML) {
			r = dy_validate_petrarch(files[i], &o, &sum, &err);
		} else {
			FILE *f = fopen(files[i], "rb");
			if (!f) {
				cli_error("cannot open '%s': %s", files[i], strerror(errno));
				rc = CLI_FAIL;
				continue;
			}
			fclose(f);
			cli_error("'%s' is neither a TABARI .project nor PETRARCH XML records (it looks like %s)", files[i],
				  dy_dict_kind_name(kind));
			rc = CLI_FAIL;
			continue;
		}
		if (r < 0) {
			cli_error("%s", err.msg[0] ? err.msg : dy_strerror(r));
			rc = CLI_FAIL;
			continue;
		}
		printf("%zu passed, %zu failed\n", sum.passed, sum.failed);
		if (sum.failed)
			rc = CLI_FAIL;
	}
	return rc;
}
