/* cmd-golden.c - `dyad golden FILE...`: runs golden test files.
 *
 * The format is described in tests/golden/README.md: blocks separated by
 * blank lines, "> sentence" the input, "= SOURCE CODE TARGET" the expected
 * events (as a set; "= none" for none), "!= SOURCE CODE TARGET" an event
 * that must not be produced, "date: YYYY-MM-DD" for the cases that follow,
 * "#" comments. A field ending in '*' matches any code starting with what
 * comes before it, and "a|b" matches either. Prints "ok - file:line" or
 * "not ok - file:line" (with the expected and produced events) per case
 * and "N passed, N failed" at the end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "cli/cli.h"
#include "io/reader.h"

enum { OPT_EXPLAIN = OPT_FIRST_OWN, OPT_VERBOSE };

const cli_option cmd_golden_options[] = {
	{OPT_EXPLAIN, 0, "explain", NULL, "print the coder's trace for each failing case"},
	{OPT_VERBOSE, 'v', "verbose", NULL, "print the produced events of passing cases too"},
	CLI_OPT_DATA,
	CLI_OPT_DICT,
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

#define FIELD 64

/* SOURCE CODE TARGET, as written or as produced. */
typedef struct triple {
	char f[3][FIELD];
} triple;

typedef struct triples {
	triple *v;
	size_t n, cap;
} triples;

typedef struct gcase {
	const char *file;
	long line;        /* of the first '>' line; 0 when no case is open */
	dy_buf text;
	triples exp, neg;
	int has_eq, none;
	dy_buf lines;     /* the '=' and '!=' lines as written, for the report */
} gcase;

typedef struct golden {
	dy_worker *w;
	unsigned flags;
	int verbose;
	char date[16];    /* "" when no date */
	size_t passed, failed;
	triples got;
} golden;

static void triples_add(triples *t, const triple *x)
{
	DY_GROW(t->v, t->cap, t->n + 1);
	t->v[t->n++] = *x;
}

static void field_set(char *dst, const char *s)
{
	memset(dst, 0, FIELD);
	snprintf(dst, FIELD, "%s", s && *s ? s : "---");
}

/* Matches one written field against a produced code: alternatives
 * separated by '|', each exact or, ending in '*', a prefix. */
static int field_match(const char *pat, const char *s)
{
	while (*pat) {
		const char *bar = strchr(pat, '|');
		size_t n = bar ? (size_t)(bar - pat) : strlen(pat);
		if (n && pat[n - 1] == '*') {
			if (strncmp(pat, s, n - 1) == 0)
				return 1;
		} else if (strlen(s) == n && strncmp(pat, s, n) == 0) {
			return 1;
		}
		if (!bar)
			break;
		pat = bar + 1;
	}
	return 0;
}

static int triple_match(const triple *pat, const triple *x)
{
	for (int i = 0; i < 3; i++)
		if (!field_match(pat->f[i], x->f[i]))
			return 0;
	return 1;
}

static int any_match(const triples *pats, const triple *x)
{
	for (size_t i = 0; i < pats->n; i++)
		if (triple_match(&pats->v[i], x))
			return 1;
	return 0;
}

/* Parses "SOURCE CODE TARGET" into t; returns the number of fields. */
static int parse_triple(const char *s, triple *t, int *none)
{
	char extra[2];
	char f0[FIELD], f1[FIELD], f2[FIELD];
	*none = 0;
	int n = sscanf(s, "%63s %63s %63s %1s", f0, f1, f2, extra);
	if (n == 1 && strcmp(f0, "none") == 0) {
		*none = 1;
		return 1;
	}
	if (n != 3)
		return -1;
	field_set(t->f[0], f0);
	field_set(t->f[1], f1);
	field_set(t->f[2], f2);
	return 3;
}

static void print_triples(const char *label, const triples *t)
{
	printf("#   %s", label);
	if (!t->n)
		printf(" (none)");
	for (size_t i = 0; i < t->n; i++)
		printf("%s%s %s %s", i ? ", " : " ", t->v[i].f[0], t->v[i].f[1], t->v[i].f[2]);
	printf("\n");
}

