/* cli.h - what the subcommands of the dyad binary share.
 *
 * Adding a subcommand: write cmd-<name>.c with
 *	const cli_option cmd_<name>_options[] = { ..., {0} };
 *	int cmd_<name>(int argc, char **argv);   // argv[0] is "<name>"
 * declare both below and add a line to commands[] in main.c; `dyad --help`
 * and `dyad help <name>` are built from that line and the options table.
 *
 * Only cli/ prints. Messages follow one style: lower case, no full stop,
 * what failed first and the subject quoted ("error: cannot open 'x': No
 * such file or directory"). Exit status: 0 success, 1 something failed
 * (a file, a document, a golden case), 2 a usage error.
 */
#ifndef DY_CLI_H
#define DY_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "dyad.h"
#include "io/export.h"
#include "store/store.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* One option of a subcommand. A table ends with an entry whose id is 0. */
typedef struct cli_option {
	int id;           /* what cli_next returns for it; > 0 */
	char shrt;        /* short form ('o' for -o), or 0 */
	const char *lng;  /* long form without dashes ("output") */
	const char *arg;  /* name of its value ("FILE"), or NULL for a flag */
	const char *help; /* one line for `dyad help <command>` */
} cli_option;

typedef struct cli_command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;  /* one line for `dyad --help` */
	const char *usage; /* "dyad code [options] [FILE...]" */
	const cli_option *options;
	int hidden;        /* left out of `dyad --help` */
} cli_command;

/* Options several commands share. */
enum { OPT_HELP = 'h', OPT_DATA = 1000, OPT_DICT, OPT_FIRST_OWN };
#define CLI_OPT_HELP {OPT_HELP, 'h', "help", NULL, "show this help"}
#define CLI_OPT_DATA {OPT_DATA, 0, "data", "DIR", "read dyad's dictionaries from DIR (default: $DYAD_DATA, else the built-in path)"}
#define CLI_OPT_DICT {OPT_DICT, 0, "dict", "FILE", "use this actor/agent/verb dictionary instead of dyad's (repeatable)"}

/* ---- parsing arguments ---------------------------------------------------- */

enum { CLI_END = 0, CLI_OPERAND = -1, CLI_ERROR = -2 };

typedef struct cli_args {
	int argc;
	char **argv;
	int i;                  /* next argv element */
	int only_operands;      /* seen "--" */
	const char *cluster;    /* rest of a group of short options ("-qv") */
	const cli_option *opts;
	const char *value;      /* the option's value, or the operand */
	const char *name;       /* the option as written, for messages */
} cli_args;

/* Starts parsing argv[1..argc) (argv[0] is the command name). */
void cli_args_init(cli_args *a, int argc, char **argv, const cli_option *opts);
/* Returns the id of the next option (a->value holds its value), CLI_OPERAND
 * (a->value is the operand; "-" is an operand), CLI_END, or CLI_ERROR after
 * printing what is wrong. Options and operands may be mixed; "--" ends the
 * options. */
int cli_next(cli_args *a);

/* ---- shared helpers --------------------------------------------------------- */

const cli_command *cli_find_command(const char *name);
/* Prints the usage, description and options of a command to f. */
void cli_print_command_help(const cli_command *c, FILE *f);
/* Prints "usage: ..." for the named command to stderr; returns CLI_USAGE. */
int cli_usage_error(const char *command);
/* Prints the command's help to stdout; returns CLI_OK. */
int cli_help(const char *command);

void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parses a positive integer no larger than max; 0 when s is not one. */
long cli_parse_count(const char *s, long max);

/* The dictionary options (--data, --dict) collected for dy_coder_load. */
typedef struct cli_coder_opts {
	const char *data_dir;
	const char **dicts;
	size_t ndicts, cap;
	int quiet;          /* 1: no warning about skipped dictionary lines (--quiet) */
} cli_coder_opts;

void cli_coder_opts_init(cli_coder_opts *o);
void cli_coder_opts_release(cli_coder_opts *o);
/* Takes OPT_DATA or OPT_DICT; returns 1 when id was one of them. */
int cli_coder_opt(cli_coder_opts *o, int id, const char *value);
/* Loads the coder, or prints "error: " + the message and returns NULL.
 * Unless o->quiet, warns when a TABARI or PETRARCH dictionary had malformed
 * lines that were skipped (the first of them; `dyad dict check` lists all). */
