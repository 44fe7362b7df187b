/* compat.c - recognising dictionary formats, loading a TABARI project or a
 * set of TABARI/PETRARCH dictionaries, and coding documents with them into
 * dy_results (compat.h). */
#include "compat/compat.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"
#include "compat/compat_int.h"
#include "compat/tabari.h"
#include "event/event.h"
#include "text/text.h"

#ifndef DY_DATA_DIR
#define DY_DATA_DIR "data"
#endif

/* ---- recognising formats --------------------------------------------------------- */

static const char *const kind_names[] = {
	"unknown",          "dyad actors",      "dyad verbs",       "dyad CAMEO table", "TABARI actors",
	"TABARI agents",    "TABARI verbs",     "TABARI options",   "TABARI project",   "PETRARCH verbs",
	"PETRARCH actors",  "PETRARCH agents",  "PETRARCH discards", "PETRARCH issues", "PETRARCH XML",
	"TABARI text",
};

const char *dy_dict_kind_name(int kind)
{
	if (kind < 0 || (size_t)kind >= sizeof(kind_names) / sizeof(kind_names[0]))
		return "unknown";
	return kind_names[kind];
}

static int starts(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);
	return n >= k && !strncasecmp(s, p, k);
}

int dy_dict_sniff_buf(const char *buf, size_t n)
{
	size_t pos = 0;
	int first = 1, prev_blank = 1, in_xml_comment = 0;
	long projtag = 0, petrblock = 0, options = 0, patterns = 0, agentcode = 0, numcode = 0, codes = 0, plain = 0, issues = 0;
	long hash_inline = 0, semi_inline = 0, petr_agent = 0, dyad_actor = 0, records = 0, xml = 0, lines = 0;
	int dyad_verbs = 0, cameo = 0, record_pending = 0;
	long tabular = 0;
	if (n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		pos = 3;
	while (pos < n && lines < 5000) {
		const char *s = buf + pos;
		const char *e = memchr(s, '\n', n - pos);
		size_t l = e ? (size_t)(e - s) : n - pos;
		pos += l + (e != NULL);
		if (l && s[l - 1] == '\r')
			l--;
		size_t b = 0;
		while (b < l && isspace((unsigned char)s[b]))
			b++;
		const char *t = s + b;
		size_t tn = l - b;
		int blank = tn == 0;
		if (record_pending && !blank)
			records++;
		record_pending = 0;
		if (in_xml_comment) {
			if (memmem(s, l, "-->", 3))
				in_xml_comment = 0;
			prev_blank = blank;
			continue;
		}
		if (blank) {
			prev_blank = 1;
			continue;
		}
		lines++;
		if (starts(t, tn, "<!--")) {
			if (!memmem(t, tn, "-->", 3))
				in_xml_comment = 1;
			prev_blank = 0;
			continue;
		}
		if (first) {
			if (starts(t, tn, "<?xml") || starts(t, tn, "<Sentences") || starts(t, tn, "<Validation") ||
			    starts(t, tn, "<Sentence "))
				xml = 1;
			if (starts(t, tn, "code\troot"))
				cameo = 1;
			if (t[0] == '=' && tn > 1 && t[1] == '=')
				dyad_verbs = 1;
		}
		if (t[0] == '#' || (t[0] == '/' && b == 0)) {
			prev_blank = 0;
			continue;
		}
		first = 0;
		if (starts(t, tn, "<Sentence") || starts(t, tn, "<Text>"))
			xml = 1;
		if (starts(t, tn, "<actorsfile>") || starts(t, tn, "<verbsfile>") || starts(t, tn, "<textfile>") ||
		    starts(t, tn, "<agentsfile>") || starts(t, tn, "<optionsfile>"))
			projtag++;
		if (starts(t, tn, "<ISSUE"))
			issues++;
		if (tn > 6 && !memcmp(t, "---", 3) && !memcmp(t + tn - 3, "---", 3))
			petrblock++;
		if (starts(t, tn, "COMPLEX:") || starts(t, tn, "SET:") || starts(t, tn, "LABEL:") ||
		    starts(t, tn, "DEFAULT:") || starts(t, tn, "OUTPUT:") || starts(t, tn, "COMMA:") ||
		    starts(t, tn, "FORWARD:") || starts(t, tn, "NONEVENTS:"))
			options++;
		if (tn > 8 && (!memcmp(t, "actor ", 6) || !memcmp(t, "agent ", 6)) && isupper((unsigned char)t[6])) {
			size_t q = 6;
			while (q < tn && (isupper((unsigned char)t[q]) || isdigit((unsigned char)t[q])))
				q++;
			if (q < tn && t[q] == ' ')
				dyad_actor++;
		}
		int tabs = 0;
		for (size_t q = 0; q < l; q++)
			tabs += s[q] == '\t';
		if (tabs >= 5)
			tabular++;
		if (t[0] == '-' && memchr(t, '*', tn) && memchr(t, '[', tn))
			patterns++;
		if (t[0] == '!' && memchr(t, '=', tn))
			petr_agent++;
		const char *lb = memchr(t, '[', tn);
		if (lb) {
			codes++;
			const char *q = lb + 1;
			while (q < t + tn && *q == ' ')
				q++;
			const char *rb = memchr(lb, ']', (size_t)(t + tn - lb));
			if (q < t + tn && (*q == '~' || (rb && rb > lb + 1 && rb[-1] == '~')))
				agentcode++;
			if (q < t + tn && isdigit((unsigned char)*q))
				numcode++; /* an event code: a verb without patterns */
			if (rb) {
				const char *c = rb + 1;
				while (c < t + tn && isspace((unsigned char)*c))
					c++;
				if (c < t + tn && *c == '#')
					hash_inline++;
				if (c < t + tn && *c == ';')
					semi_inline++;
			}
			if (memchr(t, '{', (size_t)(lb - t)))
				petr_agent++;
		} else {
			plain++;
			const char *h = memchr(t, '#', tn);
			if (h && h > t)
				hash_inline++;
			if (memchr(t, ';', tn))
				semi_inline++;
		}
		/* A TABARI record header: digits, blanks, an id, after a blank line. */
		if (prev_blank && isdigit((unsigned char)s[0])) {
			size_t k = 0;
			while (k < l && isdigit((unsigned char)s[k]))
				k++;
			if (k >= 6 && k <= 9 && k < l && isspace((unsigned char)s[k]))
				record_pending = 1;
		}
		prev_blank = 0;
	}
	if (xml)
		return DY_DK_PETR_XML;
	if (cameo)
		return DY_DK_CAMEO_TSV;
	if (tabular * 2 > lines)
		return DY_DK_UNKNOWN; /* a table, not a dictionary */
	if (projtag)
		return DY_DK_TABARI_PROJECT;
	if (cameo)
		return DY_DK_CAMEO_TSV;
	if (dyad_verbs)
		return DY_DK_DYAD_VERBS;
	if (dyad_actor)
		return DY_DK_DYAD_ACTORS;
	if (issues)
		return DY_DK_PETR_ISSUES;
	if (petrblock)
		return DY_DK_PETR_VERBS;
	if (options && options * 2 >= lines)
		return DY_DK_TABARI_OPTIONS;
	if (patterns || (numcode && numcode * 2 >= codes))
		return DY_DK_TABARI_VERBS;
	if (records && records * 4 >= lines / 8)
		return DY_DK_TABARI_TEXT;
	if (agentcode && agentcode * 2 >= codes)
		return (petr_agent || hash_inline > semi_inline) ? DY_DK_PETR_AGENTS : DY_DK_TABARI_AGENTS;
	if (codes)
		return hash_inline > semi_inline ? DY_DK_PETR_ACTORS : DY_DK_TABARI_ACTORS;
	if (plain)
		return DY_DK_PETR_DISCARDS;
	return DY_DK_UNKNOWN;
}

int dy_dict_sniff(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return DY_DK_UNKNOWN;
	size_t cap = 256 * 1024;
	char *buf = dy_xmalloc(cap);
	size_t n = fread(buf, 1, cap, f);
	fclose(f);
	int k = dy_dict_sniff_buf(buf, n);
	free(buf);
	return k;
}

int dy_compat_wanted(const char *const *dicts, size_t ndicts)
{
	for (size_t i = 0; i < ndicts; i++) {
		int k = dy_dict_sniff(dicts[i]);
		if (k != DY_DK_DYAD_ACTORS && k != DY_DK_DYAD_VERBS && k != DY_DK_UNKNOWN && k != DY_DK_CAMEO_TSV)
			return 1;
	}
	return 0;
}

/* ---- loading -------------------------------------------------------------------------- */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int dy_compat_load_file(tb_dict *d, const char *path, int kind, dy_error *err)
{
	switch (kind) {
	case DY_DK_TABARI_ACTORS: return tb_load_actors(d, path, 0, err);
	case DY_DK_PETR_ACTORS: return tb_load_actors(d, path, 1, err);
	case DY_DK_TABARI_AGENTS: return tb_load_agents(d, path, 0, err);
	case DY_DK_PETR_AGENTS: return tb_load_agents(d, path, 1, err);
	case DY_DK_TABARI_VERBS: return tb_load_verbs(d, path, err);
	case DY_DK_PETR_VERBS: return tb_load_petr_verbs(d, path, err);
	case DY_DK_TABARI_OPTIONS: return tb_load_options(d, &d->opt, path, err);
	case DY_DK_PETR_DISCARDS: return tb_load_discards(d, path, err);
	case DY_DK_PETR_ISSUES: return tb_load_issues(d, path, err);
	case DY_DK_CAMEO_TSV: return 0;
	default: {
		FILE *f = fopen(path, "rb");
		if (!f)
			return dy_error_set(err, errno == ENOENT ? DY_ENOENT : DY_EIO, "cannot open '%s': %s", path,
					    strerror(errno));
		fclose(f);
		return dy_error_set(err, DY_EDICT, "%s: not a TABARI or PETRARCH dictionary (%s)", path,
				    dy_dict_kind_name(kind));
	}
	}
}

/* Joins dir and a project's relative path. */
static char *resolve(const char *base_dir, const char *p, size_t n)
{
	if (n && p[0] == '/')
		return dy_xstrndup(p, n);
	size_t dl = strlen(base_dir);
	char *s = dy_xmalloc(dl + n + 2);
	memcpy(s, base_dir, dl);
	s[dl] = '/';
	memcpy(s + dl + 1, p, n);
	s[dl + 1 + n] = 0;
	return s;
}

int dy_project_read(const char *path, dy_project *pr, dy_error *err)
{
	memset(pr, 0, sizeof(*pr));
	FILE *f = fopen(path, "rb");
	if (!f)
		return dy_error_set(err, errno == ENOENT ? DY_ENOENT : DY_EIO, "cannot open '%s': %s", path, strerror(errno));
	const char *slash = strrchr(path, '/');
	char *dir = slash ? dy_xstrndup(path, (size_t)(slash - path)) : dy_xstrdup(".");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	int rc = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		size_t n = (size_t)len;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = 0;
		const char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s != '<')
			continue;
		const char *gt = strchr(s, '>');
		if (!gt)
			continue;
		size_t tl = (size_t)(gt - s - 1);
		const char *v = gt + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		size_t vn = strlen(v);
		while (vn && isspace((unsigned char)v[vn - 1]))
			vn--;
		/* Only the first word of the value. */
		size_t w = 0;
		while (w < vn && !isspace((unsigned char)v[w]))
			w++;
		char tag[32];
		if (tl >= sizeof(tag))
			continue;
		memcpy(tag, s + 1, tl);
		tag[tl] = 0;
		char **slot = NULL;
		if (!strcasecmp(tag, "actorsfile"))
			slot = &pr->actors[pr->nactors < 8 ? pr->nactors++ : 7];
		else if (!strcasecmp(tag, "verbsfile"))
			slot = &pr->verbs;
		else if (!strcasecmp(tag, "agentsfile"))
			slot = &pr->agents;
		else if (!strcasecmp(tag, "optionsfile"))
			slot = &pr->options;
		else if (!strcasecmp(tag, "issuesfile"))
			slot = &pr->issues;
		else if (!strcasecmp(tag, "textfile")) {
			if (pr->ntext < 64)
				slot = &pr->text[pr->ntext++];
		}
		if (!slot)
			continue;
		if (!w) {
			rc = dy_error_at(err, DY_ESYNTAX, path, lineno, (long)(v - line) + 1, line, n, "<%s> without a file name", tag);
			break;
		}
		free(*slot);
		*slot = resolve(dir, v, w);
	}
	free(line);
	free(dir);
	fclose(f);
	if (!rc && !pr->verbs && !pr->nactors)
		rc = dy_error_set(err, DY_EDICT, "%s: the project names no <actorsfile> or <verbsfile>", path);
	return rc;
}

