/* split.c - normalisation, tokenisation and sentence splitting (text.h).
 *
 * Three passes. The first checks the bytes: invalid UTF-8 and text that
 * might not be NFC are rare, so a pure-ASCII text costs one word-at-a-time
 * scan and is then used as it is. The second cuts tokens and records, in
 * each token's tag field (free until the tagger runs), what the third needs:
 * whitespace and newlines before the token, abbreviation kinds, quotation
 * marks. The third walks the tokens once, deciding sentence and paragraph
 * boundaries and the quotation state.
 */
#include "text/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Character classes. */
enum {
	K_SP = 1,  /* white space, controls, zero-width spaces */
	K_NL,      /* \n, U+0085, U+2028 */
	K_CR,      /* \r (a newline unless followed by \n) */
	K_UP,      /* upper- or title-case letter */
	K_LO,      /* any other letter, mark, joiner, U+FFFD: part of a word */
	K_DIG,     /* decimal digit */
	K_PUN,     /* punctuation or symbol */
	K_APOS,    /* ’ U+2019: apostrophe or closing single quote */
	K_LSQ,     /* ‘ U+2018, U+201B */
	K_LDQ,     /* “ „ ‟ « */
	K_RDQ,     /* ” » */
	K_DASH,    /* – — ― */
	K_HYPH,    /* U+2010, U+2011, U+2212 */
	K_ELL,     /* … */
	K_PARA,    /* U+2029 paragraph separator */
};

static const uint8_t ktab[128] = {
	K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP,
	K_SP, K_SP, K_NL, K_SP, K_SP, K_CR, K_SP, K_SP,
	K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP,
	K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP, K_SP,
	K_SP, K_PUN, K_PUN, K_PUN, K_PUN, K_PUN, K_PUN, K_PUN,
	K_PUN, K_PUN, K_PUN, K_PUN, K_PUN, K_PUN, K_PUN, K_PUN,
	K_DIG, K_DIG, K_DIG, K_DIG, K_DIG, K_DIG, K_DIG, K_DIG,
	K_DIG, K_DIG, K_PUN, K_PUN, K_PUN, K_PUN, K_PUN, K_PUN,
	K_PUN, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP,
	K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP,
	K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP, K_UP,
	K_UP, K_UP, K_UP, K_PUN, K_PUN, K_PUN, K_PUN, K_PUN,
	K_PUN, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO,
	K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO,
	K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO, K_LO,
	K_LO, K_LO, K_LO, K_PUN, K_PUN, K_PUN, K_PUN, K_SP,
};

#define IS_WORD(k) ((k) == K_UP || (k) == K_LO || (k) == K_DIG)

static inline int isdig(unsigned c)
{
	return c >= '0' && c <= '9';
}

/* Scratch bits kept in dy_token.tag between the passes. */
enum {
	I_WS = 1 << 0,    /* white space (of any kind) before the token */
	I_NL = 1 << 1,    /* exactly one newline before it */
	I_BLANK = 1 << 2, /* a blank line (two or more newlines) before it */
	I_TITLE = 1 << 3, /* an abbreviation that never ends a sentence (Mr.) */
	I_ABBR = 1 << 4,  /* an abbreviation that may end one (U.S., Inc., J.) */
	I_DQ = 1 << 5,    /* a double quotation mark */
	I_AMBIG = 1 << 6, /* a straight " the quotation state must orient */
	I_TERM = 1 << 7,  /* . ! ? ... … */
};

/* ---- UTF-8 ---------------------------------------------------------- */

/* Decodes one character: returns its length, or minus the length of the
 * maximal invalid subpart (Unicode's "best practice" for U+FFFD). */
static inline int dec(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xC2)
		return -1;
	if (c < 0xE0) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return -1;
		*cp = ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return 2;
	}
	if (c < 0xF0) {
		unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
		if (n < 2 || s[1] < lo || s[1] > hi)
			return -1;
		if (n < 3 || (s[2] & 0xC0) != 0x80)
			return -2;
		*cp = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
		return 3;
	}
	if (c < 0xF5) {
		unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
		if (n < 2 || s[1] < lo || s[1] > hi)
			return -1;
		if (n < 3 || (s[2] & 0xC0) != 0x80)
			return -2;
		if (n < 4 || (s[3] & 0xC0) != 0x80)
			return -3;
		*cp = ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
		return 4;
	}
	return -1;
}

static inline size_t enc(uint32_t cp, char *d)
{
	return (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)d);
}

/* Whether NFC might change cp or combine it with its neighbour. False
 * only when it certainly does not: checked against utf8proc for every code
 * point and every canonical composition. */
static int nfc_suspect(uint32_t cp)
{
	const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
	if (p->combining_class || p->comp_exclusion)
		return 1;
	if (p->category == UTF8PROC_CATEGORY_MN || p->category == UTF8PROC_CATEGORY_MC ||
	    p->category == UTF8PROC_CATEGORY_ME)
		return 1;
	if (cp >= 0x1100 && cp < 0x1200) /* conjoining jamo */
		return 1;
	if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) {
		/* A canonical decomposition: fine if it recomposes to cp itself
		 * (é), not when cp is a singleton or excluded (U+212B, U+1F71). */
		utf8proc_int32_t buf[8];
		int last = 0;
		utf8proc_ssize_t n =
			utf8proc_decompose_char((utf8proc_int32_t)cp, buf, 8, UTF8PROC_DECOMPOSE, &last);
		if (n < 2 || n > 8 || utf8proc_get_property(buf[0])->combining_class)
			return 1;
		n = utf8proc_normalize_utf32(buf, n, UTF8PROC_COMPOSE);
		return n != 1 || buf[0] != (utf8proc_int32_t)cp;
	}
	return 0;
}

