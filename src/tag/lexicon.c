/* lexicon.c - lemmas from WordNet, and British spellings folded to American.
 *
 * Lemmas follow WordNet's morphy: the exception list of the part of speech
 * first, then the detachment rules (a candidate counts only when the index
 * of that part of speech lists it), then the word itself.
 *
 * Spelling: WordNet lists many British forms as lemmas of their own
 * ("recognise", "organisation", "centre"), in the same synsets as the
 * American ones. At load every lemma that looks British (-is-, -our,
 * -tre, -ence, -ogue, -mme, ae/oe, ...) is rewritten by the rules below;
 * when the rewrite is a lemma of the same part of speech that shares a
 * synset with it, the pair goes into the fold table ("recognise" ->
 * "recognize", but not "tour" -> "tor"). Lemmas are folded through that
 * table, so that a dictionary written "recognize" matches text that says
 * "recognised". Inflected forms and words WordNet lacks are rewritten by
 * the same rules and accepted only when WordNet vouches for the result.
 */
#include "tag/tag.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/map.h"
#include "base/mem.h"
#include "tag/tag_int.h"

enum { P_NOUN, P_VERB, P_ADJ, P_ADV, NPOS };
static const char *const pos_names[NPOS] = {"noun", "verb", "adj", "adv"};

/* Words longer than this are their own lemma. */
#define MAXW 96

/* A string of the lexicon: every lemma, exception base and fold target is
 * one of these, so equal strings are equal pointers. */
typedef struct lx_str {
	uint32_t id; /* order of creation, for the tables of the load */
	uint8_t pos; /* bit p set: the index of part of speech p lists it */
	char s[];
} lx_str;

struct dy_lexicon {
	dy_map words;      /* string -> lx_str */
	dy_map exc[NPOS];  /* inflected form -> base (an lx_str's s) */
	dy_map fold;       /* British form -> American form (lx_str s) */
	dy_arena arena;
	char *chunk;       /* strings are packed into chunks of the arena */
	size_t chunk_left;
	uint32_t nstr;
};

/* ---- Strings ---- */

static lx_str *str_new(dy_lexicon *lx, const char *s, size_t len)
{
	size_t need = (offsetof(lx_str, s) + len + 1 + 3) & ~(size_t)3;
	if (need > lx->chunk_left) {
		size_t size = need > 65536 ? need : 65536;
		lx->chunk = dy_arena_alloc(&lx->arena, size);
		lx->chunk_left = size;
	}
	lx_str *x = (lx_str *)lx->chunk;
	lx->chunk += need;
	lx->chunk_left -= need;
	x->id = lx->nstr++;
	x->pos = 0;
	memcpy(x->s, s, len);
	x->s[len] = '\0';
	return x;
}

static lx_str *str_find(const dy_lexicon *lx, const char *s, size_t len)
{
	return dy_map_get(&lx->words, s, len);
}

static lx_str *str_intern(dy_lexicon *lx, const char *s, size_t len)
{
	lx_str *x = str_find(lx, s, len);
	if (!x) {
		x = str_new(lx, s, len);
		dy_map_set(&lx->words, x->s, len, x);
	}
	return x;
}

/* The lemma w of part of speech p, if the index lists it. */
static const char *known(const dy_lexicon *lx, int p, const char *w, size_t len)
{
	lx_str *x = str_find(lx, w, len);
	return x && (x->pos >> p & 1) ? x->s : NULL;
}

static const char *fold_of(const dy_lexicon *lx, const char *w)
{
	return dy_map_get(&lx->fold, w, strlen(w));
}

/* ---- British to American rewriting ---- */

/* What may follow a British "our" for the rewrite to apply ("favour",
 * "favourite", "behaviourist", "neighbourly"). */
static const char *const our_tails[] = {
	"", "s", "ed", "ing", "ings", "er", "ers", "ite", "ites", "itism", "able", "ably",
	"ableness", "ist", "ists", "ism", "ful", "fully", "less", "lessly", "lessness", "ly",
	"liness", "hood", "hoods", "ism", "istic", "ize", "ise", "ized", "ised", "izing", "ising", NULL,
};
static const char *const ise_tails[] = {
	"e", "es", "ed", "ing", "ings", "er", "ers", "ation", "ations", "ational", "able",
	"ably", "ability", NULL,
};
static const char *const yse_tails[] = {"e", "es", "ed", "ing", "er", "ers", NULL};
static const char *const re_tails[] = {"", "s", NULL};
static const char *const red_tails[] = {"ed", "ing", NULL};
static const char *const ence_tails[] = {"", "s", "d", "less", "lessly", "lessness", NULL};
static const char *const end_tails[] = {"", "s", NULL};
static const char *const ment_tails[] = {"", "s", NULL};
static const char *const ll_tails[] = {"ed", "ing", "er", "ers", NULL};