void dy_project_release(dy_project *pr)
{
	for (size_t i = 0; i < pr->nactors; i++)
		free(pr->actors[i]);
	for (size_t i = 0; i < pr->ntext; i++)
		free(pr->text[i]);
	free(pr->verbs);
	free(pr->agents);
	free(pr->options);
	free(pr->issues);
	memset(pr, 0, sizeof(*pr));
}

/* Loads the project's dictionaries (TABARI formats, whatever the content
 * says: a .project names them by role). */
int dy_project_load(tb_dict *d, const dy_project *pr, dy_error *err)
{
	int rc;
	for (size_t i = 0; i < pr->nactors; i++) {
		int k = dy_dict_sniff(pr->actors[i]);
		if ((rc = tb_load_actors(d, pr->actors[i], k == DY_DK_PETR_ACTORS, err)) < 0)
			return rc;
	}
	if (pr->agents) {
		int k = dy_dict_sniff(pr->agents);
		if ((rc = tb_load_agents(d, pr->agents, k == DY_DK_PETR_AGENTS, err)) < 0)
			return rc;
	}
	if (pr->verbs) {
		int k = dy_dict_sniff(pr->verbs);
		rc = k == DY_DK_PETR_VERBS ? tb_load_petr_verbs(d, pr->verbs, err) : tb_load_verbs(d, pr->verbs, err);
		if (rc < 0)
			return rc;
	}
	if (pr->options && (rc = tb_load_options(d, &d->opt, pr->options, err)) < 0)
		return rc;
	return 0;
}