/* Class of a non-ASCII code point. */
static int ucls(uint32_t cp)
{
	switch (cp) {
	case 0x2019: return K_APOS;
	case 0x2018: case 0x201B: return K_LSQ;
	case 0x201C: case 0x201E: case 0x201F: case 0x00AB: return K_LDQ;
	case 0x201D: case 0x00BB: return K_RDQ;
	case 0x2013: case 0x2014: case 0x2015: case 0x2E3A: case 0x2E3B: return K_DASH;
	case 0x2010: case 0x2011: case 0x2212: return K_HYPH;
	case 0x2026: return K_ELL;
	case 0x0085: case 0x2028: return K_NL;
	case 0x2029: return K_PARA;
	case 0x180E: case 0x200B: case 0x2060: case 0xFEFF: return K_SP;
	case 0xFFFD: return K_LO;
	}
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return K_UP;
	case UTF8PROC_CATEGORY_ND:
		return K_DIG;
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_CC:
		return K_SP;
	case UTF8PROC_CATEGORY_ZL:
		return K_NL;
	case UTF8PROC_CATEGORY_ZP:
		return K_PARA;
	case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC:
	case UTF8PROC_CATEGORY_SK: case UTF8PROC_CATEGORY_SO:
		return K_PUN;
	default:
		return K_LO;
	}
}

/* ---- the tokeniser's state ----------------------------------------- */

typedef struct tz {
	const unsigned char *s;
	size_t n;
	dy_arena *a;
	dy_token *toks;
	size_t ntoks, cap;
	char *pool, *pool_end; /* forms and lower-case forms */
	size_t pool_chunk;
	size_t nl_cands, nl_wraps; /* single newlines; those inside a sentence */
	int sq_open;               /* a single quotation mark is open */
} tz;

static inline int cls_at(const tz *z, size_t i, size_t *clen)
{
	unsigned c = z->s[i];
	if (c < 0x80) {
		*clen = 1;
		return ktab[c];
	}
	uint32_t cp;
	int k = dec(z->s + i, z->n - i, &cp);
	if (k < 0) { /* only when the text was cut at 4 GiB */
		*clen = (size_t)-k;
		return K_LO;
	}
	*clen = (size_t)k;
	return ucls(cp);
}

static inline int cls_at_or_end(const tz *z, size_t i)
{
	size_t cl;
	return i < z->n ? cls_at(z, i, &cl) : K_SP;
}

static char *pool_alloc(tz *z, size_t n)
{
#ifdef DY_ARENA_MALLOC
	return dy_arena_alloc(z->a, n);
#else
	if ((size_t)(z->pool_end - z->pool) < n) {
		size_t size = n > z->pool_chunk ? n : z->pool_chunk;
		z->pool = dy_arena_alloc(z->a, size);
		z->pool_end = z->pool + size;
	}
	char *p = z->pool;
	z->pool += n;
	return p;
#endif
}

static dy_token *tok_push(tz *z, size_t start, size_t end, unsigned info, unsigned flags)
{
	if (z->ntoks == z->cap) {
		size_t cap = z->cap ? z->cap * 2 : 64;
		dy_token *t = dy_arena_alloc(z->a, cap * sizeof(*t));
		if (z->ntoks)
			memcpy(t, z->toks, z->ntoks * sizeof(*t));
		z->toks = t;
		z->cap = cap;
	}
	dy_token *t = &z->toks[z->ntoks++];
	t->start = (uint32_t)start;
	t->end = (uint32_t)end;
	t->form = t->lower = NULL;
	t->lemma = NULL;
	t->tag = (uint8_t)info;
	t->flags = (uint8_t)flags;
	return t;
}

/* A token whose form is a fixed string ("``", "--", ...). */
static void tok_fixed(tz *z, size_t start, size_t end, unsigned info, unsigned flags, const char *form)
{
	dy_token *t = tok_push(z, start, end, info, flags | DY_TOK_PUNCT);
	t->form = t->lower = form;
}

/* Bits of ASCII characters for the token flags. */
enum { B_UP = 1, B_LO = 2, B_DIG = 4, B_NUMP = 8, B_OTHER = 16 };

static inline unsigned abits(unsigned c)
{
	switch (ktab[c]) {
	case K_UP: return B_UP;
	case K_LO: return B_LO;
	case K_DIG: return B_DIG;
	default: return c == ',' || c == '.' ? B_NUMP : B_OTHER;
	}
}

/* Lower-cases form (flen bytes, valid UTF-8) when that changes it. */
static const char *lower_utf8(tz *z, const char *form, size_t flen)
{
	const unsigned char *f = (const unsigned char *)form;
	size_t i = 0;
	for (; i < flen;) {
		uint32_t cp;
		int k = dec(f + i, flen - i, &cp);
		if (k < 0)
			k = -k;
		else if ((uint32_t)utf8proc_tolower((utf8proc_int32_t)cp) != cp)
			break;
		i += (size_t)k;
	}
	if (i >= flen)
		return form;
	/* A lower-case letter is at most half as long again as its capital. */
	char *l = pool_alloc(z, flen + flen / 2 + 4);
	memcpy(l, form, i);
	size_t o = i;
	while (i < flen) {
		uint32_t cp;
		int k = dec(f + i, flen - i, &cp);
		if (k < 0) {
			memcpy(l + o, f + i, (size_t)-k);
			o += (size_t)-k;
			i += (size_t)-k;
			continue;
		}
		uint32_t lc = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
		if (lc == cp) {
			memcpy(l + o, f + i, (size_t)k);
			o += (size_t)k;
		} else {
			o += enc(lc, l + o);
		}
		i += (size_t)k;
	}
	l[o] = '\0';
	return l;
}