/* Words spelt -ise in America too; WordNet pairs a few of them with -ize
 * forms nobody uses ("advertize"). Matched against the text before "e". */
static const char *const ise_keep[] = {
	"advertis", "improvis", "appris", "repris", "comprom", "surpris", "compris", "enterpris",
	"supervis", "televis", "revis", "devis", "advis", "exercis", "franchis", "merchandis",
	"chastis", "despis", "disguis", NULL,
};

enum { R_OUR, R_ISE, R_YSE, R_RE, R_RED, R_ENCE, R_OGUE, R_MME, R_AE, R_OE, R_DGEMENT, R_LL, NRULES };

static const struct rule {
	const char *from, *to;
	const char *const *tails; /* what may follow, up to the end of the word part */
	uint8_t fl, tl;           /* the lengths of from and to */
	uint8_t before;           /* letters needed before the match */
} rules[NRULES] = {
	[R_OUR] = {"our", "or", our_tails, 3, 2, 2},
	[R_ISE] = {"is", "iz", ise_tails, 2, 2, 2},
	[R_YSE] = {"ys", "yz", yse_tails, 2, 2, 2},
	[R_RE] = {"re", "er", re_tails, 2, 2, 2},
	[R_RED] = {"r", "er", red_tails, 1, 2, 3},
	[R_ENCE] = {"ence", "ense", ence_tails, 4, 4, 2},
	[R_OGUE] = {"ogue", "og", end_tails, 4, 2, 2},
	[R_MME] = {"mme", "m", end_tails, 3, 1, 2},
	[R_AE] = {"ae", "e", NULL, 2, 1, 1},
	[R_OE] = {"oe", "e", NULL, 2, 1, 0},
	[R_DGEMENT] = {"dgement", "dgment", ment_tails, 7, 6, 1},
	[R_LL] = {"ll", "l", ll_tails, 2, 1, 2},
};

/* The rules whose pattern starts with a given byte, as bit sets: the
 * rewrite search runs over every lemma at load, so it skips the rest. */
static const uint16_t rules_by_first[256] = {
	['o'] = 1u << R_OUR | 1u << R_OGUE | 1u << R_OE,
	['i'] = 1u << R_ISE,
	['y'] = 1u << R_YSE,
	['r'] = 1u << R_RE | 1u << R_RED,
	['e'] = 1u << R_ENCE,
	['m'] = 1u << R_MME,
	['a'] = 1u << R_AE,
	['d'] = 1u << R_DGEMENT,
	['l'] = 1u << R_LL,
};

static int is_part_end(char c) { return c == '\0' || c == '-' || c == '_'; }

static int tail_ok(const char *const *tails, const char *rest)
{
	if (!tails)
		return 1;
	size_t n = 0;
	while (!is_part_end(rest[n]))
		n++;
	for (const char *const *t = tails; *t; t++)
		if (strlen(*t) == n && memcmp(*t, rest, n) == 0)
			return 1;
	return 0;
}

static int letter(char c) { return c >= 'a' && c <= 'z'; }

/* Whether rule r applies to w at i (w NUL-terminated). */
static int rule_at(int r, const char *w, size_t i)
{
	const struct rule *ru = &rules[r];
	if (w[i] != ru->from[0] || strncmp(w + i, ru->from, ru->fl) != 0)
		return 0;
	size_t start = i;
	while (start > 0 && !is_part_end(w[start - 1]))
		start--;
	if (i - start < ru->before)
		return 0;
	if (!tail_ok(ru->tails, w + i + ru->fl))
		return 0;
	switch (r) {
	case R_ISE:
		for (const char *const *k = ise_keep; *k; k++) {
			size_t kl = strlen(*k);
			if (i + 2 >= kl && memcmp(w + i + 2 - kl, *k, kl) == 0)
				return 0;
		}
		if (i - start == 2 && memcmp(w + start, "pr", 2) == 0)
			return 0; /* "prise" */
		return 1;
	case R_RE:
	case R_RED:
		/* centre, fibre, meagre, manoeuvre, ochre: a consonant, then "re" */
		return strchr("tbgvh", w[i - 1]) != NULL && letter(w[i - 2]) &&
		       (r == R_RE || w[i - 1] == 't' || w[i - 1] == 'b');
	case R_LL:
		/* travelled, traveller: a vowel before the double l */
		return strchr("aeiou", w[i - 1]) != NULL;
	default:
		return 1;
	}
}

/* Writes into out the rewrite of w by rule r at i. */
static int rewrite(int r, const char *w, size_t len, size_t i, char *out)
{
	const struct rule *ru = &rules[r];
	size_t fl = ru->fl, tl = ru->tl;
	if (len - fl + tl >= MAXW)
		return 0;
	memcpy(out, w, i);
	memcpy(out + i, ru->to, tl);
	memcpy(out + i + tl, w + i + fl, len - i - fl + 1);
	return 1;
}