/* ---- PETRARCH issues ---------------------------------------------------------------------
 *
 * PETRARCH's issues dictionary (Phoenix.IssueCoding.txt; PETRARCH's
 * dictionaries.rst) is plain string matching: lines "phrase [CODE]" under
 * <ISSUE CATEGORY="..."> headings, where "n:word" stands for the noun and
 * its plural, "v:word" for the verb's regular forms (S, ED, ING) and "a+b"
 * for "a b" and "a-b"; "~phrase" (and "~~phrase") lines are ignore phrases.
 * PETRARCH drops all of a sentence's issues at any ignore phrase; the
 * Phoenix file writes them for their own <ISSUE> category ("~olive oil"
 * under ENERGY, "~~oil" under DRUG_CARTEL, where dropping everything would
 * never let OIL through), so here an ignore phrase drops the issues of its
 * category (all of them when it is under none). An event carries the
 * issues of its sentence with how many phrases of each were found.
 *
 * Here both the phrases and the sentence are cut into words (letters and
 * digits; every other character separates, so "a-b" and "a b" are the same
 * words) and compared in upper case. Phrases are indexed by their first
 * word, longest first; the sentence is read left to right taking the
 * longest phrase at each word. */

typedef struct issue_phrase {
	const char *const *w;      /* the words, upper case */
	const uint32_t *wn;
	uint16_t nw;
	uint32_t len;              /* letters, for longest first */
	const char *code;          /* NULL: an ignore phrase */
	const char *category;      /* or NULL */
	struct issue_phrase *next; /* the next phrase with the same first word */
} issue_phrase;

struct dy_compat {
	tb_dict d;
	dy_verbs cameo;
	dy_project pr;
	const char **textfiles;
	double load_seconds;
	int has_cameo;
	dy_arena arena;            /* issue phrases, file names */
	dy_map issues;             /* first word -> issue_phrase list */
	size_t nissue_phrases;
	const char **files;        /* what was loaded (dy_compat_files) */
	int *kinds;
	size_t nfiles, capfiles, capkinds;
};