dy_coder *cli_load_coder(const cli_coder_opts *o);

/* Seconds on a monotonic clock. */
double cli_now(void);

/* ---- the subcommands ---------------------------------------------------------- */

extern const cli_option cmd_code_options[];
extern const cli_option cmd_explain_options[];
extern const cli_option cmd_golden_options[];
extern const cli_option cmd_version_options[];
extern const cli_option cmd_bench_load_options[];
extern const cli_option cmd_validate_options[];
extern const cli_option cmd_dict_options[];

int cmd_code(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_golden(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_bench_load(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_dict(int argc, char **argv);
extern const cli_option cmd_quotes_options[];
int cmd_quotes(int argc, char **argv);

/* ---- the store commands (store-args.c) --------------------------------------------- */

/* Options the store commands share; a command's own start at OPT_STORE_OWN. */
enum {
	OPT_DB = 1100,
	OPT_ACTOR,
	OPT_SOURCE,
	OPT_TARGET,
	OPT_CODE,
	OPT_ROOT,
	OPT_QUAD,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_WORDS,
	OPT_LIMIT,
	OPT_SORT,
	OPT_QUERY_FORMAT,
	OPT_STORE_OWN = 1200
};
#define CLI_OPT_DB {OPT_DB, 0, "db", "PATH", "the store (default: $DYAD_DB, else dyad.db)"}
#define CLI_OPT_ACTOR {OPT_ACTOR, 'a', "actor", "CODE", "events with this actor on either side (a prefix: RUS matches RUSGOV)"}
#define CLI_OPT_SOURCE {OPT_SOURCE, 's', "source", "CODE", "events whose source code starts with CODE"}
#define CLI_OPT_TARGET {OPT_TARGET, 't', "target", "CODE", "events whose target code starts with CODE"}
#define CLI_OPT_CODE {OPT_CODE, 'c', "code", "CAMEO", "events whose CAMEO code starts with CAMEO (05, 054, 0211)"}
#define CLI_OPT_ROOT {OPT_ROOT, 'r', "root", "RR", "events of this CAMEO root (01 to 20)"}
#define CLI_OPT_QUAD {OPT_QUAD, 0, "quad", "Q", "events of quad class Q (1 to 4, or a list: 3,4)"}
#define CLI_OPT_SINCE {OPT_SINCE, 0, "since", "DATE", "events on or after DATE (YYYY-MM-DD)"}
#define CLI_OPT_UNTIL {OPT_UNTIL, 0, "until", "DATE", "events on or before DATE (YYYY-MM-DD)"}
#define CLI_OPT_WORDS {OPT_WORDS, 'w', "words", "TEXT", "events reported in a sentence with these words (\"a phrase\", pre*, a OR b)"}
#define CLI_OPT_LIMIT {OPT_LIMIT, 'n', "limit", "N", "at most N rows"}
#define CLI_OPT_SORT {OPT_SORT, 0, "sort", "ORDER", "date (default), newest or mentions"}
/* --format with the help line most commands give it; others write their own
 * {OPT_QUERY_FORMAT, 'f', "format", "FMT", "..."}. */
#define CLI_OPT_FORMAT {OPT_QUERY_FORMAT, 'f', "format", "FMT", "table (default), jsonl or csv"}

/* A query's options as parsed: the filter and the storage it points to. */
typedef struct cli_query {
	dy_store_filter f;
	const char *db;     /* --db, or NULL */
	enum dy_export_format fmt; /* --format; cli_query_init makes it DY_EXPORT_TABLE */
	char actor[40], source[40], target[40], code[8], root[4];
} cli_query;

void cli_query_init(cli_query *q);

/* ---- a store command's arguments in one call ---- */

/* What cli_query_parse returns when the command should go on. */
enum { CLI_GO = -1 };

/* A store command as cli_query_parse sees it. */
typedef struct cli_query_cmd {
	const char *name;        /* "events": for `dyad help events` and usage errors */
	const cli_option *opts;  /* its options table */
	const char *formats;     /* what --format (OPT_QUERY_FORMAT) takes, "table jsonl csv";
				  * NULL when it has no --format */
	enum dy_export_format fmt; /* the format without --format */
	/* The command's own options and operands, or NULL when it has none.
	 * Called with every option but --help and --format before the shared
	 * filters see it (so it may take one of them its own way), with
	 * CLI_OPERAND for each operand, and once with CLI_END (value NULL)
	 * after the last argument, before cli_query_done. Returns 1 when it
	 * took id, 0 when not (an operand not taken is an "unexpected
	 * argument"), -1 after printing what is wrong. */
	int (*own)(void *ctx, cli_query *q, int id, const char *value);
} cli_query_cmd;

/* Parses argv[1..argc) of a store command into q, which it initialises
 * (q->fmt is cmd->fmt): --help prints the command's help, --format sets
 * q->fmt, the command's own options go to cmd->own(ctx, ...), the rest to
 * cli_query_opt; then cli_query_done. Returns CLI_GO when the command
 * should go on, else what it should return: CLI_OK after --help,
 * CLI_USAGE after printing what is wrong and the usage. */
int cli_query_parse(const cli_query_cmd *cmd, void *ctx, int argc, char **argv, cli_query *q);
/* Takes a shared store option. Returns 1 when id was one, 0 when not, -1
 * after printing why the value is wrong (a usage error). */
int cli_query_opt(cli_query *q, int id, const char *value);
/* Checks the options together (--since before --until); -1 after printing. */
int cli_query_done(const cli_query *q);
/* The store path: --db, $DYAD_DB or dyad.db. */
const char *cli_db_path(const cli_query *q);
/* 1 when v is a valid YYYY-MM-DD date, else prints "malformed date" and returns 0. */
int cli_check_date(const char *v);
/* Parses --format among the allowed names ("table jsonl csv"); -1 after
 * printing "unknown format 'x' (use table, jsonl or csv)". */
int cli_query_format(const char *v, const char *allowed, enum dy_export_format *out);
/* Opens the store, or prints the error and returns NULL. */
dy_store *cli_open_store(const char *path, enum dy_store_mode mode);
/* Prints a store error; returns CLI_USAGE for a bad query, else CLI_FAIL. */
int cli_store_error(const dy_error *err);

/* Rows on their way to standard output in a format. */
typedef struct cli_out {
	enum dy_export_format fmt;
	FILE *f;
	dy_buf buf;
	dy_rows rows;
	size_t n;        /* rows so far */
} cli_out;

void cli_out_init(cli_out *o, enum dy_export_format fmt);
/* A dy_row_fn: adds a row (ctx is the cli_out). */
int cli_out_row(void *ctx, size_t ncols, const char *const *names, const dy_value *vals);
void cli_out_flush(cli_out *o);
/* Writes what is left and frees the rows. */
void cli_out_finish(cli_out *o);

/* A store query whose rows go to standard output in q->fmt:
 *	cli_rows r;
 *	if (cli_rows_begin(&r, &q, DY_STORE_READ) < 0)
 *		return CLI_FAIL;
 *	int st = cli_rows_end(&r, dy_store_actors(r.s, &q.f, cli_out_row, &r.o, &r.err));
 * r.o.n is then the number of rows. */
typedef struct cli_rows {
	dy_store *s;
	dy_error err;
	cli_out o;
} cli_rows;

/* Opens the store of q (cli_db_path) in mode; -1 after printing why not. */
int cli_rows_begin(cli_rows *r, const cli_query *q, enum dy_store_mode mode);
/* Writes what is left, closes the store; rc is what the query returned.
 * Returns CLI_OK when rc >= 0, else cli_store_error's status. */
int cli_rows_end(cli_rows *r, int rc);

/* Writes the events f selects to out in fmt (with its header line when
 * header), counting those written and those the format left out. Returns
 * 0, or a negative DY_E* code with err filled. */
int cli_write_events(dy_store *s, const dy_store_filter *f, enum dy_export_format fmt, int header, FILE *out,
		     size_t *written, size_t *left_out, dy_error *err);

extern const cli_option cmd_ingest_options[];
extern const cli_option cmd_events_options[];
extern const cli_option cmd_dyads_options[];
extern const cli_option cmd_actors_options[];
extern const cli_option cmd_search_options[];
extern const cli_option cmd_timeline_options[];
extern const cli_option cmd_export_options[];
extern const cli_option cmd_stats_options[];
extern const cli_option cmd_check_options[];

int cmd_ingest(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_dyads(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_check(int argc, char **argv);

#endif