/* Steps through the rewrites of w: from rule *r at position *i on, finds
 * the next one that applies, writes it into out, advances (*i, *r) past it
 * and returns 1; returns 0 when there are no more. */
static int next_rewrite(const char *w, size_t len, size_t *i, int *r, char *out)
{
	for (; *i < len; ++*i, *r = 0) {
		unsigned set = rules_by_first[(unsigned char)w[*i]] >> *r;
		if (!set)
			continue;
		for (; *r < NRULES && set; ++*r, set >>= 1) {
			if (!(set & 1) || *i + rules[*r].fl > len)
				continue;
			if (rule_at(*r, w, *i) && rewrite(*r, w, len, *i, out)) {
				++*r;
				return 1;
			}
		}
	}
	return 0;
}

/* Whether some rewrite rule applies to w. */
static int has_rewrite(const char *w, size_t len)
{
	char buf[MAXW];
	size_t i = 0;
	int r = 0;
	return next_rewrite(w, len, &i, &r, buf);
}

/* ---- Morphy ---- */

static const struct {
	const char *suf, *rep;
} detach_noun[] = {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"},
		   {"shes", "sh"}, {"men", "man"}, {"ies", "y"}},
  detach_verb[] = {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""},
		   {"ing", "e"}, {"ing", ""}},
  detach_adj[] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};

static const char *exc_base(const dy_lexicon *lx, int p, const char *w, size_t len)
{
	return dy_map_get(&lx->exc[p], w, len);
}

static int ends(const char *w, size_t len, const char *suf)
{
	size_t n = strlen(suf);
	return len >= n && memcmp(w + len - n, suf, n) == 0;
}

/* WordNet's detachment rules for part of speech p, then the undoubling of
 * a final consonant that they leave ("stopped" -> "stopp" -> "stop"). */
static const char *detach(const dy_lexicon *lx, int p, const char *w, size_t len)
{
	char buf[MAXW];
	size_t n;
	if (len >= MAXW)
		return NULL;
	switch (p) {
	case P_NOUN:
		if (ends(w, len, "ss") || len <= 2)
			return NULL;
		n = sizeof(detach_noun) / sizeof(detach_noun[0]);
		break;
	case P_VERB: n = sizeof(detach_verb) / sizeof(detach_verb[0]); break;
	case P_ADJ: n = sizeof(detach_adj) / sizeof(detach_adj[0]); break;
	default: return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const char *suf = p == P_NOUN ? detach_noun[i].suf : p == P_VERB ? detach_verb[i].suf : detach_adj[i].suf;
		const char *rep = p == P_NOUN ? detach_noun[i].rep : p == P_VERB ? detach_verb[i].rep : detach_adj[i].rep;
		size_t sl = strlen(suf), rl = strlen(rep);
		if (!ends(w, len, suf) || len == sl)
			continue;
		memcpy(buf, w, len - sl);
		memcpy(buf + len - sl, rep, rl);
		const char *k = known(lx, p, buf, len - sl + rl);
		if (k)
			return k;
	}
	if (p == P_VERB || p == P_ADJ) {
		static const char *const dsuf[] = {"ing", "ed", "est", "er"};
		for (size_t i = 0; i < 4; i++) {
			size_t sl = strlen(dsuf[i]);
			if ((p == P_VERB) != (i < 2) || !ends(w, len, dsuf[i]) || len < sl + 3)
				continue;
			size_t stem = len - sl;
			if (w[stem - 1] == w[stem - 2] && letter(w[stem - 1]) && !strchr("aeiou", w[stem - 1])) {
				const char *k = known(lx, p, w, stem - 1);
				if (k)
					return k;
			}
		}
	}
	return NULL;
}

/* The base of w as part of speech p, or NULL when WordNet knows none.
 * For a tag that marks an inflection (VBD, NNS, JJR...) the exception list
 * and the rules come first ("talks" is a noun lemma, but NNS "talks" is
 * "talk"); for a base-form tag (VB, NN, JJ) the word itself does ("gas"
 * is not "ga"). */
static const char *morphy(const dy_lexicon *lx, int p, const char *w, size_t len, int marked)
{
	/* Nouns the same in both numbers whose singular-looking stem is another
	 * noun ("species" is not "specie"). */
	static const char *const invariant[] = {
		"species", "means", "physics", "whereabouts", "crossroads", "barracks", "innings", "rabies",
		"diabetes", "gallows", NULL,
	};
	const char *b;
	if (p == P_NOUN && marked && len > 4 && w[len - 1] == 's')
		for (const char *const *v = invariant; *v; v++)
			if (strlen(*v) == len && memcmp(*v, w, len) == 0 && (b = known(lx, p, w, len)))
				return b;
	if (!marked && (b = known(lx, p, w, len)))
		return b;
	if ((b = exc_base(lx, p, w, len)))
		return b;
	if ((b = detach(lx, p, w, len)))
		return b;
	return known(lx, p, w, len);
}