static void add_file(dy_compat *c, const char *path, int kind)
{
	DY_GROW(c->files, c->capfiles, c->nfiles + 1);
	DY_GROW(c->kinds, c->capkinds, c->nfiles + 1);
	c->files[c->nfiles] = dy_arena_strdup(&c->arena, path);
	c->kinds[c->nfiles++] = kind;
}

/* A byte that is part of a word: ASCII letters and digits, and UTF-8
 * letters; the General Punctuation block (U+2000-U+206F: dashes, curly
 * quotes) separates like ASCII punctuation. *step is the character's
 * length in bytes. */
static int word_char(const char *s, size_t n, size_t *step)
{
	unsigned char b = (unsigned char)s[0];
	*step = 1;
	if (b < 0x80)
		return isalnum(b) != 0;
	if (b == 0xE2 && n >= 3 && ((unsigned char)s[1] == 0x80 || (unsigned char)s[1] == 0x81)) {
		*step = 3;
		return 0;
	}
	return 1;
}

/* The words of s[0..n): their offsets into s in pairs, at most max. */
static size_t cut_words(const char *s, size_t n, uint32_t *off, size_t max)
{
	size_t nw = 0, i = 0;
	while (i < n && nw < max) {
		size_t k;
		if (!word_char(s + i, n - i, &k)) {
			i += k;
			continue;
		}
		size_t b = i;
		while (i < n && word_char(s + i, n - i, &k))
			i += k;
		off[2 * nw] = (uint32_t)b;
		off[2 * nw + 1] = (uint32_t)i;
		nw++;
	}
	return nw;
}

static void upper_ascii(char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		s[i] = (char)toupper((unsigned char)s[i]);
}

static int ends(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && !strncasecmp(s + n - k, suf, k);
}

static int vowel(char c)
{
	return strchr("AEIOUaeiou", c) != NULL;
}

/* The forms "n:" and "v:" stand for (PETRARCH's regular plural and verb
 * endings), in out[] as malloc'ed strings; returns how many. */
static int word_forms(const char *w, size_t n, int kind, char **out)
{
	int k = 0;
	out[k++] = dy_xstrndup(w, n);
	if (!n || kind == 0)
		return k;
	char *s = dy_xmalloc(n + 4);
	/* plural, or third person */
	if (n > 1 && (w[n - 1] == 'y' || w[n - 1] == 'Y') && !vowel(w[n - 2]))
		snprintf(s, n + 4, "%.*sIES", (int)(n - 1), w);
	else if (ends(w, n, "s") || ends(w, n, "x") || ends(w, n, "z") || ends(w, n, "ch") || ends(w, n, "sh"))
		snprintf(s, n + 4, "%.*sES", (int)n, w);
	else
		snprintf(s, n + 4, "%.*sS", (int)n, w);
	out[k++] = s;
	if (kind == 'v') {
		s = dy_xmalloc(n + 4);
		if (ends(w, n, "e"))
			snprintf(s, n + 4, "%.*sD", (int)n, w);
		else if (n > 1 && (w[n - 1] == 'y' || w[n - 1] == 'Y') && !vowel(w[n - 2]))
			snprintf(s, n + 4, "%.*sIED", (int)(n - 1), w);
		else
			snprintf(s, n + 4, "%.*sED", (int)n, w);
		out[k++] = s;
		s = dy_xmalloc(n + 4);
		if (n > 2 && ends(w, n, "e") && !ends(w, n, "ee"))
			snprintf(s, n + 4, "%.*sING", (int)(n - 1), w);
		else
			snprintf(s, n + 4, "%.*sING", (int)n, w);
		out[k++] = s;
	}
	return k;
}

enum { ISSUE_MAX_FORMS = 64, ISSUE_MAX_WORDS = 32 };

/* Indexes one form of a phrase (its words cut as in a sentence). */
static void issue_add_form(dy_compat *c, const char *form, size_t n, const char *code, const char *category)
{
	uint32_t off[2 * ISSUE_MAX_WORDS];
	size_t nw = cut_words(form, n, off, ISSUE_MAX_WORDS);
	if (!nw)
		return;
	issue_phrase *p = dy_arena_calloc(&c->arena, 1, sizeof(*p));
	const char **w = dy_arena_alloc(&c->arena, nw * sizeof(*w));
	uint32_t *wn = dy_arena_alloc(&c->arena, nw * sizeof(*wn));
	for (size_t i = 0; i < nw; i++) {
		char *x = dy_arena_strndup(&c->arena, form + off[2 * i], off[2 * i + 1] - off[2 * i]);
		upper_ascii(x, off[2 * i + 1] - off[2 * i]);
		w[i] = x;
		wn[i] = off[2 * i + 1] - off[2 * i];
		p->len += wn[i];
	}
	p->w = w;
	p->wn = wn;
	p->nw = (uint16_t)nw;
	p->code = code;
	p->category = category;
	int created;
	issue_phrase **head = (issue_phrase **)dy_map_put(&c->issues, w[0], wn[0], &created);
	/* Longest first (more words, then more letters); earlier lines first on a tie. */
	while (*head && ((*head)->nw > p->nw || ((*head)->nw == p->nw && (*head)->len >= p->len)))
		head = &(*head)->next;
	p->next = *head;
	*head = p;
	c->nissue_phrases++;
}

