/* tagger.c - the HMM part-of-speech tagger over Lingua::EN::Tagger's model.
 *
 * The model is three YAML files. words.yml gives, for each word form of the
 * Penn Treebank (WSJ) corpus, how often it carried each tag; tags.yml gives
 * P(next tag | tag); unknown.yml gives tag distributions for classes of
 * words the corpus never saw (-cap-, -ing-, ...). At load each word gets an
 * array of (tag, log P(word | tag)) for the tags it was seen with, so that
 * decoding only ever looks at those: a first-order Viterbi search whose
 * width at each token is the number of tags the word can have.
 */
#include "tag/tag.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/map.h"
#include "base/mem.h"
#include "tag/tag_int.h"

/* Lingua's tag names and ours. "pp" is the sentence-final stop, "ppc" the
 * comma, "pps" other mid-sentence punctuation (: ; -- ...), "ppd" the
 * currency sign, "ppl"/"ppr" the opening and closing quotes. */
static const struct {
	const char *name;
	uint8_t tag;
} lingua_tags[] = {
	{"cc", DY_TAG_CC},     {"cd", DY_TAG_CD},     {"det", DY_TAG_DT},     {"ex", DY_TAG_EX},
	{"fw", DY_TAG_FW},     {"in", DY_TAG_IN},     {"jj", DY_TAG_JJ},      {"jjr", DY_TAG_JJR},
	{"jjs", DY_TAG_JJS},   {"lrb", DY_TAG_LRB},   {"ls", DY_TAG_LS},      {"md", DY_TAG_MD},
	{"nn", DY_TAG_NN},     {"nnp", DY_TAG_NNP},   {"nnps", DY_TAG_NNPS},  {"nns", DY_TAG_NNS},
	{"pdt", DY_TAG_PDT},   {"pos", DY_TAG_POS},   {"pp", DY_TAG_END},     {"ppc", DY_TAG_COMMA},
	{"ppd", DY_TAG_DOLLAR}, {"ppl", DY_TAG_LQUOTE}, {"ppr", DY_TAG_RQUOTE}, {"pps", DY_TAG_COLON},
	{"prp", DY_TAG_PRP},   {"prps", DY_TAG_PRPS}, {"rb", DY_TAG_RB},      {"rbr", DY_TAG_RBR},
	{"rbs", DY_TAG_RBS},   {"rp", DY_TAG_RP},     {"rrb", DY_TAG_RRB},    {"sym", DY_TAG_SYM},
	{"to", DY_TAG_TO},     {"uh", DY_TAG_UH},     {"vb", DY_TAG_VB},      {"vbd", DY_TAG_VBD},
	{"vbg", DY_TAG_VBG},   {"vbn", DY_TAG_VBN},   {"vbp", DY_TAG_VBP},    {"vbz", DY_TAG_VBZ},
	{"wdt", DY_TAG_WDT},   {"wp", DY_TAG_WP},     {"wps", DY_TAG_WPS},    {"wrb", DY_TAG_WRB},
};

/* The unknown-word classes of unknown.yml, in the order Lingua tests them
 * (see classify()). */
enum { C_ABR, C_HYP, C_HYPADJ, C_SYM, C_CAP, C_ING, C_S, C_TION, C_LY, C_ED, C_UNKNOWN, NCLASS };
static const char *const class_names[NCLASS] = {
	"-abr-", "-hyp-", "-hyp-adj-", "-sym-", "-cap-", "-ing-", "-s-", "-tion-", "-ly-", "-ed-", "-unknown-",
};
/* Words of words.yml that stand for classes of tokens. */
enum { W_NUM, W_ORD, W_LRB, W_RRB, NSPECIAL };
static const char *const special_names[NSPECIAL] = {"*NUM*", "*ORD*", "*LRB*", "*RRB*"};

/* Weight of tags.yml against the tag unigram distribution in the
 * transition probabilities, so that a transition the corpus never saw is
 * unlikely but not impossible. */
#define TRANS_LAMBDA 0.999

typedef struct cand {
	float lp;    /* log P(word | tag), up to a constant per word */
	uint8_t tag; /* DY_TAG_* */
} cand;