/* Every base of w in any part of speech (for checking rewrites). */
static size_t all_bases(const dy_lexicon *lx, const char *w, size_t len, const char **out)
{
	size_t n = 0;
	for (int p = 0; p < NPOS; p++) {
		const char *b[3] = {exc_base(lx, p, w, len), detach(lx, p, w, len), known(lx, p, w, len)};
		for (int i = 0; i < 3; i++) {
			if (!b[i])
				continue;
			size_t j = 0;
			while (j < n && out[j] != b[i])
				j++;
			if (j == n)
				out[n++] = b[i];
		}
	}
	return n;
}

/* An unstressed final syllable, whose l American spelling does not double
 * ("travel" -> "traveled"; but "control" -> "controlled"). */
static int l_undoubles(const char *base)
{
	static const char *const stressed[] = {"excel", "rebel", "appal", "enthral", "instal", "befall", NULL};
	static const char *const unstressed_il[] = {"pencil", "stencil", "peril", NULL};
	size_t n = strlen(base);
	if (n < 4 || base[n - 1] != 'l' || !strchr("aeiou", base[n - 2]))
		return 0;
	for (const char *const *s = stressed; *s; s++)
		if (ends(base, n, *s))
			return 0;
	if (ends(base, n, "pel"))
		return 0;
	if (base[n - 2] == 'o' || base[n - 2] == 'i' || base[n - 2] == 'u') {
		for (const char *const *s = unstressed_il; *s; s++)
			if (ends(base, n, *s))
				return 1;
		return 0;
	}
	return 1;
}

/* Whether rewriting w into c (by rule r) is a British-to-American fold
 * that WordNet supports. */
static int fold_ok(const dy_lexicon *lx, int r, const char *w, size_t len, const char *c)
{
	const char *bw[16], *bc[16];
	size_t nw = all_bases(lx, w, len, bw), nc = all_bases(lx, c, strlen(c), bc);
	if (nc == 0)
		return 0;
	for (size_t i = 0; i < nw; i++) {
		const char *f = fold_of(lx, bw[i]);
		for (size_t j = 0; f && j < nc; j++)
			if (bc[j] == f)
				return 1;
		if (r == R_LL && l_undoubles(bw[i]))
			for (size_t j = 0; j < nc; j++)
				if (bc[j] == bw[i])
					return 1;
	}
	/* A word WordNet lacks whose rewrite it knows ("weaponised"); not for
	 * the rules that are too loose on their own. */
	return nw == 0 && r != R_LL && r != R_AE && r != R_OE && r != R_RE && r != R_RED;
}

/* Irregular folds that no rule makes. Plurals and the like are added at
 * load by appending the same ending to both sides. */
static const char *const irregular[][2] = {
	{"jewellery", "jewelry"}, {"grey", "gray"}, {"tyre", "tire"}, {"cheque", "check"},
	{"plough", "plow"}, {"kerb", "curb"}, {"gaol", "jail"}, {"gaoler", "jailer"},
	{"draught", "draft"}, {"mould", "mold"}, {"moult", "molt"}, {"smoulder", "smolder"},
	{"sceptic", "skeptic"}, {"sceptical", "skeptical"}, {"scepticism", "skepticism"},
	{"aluminium", "aluminum"}, {"pyjamas", "pajamas"}, {"manoeuvre", "maneuver"},
	{"enrol", "enroll"}, {"enrolment", "enrollment"}, {"fulfil", "fulfill"},
	{"fulfilment", "fulfillment"}, {"instil", "instill"}, {"distil", "distill"},
	{"skilful", "skillful"}, {"wilful", "willful"}, {"practise", "practice"},
	{"ageing", "aging"}, {"moustache", "mustache"}, {"sulphur", "sulfur"}, {"cosy", "cozy"},
	{"artefact", "artifact"}, {"storey", "story"},
	{"catalogue", "catalog"}, {"defence", "defense"}, {"offence", "offense"},
	{"licence", "license"}, {"pretence", "pretense"}, {"counsellor", "counselor"}, {"travelled", "traveled"},
	{"travelling", "traveling"}, {"traveller", "traveler"}, {"cancelled", "canceled"},
	{"cancelling", "canceling"}, {"labelled", "labeled"}, {"modelling", "modeling"},
	{"fuelled", "fueled"}, {"fuelling", "fueling"}, {"signalled", "signaled"},
	{"levelled", "leveled"}, {"channelled", "channeled"}, {"counselled", "counseled"},
	{"quarrelled", "quarreled"}, {"totalled", "totaled"}, {"dialled", "dialed"},
	{"equalled", "equaled"}, {"marshalled", "marshaled"}, {"tunnelled", "tunneled"},
};