/* Expands a phrase as written ("pre+n:school") into its forms and indexes each. */
static void issue_add(dy_compat *c, const char *ph, size_t n, const char *code, const char *category)
{
	char *forms[ISSUE_MAX_FORMS];
	int nf = 1;
	forms[0] = dy_xstrdup("");
	size_t i = 0;
	while (i < n) {
		while (i < n && (isspace((unsigned char)ph[i]) || ph[i] == '+'))
			i++;
		if (i == n)
			break;
		size_t b = i;
		while (i < n && !isspace((unsigned char)ph[i]) && ph[i] != '+')
			i++;
		const char *w = ph + b;
		size_t wn = i - b;
		int kind = 0;
		if (wn > 2 && (w[0] == 'n' || w[0] == 'N' || w[0] == 'v' || w[0] == 'V') && w[1] == ':') {
			kind = tolower((unsigned char)w[0]);
			w += 2;
			wn -= 2;
		}
		char *alts[4];
		int na = word_forms(w, wn, kind, alts);
		char *next[ISSUE_MAX_FORMS];
		int nn = 0;
		for (int f = 0; f < nf; f++)
			for (int a = 0; a < na && nn < ISSUE_MAX_FORMS; a++) {
				size_t fl = strlen(forms[f]), al = strlen(alts[a]);
				char *x = dy_xmalloc(fl + al + 2);
				memcpy(x, forms[f], fl);
				x[fl] = ' ';
				memcpy(x + fl + 1, alts[a], al + 1);
				next[nn++] = x;
			}
		for (int f = 0; f < nf; f++)
			free(forms[f]);
		for (int a = 0; a < na; a++)
			free(alts[a]);
		memcpy(forms, next, (size_t)nn * sizeof(*forms));
		nf = nn;
	}
	for (int f = 0; f < nf; f++) {
		issue_add_form(c, forms[f], strlen(forms[f]), code, category);
		free(forms[f]);
	}
}

/* Reads an issues dictionary into c->issues. Malformed lines were noted by
 * tb_load_issues (dict check) and are skipped here. */
static int issues_load(dy_compat *c, const char *path, dy_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return dy_error_set(err, errno == ENOENT ? DY_ENOENT : DY_EIO, "cannot open '%s': %s", path,
				    strerror(errno));
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	const char *category = NULL;
	while ((len = getline(&line, &cap, f)) >= 0) {
		size_t n = (size_t)len;
		char *h = memchr(line, '#', n);
		if (h)
			n = (size_t)(h - line);
		const char *s = line;
		while (n && isspace((unsigned char)*s)) {
			s++;
			n--;
		}
		while (n && isspace((unsigned char)s[n - 1]))
			n--;
		if (!n)
			continue;
		if (s[0] == '<') {
			/* <ISSUE CATEGORY="EDUCATION" TYPE="ALL"> opens a category, </ISSUE> closes it. */
			const char *k = n > 6 && !strncasecmp(s, "<ISSUE", 6) ? memmem(s, n, "CATEGORY=\"", 10) : NULL;
			if (k) {
				const char *v = k + 10;
				const char *q = memchr(v, '"', (size_t)(s + n - v));
				category = q ? dy_arena_strndup(&c->arena, v, (size_t)(q - v)) : NULL;
			} else if (n > 2 && s[1] == '/') {
				category = NULL;
			}
			continue;
		}
		if (s[0] == '~') {
			while (n && *s == '~') {
				s++;
				n--;
			}
			issue_add(c, s, n, NULL, category);
			continue;
		}
		const char *lb = memchr(s, '[', n);
		const char *rb = lb ? memchr(lb, ']', (size_t)(s + n - lb)) : NULL;
		if (!rb)
			continue;
		const char *cs = lb + 1;
		size_t cn = (size_t)(rb - cs);
		while (cn && isspace((unsigned char)*cs)) {
			cs++;
			cn--;
		}
		while (cn && isspace((unsigned char)cs[cn - 1]))
			cn--;
		if (!cn)
			continue;
		issue_add(c, s, (size_t)(lb - s), dy_arena_strndup(&c->arena, cs, cn), category);
	}
	free(line);
	fclose(f);
	return 0;
}

int dy_cameo_table_load(dy_verbs *v, const char *data_dir, dy_error *err)
{
	const char *dir = data_dir ? data_dir : getenv("DYAD_DATA");
	if (!dir)
		dir = DY_DATA_DIR;
	char path[4096];
	snprintf(path, sizeof(path), "%s/cameo.tsv", dir);
	dy_verbs_init(v, NULL);
	return dy_cameo_load(v, path, err);
}