/* Sets form, lower and the DY_TOK_CAP/ALLCAP/NUM/PUNCT flags from the text. */
static void tok_text(tz *z, size_t start, size_t end, unsigned info, unsigned flags)
{
	dy_token *t = tok_push(z, start, end, info, flags);
	const unsigned char *p = z->s + start;
	size_t len = end - start, k;
	unsigned seen = 0, nup = 0;
	for (k = 0; k < len && p[k] < 0x80; k++) {
		unsigned b = abits(p[k]);
		seen |= b;
		nup += b & B_UP;
	}
	if (k == len) {
		/* ASCII: the form is the text, copied to end it with a NUL. */
		char *f = pool_alloc(z, len + 1);
		memcpy(f, p, len);
		f[len] = '\0';
		t->form = f;
		if (nup) {
			char *l = pool_alloc(z, len + 1);
			for (k = 0; k < len; k++)
				l[k] = (char)(p[k] >= 'A' && p[k] <= 'Z' ? p[k] + 32 : p[k]);
			l[len] = '\0';
			t->lower = l;
		} else {
			t->lower = f;
		}
		unsigned fb = abits(p[0]);
		if (fb & B_UP)
			t->flags |= DY_TOK_CAP;
		if (nup >= 2 && !(seen & B_LO))
			t->flags |= DY_TOK_ALLCAP;
		if ((fb & B_DIG) && !(seen & ~(unsigned)(B_DIG | B_NUMP)))
			t->flags |= DY_TOK_NUM;
		if (!(seen & (B_UP | B_LO | B_DIG)))
			t->flags |= DY_TOK_PUNCT;
		return;
	}

	/* Non-ASCII: map typographic marks, drop soft hyphens. Every mapping
	 * is no longer than what it replaces. */
	char *f = pool_alloc(z, len + 1);
	size_t o = 0, nlow = 0, nword = 0, i = 0;
	int first = 1, numok = 1;
	while (i < len) {
		uint32_t cp;
		int n = dec(p + i, len - i, &cp);
		if (n < 0) {
			memcpy(f + o, p + i, (size_t)-n);
			o += (size_t)-n;
			i += (size_t)-n;
			first = numok = 0;
			nword++;
			continue;
		}
		int kc = cp < 0x80 ? ktab[cp] : ucls(cp);
		const char *m = NULL;
		switch (kc) {
		case K_APOS: case K_LSQ: m = "'"; break;
		case K_LDQ: m = "``"; break;
		case K_RDQ: m = "''"; break;
		case K_DASH: m = "--"; break;
		case K_HYPH: m = "-"; break;
		case K_ELL: m = "..."; break;
		}
		if (first) {
			if (kc == K_UP)
				t->flags |= DY_TOK_CAP;
			if (kc != K_DIG)
				numok = 0;
			first = 0;
		} else if (kc != K_DIG && cp != ',' && cp != '.') {
			numok = 0;
		}
		if (kc == K_UP) {
			nup++;
		} else if (kc == K_LO) {
			if (cp < 0x80 || utf8proc_islower((utf8proc_int32_t)cp))
				nlow++;
		}
		if (IS_WORD(kc))
			nword++;
		if (m) {
			size_t ml = strlen(m);
			memcpy(f + o, m, ml);
			o += ml;
		} else if (cp == 0x00AD && o > 0) {
			/* soft hyphen: not part of the word */
		} else {
			memcpy(f + o, p + i, (size_t)n);
			o += (size_t)n;
		}
		i += (size_t)n;
	}
	f[o] = '\0';
	t->form = f;
	t->lower = lower_utf8(z, f, o);
	if (nup >= 2 && !nlow)
		t->flags |= DY_TOK_ALLCAP;
	if (numok)
		t->flags |= DY_TOK_NUM;
	if (!nword)
		t->flags |= DY_TOK_PUNCT;
}

/* ---- abbreviations -------------------------------------------------- */

enum { A_TITLE = 1, A_OTHER, A_BEFORE_NUM };

typedef struct abbr_entry {
	const char *s;
	uint8_t len, kind;
} abbr_entry;

#define AB(s, k) {s, sizeof(s) - 1, k}

/* Words that take a period and are then one token. A_TITLE ones never end
 * a sentence, A_OTHER ones do before a common sentence starter, and
 * A_BEFORE_NUM ones are abbreviations only before a number ("No. 10"). May
 * is missing on purpose. */