typedef struct wentry {
	uint32_t first; /* index of the first candidate in dy_tagger.cands */
	uint8_t n;      /* number of candidates; 0 when the word has none */
	uint8_t jj;     /* the word was seen as an adjective */
} wentry;

struct dy_tagger {
	dy_map words;   /* form -> entry index + 1, cast to a pointer */
	dy_arena keys;  /* the forms the map points to */
	wentry *ents;
	size_t nents;
	cand *cands;
	size_t ncands, capcands;
	wentry cls[NCLASS];        /* n == 0 when unknown.yml lacks the class */
	const wentry *special[NSPECIAL]; /* NULL when words.yml lacks the word */
	wentry fallback;           /* a bare NN, when even -unknown- is missing */
	wentry symbol;             /* a bare SYM, when -sym- is missing */
	double total[DY_TAG_COUNT]; /* tag counts in words.yml */
	double ntotal;
	float trans[DY_TAG_COUNT][DY_TAG_COUNT]; /* log P(to | from) */
};

/* ---- The YAML subset ----
 *
 * Lingua's files are YAML documents whose every line is one entry of the top
 * mapping, the value a flow mapping on the same line:
 *     "word": { tag: 12, tag2: 3 }
 *     det: { jj: 0.216346, nn: 0.48 }
 * Keys are bare, double-quoted (with backslash escapes) or single-quoted
 * ('' for a quote); values are numbers. Blank lines, comments and the
 * "---" and "..." document markers are skipped. Anything else is an error
 * that names the file, line and column. */

enum { YML_MAXPAIRS = 64, YML_MAXKEY = 512 };

typedef struct yml_pair {
	const char *name;
	uint32_t len;
	uint32_t col; /* 1-based column of the name, for messages */
	double val;
} yml_pair;

typedef struct yml {
	const char *path;
	const char *p, *end; /* the unread rest of the buffer */
	long lineno;
	const char *line;    /* the current line, for messages */
	size_t linelen;
	char key[YML_MAXKEY];
	size_t keylen;
	uint32_t keycol;
	yml_pair pairs[YML_MAXPAIRS];
	size_t npairs;
} yml;