/* Spelling contractions and clitics the tagger leaves as tokens. */
static const char *const clitic[][3] = {
	/* form, verb lemma, adverb lemma */
	{"'s", "be", NULL}, {"'re", "be", NULL}, {"'m", "be", NULL}, {"'ve", "have", NULL},
	{"'d", "have", NULL}, {"n't", NULL, "not"},
};

/* The American spelling of w (NUL-terminated, len bytes), into buf; NULL
 * when there is nothing to fold. May return an interned string instead. */
static const char *spell_us(const dy_lexicon *lx, const char *w, size_t len, char *buf)
{
	if (len >= MAXW)
		return NULL;
	const char *f = dy_map_get(&lx->fold, w, len);
	if (f)
		return f;
	size_t i = 0;
	int r = 0;
	while (next_rewrite(w, len, &i, &r, buf))
		if (fold_ok(lx, r - 1, w, len, buf))
			return buf;
	return NULL;
}

/* ---- Loading ---- */

/* What the load keeps while the index files are in memory. */
typedef struct lx_load {
	const char *buf[NPOS];
	size_t len[NPOS];
	uint32_t (*line)[NPOS]; /* per string id: 1 + offset of its line in buf[p], or 0 */
	size_t capline;
	lx_str **british;       /* lemmas that some rewrite rule applies to */
	size_t nbritish, capbritish;
} lx_load;

static int index_pos(char c)
{
	switch (c) {
	case 'n': return P_NOUN;
	case 'v': return P_VERB;
	case 'a':
	case 's': return P_ADJ;
	case 'r': return P_ADV;
	}
	return -1;
}

static int line_error(dy_error *err, const char *path, long lineno, const char *line, const char *le,
		      const char *at, const char *msg)
{
	return dy_error_at(err, DY_ESYNTAX, path, lineno, (long)(at - line) + 1, line, (size_t)(le - line), "%s",
			   msg);
}

static const char *const pos_expected[NPOS] = {
	"expected part of speech 'n'", "expected part of speech 'v'",
	"expected part of speech 'a' or 's'", "expected part of speech 'r'",
};

/* The end of the line at s (its '\n' or the end of the file), without a '\r'. */
static const char *line_end(const char *s, const char *end, const char **next)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	*next = nl ? nl + 1 : end;
	const char *le = nl ? nl : end;
	if (le > s && le[-1] == '\r')
		le--;
	return le;
}

static size_t field_len(const char *s, const char *le)
{
	size_t n = 0;
	while (s + n < le && s[n] != ' ')
		n++;
	return n;
}

static int load_index(dy_lexicon *lx, lx_load *ld, const char *path, int p, const char *buf, size_t len,
		      dy_error *err)
{
	const char *s = buf, *end = buf + len;
	long lineno = 0;
	while (s < end) {
		const char *line = s;
		const char *le = line_end(s, end, &s);
		lineno++;
		/* Lines that start with spaces are the licence. */
		if (line == le || line[0] == ' ')
			continue;
		size_t wl = field_len(line, le);
		if (line + wl == le)
			return line_error(err, path, lineno, line, le, le, "expected a part of speech after the lemma");
		if (memchr(line, '\0', wl))
			return line_error(err, path, lineno, line, le, line, "NUL byte in lemma");
		if (line + wl + 2 > le || index_pos(line[wl + 1]) != p || (line + wl + 2 < le && line[wl + 2] != ' '))
			return line_error(err, path, lineno, line, le, line + wl + 1, pos_expected[p]);
		/* Collocations ("take_part") never match a token: skip them. */
		if (wl >= MAXW || memchr(line, '_', wl))
			continue;
		lx_str *x = str_find(lx, line, wl);
		if (!x) {
			x = str_new(lx, line, wl);
			dy_map_set(&lx->words, x->s, wl, x);
			if (has_rewrite(x->s, wl)) {
				DY_GROW(ld->british, ld->capbritish, ld->nbritish + 1);
				ld->british[ld->nbritish++] = x;
			}
		}
		if (x->id >= ld->capline) {
			size_t old = ld->capline;
			DY_GROW(ld->line, ld->capline, (size_t)x->id + 1);
			memset(ld->line + old, 0, (ld->capline - old) * sizeof(*ld->line));
		}
		x->pos |= (uint8_t)(1u << p);
		ld->line[x->id][p] = (uint32_t)(line - buf) + 1;
	}
	return 0;
}

/* The synset offsets at the end of an index line (their count is the
 * third field). Returns how many were read. */
