/* cmd-dict.c - `dyad dict check FILE...`: checks dictionaries in dyad's,
 * TABARI's and PETRARCH's formats (recognised by content) and prints every
 * problem as "file:line:column: what is wrong" with the line and a caret.
 * A TABARI .project checks the dictionaries it names. Exit status 1 when
 * anything is wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "compat/compat.h"

enum { OPT_QUIETOK = OPT_FIRST_OWN };

const cli_option cmd_dict_options[] = {
	CLI_OPT_DATA,
	{OPT_QUIETOK, 'q', "quiet", NULL, "print only the problems, not the summary"},
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

/* Every message is "file:line:column: what" plus the line and a caret. */
static void print_msgs(const char *prefix, const dy_buf *b)
{
	const char *p = b->s;
	while (p && *p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n && p[0] != ' ')
			fprintf(stderr, "%s%.*s\n", prefix, (int)n, p);
		else
			fprintf(stderr, "%.*s\n", (int)n, p);
		p += n + (e != NULL);
	}
}

int cmd_dict(int argc, char **argv)
{
	cli_args a;
	int id, quiet = 0;
	const char *data_dir = NULL, *sub = NULL;
	const char **files = calloc((size_t)argc + 1, sizeof(char *));
	size_t nfiles = 0;
	int rc = CLI_OK;
	cli_args_init(&a, argc, argv, cmd_dict_options);
	while ((id = cli_next(&a)) != CLI_END) {
		switch (id) {
		case CLI_ERROR:
			rc = cli_usage_error("dict");
			goto out;
		case OPT_HELP:
			rc = cli_help("dict");
			goto out;
		case OPT_DATA:
			data_dir = a.value;
			break;
		case OPT_QUIETOK:
			quiet = 1;
			break;
		case CLI_OPERAND:
			if (!sub)
				sub = a.value;
			else
				files[nfiles++] = a.value;
			break;
		}
	}
	if (!sub || strcmp(sub, "check")) {
		if (sub)
			cli_error("unknown dict command '%s' (use 'dyad dict check FILE...')", sub);
		else
			cli_error("missing dict command (use 'dyad dict check FILE...')");
		rc = cli_usage_error("dict");
		goto out;
	}
	if (!nfiles) {
		cli_error("no dictionary given");
		rc = cli_usage_error("dict");
		goto out;
	}
	if (!quiet)
		for (size_t i = 0; i < nfiles; i++)
			printf("%s: %s\n", files[i], dy_dict_kind_name(dy_dict_sniff(files[i])));
	dy_buf msgs = DY_BUF_INIT, warns = DY_BUF_INIT;
	size_t entries = 0, nwarn = 0;
	long errors = dy_dict_check2(files, nfiles, data_dir, &msgs, &entries, &warns, &nwarn);
	fflush(stdout);
	print_msgs("error: ", &msgs);
	print_msgs("warning: ", &warns);
	dy_buf_release(&msgs);
	dy_buf_release(&warns);
	if (!quiet)
		printf("%zu entries checked: %ld error%s, %zu warning%s\n", entries, errors, errors == 1 ? "" : "s", nwarn,
		       nwarn == 1 ? "" : "s");
	if (errors)
		rc = CLI_FAIL;
out:
	free(files);
	return rc;
}