dy_compat *dy_compat_load(const dy_compat_config *cfg, dy_error *err)
{
	double t0 = now();
	dy_error_clear(err);
	dy_compat *c = dy_xcalloc(1, sizeof(*c));
	tb_dict_init(&c->d);
	int rc = 0;
	dy_arena_init(&c->arena);
	dy_map_init(&c->issues);
	if (cfg->project) {
		if ((rc = dy_project_read(cfg->project, &c->pr, err)) < 0 || (rc = dy_project_load(&c->d, &c->pr, err)) < 0)
			goto fail;
		c->textfiles = dy_xcalloc(c->pr.ntext + 1, sizeof(char *));
		for (size_t i = 0; i < c->pr.ntext; i++)
			c->textfiles[i] = c->pr.text[i];
		for (size_t i = 0; i < c->pr.nactors; i++)
			add_file(c, c->pr.actors[i], dy_dict_sniff(c->pr.actors[i]));
		const char *more[3] = {c->pr.agents, c->pr.verbs, c->pr.options};
		for (int i = 0; i < 3; i++)
			if (more[i])
				add_file(c, more[i], dy_dict_sniff(more[i]));
		/* A project's <issuesfile>, when it is in PETRARCH's format. */
		if (c->pr.issues && dy_dict_sniff(c->pr.issues) == DY_DK_PETR_ISSUES) {
			if ((rc = issues_load(c, c->pr.issues, err)) < 0)
				goto fail;
			add_file(c, c->pr.issues, DY_DK_PETR_ISSUES);
		}
	}
	for (size_t i = 0; i < cfg->ndicts; i++) {
		int k = dy_dict_sniff(cfg->dicts[i]);
		if (k == DY_DK_TABARI_PROJECT) {
			rc = dy_error_set(err, DY_EDICT, "%s: a .project is an input (dyad code %s), not a --dict",
					  cfg->dicts[i], cfg->dicts[i]);
			goto fail;
		}
		if ((rc = dy_compat_load_file(&c->d, cfg->dicts[i], k, err)) < 0)
			goto fail;
		if (k == DY_DK_PETR_ISSUES && (rc = issues_load(c, cfg->dicts[i], err)) < 0)
			goto fail;
		add_file(c, cfg->dicts[i], k);
	}
	/* TABARI codes no sentence under 8 words (its manual); PETRARCH has
	 * no such floor. */
	if (c->d.petrarch_verbs)
		c->d.opt.min_words = 0;
	if ((rc = dy_cameo_table_load(&c->cameo, cfg->data_dir, err)) < 0)
		goto fail;
	c->has_cameo = 1;
	c->load_seconds = now() - t0;
	return c;
fail:
	dy_compat_free(c);
	return NULL;
}

void dy_compat_free(dy_compat *c)
{
	if (!c)
		return;
	tb_dict_release(&c->d);
	if (c->has_cameo)
		dy_verbs_release(&c->cameo);
	dy_project_release(&c->pr);
	free(c->textfiles);
	dy_map_release(&c->issues);
	dy_arena_release(&c->arena);
	free(c->files);
	free(c->kinds);
	free(c);
}

size_t dy_compat_files(const dy_compat *c, const char *const **paths, const int **kinds)
{
	*paths = c->files;
	*kinds = c->kinds;
	return c->nfiles;
}

int dy_compat_petrarch(const dy_compat *c)
{
	return c->d.petrarch_verbs;
}

size_t dy_compat_textfiles(const dy_compat *c, const char *const **files)
{
	*files = c->textfiles;
	return c->pr.ntext;
}

void dy_compat_stats(const dy_compat *c, dy_coder_stats *out)
{
	memset(out, 0, sizeof(*out));
	out->load_seconds = c->load_seconds;
	out->actors = c->d.nactors;
	out->aliases = c->d.nphrases[TB_K_ACTOR];
	out->agents = c->d.nphrases[TB_K_AGENT];
	out->patterns = c->d.npatterns;
	out->cameo_codes = c->cameo.ncameo;
}

size_t dy_compat_notes(const dy_compat *c, const char **msgs)
{
	*msgs = c->d.notes.s ? c->d.notes.s : "";
	return c->d.nnotes;
}

const tb_dict *dy_compat_dict(const dy_compat *c)
{
	return &c->d;
}

/* ---- coding ------------------------------------------------------------------------------ */

struct dy_compat_worker {
	const dy_compat *c;
	dy_arena arena;
	tb_state st;
	dy_result res;
	dy_buf trace;
	dy_buf text;
};

dy_compat_worker *dy_compat_worker_new(const dy_compat *c)
{
	dy_compat_worker *w = dy_xcalloc(1, sizeof(*w));
	w->c = c;
	dy_arena_init(&w->arena);
	tb_state_init(&w->st);
	dy_buf_init(&w->trace);
	dy_buf_init(&w->text);
	return w;
}

void dy_compat_worker_free(dy_compat_worker *w)
{
	if (!w)
		return;
	tb_state_release(&w->st);
	dy_arena_release(&w->arena);
	dy_buf_release(&w->trace);
	dy_buf_release(&w->text);
	free(w);
}

static int32_t doc_date(const char *s)
{
	if (!s || strlen(s) < 10)
		return 0;
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return 0;
	return atoi(s) * 10000 + atoi(s + 5) * 100 + atoi(s + 8);
}

/* Fills the CAMEO fields of an event from dyad's table (or a LABEL:). */
void dy_compat_cameo(const dy_compat *c, dy_event *e, const char *code)
{
	e->code = code;
	const dy_cameo *k = c->has_cameo ? dy_cameo_get(&c->cameo, code) : NULL;
	/* The dictionary's own LABEL: names its codes best (a WEIS set, say). */
	const char *label = dy_map_get(&c->d.labels, code, strlen(code));
	if (k) {
		e->root = k->root;
		e->name = label ? label : k->name;
		e->quad = k->quad;
		e->goldstein = k->goldstein;
		e->plover = k->plover;
		return;
	}
	const char *lab = dy_map_get(&c->d.labels, code, strlen(code));
	e->root = "";
	e->name = lab ? lab : "";
	e->quad = 0;
	e->goldstein = 0;
	e->plover = "";
}

typedef struct evbuf {
	dy_event *v;
	size_t n, cap;
} evbuf;