static int yml_fail(yml *y, const char *at, dy_error *err, const char *what)
{
	return dy_error_at(err, DY_ESYNTAX, y->path, y->lineno, (long)(at - y->line) + 1, y->line,
			   y->linelen, "%s", what);
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_blank(int c) { return c == ' ' || c == '\t'; }

static const char *skip_blanks(const char *s, const char *e)
{
	while (s < e && is_blank(*s))
		s++;
	return s;
}

/* Parses a decimal number (sign, digits, fraction, exponent) without the
 * locale's help; returns the end of it, or NULL when there is none. */
static const char *parse_number(const char *s, const char *e, double *out)
{
	const char *q = s;
	int neg = 0, digits = 0;
	long exp10 = 0;
	double m = 0;
	if (q < e && (*q == '+' || *q == '-'))
		neg = *q++ == '-';
	while (q < e && is_digit(*q)) {
		m = m * 10 + (*q++ - '0');
		digits++;
	}
	if (q < e && *q == '.') {
		q++;
		while (q < e && is_digit(*q)) {
			m = m * 10 + (*q++ - '0');
			exp10--;
			digits++;
		}
	}
	if (!digits)
		return NULL;
	if (q < e && (*q == 'e' || *q == 'E')) {
		q++;
		int esign = 1, edigits = 0;
		long ev = 0;
		if (q < e && (*q == '+' || *q == '-'))
			esign = *q++ == '-' ? -1 : 1;
		while (q < e && is_digit(*q)) {
			if (ev < 100000)
				ev = ev * 10 + (*q - '0');
			q++;
			edigits++;
		}
		if (!edigits)
			return NULL;
		exp10 += esign * ev;
	}
	if (exp10)
		m *= pow(10.0, (double)exp10);
	*out = neg ? -m : m;
	return q;
}

/* Reads a quoted string starting at the quote *s into out (at most max
 * bytes); returns the position after the closing quote, or NULL with
 * *why set. */
static const char *parse_quoted(const char *s, const char *e, char *out, size_t max, size_t *outlen,
				const char **why, const char **whyat)
{
	char q = *s++;
	size_t n = 0;
	for (;;) {
		if (s >= e) {
			*why = "unterminated quoted string";
			*whyat = s;
			return NULL;
		}
		char c = *s;
		if (c == q) {
			/* In single quotes, '' stands for one quote. */
			if (q == '\'' && s + 1 < e && s[1] == '\'') {
				s++;
			} else {
				s++;
				break;
			}
		} else if (c == '\\' && q == '"') {
			if (s + 1 >= e) {
				*why = "unterminated quoted string";
				*whyat = s + 1;
				return NULL;
			}
			switch (s[1]) {
			case '"': c = '"'; break;
			case '\\': c = '\\'; break;
			case '/': c = '/'; break;
			case '\'': c = '\''; break;
			case 't': c = '\t'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			default:
				*why = "unknown escape sequence";
				*whyat = s;
				return NULL;
			}
			s++;
		}
		if (n + 1 >= max) {
			*why = "quoted string too long";
			*whyat = s;
			return NULL;
		}
		out[n++] = c;
		s++;
	}
	out[n] = '\0';
	*outlen = n;
	return s;
}

static int yml_entry(yml *y, const char *s, const char *e, dy_error *err)
{
	const char *why = NULL, *at = NULL;
	y->keycol = (uint32_t)(s - y->line) + 1;
	y->npairs = 0;
	const char *q = s;
	if (*q == '"' || *q == '\'') {
		q = parse_quoted(q, e, y->key, sizeof(y->key), &y->keylen, &why, &at);
		if (!q)
			return yml_fail(y, at, err, why);
		q = skip_blanks(q, e);
		if (q >= e || *q != ':')
			return yml_fail(y, q, err, "expected ':' after the key");
		q++;
	} else {
		if (strchr("{}[],:#", *q))
			return yml_fail(y, q, err, "expected a key");
		/* A bare key runs to the first colon that a blank, '{' or the end
		 * follows; a '{' before that means the colon is missing. */
		const char *c = q;
		while (c < e && *c != '{' && !(*c == ':' && (c + 1 == e || is_blank(c[1]) || c[1] == '{')))
			c++;
		const char *ke = c;
		while (ke > q && is_blank(ke[-1]))
			ke--;
		if (c >= e || *c != ':')
			return yml_fail(y, ke, err, "expected ':' after the key");
		if ((size_t)(ke - q) >= sizeof(y->key))
			return yml_fail(y, q, err, "key too long");
		y->keylen = (size_t)(ke - q);
		memcpy(y->key, q, y->keylen);
		y->key[y->keylen] = '\0';
		q = c + 1;
	}
	if (y->keylen == 0)
		return yml_fail(y, s, err, "empty key");
	q = skip_blanks(q, e);
	if (q >= e || *q != '{')
		return yml_fail(y, q, err, "expected '{' (a flow mapping on one line) after the key");
	q++;
	for (;;) {
		q = skip_blanks(q, e);
		if (q >= e)
			return yml_fail(y, q, err, "unterminated '{': the mapping must end on the same line");
		if (*q == '}') {
			q++;
			break;
		}
		if (y->npairs == YML_MAXPAIRS)
			return yml_fail(y, q, err, "too many entries in one mapping");
		yml_pair *p = &y->pairs[y->npairs];
		p->col = (uint32_t)(q - y->line) + 1;
		p->name = q;
		if (*q == '"' || *q == '\'') {
			/* Tag names never need escapes: take the text between the quotes. */
			const char *c = memchr(q + 1, *q, (size_t)(e - q - 1));
			if (!c)
				return yml_fail(y, q, err, "unterminated quoted string");
			p->name = q + 1;
			p->len = (uint32_t)(c - q - 1);
			q = c + 1;
		} else {
			while (q < e && !is_blank(*q) && !strchr(":,{}[]\"'#", *q))
				q++;
			p->len = (uint32_t)(q - p->name);
		}
		if (p->len == 0)
			return yml_fail(y, q, err, "expected a tag name");
		q = skip_blanks(q, e);
		if (q >= e || *q != ':')
			return yml_fail(y, q, err, "expected ':' after the tag name");
		q = skip_blanks(q + 1, e);
		const char *ne = parse_number(q, e, &p->val);
		if (!ne || (ne < e && !is_blank(*ne) && *ne != ',' && *ne != '}'))
			return yml_fail(y, q, err, "expected a number");
		if (!isfinite(p->val) || p->val < 0)
			return yml_fail(y, q, err, "expected a number that is not negative");
		y->npairs++;
		q = skip_blanks(ne, e);
		if (q < e && *q == ',') {
			q++;
			continue;
		}
		if (q < e && *q == '}') {
			q++;
			break;
		}
		return yml_fail(y, q, err, "expected ',' or '}'");
	}
	q = skip_blanks(q, e);
	if (q < e && *q != '#')
		return yml_fail(y, q, err, "unexpected text after '}'");
	return 1;
}

/* Reads the next entry into y->key and y->pairs; returns 1, 0 at the end
 * of the buffer, or a negative DY_E* code. */
static int yml_next(yml *y, dy_error *err)
{
	while (y->p < y->end) {
		const char *ls = y->p;
		const char *le = memchr(ls, '\n', (size_t)(y->end - ls));
		if (!le)
			le = y->end;
		y->p = le < y->end ? le + 1 : le;
		y->lineno++;
		size_t n = (size_t)(le - ls);
		if (n && ls[n - 1] == '\r')
			n--;
		y->line = ls;
		y->linelen = n;
		const char *e = ls + n;
		const char *s = skip_blanks(ls, e);
		if (s == e || *s == '#')
			continue;
		if (e - s >= 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "...", 3) == 0) &&
		    (e - s == 3 || is_blank(s[3])))
			continue;
		if (memchr(s, '\0', (size_t)(e - s)))
			return yml_fail(y, (const char *)memchr(s, '\0', (size_t)(e - s)), err, "NUL byte in line");
		return yml_entry(y, s, e, err);
	}
	return 0;
}

