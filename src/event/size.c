/* size.c - counts of the dead, injured and arrested (see size.h). */
#include "event/size.h"

#include <stdlib.h>
#include <string.h>

#include "tag/tagset.h"

static int eq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static const char *lem(const dy_token *t)
{
	return t->lemma ? t->lemma : t->lower;
}

/* ---- numbers ---- */

static const char *const units[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
				    "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
				    "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const tens[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};

/* A number written in words below 100 ("seven", "thirty-five"); -1 if not. */
static long small_word(const char *w)
{
	for (int i = 1; i < 20; i++)
		if (eq(w, units[i]))
			return i;
	for (int i = 0; i < 8; i++) {
		size_t l = strlen(tens[i]);
		if (strncmp(w, tens[i], l) == 0) {
			if (!w[l])
				return 20 + 10 * i;
			if (w[l] == '-')
				for (int u = 1; u < 10; u++)
					if (eq(w + l + 1, units[u]))
						return 20 + 10 * i + u;
		}
	}
	return -1;
}

/* Digits with thousands separators ("1,200") or a decimal point ("1.5");
 * -1 when the token is not such a number. Sets *dec when it had a decimal
 * part (the value is then scaled by 10 per decimal digit in *scale). */
static long digit_number(const char *w, int *scale)
{
	long v = 0;
	int digits = 0, after_point = -1;
	*scale = 1;
	for (const char *p = w; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (digits++ > 12)
				return -1;
			v = v * 10 + (*p - '0');
			if (after_point >= 0) {
				after_point++;
				*scale *= 10;
			}
		} else if (*p == ',' && after_point < 0 && p[1] >= '0' && p[1] <= '9') {
			continue;
		} else if (*p == '.' && after_point < 0 && p[1] >= '0' && p[1] <= '9') {
			after_point = 0;
		} else {
			return -1;
		}
	}
	return digits ? v : -1;
}

static int is_month(const dy_token *t)
{
	static const char *const m[] = {"january", "february", "march", "april", "may", "june", "july",
					"august", "september", "october", "november", "december"};
	if (!(t->flags & DY_TOK_CAP))
		return 0;
	for (int i = 0; i < 12; i++)
		if (eq(t->lower, m[i]))
			return 1;
	return 0;
}

/* The number that starts at token i: its value, its last token, and the
 * vague word it was ("dozens") if any. Returns 0 when there is none. */
static int number_at(const dy_token *toks, size_t n, size_t i, long *val, size_t *last, const char **vague)
{
	const dy_token *t = &toks[i];
	const char *w = t->lower;
	long v = -1;
	int scale = 1;
	*vague = NULL;
	size_t j = i;
	if (w[0] >= '0' && w[0] <= '9') {
		v = digit_number(w, &scale);
		if (v < 0)
			return 0;
		/* Years, days of months, money and percentages are not counts. */
		if (scale == 1 && strlen(w) == 4 && v >= 1900 && v <= 2100)
			return 0;
		if ((i > 0 && (toks[i - 1].tag == DY_TAG_DOLLAR || is_month(&toks[i - 1]))) ||
		    (i + 1 < n && is_month(&toks[i + 1])))
			return 0;
	} else if (eq(w, "dozens") || eq(w, "scores") || eq(w, "hundreds") || eq(w, "thousands")) {
		v = eq(w, "dozens") ? 24 : eq(w, "scores") ? 40 : eq(w, "hundreds") ? 200 : 2000;
		*vague = eq(w, "dozens") ? "dozens" : eq(w, "scores") ? "scores" : eq(w, "hundreds") ? "hundreds" : "thousands";
	} else if (eq(w, "tens") && i + 2 < n && eq(toks[i + 1].lower, "of") && eq(toks[i + 2].lower, "thousands")) {
		v = 20000;
		*vague = "tens of thousands";
		j = i + 2;
	} else if ((eq(w, "a") || eq(w, "dozen")) && (eq(w, "dozen") || (i + 1 < n && eq(toks[i + 1].lower, "dozen")))) {
		v = 12;
		j = eq(w, "a") ? i + 1 : i;
		*vague = "a dozen";
	} else {
		v = small_word(w);
		if (v < 0)
			return 0;
		if (i + 1 < n && eq(toks[i + 1].lower, "dozen")) {
			v *= 12;
			j = i + 1;
		}
	}
	/* Multipliers: "two hundred", "1.5 million", "3 thousand". */
	while (j + 1 < n && !*vague) {
		const char *m = toks[j + 1].lower;
		long mul = eq(m, "hundred") ? 100 : eq(m, "thousand") ? 1000 : eq(m, "million") ? 1000000 : 0;
		if (!mul)
			break;
		v *= mul;
		j++;
	}
	if (scale > 1)
		v /= scale;
	if (v <= 0)
		return 0;
	/* "dozens of", "hundreds of" */
	if (*vague && j + 1 < n && eq(toks[j + 1].lower, "of"))
		j++;
	/* Percentages and measures. */
	if (j + 1 < n) {
		const char *u = toks[j + 1].lower;
		if (eq(u, "%") || eq(u, "percent") || eq(u, "per") || eq(u, "km") || eq(u, "kilometres") ||
		    eq(u, "kilometers") || eq(u, "miles") || eq(u, "years") || eq(u, "year") || eq(u, "days") ||
		    eq(u, "hours") || eq(u, "minutes") || eq(u, "times") || eq(u, "dollars") || eq(u, "tonnes") ||
		    eq(u, "tons") || eq(u, "billion"))
			return 0;
	}
	*val = v;
	*last = j;
	return 1;
}

