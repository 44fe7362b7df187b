/* when.c - finding and resolving temporal expressions (see when.h). */
#include "when/when.h"

#include <pthread.h>
#include <string.h>

#include "base/map.h"
#include "tag/tagset.h"

/* ---- the calendar ---- */

static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int32_t civil_from_days(int64_t z)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	return (int32_t)(y * 10000 + m * 100 + d);
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2)
		return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
	return dm[m - 1];
}

int dy_when_valid(int32_t date)
{
	int y = date / 10000, m = date / 100 % 100, d = date % 100;
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

int32_t dy_when_add_days(int32_t date, long days)
{
	return civil_from_days(days_from_civil(date / 10000, date / 100 % 100, date % 100) + days);
}

int dy_when_weekday(int32_t date)
{
	int64_t z = days_from_civil(date / 10000, date / 100 % 100, date % 100);
	/* 1970-01-01 was a Thursday (3 with Monday 0). */
	int64_t w = (z + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

char *dy_when_format(int32_t date, int precision, char *buf)
{
	int y = date / 10000, m = date / 100 % 100, d = date % 100;
	if (y < 0 || y > 9999 || m < 0 || d < 0)
		y = m = d = 0;
	/* Written digit by digit: every field has its width by construction. */
	char *p = buf;
	if (precision == DY_PREC_NONE || precision > DY_PREC_DAY) {
		buf[0] = '\0';
		return buf;
	}
	*p++ = (char)('0' + y / 1000);
	*p++ = (char)('0' + y / 100 % 10);
	*p++ = (char)('0' + y / 10 % 10);
	*p++ = (char)('0' + y % 10);
	if (precision >= DY_PREC_MONTH) {
		*p++ = '-';
		*p++ = (char)('0' + m / 10);
		*p++ = (char)('0' + m % 10);
	}
	if (precision == DY_PREC_DAY) {
		*p++ = '-';
		*p++ = (char)('0' + d / 10);
		*p++ = (char)('0' + d % 10);
	}
	*p = '\0';
	return buf;
}

const char *dy_when_precision_name(int precision)
{
	switch (precision) {
	case DY_PREC_DAY:
		return "day";
	case DY_PREC_MONTH:
		return "month";
	case DY_PREC_YEAR:
		return "year";
	}
	return NULL;
}

/* ---- the words ---- */

enum {
	W_MONTH = 1, /* value 1..12 */
	W_WEEKDAY,   /* value 0..6 */
	W_RELDAY,    /* yesterday -1, today 0, tomorrow +1 */
	W_LAST,      /* last, past, previous */
	W_NEXT,      /* next, coming */
	W_THIS,
	W_EARLY,     /* early, earlier, mid, late, later: a part of a period */
	W_UNIT,      /* value: 1 day, 7 week, 30 month, 100 year */
	W_AGO,
	W_NUMWORD,   /* a, an, one .. twelve */
	W_YEARPREP,  /* in, since, by, until, ... before a bare year */
	W_THE,
	W_OF,
	W_ON,
};

static const struct {
	const char *w;
	int kind, val;
} words[] = {
	{"january", W_MONTH, 1}, {"february", W_MONTH, 2}, {"march", W_MONTH, 3}, {"april", W_MONTH, 4},
	{"may", W_MONTH, 5}, {"june", W_MONTH, 6}, {"july", W_MONTH, 7}, {"august", W_MONTH, 8},
	{"september", W_MONTH, 9}, {"october", W_MONTH, 10}, {"november", W_MONTH, 11},
	{"december", W_MONTH, 12},
	{"jan.", W_MONTH, 1}, {"feb.", W_MONTH, 2}, {"mar.", W_MONTH, 3}, {"apr.", W_MONTH, 4},
	{"jun.", W_MONTH, 6}, {"jul.", W_MONTH, 7}, {"aug.", W_MONTH, 8}, {"sep.", W_MONTH, 9},
	{"sept.", W_MONTH, 9}, {"oct.", W_MONTH, 10}, {"nov.", W_MONTH, 11}, {"dec.", W_MONTH, 12},
	{"jan", W_MONTH, 1}, {"feb", W_MONTH, 2}, {"apr", W_MONTH, 4}, {"jun", W_MONTH, 6},
	{"jul", W_MONTH, 7}, {"aug", W_MONTH, 8}, {"sept", W_MONTH, 9}, {"oct", W_MONTH, 10},
	{"nov", W_MONTH, 11}, {"dec", W_MONTH, 12},
	{"monday", W_WEEKDAY, 0}, {"tuesday", W_WEEKDAY, 1}, {"wednesday", W_WEEKDAY, 2},
	{"thursday", W_WEEKDAY, 3}, {"friday", W_WEEKDAY, 4}, {"saturday", W_WEEKDAY, 5},
	{"sunday", W_WEEKDAY, 6},
	{"yesterday", W_RELDAY, -1}, {"today", W_RELDAY, 0}, {"tonight", W_RELDAY, 0},
	{"tomorrow", W_RELDAY, 1},
	{"last", W_LAST, 0}, {"past", W_LAST, 0}, {"previous", W_LAST, 0},
	{"next", W_NEXT, 0}, {"coming", W_NEXT, 0},
	{"this", W_THIS, 0},
	{"early", W_EARLY, 0}, {"earlier", W_EARLY, 0}, {"mid", W_EARLY, 0}, {"late", W_EARLY, 0},
	{"later", W_EARLY, 0},
	{"day", W_UNIT, 1}, {"days", W_UNIT, 1}, {"week", W_UNIT, 7}, {"weeks", W_UNIT, 7},
	{"weekend", W_UNIT, 7}, {"month", W_UNIT, 30}, {"months", W_UNIT, 30}, {"year", W_UNIT, 100},
	{"years", W_UNIT, 100},
	{"ago", W_AGO, 0},
	{"a", W_NUMWORD, 1}, {"an", W_NUMWORD, 1}, {"one", W_NUMWORD, 1}, {"two", W_NUMWORD, 2},
	{"three", W_NUMWORD, 3}, {"four", W_NUMWORD, 4}, {"five", W_NUMWORD, 5}, {"six", W_NUMWORD, 6},
	{"seven", W_NUMWORD, 7}, {"eight", W_NUMWORD, 8}, {"nine", W_NUMWORD, 9}, {"ten", W_NUMWORD, 10},
	{"eleven", W_NUMWORD, 11}, {"twelve", W_NUMWORD, 12},
	{"in", W_YEARPREP, 0}, {"since", W_YEARPREP, 0}, {"by", W_YEARPREP, 0}, {"until", W_YEARPREP, 0},
	{"till", W_YEARPREP, 0}, {"from", W_YEARPREP, 0}, {"during", W_YEARPREP, 0},
	{"through", W_YEARPREP, 0}, {"throughout", W_YEARPREP, 0}, {"before", W_YEARPREP, 0},
	{"after", W_YEARPREP, 0}, {"around", W_YEARPREP, 0}, {"between", W_YEARPREP, 0},
	{"to", W_YEARPREP, 0}, {"and", W_YEARPREP, 0},
	{"the", W_THE, 0}, {"of", W_OF, 0}, {"on", W_ON, 0},
};

static dy_map table;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build(void)
{
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		dy_map_set(&table, words[i].w, strlen(words[i].w),
			   (void *)(uintptr_t)((unsigned)words[i].kind << 8 | (unsigned)(words[i].val + 128)));
}

/* The kind of a word (W_*, 0 for none) and its value. */
static int word_kind(const dy_token *t, int *val)
{
	const char *w = t->lower;
	size_t len = strlen(w);
	*val = 0;
	if (len > 9 || len == 0)
		return 0;
	uintptr_t v = (uintptr_t)dy_map_get(&table, w, len);
	if (!v)
		return 0;
	*val = (int)(v & 0xff) - 128;
	return (int)(v >> 8);
}

/* A month name: capitalised, and "May" and "March" (also a verb and a
 * noun) and a sentence's first word only where the context says so. */
static int month_at(const dy_token *toks, size_t n, size_t i)
{
	int v;
	if (i >= n || !(toks[i].flags & DY_TOK_CAP) || word_kind(&toks[i], &v) != W_MONTH)
		return 0;
	const char *w = toks[i].lower;
	int weak = strcmp(w, "may") == 0 || strcmp(w, "march") == 0 || i == 0 ||
		   (i == 1 && (toks[0].flags & DY_TOK_QOPEN));
	if (weak) {
		int dv;
		int ok = 0;
		if (i + 1 < n && (toks[i + 1].flags & DY_TOK_NUM))
			ok = 1;
		if (i > 0) {
			int k = word_kind(&toks[i - 1], &dv);
			if (k == W_YEARPREP || k == W_EARLY || k == W_LAST || k == W_NEXT || k == W_THIS || k == W_OF)
				ok = 1;
		}
		if (!ok)
			return 0;
	}
	return v;
}

static int weekday_at(const dy_token *toks, size_t n, size_t i)
{
	int v;
	if (i >= n || !(toks[i].flags & DY_TOK_CAP) || word_kind(&toks[i], &v) != W_WEEKDAY)
		return -1;
	return v;
}

/* An unsigned number written only with digits (up to 9 of them); -1 otherwise. */
static long digits(const char *s, size_t *len)
{
	long v = 0;
	size_t i = 0;
	while (s[i] >= '0' && s[i] <= '9' && i < 9)
		v = v * 10 + (s[i++] - '0');
	*len = i;
	return i ? v : -1;
}

/* A day of the month: "4", "04", "4th", "21st". */
static int day_at(const dy_token *toks, size_t n, size_t i)
{
	if (i >= n)
		return 0;
	size_t len;
	long v = digits(toks[i].lower, &len);
	if (v < 1 || v > 31 || len > 2)
		return 0;
	const char *rest = toks[i].lower + len;
	if (*rest && strcmp(rest, "st") && strcmp(rest, "nd") && strcmp(rest, "rd") && strcmp(rest, "th"))
		return 0;
	return (int)v;
}

/* A year: four digits from 1000 to 2999, alone. */
static int year_at(const dy_token *toks, size_t n, size_t i)
{
	if (i >= n)
		return 0;
	size_t len;
	long v = digits(toks[i].lower, &len);
	if (len != 4 || toks[i].lower[4] || v < 1000 || v > 2999)
		return 0;
	return (int)v;
}

/* "2025-07-04" or "2025-07" as one token; sets y, m, d (d 0 when absent). */
static int iso_at(const dy_token *toks, size_t n, size_t i, int *y, int *m, int *d)
{
	if (i >= n)
		return 0;
	const char *s = toks[i].lower;
	size_t len;
	long yy = digits(s, &len);
	if (len != 4 || s[4] != '-')
		return 0;
	long mm = digits(s + 5, &len);
	if (len != 2 || mm < 1 || mm > 12)
		return 0;
	long dd = 0;
	if (s[7] == '-') {
		dd = digits(s + 8, &len);
		if (len != 2 || s[10] || dd < 1 || dd > days_in_month((int)yy, (int)mm))
			return 0;
	} else if (s[7]) {
		return 0;
	}
	*y = (int)yy;
	*m = (int)mm;
	*d = (int)dd;
	return 1;
}

static int is_comma(const dy_token *t)
{
	return t->tag == DY_TAG_COMMA || (t->lower[0] == ',' && !t->lower[1]);
}

/* ---- clauses ---- */

/* A token that starts a clause: ; : -- ( ) and quotation marks, and the
 * clause words of text.h (that, which, who, when, while, because, but,
 * after, before, if ...), "that" only as a conjunction or relative. */
static int clause_boundary(const dy_token *t)
{
	if (t->tag == DY_TAG_COLON || t->tag == DY_TAG_LRB || t->tag == DY_TAG_RRB)
		return 1;
	if (t->flags & (DY_TOK_QOPEN | DY_TOK_QCLOSE))
		return 1;
	return (t->wc & DY_WC_CLAUSE) && t->tag != DY_TAG_DT;
}

void dy_clause_bounds(const dy_token *toks, size_t n, size_t i, size_t *cs, size_t *ce)
{
	size_t a = i;
	while (a > 0 && !clause_boundary(&toks[a]))
		a--;
	size_t b = i + 1;
	while (b < n && !clause_boundary(&toks[b]))
		b++;
	*cs = a;
	*ce = b - 1;
}

/* ---- tense ---- */

static int future_word(const dy_token *toks, size_t n, size_t i)
{
	const char *w = toks[i].lower;
	if (toks[i].tag == DY_TAG_MD)
		return !strcmp(w, "will") || !strcmp(w, "shall") || !strcmp(w, "'ll") || !strcmp(w, "wo");
	if (!strcmp(w, "due") || !strcmp(w, "scheduled") || !strcmp(w, "slated") || !strcmp(w, "upcoming"))
		return 1;
	if (i + 1 < n && (toks[i + 1].wc & DY_WC_TO))
		return !strcmp(w, "going") || !strcmp(w, "set") || !strcmp(w, "expected") || !strcmp(w, "plans") ||
		       !strcmp(w, "plan") || !strcmp(w, "planned") || !strcmp(w, "planning") ||
		       !strcmp(w, "intends") || !strcmp(w, "aims");
	return 0;
}

static int verbish(const dy_token *t)
{
	return dy_tag_is_verb(t->tag) || t->tag == DY_TAG_MD;
}

/* Whether the verb that governs the expression at [first, last] points
 * forward: the nearest verb group before it in the same comma chunk of
 * its clause, else the first one after it in the clause. */
static int points_forward(const dy_token *toks, size_t n, size_t first, size_t last)
{
	size_t cs, ce;
	dy_clause_bounds(toks, n, first, &cs, &ce);
	/* Left, within the comma chunk. */
	for (size_t k = first; k-- > cs;) {
		if (is_comma(&toks[k]))
			break;
		if (future_word(toks, n, k))
			return 1;
		if (verbish(&toks[k])) {
			/* The verb group: auxiliaries, adverbs and "to" before it. */
			for (size_t j = k; j-- > cs && k - j <= 4;) {
				if (future_word(toks, n, j))
					return 1;
				if (!(verbish(&toks[j]) || dy_tag_is_adv(toks[j].tag) || toks[j].tag == DY_TAG_TO ||
				      dy_tag_is_adj(toks[j].tag)))
					break;
			}
			return 0;
		}
	}
	/* Right, within the clause. */
	for (size_t k = last + 1; k <= ce && k < n; k++) {
		if (future_word(toks, n, k))
			return 1;
		if (verbish(&toks[k]))
			return 0;
	}
	return 0;
}

/* ---- matching ---- */

enum { R_ABS, R_WEEKDAY, R_DAYS, R_MONTHS, R_YEARS };

typedef struct raw {
	int kind;
	int y, m, d;  /* R_ABS: y or m may be 0 */
	int wd;       /* R_WEEKDAY */
	int dir;      /* -1 last, +1 next, 2 this, 0 none */
	long rel;     /* R_DAYS, R_MONTHS, R_YEARS: the offset */
} raw;

/* Day-and-month after a month at i: "July 4", "July 4th", "July 4, 2025".
 * Returns the last token, or -1. */
static long month_day_year(const dy_token *toks, size_t n, size_t i, raw *r)
{
	int m = month_at(toks, n, i);
	if (!m)
		return -1;
	memset(r, 0, sizeof(*r));
	r->kind = R_ABS;
	r->m = m;
	size_t j = i;
	int d = day_at(toks, n, i + 1);
	/* "July 2025" is a month and a year, "July 20" a day. */
	if (d && !year_at(toks, n, i + 1)) {
		r->d = d;
		j = i + 1;
		if (j + 2 < n && is_comma(&toks[j + 1]) && year_at(toks, n, j + 2)) {
			r->y = year_at(toks, n, j + 2);
			j += 2;
		} else if (year_at(toks, n, j + 1)) {
			r->y = year_at(toks, n, j + 1);
			j += 1;
		}
		return (long)j;
	}
	if (year_at(toks, n, i + 1)) {
		r->y = year_at(toks, n, i + 1);
		return (long)(i + 1);
	}
	if (i + 2 < n && word_kind(&toks[i + 1], &d) == W_OF && year_at(toks, n, i + 2)) {
		r->y = year_at(toks, n, i + 2);
		return (long)(i + 2);
	}
	return (long)i;
}

/* Matches an expression starting at token i; returns its last token or -1. */
static long match_at(const dy_token *toks, size_t n, size_t i, raw *r)
{
	int v, v2;
	const dy_token *t = &toks[i];
	int kind = word_kind(t, &v);
	memset(r, 0, sizeof(*r));
	r->wd = -1;

	/* ISO dates. */
	if ((t->lower[0] >= '0' && t->lower[0] <= '9') && iso_at(toks, n, i, &r->y, &r->m, &r->d)) {
		r->kind = R_ABS;
		return (long)i;
	}
	/* "mid-April", "mid-2023" (one token). */
	if (!strncmp(t->lower, "mid-", 4) && t->lower[4]) {
		dy_token tmp = *t;
		tmp.lower = t->lower + 4;
		tmp.flags |= DY_TOK_CAP;
		int mv;
		size_t len;
		long yv = digits(tmp.lower, &len);
		if (word_kind(&tmp, &mv) == W_MONTH && (t->form[4] >= 'A' && t->form[4] <= 'Z')) {
			r->kind = R_ABS;
			r->m = mv;
			if (year_at(toks, n, i + 1)) {
				r->y = year_at(toks, n, i + 1);
				return (long)(i + 1);
			}
			return (long)i;
		}
		if (len == 4 && !tmp.lower[4] && yv >= 1000 && yv <= 2999) {
			r->kind = R_ABS;
			r->y = (int)yv;
			return (long)i;
		}
		return -1;
	}
	/* Weekday, optionally followed by a date: "Friday, July 4". */
	int wd = weekday_at(toks, n, i);
	if (wd >= 0) {
		if (i + 2 < n && is_comma(&toks[i + 1]) && month_at(toks, n, i + 2)) {
			long e = month_day_year(toks, n, i + 2, r);
			if (e >= 0 && r->d)
				return e;
		}
		if (i + 1 < n && day_at(toks, n, i + 1) && month_at(toks, n, i + 2)) {
			/* "Friday 4 July" */
			raw r2;
			long e = match_at(toks, n, i + 1, &r2);
			if (e >= 0 && r2.kind == R_ABS && r2.d) {
				*r = r2;
				return e;
			}
		}
		memset(r, 0, sizeof(*r));
		r->kind = R_WEEKDAY;
		r->wd = wd;
		return (long)i;
	}
	/* Month first. */
	if (month_at(toks, n, i))
		return month_day_year(toks, n, i, r);
	/* Day first: "4 July 2025", "the 4th of July". */
	int d = day_at(toks, n, i);
	if (d) {
		size_t j = i + 1;
		if (j < n && word_kind(&toks[j], &v2) == W_OF)
			j++;
		int m = month_at(toks, n, j);
		if (m) {
			r->kind = R_ABS;
			r->m = m;
			r->d = d;
			if (year_at(toks, n, j + 1)) {
				r->y = year_at(toks, n, j + 1);
				return (long)(j + 1);
			}
			return (long)j;
		}
	}
	/* A bare year, where the words around make it one: after a
	 * preposition or early/late, or as a modifier ("the 2014 election"). */
	int y = year_at(toks, n, i);
	if (y && i > 0) {
		int pk = word_kind(&toks[i - 1], &v2);
		int next_plural = i + 1 < n && (toks[i + 1].tag == DY_TAG_NNS || toks[i + 1].tag == DY_TAG_NNPS);
		int next_unit = i + 1 < n && (toks[i + 1].lower[0] == '%' || !strcmp(toks[i + 1].lower, "percent"));
		if (!next_plural && !next_unit &&
		    (pk == W_YEARPREP || pk == W_EARLY || pk == W_OF ||
		     ((pk == W_THE || toks[i - 1].tag == DY_TAG_POS) && i + 1 < n &&
		      (toks[i + 1].tag == DY_TAG_NN || toks[i + 1].tag == DY_TAG_JJ || toks[i + 1].tag == DY_TAG_NNP)))) {
			/* "to 2016", "and 2016" only after a year ("from 2014 to 2016"). */
			if ((!strcmp(toks[i - 1].lower, "to") || !strcmp(toks[i - 1].lower, "and")) &&
			    !(i >= 2 && year_at(toks, n, i - 2)))
				return -1;
			r->kind = R_ABS;
			r->y = y;
			return (long)i;
		}
		return -1;
	}
	if (kind == W_RELDAY) {
		r->kind = R_DAYS;
		r->rel = v;
		return (long)i;
	}
	/* last/next/this/past/coming + weekday or unit or month. */
	if (kind == W_LAST || kind == W_NEXT || kind == W_THIS) {
		int dir = kind == W_LAST ? -1 : kind == W_NEXT ? 1 : 2;
		if (i + 1 >= n)
			return -1;
		int wd2 = weekday_at(toks, n, i + 1);
		if (wd2 >= 0) {
			r->kind = R_WEEKDAY;
			r->wd = wd2;
			r->dir = dir;
			return (long)(i + 1);
		}
		int m = month_at(toks, n, i + 1);
		if (m && dir != 2) {
			r->kind = R_ABS;
			r->m = m;
			r->dir = dir;
			return (long)(i + 1);
		}
		if (m) {
			r->kind = R_ABS;
			r->m = m;
			return (long)(i + 1);
		}
		int uk = word_kind(&toks[i + 1], &v2);
		if (uk == W_UNIT && !(toks[i + 1].lower[strlen(toks[i + 1].lower) - 1] == 's')) {
			long step = dir == 2 ? 0 : dir;
			if (v2 == 1) /* "this day": not a date we take */
				return -1;
			if (v2 == 7) {
				r->kind = R_DAYS;
				r->rel = step * 7;
			} else if (v2 == 30) {
				r->kind = R_MONTHS;
				r->rel = step;
			} else {
				r->kind = R_YEARS;
				r->rel = step;
			}
			return (long)(i + 1);
		}
		return -1;
	}
	/* earlier/later/early/late + this/last/next + unit, or + month or year. */
	if (kind == W_EARLY && i + 1 < n) {
		int k2 = word_kind(&toks[i + 1], &v2);
		if (k2 == W_THIS || k2 == W_LAST || k2 == W_NEXT) {
			long e = match_at(toks, n, i + 1, r);
			if (e >= 0 && r->kind != R_WEEKDAY)
				return e;
			return -1;
		}
		if (month_at(toks, n, i + 1)) {
			long e = month_day_year(toks, n, i + 1, r);
			return e;
		}
		if (year_at(toks, n, i + 1)) {
			r->kind = R_ABS;
			r->y = year_at(toks, n, i + 1);
			return (long)(i + 1);
		}
		return -1;
	}
	/* N days/weeks/months/years ago. */
	if (i + 2 < n && word_kind(&toks[i + 2], &v2) == W_AGO) {
		long num = -1;
		size_t len;
		if (kind == W_NUMWORD)
			num = v;
		else if ((num = digits(t->lower, &len)) >= 0 && t->lower[len])
			num = -1;
		int unit;
		if (num > 0 && num < 10000 && word_kind(&toks[i + 1], &unit) == W_UNIT) {
			if (unit == 1 || unit == 7) {
				r->kind = R_DAYS;
				r->rel = -num * unit;
			} else if (unit == 30) {
				r->kind = R_MONTHS;
				r->rel = -num;
			} else {
				r->kind = R_YEARS;
				r->rel = -num;
			}
			return (long)(i + 2);
		}
	}
	return -1;
}

/* Resolves a matched expression; returns 0 when it cannot be. */
static int resolve(const raw *r, int32_t doc, int forward, dy_when *w)
{
	int dy = doc / 10000, dm = doc / 100 % 100, dd = doc % 100;
	w->relative = 0;
	switch (r->kind) {
	case R_ABS: {
		int y = r->y, m = r->m, d = r->d;
		if (!y) {
			if (!doc || !m)
				return 0;
			w->relative = 1;
			int dir = r->dir ? r->dir : forward ? 1 : -1;
			/* The month (and day) compared with the document's. */
			int cmp = m != dm ? (m < dm ? -1 : 1) : (d ? (d < dd ? -1 : d > dd ? 1 : 0) : 0);
			if (r->dir == -1 && !d)
				y = cmp < 0 ? dy : dy - 1; /* "last April": strictly before this month */
			else if (r->dir == 1 && !d)
				y = cmp > 0 ? dy : dy + 1;
			else if (dir < 0)
				y = cmp <= 0 ? dy : dy - 1;
			else
				y = cmp >= 0 ? dy : dy + 1;
		}
		if (d) {
			if (!m || d > days_in_month(y, m))
				return 0;
			w->date = y * 10000 + m * 100 + d;
			w->precision = DY_PREC_DAY;
		} else if (m) {
			w->date = y * 10000 + m * 100;
			w->precision = DY_PREC_MONTH;
		} else {
			w->date = y * 10000;
			w->precision = DY_PREC_YEAR;
		}
		return 1;
	}
	case R_WEEKDAY: {
		if (!doc)
			return 0;
		int dw = dy_when_weekday(doc);
		long delta;
		int dir = r->dir;
		if (dir == 0)
			dir = forward ? 1 : -1;
		if (dir == 2)
			dir = forward ? 3 : -3; /* "this Monday": today allowed either way */
		if (dir < 0) {
			delta = -((dw - r->wd + 7) % 7);
			if (delta == 0 && dir == -1 && r->dir == -1)
				delta = -7; /* "last Monday" on a Monday */
		} else {
			delta = (r->wd - dw + 7) % 7;
			if (delta == 0 && dir == 1)
				delta = 7;
		}
		w->date = dy_when_add_days(doc, delta);
		w->precision = DY_PREC_DAY;
		w->relative = 1;
		return 1;
	}
	case R_DAYS:
		if (!doc)
			return 0;
		w->date = dy_when_add_days(doc, r->rel);
		w->precision = DY_PREC_DAY;
		w->relative = 1;
		return 1;
	case R_MONTHS: {
		if (!doc)
			return 0;
		long mi = (long)dy * 12 + (dm - 1) + r->rel;
		w->date = (int32_t)((mi / 12) * 10000 + (mi % 12 + 1) * 100);
		w->precision = DY_PREC_MONTH;
		w->relative = 1;
		return 1;
	}
	case R_YEARS:
		if (!doc)
			return 0;
		w->date = (int32_t)((dy + r->rel) * 10000);
		w->precision = DY_PREC_YEAR;
		w->relative = 1;
		return 1;
	}
	return 0;
}

/* Whether a lower-case word can start an expression (not counting
 * number words before "ago"): one comparison or two, no lookup. */
static int lower_start(const char *w)
{
	switch (w[0]) {
	case 'y':
		return !strcmp(w, "yesterday");
	case 't':
		return !strcmp(w, "today") || !strcmp(w, "tomorrow") || !strcmp(w, "tonight") || !strcmp(w, "this");
	case 'l':
		return !strcmp(w, "last") || !strcmp(w, "late") || !strcmp(w, "later");
	case 'p':
		return !strcmp(w, "past") || !strcmp(w, "previous");
	case 'n':
		return !strcmp(w, "next");
	case 'c':
		return !strcmp(w, "coming");
	case 'e':
		return !strcmp(w, "early") || !strcmp(w, "earlier");
	case 'm':
		return !strncmp(w, "mid", 3);
	}
	return 0;
}

size_t dy_when_find(const dy_token *toks, size_t n, int32_t docdate, dy_when *out, size_t cap)
{
	pthread_once(&once, build);
	if (docdate && !dy_when_valid(docdate))
		docdate = 0;
	size_t nw = 0;
	for (size_t i = 0; i < n && nw < cap; i++) {
		const dy_token *t = &toks[i];
		/* Most tokens cannot start an expression: lower-case words that
		 * are not in the table, punctuation. */
		if (t->flags & DY_TOK_PUNCT)
			continue;
		/* Only a capitalised word (a month, a weekday), a number, "mid-",
		 * or a word that starts with one of the letters of yesterday,
		 * today, tomorrow, tonight, last, past, previous, next, coming,
		 * this, early, earlier, late, later, or a number word before
		 * "ago" can start an expression: the rest costs no lookup. */
		const char *lw = t->lower;
		int digit = lw[0] >= '0' && lw[0] <= '9';
		if (!digit && !(t->flags & DY_TOK_CAP)) {
			int ago = i + 2 < n && toks[i + 2].lower[0] == 'a' && strcmp(toks[i + 2].lower, "ago") == 0;
			if (!ago && !lower_start(lw))
				continue;
		}
		int v0;
		int k0 = word_kind(t, &v0);
		if (!digit && strncmp(lw, "mid-", 4) != 0 &&
		    (k0 == 0 || k0 == W_YEARPREP || k0 == W_THE || k0 == W_OF || k0 == W_ON || k0 == W_AGO ||
		     k0 == W_UNIT))
			continue;
		raw r;
		long e = match_at(toks, n, i, &r);
		if (e < 0)
			continue;
		dy_when *w = &out[nw];
		memset(w, 0, sizeof(*w));
		w->first = (uint32_t)i;
		w->last = (uint32_t)e;
		/* Leading "on"/"the" are not part of the words; a preceding
		 * early/late/earlier is. */
		int v = 0;
		if (i > 0 && word_kind(&toks[i - 1], &v) == W_EARLY && r.kind == R_ABS) {
			w->first = (uint32_t)(i - 1);
		}
		int forward = r.dir == 1 || (r.kind == R_DAYS && r.rel > 0) ||
			      points_forward(toks, n, w->first, (size_t)e);
		if (!resolve(&r, docdate, forward, w)) {
			w->date = 0;
			w->precision = DY_PREC_NONE;
		}
		nw++;
		i = (size_t)e;
	}
	return nw;
}

/* ---- events ---- */

static int link_word(const dy_token *t)
{
	const char *w = t->lower;
	return !strcmp(w, "that") || !strcmp(w, "when") || !strcmp(w, "which") || !strcmp(w, "who") ||
	       !strcmp(w, "where");
}

static long dist(const dy_when *w, uint32_t trig)
{
	if (w->last < trig)
		return (long)(trig - w->last);
	if (w->first > trig)
		return (long)(w->first - trig);
	return 0;
}

int dy_when_for_event(const dy_token *toks, size_t n, const dy_when *w, size_t nw, uint32_t trig)
{
	if (!nw || trig >= n)
		return -1;
	size_t cs, ce;
	dy_clause_bounds(toks, n, trig, &cs, &ce);
	/* The comma chunk of the trigger within its clause. */
	size_t ks = trig, ke = trig;
	while (ks > cs && !is_comma(&toks[ks - 1]))
		ks--;
	while (ke < ce && !is_comma(&toks[ke + 1]))
		ke++;
	int best = -1;
	long bd = 0;
	for (int pass = 0; pass < 2 && best < 0; pass++) {
		size_t a = pass ? cs : ks, b = pass ? ce : ke;
		for (size_t k = 0; k < nw; k++) {
			if (w[k].first < a || w[k].last > b || !w[k].precision)
				continue;
			long d = dist(&w[k], trig);
			if (best < 0 || d < bd) {
				best = (int)k;
				bd = d;
			}
		}
	}
	if (best >= 0)
		return best;
	/* A clause that hangs from the one before it. */
	for (int hop = 0; hop < 2 && cs > 0 && link_word(&toks[cs]); hop++) {
		size_t ps, pe;
		dy_clause_bounds(toks, n, cs - 1, &ps, &pe);
		for (size_t k = nw; k-- > 0;)
			if (w[k].first >= ps && w[k].last < cs && w[k].precision)
				return (int)k;
		cs = ps;
	}
	return -1;
}
