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
} cli_coder_opts;

void cli_coder_opts_init(cli_coder_opts *o);
void cli_coder_opts_release(cli_coder_opts *o);
/* Takes OPT_DATA or OPT_DICT; returns 1 when id was one of them. */
int cli_coder_opt(cli_coder_opts *o, int id, const char *value);
/* Loads the coder, or prints "error: " + the message and returns NULL. */
dy_coder *cli_load_coder(const cli_coder_opts *o);

/* Seconds on a monotonic clock. */
double cli_now(void);

/* ---- the subcommands ---------------------------------------------------------- */

extern const cli_option cmd_code_options[];
extern const cli_option cmd_explain_options[];
extern const cli_option cmd_golden_options[];
extern const cli_option cmd_version_options[];
extern const cli_option cmd_bench_load_options[];

int cmd_code(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_golden(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_bench_load(int argc, char **argv);

#endif
