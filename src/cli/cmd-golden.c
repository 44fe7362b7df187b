/* cmd-golden.c - `dyad golden FILE...`: runs golden test files.
 *
 * The format is described in tests/golden/README.md: blocks separated by
 * blank lines, "> sentence" the input, "= SOURCE CODE TARGET" the expected
 * events (as a set; "= none" for none), "!= SOURCE CODE TARGET" an event
 * that must not be produced, "date: YYYY-MM-DD" for the cases that follow,
 * "#" comments. A field ending in '*' matches any code starting with what
 * comes before it, and "a|b" matches either. An event line may add
 * "@DATE" (the event's date, "@-" for none), "in:PLACE" (its location's
 * name, "_" for a space, "in:-" for none; "in:NAME/CTY" checks the
 * country too) and "killed:N", "injured:N", "arrested:N" (its counts,
 * "killed:-" for none).
 * "q [direct|reported] SPEAKER" lines expect the quotations (one line
 * each, all of them; SPEAKER is a code or a name, "unknown" for none;
 * "q none" for no quotation), "!q SPEAKER" forbids one; "p NAME [CTY
 * [KIND]]" expects a place, "!p WORDS" forbids one, "p none" expects
 * none. Prints "ok - file:line" or "not ok - file:line" (with the expected
 * and produced events) per case and "N passed, N failed" at the end.
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

/* SOURCE CODE TARGET, as written or as produced, with what dates,
 * places and counts add (as written: "" and -2 when not asked for). */
typedef struct triple {
	char f[3][FIELD];
	char date[16];  /* "2025-07-04", "-" for none */
	char place[FIELD]; /* location name ("-" for none), optionally "/CTY" */
	long size[3];   /* killed, injured, arrested; -1 none */
} triple;

/* A "q" or "p" line. */
typedef struct gline {
	char kind[16];     /* q: "direct", "reported" or ""; p: the place kind or "" */
	char what[256];    /* q: the speaker; p: the name */
	char country[8];   /* p: the country or "" */
	int neg;
} gline;

typedef struct glines {
	gline *v;
	size_t n, cap;
} glines;

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
	glines quotes, places;
	int no_quotes, no_places;
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

static void triple_clear_extras(triple *t)
{
	memset(t->date, 0, sizeof(t->date));
	memset(t->place, 0, sizeof(t->place));
	t->size[0] = t->size[1] = t->size[2] = -2;
}