/* A qualifier that ends right before token i; sets *first to its first token. */
static const char *qualifier_before(const dy_token *toks, size_t i, size_t *first)
{
	static const struct {
		const char *a, *b, *c, *norm;
	} q[] = {
		{"as", "many", "as", "up to"}, {"more", "than", NULL, "more than"}, {"at", "least", NULL, "at least"},
		{"up", "to", NULL, "up to"}, {"fewer", "than", NULL, "fewer than"}, {"less", "than", NULL, "fewer than"},
		{"close", "to", NULL, "nearly"}, {"upwards", "of", NULL, "more than"}, {"an", "estimated", NULL, "about"},
		{"over", NULL, NULL, "more than"}, {"about", NULL, NULL, "about"}, {"around", NULL, NULL, "about"},
		{"approximately", NULL, NULL, "about"}, {"roughly", NULL, NULL, "about"}, {"some", NULL, NULL, "about"},
		{"nearly", NULL, NULL, "nearly"}, {"almost", NULL, NULL, "nearly"},
	};
	for (size_t k = 0; k < sizeof(q) / sizeof(q[0]); k++) {
		size_t len = q[k].c ? 3 : q[k].b ? 2 : 1;
		if (i < len)
			continue;
		size_t s = i - len;
		if (!eq(toks[s].lower, q[k].a) || (q[k].b && !eq(toks[s + 1].lower, q[k].b)) ||
		    (q[k].c && !eq(toks[s + 2].lower, q[k].c)))
			continue;
		*first = s;
		return q[k].norm;
	}
	*first = i;
	return NULL;
}

/* ---- the words that say what happened ---- */

enum { CUE_VERB = 1, CUE_ADJ = 2, CUE_NOUN = 3 };

/* The kind (DY_COUNT_*) a word counts, or -1; *how is CUE_*. */
static int cue_of(const dy_token *t, int *how)
{
	const char *l = lem(t), *w = t->lower;
	int verb = dy_tag_is_verb(t->tag);
	*how = 0;
	if (eq(w, "dead")) {
		*how = CUE_ADJ;
		return DY_COUNT_KILLED;
	}
	if (eq(w, "injured") || eq(w, "wounded") || eq(w, "hurt")) {
		*how = verb ? CUE_VERB : CUE_ADJ;
		return DY_COUNT_INJURED;
	}
	if (eq(w, "killed") || eq(w, "slain")) {
		*how = verb ? CUE_VERB : CUE_ADJ;
		return DY_COUNT_KILLED;
	}
	if (eq(w, "arrested") || eq(w, "detained")) {
		*how = verb ? CUE_VERB : CUE_ADJ;
		return DY_COUNT_ARRESTED;
	}
	if (verb) {
		*how = CUE_VERB;
		if (eq(l, "kill") || eq(l, "murder") || eq(l, "slay") || eq(l, "massacre") || eq(l, "execute") ||
		    eq(l, "die"))
			return DY_COUNT_KILLED;
		if (eq(l, "wound") || eq(l, "injure") || eq(l, "hurt"))
			return DY_COUNT_INJURED;
		if (eq(l, "arrest") || eq(l, "detain") || eq(l, "apprehend"))
			return DY_COUNT_ARRESTED;
		return -1;
	}
	if (dy_tag_is_noun(t->tag)) {
		*how = CUE_NOUN;
		if (eq(l, "death") || eq(l, "fatality") || eq(w, "lives"))
			return DY_COUNT_KILLED;
		if (eq(l, "injury"))
			return DY_COUNT_INJURED;
		if (eq(l, "arrest") || eq(l, "detention"))
			return DY_COUNT_ARRESTED;
	}
	return -1;
}

/* A finite verb that is no auxiliary: it ends the phrase of a number. */
static int other_verb(const dy_token *t)
{
	return (t->tag == DY_TAG_VBD || t->tag == DY_TAG_VBZ || t->tag == DY_TAG_VBP || t->tag == DY_TAG_MD) &&
	       !(t->wc & DY_WC_AUX);
}