static size_t synsets(const char *line, const char *end, uint32_t *out, size_t max)
{
	const char *f[512], *s = line, *le = line_end(line, end, &s);
	size_t nf = 0;
	s = line;
	while (s < le && nf < 512) {
		while (s < le && *s == ' ')
			s++;
		if (s == le)
			break;
		f[nf++] = s;
		s += field_len(s, le);
	}
	if (nf < 4)
		return 0;
	size_t cnt = 0;
	for (const char *d = f[2]; d < le && *d >= '0' && *d <= '9'; d++)
		cnt = cnt * 10 + (size_t)(*d - '0');
	if (cnt > nf - 3)
		cnt = nf - 3;
	if (cnt > max)
		cnt = max;
	for (size_t i = 0; i < cnt; i++) {
		uint32_t v = 0;
		for (const char *d = f[nf - cnt + i]; d < le && *d >= '0' && *d <= '9'; d++)
			v = v * 10 + (uint32_t)(*d - '0');
		out[i] = v;
	}
	return cnt;
}

static int share_synset(const char *a, const char *b, const char *end)
{
	uint32_t sa[128], sb[128];
	size_t na = synsets(a, end, sa, 128), nb = synsets(b, end, sb, 128);
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			if (sa[i] == sb[j])
				return 1;
	return 0;
}

/* Pairs British lemmas with American ones that share a synset. */
static void build_folds(dy_lexicon *lx, const lx_load *ld)
{
	char buf[MAXW];
	for (size_t bi = 0; bi < ld->nbritish; bi++) {
		const lx_str *x = ld->british[bi];
		size_t len = strlen(x->s), i = 0;
		int r = 0, found = 0;
		while (!found && next_rewrite(x->s, len, &i, &r, buf)) {
			const lx_str *am = str_find(lx, buf, strlen(buf));
			if (!am || am->id >= ld->capline)
				continue;
			for (int p = 0; p < NPOS && !found; p++) {
				uint32_t la = ld->line[x->id][p], lb = ld->line[am->id][p];
				if (la && lb && share_synset(ld->buf[p] + la - 1, ld->buf[p] + lb - 1,
								      ld->buf[p] + ld->len[p])) {
					dy_map_set(&lx->fold, x->s, len, (void *)am->s);
					found = 1;
				}
			}
		}
	}
	/* Follow chains ("anaesthetise" -> "anesthetise" -> "anesthetize"). */
	for (size_t si = 0; si < lx->fold.cap; si++) {
		dy_map_slot *s = &lx->fold.slots[si];
		if (!s->key)
			continue;
		for (int hop = 0; hop < 4; hop++) {
			const char *next = fold_of(lx, s->val);
			if (!next || next == s->key)
				break;
			s->val = (void *)next;
		}
	}
}

static int load_exc(dy_lexicon *lx, const char *path, int p, const char *buf, size_t len, dy_error *err)
{
	const char *s = buf, *end = buf + len;
	long lineno = 0;
	while (s < end) {
		const char *line = s;
		const char *le = line_end(s, end, &s);
		lineno++;
		if (line == le)
			continue;
		size_t wl = field_len(line, le);
		if (wl == 0)
			return line_error(err, path, lineno, line, le, line, "expected an inflected form");
		const char *b = line + wl;
		while (b < le && *b == ' ')
			b++;
		size_t bl = field_len(b, le);
		if (bl == 0)
			return line_error(err, path, lineno, line, le, b, "expected a base form after the inflected form");
		if (memchr(line, '\0', (size_t)(le - line)))
			return line_error(err, path, lineno, line, le, line, "NUL byte in line");
		if (wl >= MAXW || bl >= MAXW || memchr(line, '_', wl))
			continue;
		/* The first base wins when a form is listed twice, as in WordNet. */
		if (dy_map_get(&lx->exc[p], line, wl))
			continue;
		const char *k = str_intern(lx, line, wl)->s;
		dy_map_set(&lx->exc[p], k, wl, str_intern(lx, b, bl)->s);
	}
	return 0;
}

static void add_fold(dy_lexicon *lx, const char *from, const char *to)
{
	size_t fl = strlen(from);
	if (dy_map_get(&lx->fold, from, fl))
		return;
	const char *t = str_intern(lx, to, strlen(to))->s;
	const char *f = str_intern(lx, from, fl)->s;
	dy_map_set(&lx->fold, f, fl, (void *)t);
}