static int tag_of(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(lingua_tags) / sizeof(lingua_tags[0]); i++)
		if (strlen(lingua_tags[i].name) == len && memcmp(lingua_tags[i].name, name, len) == 0)
			return lingua_tags[i].tag;
	return -1;
}

static int bad_tag(yml *y, const yml_pair *p, dy_error *err)
{
	return dy_error_at(err, DY_ESYNTAX, y->path, y->lineno, p->col, y->line, y->linelen,
			   "unknown tag '%.*s'", (int)p->len, p->name);
}

/* Opens one model file; on success the caller closes f. */
static int yml_open(yml *y, char *path, size_t pathsize, const char *dir, const char *name, dy__file *f,
		    dy_error *err)
{
	int rc = dy__path(path, pathsize, dir, name, err);
	if (rc)
		return rc;
	rc = dy__file_open(f, path, err);
	if (rc)
		return rc;
	memset(y, 0, offsetof(yml, key));
	y->path = path;
	y->p = f->data;
	y->end = f->data + f->len;
	return 0;
}

/* ---- Loading ---- */

typedef struct wrec {
	uint32_t id;
	uint8_t tag;
	float count;
} wrec;

static uint32_t push_cand(dy_tagger *t, uint8_t tag, float lp)
{
	DY_GROW(t->cands, t->capcands, t->ncands + 1);
	t->cands[t->ncands].tag = tag;
	t->cands[t->ncands].lp = lp;
	return (uint32_t)t->ncands++;
}

