/* cmd-export.c - `dyad export`: the events of the store in the formats
 * other tools read: Phoenix, GDELT 2.0, PLOVER, CSV or dyad's JSONL
 * (io/export.h describes each). */
#include <errno.h>
#include <string.h>

#include "cli/cli.h"

enum { OPT_OUTPUT = OPT_STORE_OWN, OPT_HEADER, OPT_QUIET };

const cli_option cmd_export_options[] = {
	{OPT_QUERY_FORMAT, 'f', "format", "FMT", "phoenix, gdelt, plover, csv (default) or jsonl"},
	{OPT_OUTPUT, 'o', "output", "FILE", "write to FILE instead of standard output"},
	{OPT_HEADER, 0, "header", NULL, "start phoenix and gdelt output with a line of column names"},
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
	{OPT_QUIET, 'q', "quiet", NULL, "print no summary"},
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

/* What export's own options ask for. */
typedef struct export_opts {
	const char *out_path; /* --output */
	int header, quiet;
} export_opts;

static int own_option(void *ctx, cli_query *q, int id, const char *value)
{
	export_opts *x = ctx;
	switch (id) {
	case OPT_OUTPUT:
		x->out_path = value;
		return 1;
	case OPT_HEADER:
		x->header = 1;
		return 1;
	case OPT_QUIET:
		x->quiet = 1;
		return 1;
	}
	return 0;
}

int cmd_export(int argc, char **argv)
{
	static const cli_query_cmd cmd = {"export", cmd_export_options, "phoenix gdelt plover csv jsonl", DY_EXPORT_CSV,
					  own_option};
	cli_query q;
	export_opts x = {NULL, 0, 0};
	int st = cli_query_parse(&cmd, &x, argc, argv, &q);
	if (st != CLI_GO)
		return st;
	enum dy_export_format fmt = q.fmt;
	dy_store *s = cli_open_store(cli_db_path(&q), DY_STORE_READ);
	if (!s)
		return CLI_FAIL;
	FILE *out = stdout;
	const char *out_name = "standard output";
	if (x.out_path && strcmp(x.out_path, "-") != 0) {
		if (!(out = fopen(x.out_path, "w"))) {
			cli_error("cannot open '%s' for writing: %s", x.out_path, strerror(errno));
			dy_store_close(s);
			return CLI_FAIL;
		}
		out_name = x.out_path;
	}
	dy_error err;
	dy_error_clear(&err);
	size_t written = 0, left = 0;
	int with_header = fmt == DY_EXPORT_CSV || (x.header && (fmt == DY_EXPORT_PHOENIX || fmt == DY_EXPORT_GDELT));
	int rc = cli_write_events(s, &q.f, fmt, with_header, out, &written, &left, &err);
	dy_store_close(s);
	int werr = fflush(out) != 0 || ferror(out);
	int e = errno;
	if (out != stdout && fclose(out) != 0 && !werr) {
		werr = 1;
		e = errno;
	}
	if (rc < 0)
		return cli_store_error(&err);
	if (werr) {
		cli_error("cannot write '%s': %s", out_name, strerror(e));
		return CLI_FAIL;
	}
	if (!x.quiet) {
		fprintf(stderr, "dyad: %zu event%s exported as %s\n", written, written == 1 ? "" : "s",
			dy_export_format_name(fmt));
		if (left)
			fprintf(stderr, "dyad: %zu event%s without a PLOVER category left out\n", left,
				left == 1 ? "" : "s");
	}
	return CLI_OK;
}