static void add_irregulars(dy_lexicon *lx)
{
	static const char *const endings[] = {"", "s", "ed", "ing", "er", "ers"};
	for (size_t i = 0; i < sizeof(irregular) / sizeof(irregular[0]); i++) {
		const char *b = irregular[i][0], *a = irregular[i][1];
		size_t bl = strlen(b), al = strlen(a);
		for (size_t e = 0; e < sizeof(endings) / sizeof(endings[0]); e++) {
			char fb[MAXW], fa[MAXW];
			const char *end = endings[e];
			size_t drop_b = 0, drop_a = 0;
			if (*end && (ends(b, bl, "ed") || ends(b, bl, "ing") || ends(b, bl, "er")))
				break; /* already an inflected form */
			if (*end && a[al - 1] == 'y' && !strchr("aeiou", a[al - 2]))
				break; /* "storey" -> "story", but "storeys" -> "stories" */
			if (*end && *end != 's') {
				/* "practise" + "ed" -> "practised"; "plough" + "ed" -> "ploughed" */
				drop_b = b[bl - 1] == 'e';
				drop_a = a[al - 1] == 'e';
			}
			snprintf(fb, sizeof(fb), "%.*s%s", (int)(bl - drop_b), b, end);
			snprintf(fa, sizeof(fa), "%.*s%s", (int)(al - drop_a), a, end);
			add_fold(lx, fb, fa);
		}
	}
}

dy_lexicon *dy_lexicon_load(const char *dir, dy_error *err)
{
	dir = dy__data_dir(dir, "DYAD_WORDNET_DIR", DY_WORDNET_DIR);
	dy_lexicon *lx = dy_xcalloc(1, sizeof(*lx));
	dy_map_init(&lx->words);
	dy_map_init(&lx->fold);
	for (int p = 0; p < NPOS; p++)
		dy_map_init(&lx->exc[p]);
	dy_arena_init(&lx->arena);
	lx_load ld;
	memset(&ld, 0, sizeof(ld));
	char path[4096];
	dy__file files[NPOS];
	int rc = 0, nopen = 0;
	for (int p = 0; p < NPOS && !rc; p++) {
		char name[32];
		snprintf(name, sizeof(name), "index.%s", pos_names[p]);
		rc = dy__path(path, sizeof(path), dir, name, err);
		if (!rc)
			rc = dy__file_open(&files[p], path, err);
		if (!rc) {
			nopen++;
			ld.buf[p] = files[p].data;
			ld.len[p] = files[p].len;
			rc = load_index(lx, &ld, path, p, files[p].data, files[p].len, err);
		}
	}
	/* The index files stay mapped while the folds compare their synsets. */
	if (!rc)
		build_folds(lx, &ld);
	for (int p = 0; p < nopen; p++)
		dy__file_close(&files[p]);
	free(ld.line);
	free(ld.british);
	for (int p = 0; p < NPOS && !rc; p++) {
		char name[32];
		dy__file f;
		snprintf(name, sizeof(name), "%s.exc", pos_names[p]);
		rc = dy__path(path, sizeof(path), dir, name, err);
		if (!rc)
			rc = dy__file_open(&f, path, err);
		if (!rc) {
			rc = load_exc(lx, path, p, f.data, f.len, err);
			dy__file_close(&f);
		}
	}
	if (rc) {
		dy_lexicon_free(lx);
		return NULL;
	}
	add_irregulars(lx);
	return lx;
}

void dy_lexicon_free(dy_lexicon *lx)
{
	if (!lx)
		return;
	dy_map_release(&lx->words);
	dy_map_release(&lx->fold);
	for (int p = 0; p < NPOS; p++)
		dy_map_release(&lx->exc[p]);
	dy_arena_release(&lx->arena);
	free(lx);
}

/* ---- Lemmas ---- */

/* The part of speech a tag asks for (-1: none, the lemma is the word), and
 * whether the tag marks an inflection. */
static int tag_pos(int tag, int *marked)
{
	*marked = 0;
	switch (tag) {
	case DY_TAG_VBD:
	case DY_TAG_VBG:
	case DY_TAG_VBN:
	case DY_TAG_VBZ: *marked = 1; /* fall through */
	case DY_TAG_VB:
	case DY_TAG_VBP: return P_VERB;
	case DY_TAG_NNS:
	case DY_TAG_NNPS: *marked = 1; /* fall through */
	case DY_TAG_NN: return P_NOUN;
	case DY_TAG_JJR:
	case DY_TAG_JJS: *marked = 1; /* fall through */
	case DY_TAG_JJ: return P_ADJ;
	case DY_TAG_RBR:
	case DY_TAG_RBS: *marked = 1; /* fall through */
	case DY_TAG_RB: return P_ADV;
	}
	return -1;
}

static const char *base_us(const dy_lexicon *lx, const char *b)
{
	const char *f = fold_of(lx, b);
	return f ? f : b;
}

/* The parts of speech DY_TAG_NONE tries, in order. */
static const int any_order[3] = {P_VERB, P_NOUN, P_ADJ};

/* The lemma of the lower-case, NUL-terminated word w for tag: an interned string, buf, or
 * NULL for the word itself. */