static const abbr_entry abbrs[] = {
	AB("Mr", A_TITLE), AB("Mrs", A_TITLE), AB("Ms", A_TITLE), AB("Messrs", A_TITLE),
	AB("Mmes", A_TITLE), AB("Dr", A_TITLE), AB("Drs", A_TITLE), AB("Prof", A_TITLE),
	AB("Gen", A_TITLE), AB("Gens", A_TITLE), AB("Lt", A_TITLE), AB("Col", A_TITLE),
	AB("Maj", A_TITLE), AB("Capt", A_TITLE), AB("Cmdr", A_TITLE), AB("Cdr", A_TITLE),
	AB("Adm", A_TITLE), AB("Sgt", A_TITLE), AB("Cpl", A_TITLE), AB("Pvt", A_TITLE),
	AB("Brig", A_TITLE), AB("Sen", A_TITLE), AB("Sens", A_TITLE), AB("Rep", A_TITLE),
	AB("Reps", A_TITLE), AB("Gov", A_TITLE), AB("Govs", A_TITLE), AB("Pres", A_TITLE),
	AB("Rev", A_TITLE), AB("Hon", A_TITLE), AB("Atty", A_TITLE), AB("Supt", A_TITLE),
	AB("Insp", A_TITLE), AB("Det", A_TITLE), AB("Fr", A_TITLE), AB("Msgr", A_TITLE),
	AB("Amb", A_TITLE), AB("Mt", A_TITLE), AB("Ft", A_TITLE), AB("Sec", A_TITLE),
	AB("vs", A_TITLE), AB("cf", A_TITLE), AB("viz", A_TITLE), AB("approx", A_TITLE),
	AB("esp", A_TITLE), AB("incl", A_TITLE), AB("e.g", A_TITLE), AB("i.e", A_TITLE),
	AB("Jan", A_OTHER), AB("Feb", A_OTHER), AB("Mar", A_OTHER), AB("Apr", A_OTHER),
	AB("Jun", A_OTHER), AB("Jul", A_OTHER), AB("Aug", A_OTHER), AB("Sep", A_OTHER),
	AB("Sept", A_OTHER), AB("Oct", A_OTHER), AB("Nov", A_OTHER), AB("Dec", A_OTHER),
	AB("Inc", A_OTHER), AB("Ltd", A_OTHER), AB("Co", A_OTHER), AB("Corp", A_OTHER),
	AB("Cos", A_OTHER), AB("Bros", A_OTHER), AB("Jr", A_OTHER), AB("Sr", A_OTHER),
	AB("Esq", A_OTHER), AB("etc", A_OTHER), AB("al", A_OTHER), AB("St", A_OTHER),
	AB("Ave", A_OTHER), AB("Blvd", A_OTHER), AB("Rd", A_OTHER), AB("Sq", A_OTHER),
	AB("Dept", A_OTHER), AB("Univ", A_OTHER), AB("Assn", A_OTHER), AB("Ala", A_OTHER),
	AB("Ariz", A_OTHER), AB("Ark", A_OTHER), AB("Calif", A_OTHER), AB("Colo", A_OTHER),
	AB("Conn", A_OTHER), AB("Del", A_OTHER), AB("Fla", A_OTHER), AB("Ga", A_OTHER),
	AB("Ill", A_OTHER), AB("Ind", A_OTHER), AB("Kan", A_OTHER), AB("Kans", A_OTHER),
	AB("Ky", A_OTHER), AB("La", A_OTHER), AB("Md", A_OTHER), AB("Mass", A_OTHER),
	AB("Mich", A_OTHER), AB("Minn", A_OTHER), AB("Miss", A_OTHER), AB("Mo", A_OTHER),
	AB("Mont", A_OTHER), AB("Neb", A_OTHER), AB("Nev", A_OTHER), AB("Okla", A_OTHER),
	AB("Ore", A_OTHER), AB("Pa", A_OTHER), AB("Tenn", A_OTHER), AB("Tex", A_OTHER),
	AB("Vt", A_OTHER), AB("Va", A_OTHER), AB("Wash", A_OTHER), AB("Wis", A_OTHER),
	AB("Wyo", A_OTHER), AB("No", A_BEFORE_NUM), AB("Nos", A_BEFORE_NUM),
	AB("no", A_BEFORE_NUM), AB("Art", A_BEFORE_NUM), AB("Vol", A_BEFORE_NUM),
	AB("Fig", A_BEFORE_NUM), AB("pp", A_BEFORE_NUM),
};

/* Kind of the abbreviation p[0..len) (without its period), or 0. A
 * capitalised entry also matches in capitals ("GEN"). */
static int abbr_kind(const unsigned char *p, size_t len)
{
	if (len > 6)
		return 0;
	for (size_t i = 0; i < sizeof(abbrs) / sizeof(abbrs[0]); i++) {
		const abbr_entry *e = &abbrs[i];
		if (e->len != len || (p[0] | 32) != (unsigned char)(e->s[0] | 32))
			continue;
		if (!memcmp(p, e->s, len))
			return e->kind;
		if (len < 2 || !(e->s[0] >= 'A' && e->s[0] <= 'Z'))
			continue;
		size_t k = 0;
		while (k < len && p[k] >= 'A' && p[k] <= 'Z' && p[k] == (unsigned char)(e->s[k] & ~32))
			k++;
		if (k == len)
			return e->kind;
	}
	return 0;
}

/* Capitalised words that often begin a sentence and seldom follow "U.S."
 * or "Inc." inside one: after such an abbreviation they start a sentence. */
static const char *const starters[] = {
	"The", "It", "He", "She", "They", "We", "I", "In", "But", "A", "An", "This", "That",
	"These", "Those", "On", "At", "Meanwhile", "There", "His", "Her", "Its", "Their", "Our",
	"However", "After", "As", "And", "For", "If", "When", "While", "Although", "Though",
	"Since", "Last", "Some", "Many", "According", "Earlier", "Later", "Also", "Yet", "So",
	"Still", "Now", "Then", "Both", "Such", "One", "Most", "What", "Why", "How", "Who",
	"Where", "Under", "Despite", "During", "Before", "With", "From", "Among", "Following",
	"Separately", "Instead", "Other", "Another", "Each", "Every", "Nor", "Or", "Until",
	"Because", "Even", "Only", "Today", "Yesterday", "Here", "Several", "Few", "All", "Any",
	"Asked", "Analysts", "Officials", "Critics", "Moreover", NULL,
};

/* ---- pass 2: tokens -------------------------------------------------- */

