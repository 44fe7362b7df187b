/* cmd-export.c - `dyad export`: the events of the store in the formats
 * other tools read: Phoenix, GDELT 2.0, PLOVER, CSV or dyad's JSONL
 * (io/export.h describes each). */
#include <errno.h>
#include <string.h>

#include "cli/cli.h"

enum { OPT_FORMAT = OPT_STORE_OWN, OPT_OUTPUT, OPT_HEADER, OPT_QUIET };

const cli_option cmd_export_options[] = {
	{OPT_FORMAT, 'f', "format", "FMT", "phoenix, gdelt, plover, csv (default) or jsonl"},
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

int cmd_export(int argc, char **argv)
{
	cli_query q;
	cli_args a;
	enum dy_export_format fmt = DY_EXPORT_CSV;
	const char *out_path = NULL;
	int id, r, header = 0, quiet = 0;
	cli_query_init(&q);
	cli_args_init(&a, argc, argv, cmd_export_options);
	while ((id = cli_next(&a)) != CLI_END) {
		switch (id) {
		case CLI_ERROR:
			return cli_usage_error("export");
		case OPT_HELP:
			return cli_help("export");
		case CLI_OPERAND:
			cli_error("unexpected argument '%s'", a.value);
			return cli_usage_error("export");
		case OPT_FORMAT:
			if (cli_query_format(a.value, "phoenix gdelt plover csv jsonl", &fmt) < 0)
				return cli_usage_error("export");
			continue;
		case OPT_OUTPUT:
			out_path = a.value;
			continue;
		case OPT_HEADER:
			header = 1;
			continue;
		case OPT_QUIET:
			quiet = 1;
			continue;
		}
		if ((r = cli_query_opt(&q, id, a.value)) < 0)
			return cli_usage_error("export");
	}
	if (cli_query_done(&q) < 0)
		return cli_usage_error("export");
	dy_store *s = cli_open_store(cli_db_path(&q), DY_STORE_READ);
	if (!s)
		return CLI_FAIL;
	FILE *out = stdout;
	const char *out_name = "standard output";
	if (out_path && strcmp(out_path, "-") != 0) {
		if (!(out = fopen(out_path, "w"))) {
			cli_error("cannot open '%s' for writing: %s", out_path, strerror(errno));
			dy_store_close(s);
			return CLI_FAIL;
		}
		out_name = out_path;
	}
	dy_error err;
	dy_error_clear(&err);
	size_t written = 0, left = 0;
	int with_header = fmt == DY_EXPORT_CSV || (header && (fmt == DY_EXPORT_PHOENIX || fmt == DY_EXPORT_GDELT));
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
	if (!quiet) {
		fprintf(stderr, "dyad: %zu event%s exported as %s\n", written, written == 1 ? "" : "s",
			dy_export_format_name(fmt));
		if (left)
			fprintf(stderr, "dyad: %zu event%s without a PLOVER category left out\n", left,
				left == 1 ? "" : "s");
	}
	return CLI_OK;
}