static const char *lemma_of(const dy_lexicon *lx, const char *w, size_t len, int tag, char *buf)
{
	int marked = 0, p;
	const char *b = NULL;
	if (tag == DY_TAG_NONE) {
		for (int i = 0; i < 3 && !b; i++)
			b = morphy(lx, any_order[i], w, len, 0);
		p = -1;
	} else {
		p = tag_pos(tag, &marked);
		if (p < 0)
			return NULL;
		if (w[0] == '\'' || w[0] == 'n') {
			for (size_t i = 0; i < sizeof(clitic) / sizeof(clitic[0]); i++)
				if (strlen(clitic[i][0]) == len && memcmp(clitic[i][0], w, len) == 0) {
					const char *c = p == P_VERB ? clitic[i][1] : p == P_ADV ? clitic[i][2] : NULL;
					const lx_str *x = c ? str_find(lx, c, strlen(c)) : NULL;
					if (x)
						return x->s;
				}
		}
		b = morphy(lx, p, w, len, marked);
	}
	if (b)
		return base_us(lx, b);
	/* WordNet does not know the word: perhaps it knows its American spelling. */
	const char *us = spell_us(lx, w, len, buf);
	if (!us)
		return NULL;
	size_t ul = strlen(us);
	if (p >= 0)
		b = morphy(lx, p, us, ul, marked);
	else
		for (int i = 0; i < 3 && !b; i++)
			b = morphy(lx, any_order[i], us, ul, 0);
	return b ? base_us(lx, b) : us;
}

const char *dy_lemma(const dy_lexicon *lx, dy_arena *a, const char *word, size_t len, int tag)
{
	char w[MAXW], buf[MAXW];
	if (len >= MAXW || memchr(word, '\0', len))
		return dy_arena_strndup(a, word, len);
	/* The rules below want a NUL-terminated word. */
	memcpy(w, word, len);
	w[len] = '\0';
	const char *r = lemma_of(lx, w, len, tag, buf);
	if (!r)
		return dy_arena_strndup(a, word, len);
	return r == buf ? dy_arena_strdup(a, buf) : r;
}

const char *dy_spelling_us(const dy_lexicon *lx, dy_arena *a, const char *word, size_t len)
{
	char w[MAXW], buf[MAXW];
	if (len >= MAXW || memchr(word, '\0', len))
		return dy_arena_strndup(a, word, len);
	memcpy(w, word, len);
	w[len] = '\0';
	const char *r = spell_us(lx, w, len, buf);
	if (!r)
		return dy_arena_strndup(a, word, len);
	return r == buf ? dy_arena_strdup(a, buf) : r;
}

void dy_lemmatize(const dy_lexicon *lx, dy_arena *a, dy_token *toks, size_t n)
{
	char buf[MAXW];
	for (size_t i = 0; i < n; i++) {
		dy_token *t = &toks[i];
		const char *w = t->lower;
		if (!w) {
			/* The tokeniser always sets lower; be safe when it did not. */
			char *l = dy_arena_strdup(a, t->form ? t->form : "");
			for (char *c = l; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c = (char)(*c - 'A' + 'a');
			w = l;
		}
		int marked;
		/* Closed classes and proper nouns are their own lemma. */
		if (tag_pos(t->tag, &marked) < 0 || t->tag == DY_TAG_NONE) {
			t->lemma = w;
			continue;
		}
		size_t len = strlen(w);
		const char *r = len < MAXW ? lemma_of(lx, w, len, t->tag, buf) : NULL;
		t->lemma = !r ? w : r == buf ? dy_arena_strdup(a, buf) : r;
	}
}

void dy_spelling_fold_forms(const dy_lexicon *lx, const dy_tagger *tg, dy_arena *a, dy_token *toks, size_t n)
{
	char buf[MAXW];
	for (size_t i = 0; i < n; i++) {
		dy_token *t = &toks[i];
		const char *w = t->lower;
		size_t len = strlen(w);
		if (len < 4 || len >= MAXW || (t->flags & (DY_TOK_PUNCT | DY_TOK_NUM | DY_TOK_ALLCAP)))
			continue;
		if (tg && dy_tagger_knows(tg, t->form))
			continue;
		const char *us = spell_us(lx, w, len, buf);
		if (!us || strcmp(us, w) == 0)
			continue;
		size_t ul = strlen(us);
		char *form = dy_arena_strndup(a, us, ul);
		/* Keep the capital of a sentence-initial or capitalised word. */
		if ((t->flags & DY_TOK_CAP) && form[0] >= 'a' && form[0] <= 'z')
			form[0] = (char)(form[0] - 'a' + 'A');
		t->form = form;
		t->lower = dy_arena_strndup(a, us, ul);
	}
}