static int load_words(dy_tagger *t, const char *dir, dy_error *err)
{
	char path[4096];
	dy__file f;
	yml y;
	int rc = yml_open(&y, path, sizeof(path), dir, "words.yml", &f, err);
	if (rc)
		return rc;
	wrec *recs = NULL;
	size_t nrecs = 0, caprecs = 0;
	uint32_t nwords = 0;
	while ((rc = yml_next(&y, err)) > 0) {
		void *v = dy_map_get(&t->words, y.key, y.keylen);
		uint32_t id;
		if (v) {
			id = (uint32_t)((uintptr_t)v - 1);
		} else {
			id = nwords++;
			char *k = dy_arena_strndup(&t->keys, y.key, y.keylen);
			dy_map_set(&t->words, k, y.keylen, (void *)(uintptr_t)(id + 1));
		}
		for (size_t i = 0; i < y.npairs; i++) {
			int tag = tag_of(y.pairs[i].name, y.pairs[i].len);
			if (tag < 0) {
				rc = bad_tag(&y, &y.pairs[i], err);
				goto out;
			}
			DY_GROW(recs, caprecs, nrecs + 1);
			recs[nrecs++] = (wrec){id, (uint8_t)tag, (float)y.pairs[i].val};
		}
	}
	if (rc < 0)
		goto out;
	if (nwords == 0) {
		rc = dy_error_set(err, DY_ESYNTAX, "%s: no words in the model", path);
		goto out;
	}

	/* Group the records by word (a stable counting sort, so that when a word
	 * is listed twice its later counts win, as in Lingua) and merge. */
	uint32_t *start = dy_xcalloc(nwords + 1, sizeof(*start));
	for (size_t i = 0; i < nrecs; i++)
		start[recs[i].id + 1]++;
	for (uint32_t i = 0; i < nwords; i++)
		start[i + 1] += start[i];
	wrec *sorted = dy_xmalloc((nrecs ? nrecs : 1) * sizeof(*sorted));
	uint32_t *fill = dy_xmalloc((size_t)nwords * sizeof(*fill));
	memcpy(fill, start, (size_t)nwords * sizeof(*fill));
	for (size_t i = 0; i < nrecs; i++)
		sorted[fill[recs[i].id]++] = recs[i];
	free(fill);

	t->ents = dy_xcalloc(nwords, sizeof(*t->ents));
	t->nents = nwords;
	for (uint32_t w = 0; w < nwords; w++) {
		float count[DY_TAG_COUNT];
		uint8_t seen[DY_TAG_COUNT] = {0}, order[DY_TAG_COUNT];
		int n = 0;
		for (uint32_t i = start[w]; i < start[w + 1]; i++) {
			uint8_t tag = sorted[i].tag;
			if (!seen[tag]) {
				seen[tag] = 1;
				order[n++] = tag;
			}
			count[tag] = sorted[i].count;
		}
		wentry *e = &t->ents[w];
		e->first = (uint32_t)t->ncands;
		for (int i = 0; i < n; i++) {
			uint8_t tag = order[i];
			if (count[tag] <= 0)
				continue;
			t->total[tag] += count[tag];
			t->ntotal += count[tag];
			/* Until the totals are known, lp holds the count. */
			push_cand(t, tag, count[tag]);
			e->n++;
			if (tag == DY_TAG_JJ)
				e->jj = 1;
		}
	}
	free(start);
	free(sorted);
	/* P(word | tag) = count(word, tag) / count(tag). */
	for (size_t i = 0; i < t->ncands; i++)
		t->cands[i].lp = (float)(log(t->cands[i].lp) - log(t->total[t->cands[i].tag]));
	rc = 0;
out:
	free(recs);
	dy__file_close(&f);
	return rc;
}

/* P(tag) in words.yml, add-one smoothed for tags it lacks. */
static double prior(const dy_tagger *t, int tag)
{
	return (t->total[tag] + 1) / (t->ntotal + DY_TAG_COUNT);
}

static int load_unknown(dy_tagger *t, const char *dir, dy_error *err)
{
	char path[4096];
	dy__file f;
	yml y;
	int rc = yml_open(&y, path, sizeof(path), dir, "unknown.yml", &f, err);
	if (rc)
		return rc;
	while ((rc = yml_next(&y, err)) > 0) {
		int c = 0;
		while (c < NCLASS && strcmp(class_names[c], y.key) != 0)
			c++;
		if (c == NCLASS) {
			rc = dy_error_at(err, DY_ESYNTAX, path, y.lineno, y.keycol, y.line, y.linelen,
					 "unknown word class '%s'", y.key);
			break;
		}
		double sum = 0, count[DY_TAG_COUNT] = {0};
		for (size_t i = 0; i < y.npairs; i++) {
			int tag = tag_of(y.pairs[i].name, y.pairs[i].len);
			if (tag < 0) {
				rc = bad_tag(&y, &y.pairs[i], err);
				goto out;
			}
			sum += y.pairs[i].val - count[tag];
			count[tag] = y.pairs[i].val;
		}
		/* The class counts are P(tag | class) scaled; Bayes turns them into
		 * P(class | tag) up to a constant: P(tag | class) / P(tag). */
		wentry *e = &t->cls[c];
		e->first = (uint32_t)t->ncands;
		e->n = 0;
		for (int tag = 0; tag < DY_TAG_COUNT; tag++) {
			if (count[tag] <= 0)
				continue;
			push_cand(t, (uint8_t)tag, (float)(log(count[tag] / sum) - log(prior(t, tag))));
			e->n++;
		}
	}
out:
	dy__file_close(&f);
	return rc < 0 ? rc : 0;
}

