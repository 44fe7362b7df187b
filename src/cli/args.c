/* args.c - option parsing, messages and the helpers the subcommands share. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"
#include "cli/cli.h"
#include "compat/compat.h"
#include "pipeline/pipeline.h"

void cli_args_init(cli_args *a, int argc, char **argv, const cli_option *opts)
{
	memset(a, 0, sizeof(*a));
	a->argc = argc;
	a->argv = argv;
	a->i = 1;
	a->opts = opts;
}

static const cli_option *find_long(const cli_option *o, const char *name, size_t n)
{
	for (; o->id; o++)
		if (o->lng && strlen(o->lng) == n && memcmp(o->lng, name, n) == 0)
			return o;
	return NULL;
}

static const cli_option *find_short(const cli_option *o, char c)
{
	for (; o->id; o++)
		if (o->shrt == c)
			return o;
	return NULL;
}

static int next_short(cli_args *a)
{
	char c = *a->cluster++;
	static char name[3];
	name[0] = '-';
	name[1] = c;
	name[2] = '\0';
	a->name = name;
	const cli_option *o = find_short(a->opts, c);
	if (!o) {
		a->cluster = NULL;
		cli_error("unknown option '-%c'", c);
		return CLI_ERROR;
	}
	if (o->arg) {
		if (*a->cluster) {
			a->value = a->cluster;
		} else if (a->i < a->argc) {
			a->value = a->argv[a->i++];
		} else {
			a->cluster = NULL;
			cli_error("option '-%c' needs a value (%s)", c, o->arg);
			return CLI_ERROR;
		}
		a->cluster = NULL;
	} else {
		a->value = NULL;
		if (!*a->cluster)
			a->cluster = NULL;
	}
	return o->id;
}

int cli_next(cli_args *a)
{
	if (a->cluster)
		return next_short(a);
	while (a->i < a->argc) {
		const char *arg = a->argv[a->i++];
		if (a->only_operands || arg[0] != '-' || arg[1] == '\0') {
			a->value = arg;
			a->name = NULL;
			return CLI_OPERAND;
		}
		if (arg[1] != '-') {
			a->cluster = arg + 1;
			return next_short(a);
		}
		if (arg[2] == '\0') {
			a->only_operands = 1;
			continue;
		}
		const char *name = arg + 2;
		const char *eq = strchr(name, '=');
		size_t n = eq ? (size_t)(eq - name) : strlen(name);
		const cli_option *o = find_long(a->opts, name, n);
		a->name = arg;
		if (!o) {
			cli_error("unknown option '--%.*s'", (int)n, name);
			return CLI_ERROR;
		}
		if (!o->arg) {
			if (eq) {
				cli_error("option '--%s' takes no value", o->lng);
				return CLI_ERROR;
			}
			a->value = NULL;
		} else if (eq) {
			a->value = eq + 1;
		} else if (a->i < a->argc) {
			a->value = a->argv[a->i++];
		} else {
			cli_error("option '--%s' needs a value (%s)", o->lng, o->arg);
			return CLI_ERROR;
		}
		return o->id;
	}
	return CLI_END;
}

/* ---- help ---------------------------------------------------------------- */

void cli_print_command_help(const cli_command *c, FILE *f)
{
	fprintf(f, "usage: %s\n\n%s\n", c->usage, c->help);
	if (!c->options || !c->options[0].id)
		return;
	fprintf(f, "\noptions:\n");
	for (const cli_option *o = c->options; o->id; o++) {
		char left[64];
		int n = snprintf(left, sizeof(left), "%s%c%s--%s%s%s", o->shrt ? "-" : " ",
				 o->shrt ? o->shrt : ' ', o->shrt ? ", " : "  ", o->lng, o->arg ? " " : "",
				 o->arg ? o->arg : "");
		if (n < 0)
			continue;
		fprintf(f, "  %-24s %s\n", left, o->help);
	}
}

int cli_usage_error(const char *command)
{
	const cli_command *c = cli_find_command(command);
	if (c)
		fprintf(stderr, "usage: %s\n", c->usage);
	fprintf(stderr, "see 'dyad help %s'\n", command);
	return CLI_USAGE;
}

int cli_help(const char *command)
{
	const cli_command *c = cli_find_command(command);
	if (c)
		cli_print_command_help(c, stdout);
	return CLI_OK;
}

/* ---- messages -------------------------------------------------------------- */

static void message(const char *prefix, const char *fmt, va_list ap)
{
	/* Whatever went to standard output before the message shows first when
	 * both go to one terminal. */
	fflush(stdout);
	/* One line, whole, even when two threads report (dyad ingest). */
	flockfile(stderr);
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	funlockfile(stderr);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message("error: ", fmt, ap);
	va_end(ap);
}

void cli_warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message("warning: ", fmt, ap);
	va_end(ap);
}

long cli_parse_count(const char *s, long max)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > max)
		return 0;
	return v;
}

/* ---- the coder -------------------------------------------------------------- */

void cli_coder_opts_init(cli_coder_opts *o)
{
	memset(o, 0, sizeof(*o));
}

void cli_coder_opts_release(cli_coder_opts *o)
{
	free(o->dicts);
	cli_coder_opts_init(o);
}

int cli_coder_opt(cli_coder_opts *o, int id, const char *value)
{
	if (id == OPT_DATA) {
		o->data_dir = value;
		return 1;
	}
	if (id == OPT_DICT) {
		DY_GROW(o->dicts, o->cap, o->ndicts + 1);
		o->dicts[o->ndicts++] = value;
		return 1;
	}
	return 0;
}

dy_coder *cli_load_coder(const cli_coder_opts *o)
{
	dy_config cfg;
	dy_error err;
	memset(&cfg, 0, sizeof(cfg));
	dy_error_clear(&err);
	cfg.data_dir = o->data_dir;
	cfg.dicts = o->dicts;
	cfg.ndicts = o->ndicts;
	dy_coder *c = dy_coder_load(&cfg, &err);
	if (!c) {
		cli_error("%s", err.msg[0] ? err.msg : dy_strerror(err.code ? err.code : DY_EDICT));
		return NULL;
	}
	/* TABARI and PETRARCH dictionaries: the lines their coder skipped. */
	const dy_compat *x = dy_coder_compat(c);
	const char *notes;
	size_t nnotes = x ? dy_compat_notes(x, &notes) : 0;
	if (nnotes && !o->quiet) {
		const char *nl = strchr(notes, '\n');
		cli_warning("%zu malformed dictionary line%s skipped, the first: %.*s", nnotes, nnotes == 1 ? "" : "s",
			    (int)(nl ? nl - notes : (long)strlen(notes)), notes);
		cli_warning("'dyad dict check' lists them all");
	}
	return c;
}

double cli_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
