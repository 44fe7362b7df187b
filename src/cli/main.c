/* main.c - the dyad binary: finds the subcommand in commands[] and runs it. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static int cmd_help(int argc, char **argv);

static const cli_option cmd_help_options[] = {
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

static const cli_command commands[] = {
	{"code", cmd_code, "code news text into CAMEO events", "dyad code [options] [FILE...]",
	 cmd_code_options, 0},
	{"explain", cmd_explain, "show step by step how one sentence is coded",
	 "dyad explain [options] SENTENCE...", cmd_explain_options, 0},
	{"golden", cmd_golden, "run golden test files (tests/golden/README.md)",
	 "dyad golden [options] FILE...", cmd_golden_options, 0},
	{"quotes", cmd_quotes, "list the quotations of documents by speaker", "dyad quotes [options] [FILE...]",
	 cmd_quotes_options, 0},
	{"ingest", cmd_ingest, "code documents and keep them in the store (dyad.db)",
	 "dyad ingest [options] [FILE...]", cmd_ingest_options, 0},
	{"events", cmd_events, "list the stored events that match filters", "dyad events [options]",
	 cmd_events_options, 0},
	{"dyads", cmd_dyads, "summarise the store per dyad (events, Goldstein, quad classes)",
	 "dyad dyads [options]", cmd_dyads_options, 0},
	{"actors", cmd_actors, "list the stored actors with their mentions and events", "dyad actors [options]",
	 cmd_actors_options, 0},
	{"search", cmd_search, "search the stored sentences for words (\"a phrase\", pre*, a OR b)",
	 "dyad search [options] WORDS...",
	 cmd_search_options, 0},
	{"timeline", cmd_timeline, "show a dyad month by month in both directions",
	 "dyad timeline [options] ACTOR ACTOR", cmd_timeline_options, 0},
	{"export", cmd_export, "write the stored events as Phoenix, GDELT, PLOVER or CSV",
	 "dyad export [options]", cmd_export_options, 0},
	{"stats", cmd_stats, "count the rows of the store", "dyad stats [options]", cmd_stats_options, 0},
	{"check", cmd_check, "check that the store is consistent", "dyad check [options]", cmd_check_options, 0},
	{"version", cmd_version, "print dyad's version", "dyad version", cmd_version_options, 0},
	{"help", cmd_help, "show the help of dyad or of a command", "dyad help [COMMAND]",
	 cmd_help_options, 0},
	{"validate", cmd_validate, "run TABARI's or PETRARCH's validation suite",
	 "dyad validate [options] FILE...", cmd_validate_options, 0},
	{"dict", cmd_dict, "check dictionaries: dyad, TABARI and PETRARCH formats",
	 "dyad dict check [options] FILE...", cmd_dict_options, 0},
	{"bench-load", cmd_bench_load, "load the dictionaries and print their statistics",
	 "dyad bench-load [options]", cmd_bench_load_options, 1},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

const cli_command *cli_find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void print_main_help(FILE *f)
{
	fprintf(f, "usage: dyad [--version] [--help] COMMAND [ARGS]\n\n");
	fprintf(f, "dyad codes news text into CAMEO political event data.\n\n");
	fprintf(f, "commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!commands[i].hidden)
			fprintf(f, "   %-10s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\n'dyad help COMMAND' shows the options of a command.\n");
}

static int cmd_help(int argc, char **argv)
{
	cli_args a;
	const char *topic = NULL;
	int id;
	cli_args_init(&a, argc, argv, cmd_help_options);
	while ((id = cli_next(&a)) != CLI_END) {
		if (id == CLI_ERROR)
			return cli_usage_error("help");
		if (id == OPT_HELP)
			return cli_help("help");
		if (topic) {
			cli_error("too many arguments");
			return cli_usage_error("help");
		}
		topic = a.value;
	}
	if (!topic) {
		print_main_help(stdout);
		return CLI_OK;
	}
	const cli_command *c = cli_find_command(topic);
	if (!c) {
		cli_error("unknown command '%s'; see 'dyad --help'", topic);
		return CLI_USAGE;
	}
	cli_print_command_help(c, stdout);
	return CLI_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_main_help(stderr);
		return CLI_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
		print_main_help(stdout);
		return CLI_OK;
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		char *vargv[] = {"version", NULL};
		return cmd_version(1, vargv);
	}
	if (name[0] == '-') {
		cli_error("unknown option '%s'", name);
		fprintf(stderr, "usage: dyad [--version] [--help] COMMAND [ARGS]\n");
		return CLI_USAGE;
	}
	const cli_command *c = cli_find_command(name);
	if (!c) {
		cli_error("unknown command '%s'; see 'dyad --help'", name);
		return CLI_USAGE;
	}
	int rc = c->fn(argc - 1, argv + 1);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write to standard output");
		if (rc == CLI_OK)
			rc = CLI_FAIL;
	}
	return rc;
}
