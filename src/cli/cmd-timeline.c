/* cmd-timeline.c - `dyad timeline A B`: the dyad month by month in both
 * directions. */
#include "cli/cli.h"

const cli_option cmd_timeline_options[] = {
	CLI_OPT_DB,
	{OPT_SINCE, 0, "since", "DATE", "from the month of DATE (YYYY-MM-DD)"},
	{OPT_UNTIL, 0, "until", "DATE", "to the month of DATE (YYYY-MM-DD)"},
	CLI_OPT_FORMAT,
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

/* The two actors, as operands. */
typedef struct actors {
	const char *ops[2];
	int nops;
} actors;

static int own_option(void *ctx, cli_query *q, int id, const char *value)
{
	actors *x = ctx;
	if (id == CLI_OPERAND) {
		if (x->nops == 2) {
			cli_error("unexpected argument '%s' (a timeline is between two actors)", value);
			return -1;
		}
		x->ops[x->nops++] = value;
		return 1;
	}
	if (id != CLI_END)
		return 0;
	if (x->nops < 2) {
		cli_error("a timeline needs two actor codes (e.g. RUS AFG)");
		return -1;
	}
	/* The two codes go through the same check as --source and --target. */
	if (cli_query_opt(q, OPT_SOURCE, x->ops[0]) < 0 || cli_query_opt(q, OPT_TARGET, x->ops[1]) < 0)
		return -1;
	return 1;
}

int cmd_timeline(int argc, char **argv)
{
	static const cli_query_cmd cmd = {"timeline", cmd_timeline_options, "table jsonl csv", DY_EXPORT_TABLE,
					  own_option};
	cli_query q;
	cli_rows r;
	actors x = {{NULL, NULL}, 0};
	int st = cli_query_parse(&cmd, &x, argc, argv, &q);
	if (st != CLI_GO)
		return st;
	if (cli_rows_begin(&r, &q, DY_STORE_READ) < 0)
		return CLI_FAIL;
	if (q.fmt == DY_EXPORT_TABLE)
		printf("a = %s, b = %s (code prefixes); q1..q4: verbal cooperation, material cooperation, verbal "
		       "conflict, material conflict\n",
		       q.source, q.target);
	st = cli_rows_end(&r, dy_store_timeline(r.s, q.source, q.target, q.f.since, q.f.until, cli_out_row, &r.o,
						&r.err));
	if (st == CLI_OK && q.fmt == DY_EXPORT_TABLE && !r.o.n)
		printf("(no events between %s and %s)\n", q.source, q.target);
	return st;
}