static void glines_add(glines *g, const gline *x)
{
	DY_GROW(g->v, g->cap, g->n + 1);
	g->v[g->n++] = *x;
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

/* "in:Crocus_City_Hall" against "Crocus City Hall", any case. */
static int name_match(const char *pat, const char *s)
{
	for (; *pat && *s; pat++, s++) {
		char a = *pat == '_' ? ' ' : *pat, b = *s;
		if (a >= 'A' && a <= 'Z')
			a = (char)(a + 32);
		if (b >= 'A' && b <= 'Z')
			b = (char)(b + 32);
		if (a != b)
			return 0;
	}
	return !*pat && !*s;
}

static int place_match(const char *pat, const char *produced)
{
	char name[FIELD], cty[FIELD];
	const char *slash = strchr(pat, '/');
	snprintf(name, sizeof(name), "%.*s", slash ? (int)(slash - pat) : (int)strlen(pat), pat);
	const char *pslash = strchr(produced, '/');
	snprintf(cty, sizeof(cty), "%s", pslash ? pslash + 1 : "");
	char pname[FIELD];
	snprintf(pname, sizeof(pname), "%.*s", pslash ? (int)(pslash - produced) : (int)strlen(produced), produced);
	if (!name_match(name, pname))
		return 0;
	return !slash || strcmp(slash + 1, cty) == 0;
}

static int triple_match(const triple *pat, const triple *x)
{
	for (int i = 0; i < 3; i++)
		if (!field_match(pat->f[i], x->f[i]))
			return 0;
	if (pat->date[0] && strcmp(pat->date, x->date) != 0)
		return 0;
	if (pat->place[0] && !place_match(pat->place, x->place))
		return 0;
	for (int i = 0; i < 3; i++)
		if (pat->size[i] != -2 && pat->size[i] != x->size[i])
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

/* Parses "SOURCE CODE TARGET [@DATE] [in:PLACE] [killed:N] ..." into t;
 * returns the number of fields, or -1. */
static int parse_triple(const char *s, triple *t, int *none)
{
	char buf[1024];
	char *w[10];
	int n = 0;
	*none = 0;
	snprintf(buf, sizeof(buf), "%s", s);
	for (char *save, *x = strtok_r(buf, " \t", &save); x; x = strtok_r(NULL, " \t", &save)) {
		if (n == 10 || strlen(x) >= FIELD)
			return -1;
		w[n++] = x;
	}
	if (n == 1 && strcmp(w[0], "none") == 0) {
		*none = 1;
		return 1;
	}
	if (n < 3)
		return -1;
	field_set(t->f[0], w[0]);
	field_set(t->f[1], w[1]);
	field_set(t->f[2], w[2]);
	triple_clear_extras(t);
	static const char *const sizes[] = {"killed:", "injured:", "arrested:"};
	for (int i = 3; i < n; i++) {
		int done = 0;
		if (w[i][0] == '@' && strlen(w[i]) < sizeof(t->date) + 1) {
			snprintf(t->date, sizeof(t->date), "%s", w[i] + 1);
			done = t->date[0] != '\0';
		} else if (strncmp(w[i], "in:", 3) == 0 && w[i][3]) {
			snprintf(t->place, sizeof(t->place), "%s", w[i] + 3);
			done = 1;
		}
		for (int k = 0; k < 3 && !done; k++) {
			size_t l = strlen(sizes[k]);
			if (strncmp(w[i], sizes[k], l) == 0 && strcmp(w[i] + l, "-") == 0) {
				t->size[k] = -1;
				done = 1;
			} else if (strncmp(w[i], sizes[k], l) == 0) {
				char *end;
				long v = strtol(w[i] + l, &end, 10);
				if (end == w[i] + l || *end || v < 0)
					return -1;
				t->size[k] = v;
				done = 1;
			}
		}
		if (!done)
			return -1;
	}
	return n;
}

/* Parses the rest of a "q" line: "[direct|reported] SPEAKER". */
static int parse_q(const char *s, gline *g, int *none)
{
	memset(g, 0, sizeof(*g));
	*none = 0;
	while (*s == ' ' || *s == '\t')
		s++;
	if (!strncmp(s, "direct ", 7) || !strncmp(s, "reported ", 9)) {
		size_t l = s[0] == 'd' ? 6 : 8;
		snprintf(g->kind, sizeof(g->kind), "%.*s", (int)l, s);
		s += l + 1;
		while (*s == ' ')
			s++;
	}
	if (!*s || strlen(s) >= sizeof(g->what))
		return -1;
	snprintf(g->what, sizeof(g->what), "%s", s);
	*none = strcmp(s, "none") == 0 && !g->kind[0];
	return 0;
}

/* Parses the rest of a "p" line: "NAME [CTY [KIND]]" ("_" for spaces in NAME). */
static int parse_p(const char *s, gline *g, int *none)
{
	memset(g, 0, sizeof(*g));
	char a[256] = "", b[8] = "", c[16] = "", extra[2];
	int n = sscanf(s, "%255s %7s %15s %1s", a, b, c, extra);
	if (n < 1 || n > 3)
		return -1;
	snprintf(g->what, sizeof(g->what), "%s", a);
	snprintf(g->country, sizeof(g->country), "%s", b);
	snprintf(g->kind, sizeof(g->kind), "%s", c);
	*none = strcmp(a, "none") == 0 && n == 1;
	return 0;
}

static int quote_match(const gline *g, const dy_quote *q)
{
	if (g->kind[0] && (!q->kind || strcmp(g->kind, q->kind) != 0))
		return 0;
	if (strcmp(g->what, "unknown") == 0)
		return q->speaker.name == NULL;
	if ((q->speaker.code && strcmp(g->what, q->speaker.code) == 0) ||
	    (q->speaker.name && name_match(g->what, q->speaker.name)))
		return 1;
	for (size_t i = 0; i < q->nmembers; i++)
		if ((q->members[i].code && strcmp(g->what, q->members[i].code) == 0) ||
		    (q->members[i].name && name_match(g->what, q->members[i].name)))
			return 1;
	return 0;
}

static int place_line_match(const gline *g, const dy_place *p)
{
	if (!(p->name && name_match(g->what, p->name)) && !(p->text && name_match(g->what, p->text)))
		return 0;
	if (g->country[0] && (!p->country || strcmp(g->country, p->country) != 0))
		return 0;
	return !g->kind[0] || (p->kind && strcmp(g->kind, p->kind) == 0);
}

/* The quotation and place lines of a case against the result; prints
 * what failed. */
static int check_quotes_places(const gcase *c, const dy_result *r, int print)
{
	int ok = 1;
	size_t want = 0;
	unsigned char used[256];
	memset(used, 0, sizeof(used));
	for (size_t i = 0; i < c->quotes.n; i++) {
		const gline *g = &c->quotes.v[i];
		if (g->neg) {
			for (size_t k = 0; k < r->nquotes; k++)
				if (quote_match(g, &r->quotes[k])) {
					if (print) printf("#   a quotation by '%s' was not expected\n", g->what);
					ok = 0;
					break;
				}
			continue;
		}
		want++;
		size_t k = 0;
		for (; k < r->nquotes && k < sizeof(used); k++)
			if (!used[k] && quote_match(g, &r->quotes[k]))
				break;
		if (k < r->nquotes && k < sizeof(used)) {
			used[k] = 1;
		} else {
			if (print) printf("#   no %s%squotation by '%s'\n", g->kind, g->kind[0] ? " " : "", g->what);
			ok = 0;
		}
	}
	if ((want || c->no_quotes) && r->nquotes != want) {
		if (print) printf("#   %zu quotation%s expected, %zu found\n", want, want == 1 ? "" : "s", r->nquotes);
		ok = 0;
	}
	for (size_t i = 0; i < c->places.n; i++) {
		const gline *g = &c->places.v[i];
		int found = 0;
		for (size_t k = 0; k < r->nplaces && !found; k++)
			found = place_line_match(g, &r->places[k]);
		if (found == g->neg) {
			if (print) printf("#   %s place '%s'%s%s\n", g->neg ? "unexpected" : "no", g->what, g->country[0] ? " in " : "",
			       g->country);
			ok = 0;
		}
	}
	if (c->no_places && r->nplaces) {
		if (print) printf("#   no place expected, %zu found\n", r->nplaces);
		ok = 0;
	}
	if (!ok || c->quotes.n || c->places.n || c->no_quotes || c->no_places) {
		for (size_t k = 0; k < r->nquotes && !ok; k++)
			if (print) printf("#   quotation (%s) by %s [%s]\n", r->quotes[k].kind, r->quotes[k].speaker.name ? r->quotes[k].speaker.name : "unknown",
			       r->quotes[k].speaker.code ? r->quotes[k].speaker.code : "-");
		for (size_t k = 0; k < r->nplaces && !ok; k++)
			if (print) printf("#   place '%s' %s %s (%s)\n", r->places[k].text, r->places[k].name,
			       r->places[k].country ? r->places[k].country : "-", r->places[k].kind);
	}
	return ok;
}

static void print_triples(const char *label, const triples *t)
{
	printf("#   %s", label);
	if (!t->n)
		printf(" (none)");
	for (size_t i = 0; i < t->n; i++) {
		const triple *x = &t->v[i];
		printf("%s%s %s %s", i ? ", " : " ", x->f[0], x->f[1], x->f[2]);
		if (x->date[0])
			printf(" @%s", x->date);
		if (x->place[0] && strcmp(x->place, "-") != 0)
			printf(" in:%s", x->place);
		static const char *const sz[] = {"killed", "injured", "arrested"};
		for (int k = 0; k < 3; k++)
			if (x->size[k] >= 0)
				printf(" %s:%ld", sz[k], x->size[k]);
	}
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
	c->quotes.n = c->places.n = 0;
	c->no_quotes = c->no_places = 0;
}

static void case_release(gcase *c)
{
	dy_buf_release(&c->text);
	dy_buf_release(&c->lines);
	free(c->exp.v);
	free(c->neg.v);
	free(c->quotes.v);
	free(c->places.v);
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
			memset(&t, 0, sizeof(t));
			field_set(t.f[0], ev->source.code);
			field_set(t.f[1], ev->code);
			field_set(t.f[2], ev->target.code);
			snprintf(t.date, sizeof(t.date), "%s", ev->date ? ev->date : "-");
			if (ev->location)
				snprintf(t.place, sizeof(t.place), "%s/%s", ev->location->name ? ev->location->name : "",
					 ev->location->country ? ev->location->country : "");
			else
				strcpy(t.place, "-");
			t.size[0] = ev->size.killed;
			t.size[1] = ev->size.injured;
			t.size[2] = ev->size.arrested;
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
	} else if (ok && !c->neg.n && !c->quotes.n && !c->places.n && !c->no_quotes && !c->no_places) {
		ok = g->got.n == 0;
	}
	for (size_t k = 0; k < g->got.n && ok; k++)
		ok = !any_match(&c->neg, &g->got.v[k]);
	int qp = rc >= 0 && r && (c->quotes.n || c->places.n || c->no_quotes || c->no_places);
	if (qp && !check_quotes_places(c, r, 0))
		ok = 0;

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
		if (qp)
			check_quotes_places(c, r, 1);
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
			if (c.line && (c.has_eq || c.neg.n || c.quotes.n || c.places.n || c.no_quotes || c.no_places))
				run_case(g, &c);
			const char *t = s[1] == ' ' ? s + 2 : s + 1;
			if (!c.line)
				c.line = lineno;
			else
				dy_buf_addc(&c.text, '\n');
			dy_buf_adds(&c.text, t);
			continue;
		}
		int qneg = s[0] == '!' && (s[1] == 'q' || s[1] == 'p') && (s[2] == ' ' || s[2] == '\t');
		if (((s[0] == 'q' || s[0] == 'p') && (s[1] == ' ' || s[1] == '\t')) || qneg) {
			gline gl;
			int none;
			char kind = qneg ? s[1] : s[0];
			const char *rest = s + (qneg ? 3 : 2);
			if (!c.line) {
				syntax_error(g, path, lineno, "an expected quotation or place without a '>' sentence before it", s);
				continue;
			}
			int bad = kind == 'q' ? parse_q(rest, &gl, &none) : parse_p(rest, &gl, &none);
			if (bad < 0 || (none && qneg)) {
				syntax_error(g, path, lineno,
					     kind == 'q' ? "expected 'q [direct|reported] SPEAKER' or 'q none'"
							 : "expected 'p NAME [COUNTRY [KIND]]' or 'p none'",
					     s);
				case_reset(&c);
				continue;
			}
			gl.neg = qneg;
			dy_buf_adds(&c.lines, s);
			dy_buf_addc(&c.lines, '\n');
			if (none)
				*(kind == 'q' ? &c.no_quotes : &c.no_places) = 1;
			else
				glines_add(kind == 'q' ? &c.quotes : &c.places, &gl);
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
				syntax_error(g, path, lineno,
					     "expected '= SOURCE CODE TARGET [@DATE] [in:PLACE] [killed:N ...]' or '= none'", s);
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
		syntax_error(g, path, lineno, "expected '>', '=', '!=', 'q', 'p', 'date:' or '#'", s);
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