static int at_clitic(const tz *z, size_t k)
{
	/* 's 'd 'm 're 've 'll, then the end of the word */
	const unsigned char *s = z->s;
	size_t n = z->n, len = 0;
	if (k >= n)
		return 0;
	unsigned a = s[k] | 32, b = k + 1 < n ? s[k + 1] | 32 : 0;
	if (a == 's' || a == 'd' || a == 'm')
		len = 1;
	else if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l'))
		len = 2;
	else
		return 0;
	if (k + len < n && IS_WORD(cls_at_or_end(z, k + len)))
		return 0;
	return (int)len;
}

/* Length of an apostrophe (' or ’) at i, or 0. */
static inline size_t apos_len(const tz *z, size_t i)
{
	if (i >= z->n)
		return 0;
	if (z->s[i] == '\'')
		return 1;
	if (i + 2 < z->n && z->s[i] == 0xE2 && z->s[i + 1] == 0x80 && z->s[i + 2] == 0x99)
		return 3;
	return 0;
}

/* "n't" at i, then the end of the word: its length, or 0. */
static size_t at_nt(const tz *z, size_t i)
{
	if (i >= z->n || (z->s[i] | 32) != 'n')
		return 0;
	size_t al = apos_len(z, i + 1);
	if (!al || i + 1 + al >= z->n || (z->s[i + 1 + al] | 32) != 't')
		return 0;
	size_t e = i + 2 + al;
	if (e < z->n && IS_WORD(cls_at_or_end(z, e)))
		return 0;
	return e - i;
}

static int prev_is_word_at(const tz *z, size_t i)
{
	if (!z->ntoks)
		return 0;
	const dy_token *p = &z->toks[z->ntoks - 1];
	return p->end == i && !(p->flags & DY_TOK_PUNCT);
}

static int is_opener_tok(const dy_token *t)
{
	return (t->flags & DY_TOK_QOPEN) ||
	       (t->form[1] == '\0' && (t->form[0] == '(' || t->form[0] == '[' || t->form[0] == '{'));
}

static int is_closer_tok(const dy_token *t)
{
	return (t->flags & DY_TOK_QCLOSE) ||
	       (t->form[1] == '\0' && (t->form[0] == ')' || t->form[0] == ']' || t->form[0] == '}'));
}

/* End of a URL starting at i ("http://", "https://", "www."), or 0. */
static size_t url_end(const tz *z, size_t i)
{
	const unsigned char *s = z->s;
	size_t n = z->n, j;
	if (!((n - i > 8 && !memcmp(s + i, "https://", 8)) || (n - i > 7 && !memcmp(s + i, "http://", 7)) ||
	      (n - i > 4 && !memcmp(s + i, "www.", 4))))
		return 0;
	int depth = 0;
	for (j = i; j < n; j++) {
		unsigned c = s[j];
		if (c >= 0x80 || ktab[c] == K_SP || ktab[c] == K_NL || ktab[c] == K_CR)
			break;
		if (c == '"' || c == '<' || c == '>')
			break;
		if (c == '(')
			depth++;
		else if (c == ')' && --depth < 0)
			break;
	}
	/* Trailing punctuation belongs to the sentence, not to the address. */
	while (j > i && strchr(".,;:!?'\"", s[j - 1]))
		j--;
	return j;
}

/* Where the word starting at i ends; sets *info to I_TITLE or I_ABBR for
 * an abbreviation that took its period. */
static size_t word_end(const tz *z, size_t i, unsigned *info)
{
	const unsigned char *s = z->s;
	size_t n = z->n, start = i, j = i, cl;
	int numlike = 1;   /* digits, and , . between digits */
	size_t seg = 0;    /* characters since the start or the last period */
	int segalpha = 1;  /* ... all letters */
	int single = 1;    /* every earlier period-segment was one letter */
	int dots = 0, lastdig = 0, lastup = 0;
	int joined = 0;    /* took a hyphen, apostrophe, comma ... inside */
	*info = 0;
	for (;;) {
		int k = 0;
		while (j < n) {
			k = cls_at(z, j, &cl);
			if (k == K_UP || k == K_LO) {
				numlike = lastdig = 0;
				lastup = k == K_UP;
			} else if (k == K_DIG) {
				lastdig = 1;
				segalpha = lastup = 0;
			} else {
				break;
			}
			seg++;
			j += cl;
		}
		if (j >= n)
			return j;
		unsigned c = s[j];
		int nk = cls_at_or_end(z, j + cl);
		if (c == '-' || k == K_HYPH) {
			if (IS_WORD(nk)) { /* high-level, ISIS-K, COVID-19 */
				j += cl;
				numlike = 0;
				joined = 1;
				single = single && seg == 1 && segalpha;
				seg = 0;
				segalpha = 1;
				continue;
			}
			return j;
		}
		if (c == '.') {
			if (lastdig && nk == K_DIG) { /* 3.5, v2.0 */
				j++;
				seg++;
				continue;
			}
			if (nk == K_UP || nk == K_LO) {
				if (seg == 1 && segalpha && single) { /* U.S, e.g */
					j++;
					dots++;
					seg = 0;
					continue;
				}
				if (nk == K_LO && !numlike) { /* example.com */
					j++;
					joined = 1;
					single = 0;
					seg = 0;
					segalpha = 1;
					continue;
				}
				return j;
			}
			if (nk == K_PUN && j + 1 < n && s[j + 1] == '.')
				return j; /* an ellipsis follows */
			if (dots && seg == 1 && segalpha && single) {
				/* U.S. U.N. a.m. e.g. */
				int kind = abbr_kind(s + start, j - start);
				*info = kind == A_TITLE ? I_TITLE : I_ABBR;
				return j + 1;
			}
			if (!dots && !joined && seg == 1 && lastup) { /* the initial J. */
				*info = I_ABBR;
				return j + 1;
			}
			int kind = dots ? 0 : abbr_kind(s + start, j - start);
			if (kind == A_BEFORE_NUM) {
				size_t q = j + 1;
				while (q < n && (s[q] == ' ' || s[q] == '\t'))
					q++;
				if (q > j + 1 && q < n && s[q] >= '0' && s[q] <= '9')
					kind = A_TITLE;
				else
					kind = 0;
			}
			if (kind) {
				*info = kind == A_TITLE ? I_TITLE : I_ABBR;
				return j + 1;
			}
			return j;
		}
		if (c == ',' && numlike && lastdig) { /* 1,200 (three digits, then no digit) */
			if (j + 4 <= n && isdig(s[j + 1]) && isdig(s[j + 2]) && isdig(s[j + 3]) &&
			    (j + 4 == n || !isdig(s[j + 4]))) {
				j += 4;
				seg += 3;
				joined = 1;
				continue;
			}
			return j;
		}
		if ((c == ':' || c == '/') && lastdig && nk == K_DIG) { /* 10:30, 9/11 */
			j++;
			numlike = 0;
			joined = 1;
			continue;
		}
		if (c == '&' && lastup && nk == K_UP) { /* AT&T */
			j++;
			joined = 1;
			continue;
		}
		size_t al = apos_len(z, j);
		if (al) {
			if (at_clitic(z, j + al))
				return j;
			/* don't: the word stops before the n */
			if (j - start >= 2 && at_nt(z, j - 1))
				return j - 1;
			if (nk == K_UP || nk == K_LO) { /* O'Brien, Qur’an */
				j += al;
				numlike = 0;
				single = 0;
				joined = 1;
				continue;
			}
			return j;
		}
		return j;
	}
}