static int load_tags(dy_tagger *t, const char *dir, dy_error *err)
{
	char path[4096];
	dy__file f;
	yml y;
	int rc = yml_open(&y, path, sizeof(path), dir, "tags.yml", &f, err);
	if (rc)
		return rc;
	double p[DY_TAG_COUNT][DY_TAG_COUNT];
	uint8_t row[DY_TAG_COUNT] = {0};
	int rows = 0;
	memset(p, 0, sizeof(p));
	while ((rc = yml_next(&y, err)) > 0) {
		int from = tag_of(y.key, y.keylen);
		if (from < 0) {
			rc = dy_error_at(err, DY_ESYNTAX, path, y.lineno, y.keycol, y.line, y.linelen,
					 "unknown tag '%s'", y.key);
			break;
		}
		row[from] = 1;
		rows++;
		for (size_t i = 0; i < y.npairs; i++) {
			int to = tag_of(y.pairs[i].name, y.pairs[i].len);
			if (to < 0) {
				rc = bad_tag(&y, &y.pairs[i], err);
				goto out;
			}
			if (y.pairs[i].val > 1) {
				rc = dy_error_at(err, DY_ESYNTAX, path, y.lineno, y.pairs[i].col, y.line,
						 y.linelen, "probability %g is greater than 1", y.pairs[i].val);
				goto out;
			}
			p[from][to] = y.pairs[i].val;
		}
	}
	if (rc < 0)
		goto out;
	if (rows == 0) {
		rc = dy_error_set(err, DY_ESYNTAX, "%s: no transitions in the model", path);
		goto out;
	}
	for (int from = 0; from < DY_TAG_COUNT; from++)
		for (int to = 0; to < DY_TAG_COUNT; to++) {
			double q = row[from] ? TRANS_LAMBDA * p[from][to] + (1 - TRANS_LAMBDA) * prior(t, to)
					     : prior(t, to);
			t->trans[from][to] = (float)log(q);
		}
	/* No path may go through the placeholder tag. */
	for (int i = 0; i < DY_TAG_COUNT; i++)
		t->trans[i][DY_TAG_NONE] = -1e30f;
	rc = 0;
out:
	dy__file_close(&f);
	return rc;
}

static const wentry *get(const dy_tagger *t, const char *w, size_t len)
{
	void *v = dy_map_get(&t->words, w, len);
	if (!v)
		return NULL;
	const wentry *e = &t->ents[(uintptr_t)v - 1];
	return e->n ? e : NULL;
}

dy_tagger *dy_tagger_load(const char *dir, dy_error *err)
{
	dir = dy__data_dir(dir, "DYAD_TAGGER_DIR", DY_TAGGER_DIR);
	dy_tagger *t = dy_xcalloc(1, sizeof(*t));
	dy_map_init(&t->words);
	dy_arena_init(&t->keys);
	/* Words first: the other two files need the tag totals. */
	if (load_words(t, dir, err) || load_unknown(t, dir, err) || load_tags(t, dir, err)) {
		dy_tagger_free(t);
		return NULL;
	}
	for (int i = 0; i < NSPECIAL; i++)
		t->special[i] = get(t, special_names[i], strlen(special_names[i]));
	t->fallback.first = push_cand(t, DY_TAG_NN, 0);
	t->fallback.n = 1;
	t->symbol.first = push_cand(t, DY_TAG_SYM, 0);
	t->symbol.n = 1;
	return t;
}

void dy_tagger_free(dy_tagger *t)
{
	if (!t)
		return;
	dy_map_release(&t->words);
	dy_arena_release(&t->keys);
	free(t->ents);
	free(t->cands);
	free(t);
}