/* Prints text with "#   " before each line. */
static void print_commented(const char *text)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		printf("#   %.*s\n", (int)n, p);
		p += n + (nl ? 1 : 0);
	}
}

static void case_reset(gcase *c)
{
	c->line = 0;
	dy_buf_clear(&c->text);
	dy_buf_clear(&c->lines);
	c->exp.n = c->neg.n = 0;
	c->has_eq = c->none = 0;
}

static void case_release(gcase *c)
{
	dy_buf_release(&c->text);
	dy_buf_release(&c->lines);
	free(c->exp.v);
	free(c->neg.v);
}

/* Codes the open case and reports it. */
static void run_case(golden *g, gcase *c)
{
	char id[512];
	snprintf(id, sizeof(id), "%s:%ld", c->file, c->line);
	dy_doc doc;
	memset(&doc, 0, sizeof(doc));
	doc.id = id;
	doc.date = g->date[0] ? g->date : NULL;
	doc.text = c->text.s ? c->text.s : "";
	doc.len = c->text.len;
	doc.origin = c->file;
	doc.line = c->line;

	const dy_result *r = NULL;
	dy_error err;
	dy_error_clear(&err);
	int rc = dy_worker_code(g->w, &doc, g->flags, &r, &err);
	g->got.n = 0;
	if (rc >= 0 && r) {
		for (size_t i = 0; i < r->nevents; i++) {
			const dy_event *ev = &r->events[i];
			triple t;
			field_set(t.f[0], ev->source.code);
			field_set(t.f[1], ev->code);
			field_set(t.f[2], ev->target.code);
			int dup = 0;
			for (size_t k = 0; k < g->got.n && !dup; k++)
				dup = memcmp(&g->got.v[k], &t, sizeof(t)) == 0;
			if (!dup)
				triples_add(&g->got, &t);
		}
	}

	int ok = rc >= 0 && r;
	if (ok && c->has_eq) {
		for (size_t i = 0; i < c->exp.n && ok; i++) {
			int found = 0;
			for (size_t k = 0; k < g->got.n && !found; k++)
				found = triple_match(&c->exp.v[i], &g->got.v[k]);
			ok = found;
		}
		for (size_t k = 0; k < g->got.n && ok; k++)
			ok = any_match(&c->exp, &g->got.v[k]);
	} else if (ok && !c->neg.n) {
		ok = g->got.n == 0;
	}
	for (size_t k = 0; k < g->got.n && ok; k++)
		ok = !any_match(&c->neg, &g->got.v[k]);

	printf("%s - %s\n", ok ? "ok" : "not ok", id);
	if (!ok || g->verbose) {
		print_commented(c->text.s ? c->text.s : "");
		if (doc.date)
			printf("#   date: %s\n", doc.date);
		if (c->lines.len)
			print_commented(c->lines.s);
		else
			printf("#   = none (no '=' line)\n");
		if (rc < 0 || !r)
			printf("#   error: %s\n", err.msg[0] ? err.msg : dy_strerror(rc));
		else
			print_triples("produced:", &g->got);
		if (!ok && (g->flags & DY_CODE_EXPLAIN) && r && r->trace)
			print_commented(r->trace);
	}
	if (ok)
		g->passed++;
	else
		g->failed++;
	case_reset(c);
}

static void syntax_error(golden *g, const char *file, long line, const char *what, const char *text)
{
	printf("not ok - %s:%ld\n#   syntax error: %s: '%s'\n", file, line, what, text);
	g->failed++;
}