/* Where a quotation mark at i (cl bytes) stands: *before when it follows
 * white space, the start, an opening bracket or mark, or a dash (a place to
 * open); *after when white space, the end, a closing bracket or mark, or
 * punctuation follows it (a place to close). */
static void mark_place(const tz *z, size_t i, size_t cl, unsigned info, int *before, int *after)
{
	const dy_token *p = z->ntoks ? &z->toks[z->ntoks - 1] : NULL;
	*before = !p || (info & I_WS) || is_opener_tok(p) || !strcmp(p->form, "--");
	size_t j = i + cl;
	int nk = cls_at_or_end(z, j);
	*after = nk == K_SP || nk == K_NL || nk == K_CR || nk == K_PARA || nk == K_RDQ || nk == K_DASH ||
		 nk == K_ELL || (nk == K_PUN && z->s[j] < 0x80 && strchr(",.;:!?)]}", z->s[j]));
}

static void tokenize(tz *z)
{
	const unsigned char *s = z->s;
	size_t n = z->n, i = 0, cl;
	unsigned ws = 0; /* I_WS when white space came since the last token */
	unsigned nls = 0;

	while (i < n) {
		unsigned c = s[i];
		if (c == ' ') {
			ws = I_WS;
			i++;
			continue;
		}
		int k = cls_at(z, i, &cl);
		switch (k) {
		case K_SP:
			ws = I_WS;
			i += cl;
			continue;
		case K_CR:
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
			/* fall through */
		case K_NL:
			nls++;
			ws = I_WS;
			i += cl;
			continue;
		case K_PARA:
			nls += 2;
			ws = I_WS;
			i += cl;
			continue;
		}

		unsigned info = ws | (nls == 1 ? I_NL : nls >= 2 ? I_BLANK : 0);
		if (nls) {
			z->sq_open = 0;
			if (nls == 1 && z->ntoks) {
				/* Evidence of hard-wrapped lines: a line that stops inside
				 * a sentence and a next line that starts in lower case. */
				const dy_token *p = &z->toks[z->ntoks - 1];
				z->nl_cands++;
				if (k == K_LO && !(p->tag & I_TERM) && !is_closer_tok(p) && strcmp(p->form, ":") != 0)
					z->nl_wraps++;
			}
		}
		ws = 0;
		nls = 0;
		size_t e;

		switch (k) {
		case K_UP:
		case K_LO:
		case K_DIG: {
			size_t nt = at_nt(z, i);
			if (nt && prev_is_word_at(z, i)) {
				tok_text(z, i, i + nt, info, 0);
				i += nt;
				continue;
			}
			if ((c == 'h' || c == 'w') && (e = url_end(z, i)) > i) {
				tok_text(z, i, e, info, 0);
				z->toks[z->ntoks - 1].flags &= (uint8_t)~DY_TOK_PUNCT;
				i = e;
				continue;
			}
			unsigned abbr = 0;
			e = word_end(z, i, &abbr);
			if (e - i == 6 && (s[i] | 32) == 'c' && (s[i + 1] | 32) == 'a' && (s[i + 2] | 32) == 'n' &&
			    (s[i + 3] | 32) == 'n' && (s[i + 4] | 32) == 'o' && (s[i + 5] | 32) == 't') {
				tok_text(z, i, i + 3, info, 0); /* cannot: can + not */
				tok_text(z, i + 3, e, 0, 0);
			} else {
				tok_text(z, i, e, info | abbr, 0);
			}
			i = e;
			continue;
		}
		case K_APOS:
		case K_LSQ:
			break;
		case K_LDQ:
		case K_RDQ: {
			/* Typographic marks open or close as drawn, unless their place
			 * says clearly otherwise (German „Ja“, a mistyped ”Hello”). */
			int open = k == K_LDQ, before, after;
			mark_place(z, i, cl, info, &before, &after);
			if (open && !before && after)
				open = 0;
			else if (!open && before && !after && IS_WORD(cls_at_or_end(z, i + cl)))
				open = 1;
			tok_fixed(z, i, i + cl, info | I_DQ, open ? DY_TOK_QOPEN : DY_TOK_QCLOSE, open ? "``" : "''");
			i += cl;
			continue;
		}
		case K_DASH:
			for (e = i + cl; e < n && cls_at(z, e, &cl) == K_DASH; e += cl)
				;
			tok_fixed(z, i, e, info, 0, "--");
			i = e;
			continue;
		case K_HYPH:
			tok_fixed(z, i, i + cl, info, 0, "-");
			i += cl;
			continue;
		case K_ELL:
			tok_fixed(z, i, i + cl, info | I_TERM, 0, "...");
			i += cl;
			continue;
		}

		/* Apostrophes and single quotation marks. */
		if (k == K_APOS || k == K_LSQ || c == '\'') {
			if (c == '\'' && i + 1 < n && s[i + 1] == '\'') {
				tok_fixed(z, i, i + 2, info | I_DQ, DY_TOK_QCLOSE, "''");
				i += 2;
				continue;
			}
			int adj = prev_is_word_at(z, i);
			size_t a = i + cl, cll;
			if (k != K_LSQ && adj && (cll = (size_t)at_clitic(z, a))) {
				tok_text(z, i, a + cll, info, 0); /* 's 're ... */
				i = a + cll;
				continue;
			}
			if (!adj && k != K_LSQ && a < n && isdig(s[a])) {
				/* '90s */
				e = a;
				while (e < n && s[e] < 0x80 && (ktab[s[e]] == K_DIG || ktab[s[e]] == K_LO))
					e++;
				if (e - a >= 2 && ktab[s[a + 1]] == K_DIG) {
					tok_text(z, i, e, info, 0);
					i = e;
					continue;
				}
			}
			unsigned fl = 0;
			int nk = cls_at_or_end(z, a);
			if (k == K_LSQ) {
				fl = DY_TOK_QOPEN;
				z->sq_open = 1;
			} else if (adj) {
				/* word' : a possessive (allies') or the end of a quotation */
				if (z->sq_open) {
					fl = DY_TOK_QCLOSE;
					z->sq_open = 0;
				}
			} else if (IS_WORD(nk) && !(z->ntoks && z->toks[z->ntoks - 1].end == i &&
						   !is_opener_tok(&z->toks[z->ntoks - 1]))) {
				fl = DY_TOK_QOPEN;
				z->sq_open = 1;
			} else if (z->sq_open) {
				fl = DY_TOK_QCLOSE;
				z->sq_open = 0;
			}
			tok_fixed(z, i, a, info, fl, "'");
			i = a;
			continue;
		}

		/* Other ASCII punctuation; anything non-ASCII left is one symbol. */
		switch (c) {
		case '"': {
			int open, close;
			mark_place(z, i, 1, info, &open, &close);
			if (open && !close)
				tok_fixed(z, i, i + 1, info | I_DQ, DY_TOK_QOPEN, "``");
			else if (close && !open)
				tok_fixed(z, i, i + 1, info | I_DQ, DY_TOK_QCLOSE, "''");
			else
				tok_fixed(z, i, i + 1, info | I_DQ | I_AMBIG, 0, "``");
			i++;
			continue;
		}
		case '`':
			if (i + 1 < n && s[i + 1] == '`') {
				tok_fixed(z, i, i + 2, info | I_DQ, DY_TOK_QOPEN, "``");
				i += 2;
			} else {
				tok_fixed(z, i, i + 1, info, DY_TOK_QOPEN, "`");
				z->sq_open = 1;
				i++;
			}
			continue;
		case '.':
			for (e = i + 1; e < n && s[e] == '.'; e++)
				;
			if (e - i >= 3)
				tok_fixed(z, i, e, info | I_TERM, 0, "...");
			else
				tok_text(z, i, e, info | (e - i == 1 ? I_TERM : 0), 0);
			i = e;
			continue;
		case '!':
		case '?':
			tok_text(z, i, i + 1, info | I_TERM, 0);
			i++;
			continue;
		case '-': {
			for (e = i + 1; e < n && s[e] == '-'; e++)
				;
			int nk = cls_at_or_end(z, e);
			if (e - i >= 2 || ((info & I_WS) && (nk == K_SP || nk == K_NL || nk == K_CR)))
				tok_fixed(z, i, e, info, 0, "--");
			else
				tok_fixed(z, i, e, info, 0, "-");
			i = e;
			continue;
		}
		}
		tok_text(z, i, i + cl, info, 0);
		i += cl;
	}
}