static dy_event *ev_push(dy_arena *a, evbuf *b)
{
	if (b->n == b->cap) {
		size_t nc = b->cap ? b->cap * 2 : 16;
		dy_event *nv = dy_arena_alloc(a, nc * sizeof(*nv));
		if (b->n)
			memcpy(nv, b->v, b->n * sizeof(*nv));
		b->v = nv;
		b->cap = nc;
	}
	dy_event *e = &b->v[b->n++];
	memset(e, 0, sizeof(*e));
	return e;
}

static const char *fmt_date(dy_arena *a, int32_t d)
{
	return d ? dy_arena_printf(a, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100) : NULL;
}

static void add_tb_events(dy_compat_worker *w, const tb_result *tr, const char *text, uint32_t s0, uint32_t s1,
			  uint32_t sent, const dy_doc *doc, evbuf *eb)
{
	dy_arena *a = &w->arena;
	for (size_t i = 0; i < tr->nev; i++) {
		const tb_event *te = &tr->ev[i];
		dy_event *e = ev_push(a, eb);
		e->sent = sent;
		e->date = tr->shifted ? fmt_date(a, tr->date) : doc->date;
		dy_compat_cameo(w->c, e, te->code);
		e->sent_start = s0;
		e->sent_end = s1;
		e->trig_start = te->trig_start;
		e->trig_end = te->trig_end;
		e->pattern = te->pattern ? te->pattern->text : te->verb->name;
		e->rule = dy_arena_printf(a, "%s %s %s", te->verb_rule ? te->verb_rule : "", te->src_rule ? te->src_rule : "",
					  te->tgt_rule ? te->tgt_rule : "");
		e->date_precision = e->date ? "day" : NULL;
		e->date_text = "";
		e->size.killed = e->size.injured = e->size.arrested = -1;
		dy_actor_ref *r[2] = {&e->source, &e->target};
		const char *codes[2] = {te->src, te->tgt};
		const char *names[2] = {te->src_name, te->tgt_name};
		const char *rules[2] = {te->src_rule, te->tgt_rule};
		uint32_t st[2] = {te->src_start, te->tgt_start}, en[2] = {te->src_end, te->tgt_end};
		for (int q = 0; q < 2; q++) {
			r[q]->code = codes[q];
			r[q]->name = names[q];
			/* No blanks at the ends (a parse word missing from the text
			 * leaves one). */
			while (st[q] < en[q] && isspace((unsigned char)text[st[q]]))
				st[q]++;
			while (en[q] > st[q] && isspace((unsigned char)text[en[q] - 1]))
				en[q]--;
			r[q]->start = st[q];
			r[q]->end = en[q];
			r[q]->text = dy_arena_strndup(a, text + st[q], en[q] > st[q] ? en[q] - st[q] : 0);
			r[q]->rule = rules[q];
		}
	}
}

/* The issues of the sentence text[s0..s1) (see the top of the issues
 * section) into events [from, eb->n), which share them; trace lines when
 * tr is set. */
static void attach_issues(dy_compat_worker *w, const char *text, uint32_t s0, uint32_t s1, evbuf *eb, size_t from,
			  dy_buf *tr)
{
	const dy_compat *c = w->c;
	if (!c->nissue_phrases || s1 <= s0 || (eb->n == from && !tr))
		return;
	dy_arena *a = &w->arena;
	size_t n = s1 - s0, max = n / 2 + 2;
	uint32_t *off = dy_arena_alloc(a, 2 * max * sizeof(*off));
	size_t nw = cut_words(text + s0, n, off, max);
	char *up = dy_arena_strndup(a, text + s0, n);
	upper_ascii(up, n);
	dy_issue *v = dy_arena_alloc(a, (nw + 1) * sizeof(*v));
	size_t nv = 0, free_from = 0;
	enum { MAXIGN = 16 };
	const char *ign[MAXIGN]; /* categories an ignore phrase cancelled */
	size_t nign = 0;
	int ign_all = 0;
	for (size_t i = 0; i < nw; i++) {
		const issue_phrase *take = NULL;
		for (const issue_phrase *p = dy_map_get(&c->issues, up + off[2 * i], off[2 * i + 1] - off[2 * i]); p;
		     p = p->next) {
			if (i + p->nw > nw)
				continue;
			size_t k = 1;
			for (; k < p->nw; k++) {
				uint32_t b = off[2 * (i + k)], e = off[2 * (i + k) + 1];
				if (e - b != p->wn[k] || memcmp(up + b, p->w[k], p->wn[k]))
					break;
			}
			if (k < p->nw)
				continue;
			if (!p->code) {
				/* An ignore phrase: no issue of its category here. */
				size_t q = 0;
				while (q < nign && p->category && strcmp(ign[q], p->category))
					q++;
				if (!p->category)
					ign_all = 1;
				else if (q == nign && nign < MAXIGN)
					ign[nign++] = p->category;
				else if (q == nign)
					ign_all = 1;
				if (tr) {
					uint32_t b = off[2 * i], e = off[2 * (i + p->nw - 1) + 1];
					dy_buf_addf(tr, "  issues: ignore phrase '%.*s': no %s issue in this sentence\n",
						    (int)(e - b), text + s0 + b, p->category ? p->category : "");
				}
				continue;
			}
			/* The longest phrase at the first word not already taken. */
			if (!take && i >= free_from)
				take = p;
		}
		if (!take)
			continue;
		free_from = i + take->nw;
		size_t q = 0;
		while (q < nv && strcmp(v[q].code, take->code))
			q++;
		if (q < nv) {
			v[q].count++;
			continue;
		}
		uint32_t b = off[2 * i], e = off[2 * (i + take->nw - 1) + 1];
		v[nv].code = take->code;
		v[nv].category = take->category;
		v[nv].start = s0 + b;
		v[nv].end = s0 + e;
		v[nv].text = dy_arena_strndup(a, text + s0 + b, e - b);
		v[nv].count = 1;
		nv++;
	}
	size_t kept = 0;
	for (size_t q = 0; q < nv && !ign_all; q++) {
		size_t g = 0;
		while (g < nign && !(v[q].category && !strcmp(v[q].category, ign[g])))
			g++;
		if (g == nign)
			v[kept++] = v[q];
	}
	if (tr && kept) {
		dy_buf_adds(tr, "  issues:");
		for (size_t q = 0; q < kept; q++)
			dy_buf_addf(tr, "%s %s%s%s '%s' x%u", q ? "," : "", v[q].code, v[q].category ? "/" : "",
				    v[q].category ? v[q].category : "", v[q].text, v[q].count);
		dy_buf_addc(tr, '\n');
	}
	if (!kept)
		return;
	for (size_t i = from; i < eb->n; i++) {
		eb->v[i].issues = v;
		eb->v[i].nissues = kept;
	}
}