size_t dy_counts_find(const dy_token *toks, size_t n, dy_count *out, size_t cap)
{
	size_t nc = 0;
	for (size_t i = 0; i < n && nc < cap; i++) {
		const dy_token *t = &toks[i];
		/* Numbers are digits or words the tagger calls numbers, or the
		 * vague plurals (dozens, scores, hundreds, thousands, tens of
		 * thousands) and "a dozen": skip the rest fast. */
		if (t->flags & DY_TOK_PUNCT)
			continue;
		if (!(t->flags & DY_TOK_NUM) && t->tag != DY_TAG_CD) {
			const char *w = t->lower;
			int vague = (t->tag == DY_TAG_NNS && (w[0] == 'd' || w[0] == 's' || w[0] == 'h' || w[0] == 't')) ||
				    (w[0] == 'd' && eq(w, "dozen")) ||
				    (w[0] == 'a' && !w[1] && i + 1 < n && eq(toks[i + 1].lower, "dozen"));
			if (!vague)
				continue;
		}
		long v;
		size_t last;
		const char *vague;
		if (!number_at(toks, n, i, &v, &last, &vague))
			continue;
		size_t qfirst;
		const char *qual = qualifier_before(toks, i, &qfirst);
		if (!qual)
			qual = vague;
		dy_count c = {0, v, qual, (uint32_t)qfirst, (uint32_t)last, 0};
		int found = 0, how;
		/* The verb, then the number: "killed at least 30", "arrested 11". */
		size_t j = qfirst;
		while (j > 0 && qfirst - j < 2 && (toks[j - 1].tag == DY_TAG_RB || toks[j - 1].tag == DY_TAG_DT) &&
		       !eq(toks[j - 1].lower, "no"))
			j--;
		if (j > 0) {
			int k = cue_of(&toks[j - 1], &how);
			if (k >= 0 && how == CUE_VERB && !eq(lem(&toks[j - 1]), "die")) {
				c.kind = (uint8_t)k;
				c.cue = (uint32_t)(j - 1);
				found = 1;
			}
		}
		/* "the death toll rose to 30", "a toll of 30" */
		for (size_t b = qfirst; !found && b-- > 0 && qfirst - b <= 5;) {
			if (eq(toks[b].lower, "toll")) {
				c.kind = DY_COUNT_KILLED;
				c.cue = (uint32_t)b;
				found = 1;
			}
			if (toks[b].tag == DY_TAG_COMMA || toks[b].tag == DY_TAG_COLON)
				break;
		}
		/* The number, then the word: "30 people were killed", "40 dead",
		 * "left 140 people ... dead". */
		if (!found) {
			int left = qfirst > 0 && eq(lem(&toks[qfirst - 1]), "leave");
			size_t limit = last + (left ? 13 : 7);
			for (size_t m = last + 1; m < n && m <= limit; m++) {
				const dy_token *u = &toks[m];
				int k = cue_of(u, &how);
				if (k >= 0) {
					if (how == CUE_NOUN && m > last + 3)
						break;
					/* An active verb with an object: the number did it. */
					if (how == CUE_VERB && u->tag == DY_TAG_VBD && !(m > 0 && (toks[m - 1].wc & DY_WC_AUX)) &&
					    m + 1 < n && (toks[m + 1].tag == DY_TAG_DT || (toks[m + 1].flags & DY_TOK_NUM)))
						break;
					c.kind = (uint8_t)k;
					c.cue = (uint32_t)m;
					found = 1;
					break;
				}
				if ((u->flags & DY_TOK_NUM) || u->tag == DY_TAG_COLON || u->tag == DY_TAG_END)
					break;
				if (!left && (u->tag == DY_TAG_COMMA || other_verb(u) || ((u->wc & DY_WC_CLAUSE) && u->tag != DY_TAG_DT)))
					break;
			}
		}
		if (found) {
			/* "no one was killed" and the like never reach here: "no" is no number. */
			out[nc++] = c;
			i = last;
		}
	}
	return nc;
}

int dy_count_fits(int kind, const char *cameo)
{
	if (!cameo || strlen(cameo) < 2)
		return 0;
	if (kind == DY_COUNT_ARRESTED)
		return strncmp(cameo, "173", 3) == 0;
	return strncmp(cameo, "18", 2) == 0 || strncmp(cameo, "19", 2) == 0 || strncmp(cameo, "20", 2) == 0 ||
	       strncmp(cameo, "175", 3) == 0;
}

int dy_count_event(const dy_count *c, const char *const *codes, const uint32_t *trigs, size_t nev)
{
	int best = -1;
	long bd = 0;
	for (size_t k = 0; k < nev; k++) {
		if (!dy_count_fits(c->kind, codes[k]))
			continue;
		long d = labs((long)trigs[k] - (long)c->cue);
		if (best < 0 || d < bd) {
			best = (int)k;
			bd = d;
		}
	}
	return best;
}