/* ---- pass 3: sentences, paragraphs, quotations ---------------------- */

static int is_starter(const dy_token *t)
{
	if (!(t->flags & DY_TOK_CAP))
		return 0;
	for (size_t i = 0; starters[i]; i++)
		if (!strcmp(t->form, starters[i]))
			return 1;
	return 0;
}

/* Whether a sentence ends before toks[t] (sentence begins at first). */
static int boundary(const dy_token *toks, size_t first, size_t t)
{
	const dy_token *nx = &toks[t];
	size_t p = t - 1;
	while (p > first && is_closer_tok(&toks[p]))
		p--;
	const dy_token *e = &toks[p];
	if (!(e->tag & (I_TERM | I_ABBR)))
		return 0;
	if (!(nx->tag & I_WS) && !is_opener_tok(nx))
		return 0;
	if (e->tag & I_ABBR)
		return is_starter(nx);
	return (nx->flags & DY_TOK_CAP) || (nx->form[0] >= '0' && nx->form[0] <= '9') || is_opener_tok(nx) ||
	       (nx->tag & I_AMBIG);
}

static void sent_push(tz *z, dy_sentence **sents, size_t *ns, size_t *cap, size_t first, size_t end,
		      uint32_t para)
{
	if (*ns == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		dy_sentence *t = dy_arena_alloc(z->a, c * sizeof(*t));
		if (*ns)
			memcpy(t, *sents, *ns * sizeof(*t));
		*sents = t;
		*cap = c;
	}
	dy_sentence *s = &(*sents)[(*ns)++];
	s->first = (uint32_t)first;
	s->count = (uint32_t)(end - first);
	s->start = z->toks[first].start;
	s->end = z->toks[end - 1].end;
	s->para = para;
}