int dy_compat_code(dy_compat_worker *w, const dy_doc *doc, const char *parse, unsigned flags,
		   const dy_result **out, dy_error *err)
{
	const dy_compat *c = w->c;
	dy_arena_reset(&w->arena);
	dy_arena_reset(&w->st.arena);
	dy_buf_clear(&w->trace);
	dy_arena *a = &w->arena;
	dy_result *r = &w->res;
	memset(r, 0, sizeof(*r));
	r->doc = doc;
	r->text = doc->text;
	r->len = doc->len;
	int32_t date = doc_date(doc->date);
	dy_buf *tr = (flags & DY_CODE_EXPLAIN) ? &w->trace : NULL;
	evbuf eb = {NULL, 0, 0};
	if (parse) {
		/* PETRARCH XML: the record's own parse tree places the phrases. */
		uint32_t *so = dy_arena_alloc(a, 2 * sizeof(*so));
		so[0] = 0;
		so[1] = (uint32_t)doc->len;
		r->nsents = 1;
		r->sent_offsets = so;
		r->trace = tr ? w->trace.s : NULL;
		*out = r;
		tb_tree tree;
		if (tb_tree_parse(&w->st.arena, parse, strlen(parse), &tree) < 0)
			return dy_error_set(err, DY_ESYNTAX, "document '%s': its <Parse> tree is malformed", doc->id);
		if (tr)
			dy_buf_addf(tr, "record %s: %.*s\n", doc->id, (int)doc->len, doc->text);
		tb_petr pe = {1, 0};
		tb_result res;
		tb_code_tree(&c->d, &w->st, &tree, doc->text, 0, (uint32_t)doc->len, date, &pe, &res, tr);
		add_tb_events(w, &res, doc->text, 0, (uint32_t)doc->len, 0, doc, &eb);
		attach_issues(w, doc->text, 0, (uint32_t)doc->len, &eb, 0, tr);
		r->events = eb.v;
		r->nevents = eb.n;
		r->trace = tr ? w->trace.s : NULL;
		return 0;
	}
	if (flags & DY_COMPAT_RECORD) {
		uint32_t *so = dy_arena_alloc(a, 2 * sizeof(*so));
		so[0] = 0;
		so[1] = (uint32_t)doc->len;
		r->nsents = 1;
		r->sent_offsets = so;
		tb_result res;
		if (tr)
			dy_buf_addf(tr, "record %s: %.*s\n", doc->id, (int)doc->len, doc->text);
		tb_code_text(&c->d, &w->st, doc->text, 0, (uint32_t)doc->len, date, doc->id, &res, tr);
		add_tb_events(w, &res, doc->text, 0, (uint32_t)doc->len, 0, doc, &eb);
		attach_issues(w, doc->text, 0, (uint32_t)doc->len, &eb, 0, tr);
	} else {
		dy_text txt;
		int rc = dy_text_split(a, doc->text, doc->len, &txt);
		r->text = txt.text ? txt.text : doc->text;
		r->len = txt.text ? txt.len : doc->len;
		r->repairs = txt.repairs;
		r->first_repair = txt.first_repair;
		if (rc < 0) {
			*out = r;
			return dy_error_set(err, rc, "document '%s' has no text", doc->id);
		}
		uint32_t *so = dy_arena_alloc(a, 2 * (txt.nsents + 1) * sizeof(*so));
		r->nsents = txt.nsents;
		r->sent_offsets = so;
		for (size_t si = 0; si < txt.nsents; si++) {
			const dy_sentence *s = &txt.sents[si];
			so[2 * si] = s->start;
			so[2 * si + 1] = s->end;
			tb_result res;
			if (tr) {
				dy_buf_addf(tr, "sentence %zu: ", si);
				dy_buf_add(tr, r->text + s->start, s->end - s->start);
				dy_buf_addc(tr, '\n');
			}
			tb_code_text(&c->d, &w->st, r->text, s->start, s->end, date, NULL, &res, tr);
			size_t from = eb.n;
			add_tb_events(w, &res, r->text, s->start, s->end, (uint32_t)si, doc, &eb);
			attach_issues(w, r->text, s->start, s->end, &eb, from, tr);
		}
	}
	r->events = eb.v;
	r->nevents = eb.n;
	r->trace = tr ? w->trace.s : NULL;
	*out = r;
	return 0;
}