/* Strips trailing white space (and a CR) in place. */
static void chomp(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

static void run_file(golden *g, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!f) {
		int e = errno;
		cli_error("cannot open '%s': %s", path, strerror(e));
		printf("not ok - %s\n#   cannot open '%s': %s\n", path, path, strerror(e));
		g->failed++;
		return;
	}
	gcase c;
	memset(&c, 0, sizeof(c));
	c.file = path;
	g->date[0] = '\0';
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		chomp(line);
		const char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s) {
			if (c.line)
				run_case(g, &c);
			continue;
		}
		if (*s == '#')
			continue;
		if (strncmp(s, "date:", 5) == 0) {
			const char *d = s + 5;
			while (*d == ' ' || *d == '\t')
				d++;
			if (c.line)
				run_case(g, &c);
			if (strcmp(d, "none") == 0)
				g->date[0] = '\0';
			else if (dy_date_valid(d))
				snprintf(g->date, sizeof(g->date), "%s", d);
			else
				syntax_error(g, path, lineno, "invalid date (use YYYY-MM-DD or none)", d);
			continue;
		}
		if (*s == '>') {
			if (c.line && (c.has_eq || c.neg.n))
				run_case(g, &c);
			const char *t = s[1] == ' ' ? s + 2 : s + 1;
			if (!c.line)
				c.line = lineno;
			else
				dy_buf_addc(&c.text, '\n');
			dy_buf_adds(&c.text, t);
			continue;
		}
		int neg = s[0] == '!' && s[1] == '=';
		if (*s == '=' || neg) {
			triple t;
			int none;
			if (!c.line) {
				syntax_error(g, path, lineno, "an expected event without a '>' sentence before it", s);
				continue;
			}
			int n = parse_triple(s + (neg ? 2 : 1), &t, &none);
			if (n < 0 || (none && (neg || c.exp.n)) || (!none && c.none)) {
				syntax_error(g, path, lineno, "expected '= SOURCE CODE TARGET' or '= none'", s);
				case_reset(&c);
				continue;
			}
			dy_buf_adds(&c.lines, s);
			dy_buf_addc(&c.lines, '\n');
			if (neg) {
				triples_add(&c.neg, &t);
			} else {
				c.has_eq = 1;
				if (none)
					c.none = 1;
				else
					triples_add(&c.exp, &t);
			}
			continue;
		}
		syntax_error(g, path, lineno, "expected '>', '=', '!=', 'date:' or '#'", s);
		if (c.line)
			case_reset(&c);
	}
	if (c.line)
		run_case(g, &c);
	if (ferror(f)) {
		cli_error("cannot read '%s': %s", path, strerror(errno));
		g->failed++;
	}
	free(line);
	case_release(&c);
	if (f != stdin)
		fclose(f);
}

int cmd_golden(int argc, char **argv)
{
	cli_coder_opts copts;
	cli_args a;
	golden g;
	const char **files;
	size_t nfiles = 0;
	int id, rc = CLI_OK;

	memset(&g, 0, sizeof(g));
	cli_coder_opts_init(&copts);
	files = dy_xcalloc((size_t)argc + 1, sizeof(char *));
	cli_args_init(&a, argc, argv, cmd_golden_options);
	while ((id = cli_next(&a)) != CLI_END) {
		switch (id) {
		case CLI_ERROR:
			rc = cli_usage_error("golden");
			goto out;
		case OPT_HELP:
			rc = cli_help("golden");
			goto out;
		case CLI_OPERAND:
			files[nfiles++] = a.value;
			break;
		case OPT_EXPLAIN:
			g.flags |= DY_CODE_EXPLAIN;
			break;
		case OPT_VERBOSE:
			g.verbose = 1;
			break;
		default:
			cli_coder_opt(&copts, id, a.value);
		}
	}
	if (!nfiles) {
		cli_error("no golden files given");
		rc = cli_usage_error("golden");
		goto out;
	}
	dy_coder *coder = cli_load_coder(&copts);
	if (!coder) {
		rc = CLI_FAIL;
		goto out;
	}
	g.w = dy_worker_new(coder);
	for (size_t i = 0; i < nfiles; i++)
		run_file(&g, files[i]);
	printf("%zu passed, %zu failed\n", g.passed, g.failed);
	dy_worker_free(g.w);
	dy_coder_free(coder);
	free(g.got.v);
	rc = g.failed ? CLI_FAIL : CLI_OK;
out:
	free(files);
	cli_coder_opts_release(&copts);
	return rc;
}