static void sentences(tz *z, dy_text *out)
{
	dy_token *toks = z->toks;
	size_t nt = z->ntoks, first = 0, ns = 0, cap = 0;
	dy_sentence *sents = NULL;
	uint32_t para = 0, spara = 0;
	int in_q = 0;
	int wrapped = z->nl_wraps >= 2 && z->nl_wraps * 4 >= z->nl_cands;

	if (nt / 12 + 4 > cap) {
		cap = nt / 12 + 4;
		sents = dy_arena_alloc(z->a, cap * sizeof(*sents));
	}
	for (size_t t = 0; t < nt; t++) {
		dy_token *k = &toks[t];
		unsigned info = k->tag;
		int pbreak = t == 0 || (info & I_BLANK) || ((info & I_NL) && !wrapped);
		if (t > 0) {
			if (pbreak)
				para++;
			if (pbreak || t - first >= DY_TEXT_MAX_SENTENCE || boundary(toks, first, t)) {
				sent_push(z, &sents, &ns, &cap, first, t, spara);
				first = t;
				spara = para;
			}
		}
		if (pbreak) {
			k->flags |= DY_TOK_PARA;
			in_q = 0;
		}
		if (info & I_DQ) {
			if (info & I_AMBIG) {
				k->flags |= in_q ? DY_TOK_QCLOSE : DY_TOK_QOPEN;
				k->form = k->lower = in_q ? "''" : "``";
			}
			in_q = (k->flags & DY_TOK_QOPEN) != 0;
		} else if (in_q) {
			k->flags |= DY_TOK_INQUOTE;
		}
	}
	if (nt)
		sent_push(z, &sents, &ns, &cap, first, nt, spara);
	for (size_t t = 0; t < nt; t++)
		toks[t].tag = 0;
	out->sents = sents;
	out->nsents = ns;
}

/* ---- pass 1 and the entry point -------------------------------------- */

int dy_text_split(dy_arena *a, const char *text, size_t len, dy_text *out)
{
	memset(out, 0, sizeof(*out));
	if (!text)
		len = 0;
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, bad = 0, badbytes = 0, first_bad = 0;
	int nfc = 0;
	uint32_t last_ok = 0;

	while (i < len) {
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		while (i < len && s[i] < 0x80)
			i++;
		if (i >= len)
			break;
		uint32_t cp;
		int k = dec(s + i, len - i, &cp);
		if (k < 0) {
			if (!bad++)
				first_bad = i;
			badbytes += (size_t)-k;
			i += (size_t)-k;
			continue;
		}
		if (!nfc && cp != last_ok) {
			if (nfc_suspect(cp))
				nfc = 1;
			else
				last_ok = cp;
		}
		i += (size_t)k;
	}

	const char *t = text;
	size_t tn = len;
	if (bad) {
		size_t rn = len - badbytes + 3 * bad, o = 0;
		char *r = dy_arena_alloc(a, rn + 1);
		for (i = 0; i < len;) {
			uint32_t cp;
			int k = dec(s + i, len - i, &cp);
			if (k < 0) {
				memcpy(r + o, "\xEF\xBF\xBD", 3);
				o += 3;
				i += (size_t)-k;
			} else {
				memcpy(r + o, s + i, (size_t)k);
				o += (size_t)k;
				i += (size_t)k;
			}
		}
		r[o] = '\0';
		t = r;
		tn = o;
	}
	if (nfc) {
		utf8proc_uint8_t *o = NULL;
		utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)t, (utf8proc_ssize_t)tn, &o,
						  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (m >= 0 && ((size_t)m != tn || memcmp(o, t, tn) != 0)) {
			char *c = dy_arena_alloc(a, (size_t)m + 1);
			memcpy(c, o, (size_t)m);
			c[m] = '\0';
			t = c;
			tn = (size_t)m;
		}
		free(o);
	}
	/* Offsets are 32 bits; readers cap documents far below this. */
	if (tn > UINT32_MAX - 8)
		tn = UINT32_MAX - 8;

	out->text = t;
	out->len = tn;
	out->repairs = bad;
	out->first_repair = first_bad;

	tz z;
	memset(&z, 0, sizeof(z));
	z.s = (const unsigned char *)t;
	z.n = tn;
	z.a = a;
	z.cap = tn / 5 + 16;
	if (z.cap > 65536)
		z.cap = 65536;
	z.toks = dy_arena_alloc(a, z.cap * sizeof(*z.toks));
	z.pool_chunk = tn + tn / 4 + 64;
	if (z.pool_chunk > (4u << 20))
		z.pool_chunk = 4u << 20;

	tokenize(&z);
	out->toks = z.toks;
	out->ntoks = z.ntoks;
	if (!z.ntoks)
		return DY_EEMPTY;
	sentences(&z, out);
	return 0;
}