/* ---- Tagging ---- */

/* Bytes of UTF-8 sequences count as letters, as Perl's \w would treat the
 * characters they encode (nearly always letters in news text). */
static int is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' || c >= 0x80;
}

static int ends_with(const char *w, size_t len, const char *suf)
{
	size_t n = strlen(suf);
	return len >= n && memcmp(w + len - n, suf, n) == 0;
}

/* Matches -?digits(.digits?)? and .digits as Lingua does, and also digit
 * groups with commas ("1,000.5"), which Lingua would call capitalised. */
static int is_number(const char *w, size_t len)
{
	size_t i = 0, d = 0;
	if (i < len && w[i] == '-')
		i++;
	while (i < len) {
		if (is_digit(w[i])) {
			i++;
			d++;
		} else if (w[i] == ',' && d && i + 3 < len && is_digit(w[i + 1]) && is_digit(w[i + 2]) &&
			   is_digit(w[i + 3]) && (i + 4 == len || !is_digit(w[i + 4]))) {
			i += 4;
			d += 3;
		} else {
			break;
		}
	}
	if (i < len && w[i] == '.') {
		i++;
		while (i < len && is_digit(w[i])) {
			i++;
			d++;
		}
	}
	return d && i == len;
}

/* Lingua's _classify_unknown_word(): the class of a word the lexicon lacks,
 * one of C_* or NCLASS + W_* for the words that stand for classes. */
static int word_class(const dy_tagger *t, const dy_token *tok, const char *w, size_t len)
{
	if (len == 0)
		return C_SYM;
	for (size_t i = 0; i < len; i++) {
		if (w[i] == '(' || w[i] == '[' || w[i] == '{')
			return NCLASS + W_LRB;
		if (w[i] == ')' || w[i] == ']' || w[i] == '}')
			return NCLASS + W_RRB;
	}
	if (is_number(w, len))
		return NCLASS + W_NUM;
	/* Other number constructs: digits, then digits / : -, then a digit. */
	size_t i = 0;
	while (i < len && is_digit(w[i]))
		i++;
	if (i > 0 && len >= i + 2 && is_digit(w[len - 1])) {
		size_t j = i;
		while (j < len && (is_digit(w[j]) || w[j] == '/' || w[j] == ':' || w[j] == '-'))
			j++;
		if (j == len)
			return NCLASS + W_NUM;
	}
	/* Ordinals and the like: -?digits word-characters. */
	i = w[0] == '-' ? 1 : 0;
	size_t d = i;
	while (d < len && is_digit(w[d]))
		d++;
	if (d > i && d < len) {
		size_t j = d;
		while (j < len && is_word((unsigned char)w[j]))
			j++;
		if (j == len)
			return NCLASS + W_ORD;
	}
	/* An abbreviation: a capital, then capitals, dots and hyphens. */
	if (w[0] >= 'A' && w[0] <= 'Z') {
		i = 1;
		while (i < len && ((w[i] >= 'A' && w[i] <= 'Z') || w[i] == '.' || w[i] == '-'))
			i++;
		if (i == len)
			return C_ABR;
	}
	for (i = 1; i + 1 < len; i++) {
		if (w[i] == '-' && is_word((unsigned char)w[i - 1]) && is_word((unsigned char)w[i + 1])) {
			/* Hyphenated: an adjective if its last part can be one. */
			const char *h = w + len;
			while (h[-1] != '-')
				h--;
			const wentry *he = h < w + len ? get(t, h, (size_t)(w + len - h)) : NULL;
			return he && he->jj ? C_HYPADJ : C_HYP;
		}
	}
	i = 0;
	while (i < len && !is_word((unsigned char)w[i]))
		i++;
	if (i == len)
		return C_SYM;
	unsigned char f = (unsigned char)w[0];
	if (f < 0x80 ? !(f >= 'a' && f <= 'z') : (tok->flags & DY_TOK_CAP) != 0)
		return C_CAP;
	if (ends_with(w, len, "ing"))
		return C_ING;
	if (ends_with(w, len, "s"))
		return C_S;
	if (ends_with(w, len, "tion"))
		return C_TION;
	if (ends_with(w, len, "ly"))
		return C_LY;
	if (ends_with(w, len, "ed"))
		return C_ED;
	return C_UNKNOWN;
}

/* The candidates for a class; -unknown- stands in for classes the model
 * lacks, and a bare NN for that. */
static const wentry *class_entry(const dy_tagger *t, int c)
{
	if (c >= NCLASS && t->special[c - NCLASS])
		return t->special[c - NCLASS];
	if (c < NCLASS && t->cls[c].n)
		return &t->cls[c];
	if (c == C_SYM)
		return &t->symbol; /* Lingua tags symbols SYM whatever unknown.yml says */
	return t->cls[C_UNKNOWN].n ? &t->cls[C_UNKNOWN] : &t->fallback;
}

/* The candidates of a token: the form as it is, then with its first letter
 * lower-cased (as Lingua does, which handles sentence-initial words), then
 * the unknown-word class. */
static const wentry *lookup(const dy_tagger *t, const dy_token *tok)
{
	const char *w = tok->form ? tok->form : "";
	size_t len = strlen(w);
	const wentry *e = get(t, w, len);
	if (e)
		return e;
	if (len && w[0] >= 'A' && w[0] <= 'Z') {
		char buf[256];
		if (len < sizeof(buf)) {
			memcpy(buf, w, len);
			buf[0] = (char)(buf[0] - 'A' + 'a');
			e = get(t, buf, len);
			if (e)
				return e;
		}
	}
	return class_entry(t, word_class(t, tok, w, len));
}

void dy_tag(const dy_tagger *t, dy_arena *scratch, dy_token *toks, size_t n)
{
	if (n == 0)
		return;
	const wentry **ent = dy_arena_alloc(scratch, n * sizeof(*ent));
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		ent[i] = lookup(t, &toks[i]);
		total += ent[i]->n;
	}
	/* bp[off + j]: the best predecessor of candidate j at token i, where off
	 * is the sum of the candidate counts before token i. */
	uint8_t *bp = dy_arena_alloc(scratch, total);
	float score[2][DY_TAG_COUNT];
	static const cand start = {0, DY_TAG_END};
	const cand *pc = &start; /* Lingua starts every sentence after a "pp" */
	size_t pn = 1, off = 0;
	float *prev = score[0], *cur = score[1];
	prev[0] = 0;
	for (size_t i = 0; i < n; i++) {
		const cand *cc = t->cands + ent[i]->first;
		size_t cn = ent[i]->n;
		float top = -INFINITY;
		for (size_t j = 0; j < cn; j++) {
			const uint8_t to = cc[j].tag;
			float best = prev[0] + t->trans[pc[0].tag][to];
			uint8_t arg = 0;
			for (size_t k = 1; k < pn; k++) {
				float s = prev[k] + t->trans[pc[k].tag][to];
				if (s > best) {
					best = s;
					arg = (uint8_t)k;
				}
			}
			cur[j] = best + cc[j].lp;
			bp[off + j] = arg;
			if (cur[j] > top)
				top = cur[j];
		}
		/* Keep the scores near zero so that long sentences lose no precision. */
		for (size_t j = 0; j < cn; j++)
			cur[j] -= top;
		off += cn;
		pc = cc;
		pn = cn;
		float *tmp = prev;
		prev = cur;
		cur = tmp;
	}
	size_t j = 0;
	for (size_t k = 1; k < pn; k++)
		if (prev[k] > prev[j])
			j = k;
	for (size_t i = n; i-- > 0;) {
		off -= ent[i]->n;
		toks[i].tag = t->cands[ent[i]->first + j].tag;
		j = bp[off + j];
	}
}

int dy_tagger_knows(const dy_tagger *t, const char *form)
{
	size_t len = strlen(form);
	if (dy_map_get(&t->words, form, len))
		return 1;
	/* A capitalised sentence-initial word is known in lower case. */
	if (len && form[0] >= 'A' && form[0] <= 'Z' && len < 128) {
		char buf[128];
		memcpy(buf, form, len);
		buf[0] = (char)(buf[0] - 'A' + 'a');
		return dy_map_get(&t->words, buf, len) != NULL;
	}
	return 0;
}
