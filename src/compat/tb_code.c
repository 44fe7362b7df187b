/* tb_code.c - TABARI's shallow coder (tabari.h), from the TABARI 0.8.4
 * manual: the text filter (7.3), word classification and nouns (7.4),
 * agents (5.4), parsed compounds (7.5), pronouns (7.7), comma-delimited
 * clauses (7.8), compound sentences (7.6), patterns (5.5-5.7), default
 * source and target (5.8), passive voice (7.9), special codes (chapter 6),
 * the complexity filter (8.7) and time shifting (10.5).
 *
 * One sentence (or TABARI record) at a time: tokens -> classified words ->
 * actor units (actors with their agents, compounds, pronouns) -> clauses
 * -> for each clause the verbs in order, each tried against its patterns,
 * longest first.
 */
#include "compat/tabari.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/mem.h"
#include "compat/tb_scan.h"

#define MAX_TOKS 127  /* TABARI codes at most 127 words of a record */
#define MAX_UNITS 256

enum { TC_WORD, TC_NUM, TC_COMMA, TC_QUOTE };

enum {
	TT_NONE, TT_PART, TT_ACTOR, TT_AGENT, TT_VERB, TT_NOUN, TT_ADJ, TT_TIME, TT_ATTRIB, TT_DISCARD,
	TT_DETERM, TT_CONJ, TT_PRON,
};

static const char *const tt_names[] = {"", "part", "actor", "agent", "verb", "noun", "adjctv", "time", "attrib",
				       "discard", "determ", "conj", "pronoun"};

enum {
	F_DEL = 1 << 0,     /* in a deleted comma-delimited clause */
	F_KEEPCONJ = 1 << 1,/* a conjunction (or comma) that does not split clauses */
	F_VNOUN = 1 << 2,   /* a verb turned noun (determiner, capital) */
	F_SPLIT = 1 << 3,   /* parsed: a clause of the tree starts here */
	F_DATELINE = 1 << 4,/* parsed: in the dateline that opens the story */
};

typedef struct tok {
	const char *u;
	uint16_t n;
	uint8_t cls, cap, type, flags;
	uint32_t start, end;
	int16_t head;        /* PART: the token its root starts at */
	int16_t last;        /* head: the last token of its root */
	int16_t unit;        /* innermost actor unit, or -1 */
	const tb_root *root;
	const char *pos;     /* parsed mode: the TreeBank tag */
	int node;            /* parsed mode: the preterminal node */
} tok;

enum { U_ACTOR, U_AGENT, U_PRON, U_COMPOUND, U_DEFAULT };

typedef struct unit {
	int16_t first, last;  /* tokens */
	uint8_t kind;
	uint8_t deleted;
	uint8_t place;        /* parsed: a bare actor named as where something happened */
	uint8_t syn;          /* named by a synonym of its entry ("Zurich" for SWITZERLAND) */
	const char **codes;   /* actors: codes after agents (coded compounds: several) */
	uint8_t ncodes;
	const char *root_code;/* before agents */
	const char *name, *rule;
	int16_t ref;          /* pronouns: the top-level unit referred to */
	int16_t parent;       /* the compound holding it, or -1 */
	int16_t mem[32];      /* compounds: members */
	uint8_t nmem;
	const char *fwd;      /* a pronoun given the previous record's actor (FORWARD) */
} unit;

typedef struct sent {
	const tb_dict *d;
	const tb_options *o;
	dy_arena *a;
	const char *text;
	const tb_tree *tree;   /* parsed mode (PETRARCH): the tree the words come from */
	const tb_petr *pe;
	int parsed;
	tok t[MAX_TOKS + 1];
	int n;
	unit u[MAX_UNITS];
	int nu;
	int vis[MAX_TOKS + 1]; /* visible (not deleted) tokens */
	int nvis;
	int pos[MAX_TOKS + 1]; /* token -> visible position, -1 when deleted */
	int clause[MAX_TOKS + 1]; /* visible position -> clause */
	int cstart[MAX_TOKS + 1], cend[MAX_TOKS + 1], nclauses;
	int conj_before[MAX_TOKS + 1]; /* clause -> visible position of the conjunction opening it, or -1 */
	int discard, complex;
	int place_ok;          /* places may be targets now (violence) */
	const char *why;
	uint32_t pfx[1024];    /* hashes of every prefix of every word (pattern prefilter) */
	int32_t date;
	dy_buf *tr;
	/* events */
	tb_event *ev;
	size_t nev, cap;
} sent;

/* ---- text filter ------------------------------------------------------------------ */

static int is_sep_cp(int32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '-' || c == '?' ||
	       c == '!' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == ':' ||
	       c == '/' || c == '\\' || c == 0x2013 || c == 0x2014 || c == 0x2012 || c == 0x2010 || c == 0xA0 ||
	       c == '<' || c == '>' || c == '|' || c == '*' || c == '=' || c == '_';
}

/* Upper case without diacritics: appends the bytes for code point c. */
static size_t up_cp(int32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)toupper(c);
		return 1;
	}
	if (c == 0x2018 || c == 0x2019 || c == 0x2032) {
		out[0] = '\'';
		return 1;
	}
	utf8proc_int32_t buf[4];
	int opt = UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK;
	utf8proc_ssize_t k = utf8proc_decompose_char(c, buf, 4, (utf8proc_option_t)opt, NULL);
	if (k == 1 && buf[0] < 0x80) {
		out[0] = (char)toupper(buf[0]);
		return 1;
	}
	utf8proc_int32_t uc = utf8proc_toupper(c);
	return (size_t)utf8proc_encode_char(uc, (utf8proc_uint8_t *)out);
}

static int has_lower(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			return 1;
	return 0;
}

/* Splits text[start..end) into tokens (manual 7.3: upper case, no
 * diacritics, '-' '?' '!' are blanks, a period after a lower-case letter
 * ends a word, commas inside numbers go, ';' is a comma, commas and
 * quotes are words). Brackets and colons separate words too. */
static void tokenize(sent *S, const char *text, uint32_t start, uint32_t end)
{
	S->n = 0;
	int allcaps = !has_lower(text + start, end - start);
	char buf[1024];
	size_t bl = 0;
	uint32_t ws = 0, we = 0;
	int32_t prev = 0;
	int first_letter_upper = -1;
#define EMIT_WORD()                                                                         \
	do {                                                                                \
		if (bl && S->n < MAX_TOKS) {                                                \
			/* "'A" -> "A", "KARVONIA'" -> "KARVONIA", but "DRIVERS'" stays. */       \
			size_t b0 = 0;                                                      \
			while (b0 < bl && buf[b0] == '\'')                                  \
				b0++;                                                       \
			size_t b1 = bl;                                                     \
			while (b1 > b0 && buf[b1 - 1] == '\'' && !(b1 >= 2 && buf[b1 - 2] == 'S' && b1 - 1 > b0 + 1)) \
				b1--;                                                       \
			/* a final period of a word without other periods ("NATO.") */       \
			if (b1 > b0 + 1 && buf[b1 - 1] == '.' && !memchr(buf + b0, '.', b1 - b0 - 1)) \
				b1--;                                                       \
			int only_dots = 1;                                                  \
			for (size_t q_ = b0; q_ < b1; q_++)                                 \
				if (buf[q_] != '.' && buf[q_] != '\'')                      \
					only_dots = 0;                                      \
			if (b1 > b0 && !only_dots) {                                        \
				tok *t_ = &S->t[S->n++];                                    \
				memset(t_, 0, sizeof(*t_));                                 \
				t_->u = dy_arena_strndup(S->a, buf + b0, b1 - b0);          \
				t_->n = (uint16_t)(b1 - b0);                                \
				t_->cls = isdigit((unsigned char)buf[b0]) ? TC_NUM : TC_WORD; \
				t_->cap = !allcaps && first_letter_upper == 1;              \
				t_->start = ws;                                             \
				t_->end = we;                                               \
				t_->unit = -1;                                              \
				t_->head = -1;                                              \
			}                                                                   \
		}                                                                           \
		bl = 0;                                                                     \
		first_letter_upper = -1;                                                    \
	} while (0)
#define EMIT_PUNCT(cl, a, b)                                                                \
	do {                                                                                \
		if (S->n < MAX_TOKS) {                                                      \
			tok *t_ = &S->t[S->n++];                                            \
			memset(t_, 0, sizeof(*t_));                                         \
			t_->u = (cl) == TC_COMMA ? "," : "\"";                              \
			t_->n = 1;                                                          \
			t_->cls = (cl);                                                     \
			t_->start = (a);                                                    \
			t_->end = (b);                                                      \
			t_->unit = -1;                                                      \
			t_->head = -1;                                                      \
		}                                                                           \
	} while (0)
	uint32_t i = start;
	while (i < end) {
		/* Comments inside a record: / * ... * / */
		if (text[i] == '/' && i + 1 < end && text[i + 1] == '*') {
			EMIT_WORD();
			size_t e = tb_scan_comment_end(text, i, end);
			i = e < end ? (uint32_t)e + 2 : end;
			prev = ' ';
			continue;
		}
		/* TABARI's forced line break "\n". */
		if (text[i] == '\\' && i + 1 < end && text[i + 1] == 'n') {
			EMIT_WORD();
			i += 2;
			prev = ' ';
			continue;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i, end - i, &c);
		if (k <= 0) {
			c = 0xFFFD;
			k = 1;
		}
		uint32_t next = i + (uint32_t)k;
		if (is_sep_cp(c)) {
			EMIT_WORD();
		} else if (c == ',' || c == ';') {
			int innum = c == ',' && bl && isdigit((unsigned char)buf[bl - 1]) && next < end &&
				    isdigit((unsigned char)text[next]);
			if (!innum) {
				EMIT_WORD();
				EMIT_PUNCT(TC_COMMA, i, next);
			}
		} else if (c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0xAB || c == 0xBB) {
			EMIT_WORD();
			EMIT_PUNCT(TC_QUOTE, i, next);
		} else if (c == '.' && prev >= 'a' && prev <= 'z') {
			EMIT_WORD();
		} else if (c == '`') {
			/* like an opening quote mark: dropped */
		} else {
			if (!bl)
				ws = i;
			we = next;
			if (first_letter_upper < 0 && c < 0x80 && isalpha(c))
				first_letter_upper = isupper(c) != 0;
			else if (first_letter_upper < 0 && c >= 0x80 && utf8proc_isupper(c))
				first_letter_upper = 1;
			else if (first_letter_upper < 0 && c >= 0x80 && utf8proc_islower(c))
				first_letter_upper = 0;
			char tmp[8];
			size_t m = up_cp(c, tmp);
			if (bl + m < sizeof(buf))
				memcpy(buf + bl, tmp, m), bl += m;
		}
		prev = c;
		i = next;
	}
	EMIT_WORD();
#undef EMIT_WORD
#undef EMIT_PUNCT
}

/* ---- classification --------------------------------------------------------------- */

static int tok_is(const tok *t, const char *w)
{
	return t->cls == TC_WORD && strlen(w) == t->n && !memcmp(t->u, w, t->n);
}

static int is_determ(const tok *t)
{
	return tok_is(t, "A") || tok_is(t, "AN") || tok_is(t, "THE");
}

static int is_conj(const tok *t)
{
	return tok_is(t, "AND") || tok_is(t, "BUT") || tok_is(t, "OR") || tok_is(t, "NOR");
}

static int is_pron(const tok *t)
{
	static const char *const p[] = {"HE", "SHE", "IT", "ITS", "HIS", "HER", "HIM", "THEY", "THEM", "THEIR"};
	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++)
		if (tok_is(t, p[i]))
			return 1;
	return 0;
}

static int wordlike(const tok *t)
{
	return t->cls == TC_WORD || t->cls == TC_NUM;
}

/* Whether root r matches at token i; *last gets its last token. Later words
 * may skip tokens (a blank in the phrase) unless they are consecutive. */
static int root_at(const sent *S, const tb_root *r, int i, int *last)
{
	const tok *t = &S->t[i];
	/* The first word: found through its key, so it starts the token. */
	const tb_word *w0 = &r->w[0];
	if (t->n == w0->n) {
		if (memcmp(t->u, w0->s, t->n)) /* a key without the final E or Y */
			return 0;
	} else if ((w0->flags & TB_EXACT) && !tb_word_match(w0, t->u, t->n, r->nw == 1, r->verb_ends)) {
		return 0;
	}
	if (r->nw > 1 && (r->w[1].flags & TB_CONSEC) &&
	    (i + 1 >= S->n || S->t[i + 1].u[0] != r->w[1].s[0]))
		return 0;
	int p = i;
	for (int k = 1; k < r->nw; k++) {
		const tb_word *w = &r->w[k];
		int islast = k == r->nw - 1;
		if (w->flags & TB_CONSEC) {
			int q = p + 1;
			if (q >= S->n || !wordlike(&S->t[q]) || S->t[q].type != TT_NONE ||
			    !tb_word_match(w, S->t[q].u, S->t[q].n, islast, r->verb_ends))
				return 0;
			p = q;
		} else {
			int q;
			for (q = p + 1; q < S->n; q++)
				if (wordlike(&S->t[q]) && S->t[q].type == TT_NONE &&
				    tb_word_match(w, S->t[q].u, S->t[q].n, islast, r->verb_ends))
					break;
			if (q == S->n)
				return 0;
			p = q;
		}
	}
	*last = p;
	return 1;
}

/* The longest root starting at token i (earlier entries win ties). */
static const tb_root *best_root(const sent *S, int i, int *last)
{
	const tok *t = &S->t[i];
	const tb_index *ix = &S->d->index;
	const tb_root *best = NULL;
	int blast = i;
	uint32_t h = 2166136261u;
	/* The next token's first letters, for tb_rootlist.second. */
	uint32_t next = 0;
	if (i + 1 < S->n && wordlike(&S->t[i + 1]) && S->t[i + 1].type == TT_NONE)
		next = tb_pack4(S->t[i + 1].u, S->t[i + 1].n);
	else
		next = 0xffffffffu; /* no such word: no root with one can match (letters are never 0xff) */
	for (size_t l = 1; l <= t->n; l++) {
		h = (h ^ (unsigned char)t->u[l - 1]) * 16777619u;
		if (l < 31 ? !(ix->lens & (1u << l)) : !(ix->lens & (1u << 31)))
			continue;
		if (!tb_bloom_may(ix, h))
			continue;
		/* inline of tb_index_get with the running hash */
		size_t mask = ix->cap - 1;
		const tb_rootlist *rl = NULL;
		for (size_t s = h & mask; ix->cap; s = (s + 1) & mask) {
			const tb_index_slot *sl = &ix->slots[s];
			if (!sl->key)
				break;
			if (sl->hash == h && sl->len == l && !memcmp(sl->key, t->u, l)) {
				rl = sl->list;
				break;
			}
		}
		if (!rl)
			continue;
		for (uint32_t k = 0; k < rl->n; k++) {
			uint64_t f = rl->second[k];
			if (((uint32_t)(f >> 32) & next) != (uint32_t)f)
				continue;
			const tb_root *r = rl->v[k];
			if (best && (r->len < best->len || (r->len == best->len && r->order > best->order)))
				break; /* the list is longest first: nothing later can win */
			int lst;
			if (r->kind == TB_K_ISSUE)
				continue;
			if (root_at(S, r, i, &lst)) {
				best = r;
				blast = lst;
				break;
			}
		}
	}
	*last = blast;
	return best;
}

/* The codes of an actor on the date (manual 6.5.2): the first restriction
 * that holds, else the default. */
static const tb_dated *actor_codes(const tb_actor *a, int32_t date)
{
	if (!a || !a->nd)
		return NULL;
	for (uint16_t i = 0; i < a->nd; i++) {
		const tb_dated *d = &a->d[i];
		if (!d->dated)
			return d;
		if (date && date >= d->from && date <= d->to)
			return d;
	}
	return NULL;
}

static int time_active(const sent *S)
{
	return S->o->time_shift > 0 || (S->o->time_shift < 0 && S->d->has_time);
}

static void classify(sent *S)
{
	int first_word = -1;
	for (int i = 0; i < S->n; i++)
		if (wordlike(&S->t[i])) {
			first_word = i;
			break;
		}
	for (int i = 0; i < S->n; i++) {
		tok *t = &S->t[i];
		if (!wordlike(t) || t->type != TT_NONE)
			continue;
		int last;
		const tb_root *r = best_root(S, i, &last);
		if (!r) {
			if (is_determ(t))
				t->type = TT_DETERM;
			else if (is_conj(t))
				t->type = TT_CONJ;
			else if (is_pron(t))
				t->type = TT_PRON;
			continue;
		}
		t->root = r;
		t->last = (int16_t)last;
		t->head = (int16_t)i;
		/* The words of the root after the first. */
		if (last > i) {
			int p = i;
			for (int k = 1; k < r->nw; k++) {
				int q = p + 1;
				if (!(r->w[k].flags & TB_CONSEC))
					for (; q <= last; q++)
						if (wordlike(&S->t[q]) && S->t[q].type == TT_NONE &&
						    tb_word_match(&r->w[k], S->t[q].u, S->t[q].n, k == r->nw - 1, r->verb_ends))
							break;
				if (q > last)
					break;
				S->t[q].type = TT_PART;
				S->t[q].head = (int16_t)i;
				p = q;
			}
		}
		switch (r->kind) {
		case TB_K_ACTOR: {
			const tb_dated *dc = actor_codes(r->u.actor, S->date);
			int null = !dc, disc = 0, cx = 0;
			for (uint8_t k = 0; dc && k < dc->ncodes; k++) {
				if (dc->codes[k] == S->d->c_null)
					null = 1;
				else if (dc->codes[k] == S->d->c_discard)
					disc = 1;
				else if (dc->codes[k] == S->d->c_complex)
					cx = 1;
			}
			if (S->parsed) {
				/* PETRARCH has no discard or complex actors: "###" is a code. */
				t->type = null ? TT_NOUN : TT_ACTOR;
				break;
			}
			if (disc)
				S->discard = 1;
			if (cx && !S->complex) {
				S->complex = 1;
				S->why = "complex code in an actor";
			}
			t->type = (null || disc || cx) ? TT_NOUN : TT_ACTOR;
			break;
		}
		case TB_K_AGENT:
			t->type = TT_AGENT;
			break;
		case TB_K_VERB: {
			const tb_verb *v = r->u.verb;
			/* Nouns: after a determiner, or capitalised inside the sentence
			 * (7.4); with a parse, whatever the tree does not call a verb. */
			int noun = S->parsed ? !(t->pos && t->pos[0] == 'V' && t->pos[1] == 'B')
					     : (i > 0 && is_determ(&S->t[i - 1])) || (t->cap && i != first_word);
			if (v->code.kind == TB_CODE_DISCARD)
				S->discard = 1;
			if (noun) {
				t->type = TT_NOUN;
				t->flags |= F_VNOUN;
			} else if (v->code.kind == TB_CODE_NULL && !v->npats) {
				t->type = TT_NONE; /* a null-coded verb without patterns is nothing */
				t->root = NULL;
				t->last = (int16_t)i;
			} else {
				t->type = TT_VERB;
			}
			break;
		}
		case TB_K_NOUN:
			t->type = TT_NOUN;
			break;
		case TB_K_ADJ:
			t->type = TT_ADJ;
			break;
		case TB_K_TIME:
			t->type = time_active(S) ? TT_TIME : TT_NONE;
			if (t->type == TT_TIME && r->u.verb->code.kind == TB_CODE_DISCARD)
				S->discard = 1;
			if (t->type == TT_TIME && r->u.verb->code.kind == TB_CODE_COMPLEX && !S->complex) {
				S->complex = 1;
				S->why = "complex code in a time phrase";
			}
			break;
		case TB_K_ATTRIB:
			t->type = TT_ATTRIB;
			break;
		case TB_K_DISCARD:
			t->type = TT_DISCARD;
			if (!S->discard || r->story)
				S->discard = r->story ? 2 : 1;
			break;
		}
	}
}

/* ---- actor units --------------------------------------------------------------------- */

static int new_unit(sent *S, int kind, int first, int last)
{
	if (S->nu >= MAX_UNITS)
		return -1;
	unit *u = &S->u[S->nu];
	memset(u, 0, sizeof(*u));
	u->kind = (uint8_t)kind;
	u->first = (int16_t)first;
	u->last = (int16_t)last;
	u->ref = -1;
	u->parent = -1;
	return S->nu++;
}

/* A new unit as new_unit makes it, with room for one code (the caller
 * sets it). */
static int new_unit1(sent *S, int kind, int first, int last)
{
	int ui = new_unit(S, kind, first, last);
	if (ui >= 0) {
		S->u[ui].ncodes = 1;
		S->u[ui].codes = dy_arena_alloc(S->a, sizeof(*S->u[ui].codes));
	}
	return ui;
}

static void map_tokens(sent *S, int ui, int a, int b)
{
	for (int i = a; i <= b; i++)
		S->t[i].unit = (int16_t)ui;
}

/* The tokens of unit ui that still point to it point to none. */
static void unmap_tokens(sent *S, int ui)
{
	for (int i = S->u[ui].first; i <= S->u[ui].last; i++)
		if (S->t[i].unit == ui)
			S->t[i].unit = -1;
}

/* Whether actor code c already holds agent code g at a 3-letter boundary
 * (manual 5.4: "Tamil Tiger guerrillas" stay LKAREB). */
static int has_code_at3(const char *c, const char *g)
{
	size_t cn = strlen(c), gn = strlen(g);
	for (size_t off = 0; off + gn <= cn; off += 3)
		if (!memcmp(c + off, g, gn))
			return 1;
	return 0;
}

static const char *compose(sent *S, const char *actor, const tb_agent *ag, int former)
{
	const char *g = former ? "ELI" : ag->code;
	if (has_code_at3(actor, g))
		return actor;
	return ag->prefix && !former ? dy_arena_printf(S->a, "%s%s", g, actor) : dy_arena_printf(S->a, "%s%s", actor, g);
}

static int tok_former(const sent *S, int i)
{
	return i > 0 && tok_is(&S->t[i - 1], "FORMER");
}

static void build_units(sent *S)
{
	S->nu = 0;
	for (int i = 0; i < S->n; i++) {
		tok *t = &S->t[i];
		if (t->type != TT_ACTOR)
			continue;
		const tb_dated *dc = actor_codes(t->root->u.actor, S->date);
		int ui = new_unit(S, U_ACTOR, i, t->last);
		if (ui < 0)
			break;
		unit *u = &S->u[ui];
		u->ncodes = dc->ncodes;
		u->codes = dy_arena_alloc(S->a, dc->ncodes * sizeof(*u->codes));
		memcpy(u->codes, dc->codes, dc->ncodes * sizeof(*u->codes));
		u->root_code = dc->codes[0];
		u->name = t->root->u.actor->name;
		u->rule = t->root->rule;
		S->t[i].unit = (int16_t)ui;
		for (int j = i + 1; j <= t->last; j++)
			if (S->t[j].type == TT_PART && S->t[j].head == i)
				S->t[j].unit = (int16_t)ui;
	}
	/* Agents: right after an actor, right before one, or before IN/OF and
	 * an actor (5.4); FORMER before the actor or agent makes it ELI. */
	int nactors = S->nu;
	for (int i = 0; i < S->n; i++) {
		tok *t = &S->t[i];
		if (t->type != TT_AGENT)
			continue;
		const tb_agent *ag = t->root->u.agent;
		int as = i, ae = t->last;
		int target = -1, former = tok_former(S, as);
		for (int k = 0; k < nactors && target < 0; k++)
			if (S->u[k].last == as - 1 || (former && S->u[k].last == as - 2)) {
				target = k;
				former |= tok_former(S, S->u[k].first);
			}
		for (int k = 0; k < nactors && target < 0; k++)
			if (S->u[k].first == ae + 1) {
				target = k;
				former |= tok_former(S, S->u[k].first);
			}
		if (target < 0 && ae + 1 < S->n && (tok_is(&S->t[ae + 1], "IN") || tok_is(&S->t[ae + 1], "OF"))) {
			int q = ae + 2;
			if (q < S->n && tok_is(&S->t[q], "THE"))
				q++;
			for (int k = 0; k < nactors && target < 0; k++)
				if (S->u[k].first == q)
					target = k;
		}
		if (target >= 0) {
			unit *u = &S->u[target];
			for (uint8_t c = 0; c < u->ncodes; c++)
				if (u->codes[c] != S->d->c_null)
					u->codes[c] = compose(S, u->codes[c], ag, former);
			if (as < u->first)
				u->first = (int16_t)as;
			if (ae > u->last)
				u->last = (int16_t)ae;
			map_tokens(S, target, as, ae);
			for (int j = as; j <= ae; j++)
				if (S->t[j].type != TT_NONE || j == as)
					S->t[j].unit = (int16_t)target;
		} else if (S->o->convert_agents) {
			int ui = new_unit1(S, U_AGENT, as, ae);
			if (ui < 0)
				break;
			unit *u = &S->u[ui];
			u->codes[0] = ag->prefix ? dy_arena_printf(S->a, "%s~", ag->code) : dy_arena_printf(S->a, "~%s", ag->code);
			u->root_code = u->codes[0];
			u->name = t->root->text;
			u->rule = t->root->rule;
			map_tokens(S, ui, as, ae);
		}
	}
}

static int top(const sent *S, int ui)
{
	while (ui >= 0 && S->u[ui].parent >= 0)
		ui = S->u[ui].parent;
	return ui;
}

/* An actor unit (not a pronoun) starting at token i, after any determiners
 * and adjectives; -1 if none. *after gets the token after it. */
static int np_at(const sent *S, int i, int *after)
{
	while (i < S->n && (S->t[i].type == TT_DETERM || S->t[i].type == TT_ADJ))
		i++;
	if (i >= S->n)
		return -1;
	int ui = S->t[i].unit;
	if (ui < 0 || S->u[ui].first != i || S->u[ui].parent >= 0 || S->u[ui].kind == U_PRON)
		return -1;
	*after = S->u[ui].last + 1;
	return ui;
}

/* An actor unit ending at token i (its last token); -1 if none. */
static int np_ending(const sent *S, int i)
{
	if (i < 0)
		return -1;
	int ui = S->t[i].unit;
	if (ui < 0 || S->u[ui].last != i || S->u[ui].parent >= 0 || S->u[ui].kind == U_PRON || S->u[ui].kind == U_COMPOUND)
		return -1;
	return ui;
}

/* Parsed compounds (7.5): np AND np, np, np ... AND np; an np is an actor
 * after any determiners and adjectives. */
static void find_compounds(sent *S)
{
	for (int c = 0; c < S->n; c++) {
		tok *t = &S->t[c];
		if (t->type != TT_CONJ || (t->flags & F_KEEPCONJ) || tok_is(t, "BUT"))
			continue;
		int l = c - 1;
		if (l >= 0 && S->t[l].cls == TC_COMMA)
			l--;
		int u1 = np_ending(S, l);
		int after;
		int u2 = np_at(S, c + 1, &after);
		if (u1 < 0 || u2 < 0)
			continue;
		int mem[32], nm = 0;
		int seps[64], ns = 0;
		/* Leftwards over ", np". */
		int lm[32], nl = 0;
		lm[nl++] = u1;
		int f = S->u[u1].first;
		for (;;) {
			int b = f - 1;
			while (b >= 0 && (S->t[b].type == TT_DETERM || S->t[b].type == TT_ADJ))
				b--;
			if (b < 1 || S->t[b].cls != TC_COMMA)
				break;
			int up = np_ending(S, b - 1);
			if (up < 0 || nl >= 31)
				break;
			seps[ns++] = b;
			lm[nl++] = up;
			f = S->u[up].first;
		}
		for (int k = nl; k-- > 0;)
			mem[nm++] = lm[k];
		seps[ns++] = c;
		if (c - 1 >= 0 && S->t[c - 1].cls == TC_COMMA)
			seps[ns++] = c - 1;
		mem[nm++] = u2;
		/* Rightwards over "AND np", ", AND np", or an np opening with an
		 * adjective or determiner right after. */
		for (;;) {
			int q = after;
			if (q >= S->n || nm >= 31)
				break;
			int comma = -1;
			if (S->t[q].cls == TC_COMMA && q + 1 < S->n && S->t[q + 1].type == TT_CONJ && !tok_is(&S->t[q + 1], "BUT")) {
				comma = q;
				q++;
			}
			if (S->t[q].type == TT_CONJ && !tok_is(&S->t[q], "BUT")) {
				int a2;
				int un = np_at(S, q + 1, &a2);
				if (un < 0)
					break;
				if (comma >= 0)
					seps[ns++] = comma;
				seps[ns++] = q;
				mem[nm++] = un;
				after = a2;
				continue;
			}
			int prev_poss = after > 0 && S->t[after - 1].n > 2 && !memcmp(S->t[after - 1].u + S->t[after - 1].n - 2, "'S", 2);
			if (S->t[q].type == TT_DETERM || S->t[q].type == TT_ADJ || prev_poss) {
				int a2;
				int un = np_at(S, q, &a2);
				if (un < 0)
					break;
				mem[nm++] = un;
				after = a2;
				continue;
			}
			break;
		}
		int ci = new_unit(S, U_COMPOUND, S->u[mem[0]].first, S->u[mem[nm - 1]].last);
		if (ci < 0)
			return;
		unit *cu = &S->u[ci];
		for (int k = 0; k < nm; k++) {
			cu->mem[cu->nmem++] = (int16_t)mem[k];
			S->u[mem[k]].parent = (int16_t)ci;
		}
		for (int k = 0; k < ns; k++)
			S->t[seps[k]].flags |= F_KEEPCONJ;
		c = S->u[mem[nm - 1]].last;
	}
}

/* Compound nouns and adjectives (7.5.1) and conjunctions inside a root or
 * an actor phrase do not split clauses. */
static void keep_conjunctions(sent *S)
{
	for (int c = 0; c < S->n; c++) {
		tok *t = &S->t[c];
		if (t->type != TT_CONJ || (t->flags & F_KEEPCONJ))
			continue;
		if (c > 0 && c + 1 < S->n) {
			const tok *l = &S->t[c - 1];
			int r = c + 1;
			if (l->type == TT_NOUN || (l->type == TT_PART && S->t[l->head].type == TT_NOUN)) {
				while (r < S->n && S->t[r].type == TT_ADJ)
					r++;
				if (r < S->n && S->t[r].type == TT_NOUN) {
					t->flags |= F_KEEPCONJ;
					continue;
				}
			}
			if (l->type == TT_ADJ && S->t[c + 1].type == TT_ADJ) {
				t->flags |= F_KEEPCONJ;
				continue;
			}
		}
		/* Inside an actor phrase that skips words ("Tamberg and its Guard"). */
		for (int k = 0; k < S->nu; k++)
			if (S->u[k].kind == U_ACTOR && S->u[k].first < c && S->u[k].last > c) {
				t->flags |= F_KEEPCONJ;
				break;
			}
	}
}

static const char *unit_cmp(const sent *S, int ui);

/* The first actor of the sentence (or before token before, when >= 0). */
static int lab(const sent *S, int nd, const char *l);

/* Parsed: whether token i is inside a prepositional phrase of its clause
 * ("On reforms in Karvonia's schools, he said": not whom "he" stands for). */
static int in_pp(const sent *S, int i)
{
	const tb_tree *T = S->tree;
	if (!T || S->t[i].node < 0)
		return 0;
	for (int nd = T->n[S->t[i].node].parent; nd >= 0; nd = T->n[nd].parent) {
		if (lab(S, nd, "PP"))
			return 1;
		if (lab(S, nd, "S") || lab(S, nd, "SINV") || lab(S, nd, "SQ") || lab(S, nd, "ROOT"))
			return 0;
	}
	return 0;
}

static int first_actor(const sent *S, int before, int compound_only)
{
	int best = -1;
	for (int k = 0; k < S->nu; k++) {
		const unit *u = &S->u[k];
		if (u->parent >= 0 || u->kind == U_PRON || u->deleted)
			continue;
		if (S->parsed && in_pp(S, u->first))
			continue;
		if (compound_only && u->kind != U_COMPOUND)
			continue;
		if (before >= 0 && u->first >= before)
			continue;
		if (best < 0 || u->first < S->u[best].first)
			best = k;
	}
	return best;
}

/* The parts of the FORWARD format (8.4): N story, S sentence. */
static void fwd_fields(const char *fmt, const char *id, char *story, size_t sn, long *sentno)
{
	size_t k = 0, j = 0;
	char snum[32];
	size_t sl = 0;
	/* '^': leading blanks of the id field; the id we get has none. */
	while (fmt[k] == '^')
		k++;
	for (; fmt[k] && id[j]; k++, j++) {
		if (fmt[k] == 'N' && sn > 1) {
			*story++ = id[j];
			sn--;
		} else if (fmt[k] == 'S' && sl < sizeof(snum) - 1) {
			snum[sl++] = id[j];
		}
	}
	*story = 0;
	snum[sl] = 0;
	*sentno = 0;
	for (size_t i = 0; i < sl; i++) {
		if (!isdigit((unsigned char)snum[i])) {
			*sentno = 0;
			return;
		}
		*sentno = *sentno * 10 + (snum[i] - '0');
	}
}

static int node_tokens(const sent *S, int nd, int *a, int *b);
static int lab_np(const sent *S, int nd);

/* Parsed: the actor of the subject of the nearest clause around the one
 * pronoun token i stands in (a pronoun does not stand for its own
 * clause's subject), or -1. */
static int clause_antecedent(const sent *S, int i)
{
	const tb_tree *T = S->tree;
	if (S->t[i].node < 0)
		return -1;
	int own = 0;
	for (int nd = T->n[S->t[i].node].parent; nd >= 0; nd = T->n[nd].parent) {
		if (!(lab(S, nd, "S") || lab(S, nd, "SINV") || lab(S, nd, "SQ")))
			continue;
		if (!own++)
			continue;
		int subj = -1;
		for (int c = T->n[nd].child; c >= 0 && !lab(S, c, "VP"); c = T->n[c].next)
			if (lab_np(S, c) && !strchr(T->n[c].label, '-'))
				subj = c;
		int a, b;
		if (subj < 0 || !node_tokens(S, subj, &a, &b) || (i >= a && i <= b))
			continue;
		int best = -1;
		for (int k = 0; k < S->nu; k++) {
			const unit *u = &S->u[k];
			if (u->parent >= 0 || u->kind == U_PRON || u->deleted || u->first < a || u->first > b)
				continue;
			if (best < 0 || u->first < S->u[best].first)
				best = k;
		}
		if (best >= 0)
			return best;
		return -1;
	}
	return -1;
}

static void resolve_pronouns(sent *S, tb_state *st, const char *id)
{
	int fwd_ok = 0;
	char story[64];
	long sentno = 0;
	if (S->o->forward && id && st) {
		fwd_fields(S->o->fwd_fmt, id, story, sizeof(story), &sentno);
		fwd_ok = st->have_prev && st->prev_actor && !strcmp(story, st->prev_story) && sentno == st->prev_sent + 1;
	}
	int first_any = first_actor(S, -1, 0);
	for (int i = 0; i < S->n; i++) {
		tok *t = &S->t[i];
		if (t->type != TT_PRON)
			continue;
		int ui = new_unit(S, U_PRON, i, i);
		if (ui < 0)
			break;
		unit *u = &S->u[ui];
		t->unit = (int16_t)ui;
		int ref;
		if (fwd_ok && (first_any < 0 || S->u[first_any].first > i)) {
			u->fwd = st->prev_actor;
			u->name = t->u;
			continue;
		}
		if (tok_is(t, "ITS") || tok_is(t, "HIS") || tok_is(t, "HER"))
			ref = S->parsed ? -1 : first_actor(S, i, 0); /* PETRARCH: "its embassy" names no actor */
		else if (S->parsed && tok_is(t, "THEIR"))
			ref = -1;
		else if (tok_is(t, "THEY") || tok_is(t, "THEM") || tok_is(t, "THEIR")) {
			ref = first_actor(S, -1, 1);
			if (ref < 0)
				ref = first_any;
		} else if (S->parsed) {
			/* Parsed: the subject of a clause around the pronoun's own
			 * ("the ambassador said he was unaware": the ambassador),
			 * else an actor before it. */
			ref = clause_antecedent(S, i);
			if (ref < 0)
				ref = first_actor(S, i, 0);
		} else {
			ref = first_any;
		}
		u->ref = (int16_t)ref;
	}
	if (st && S->o->forward && id) {
		/* Remember this record's first actor for the next one: the actor
		 * alone, without agents (8.4), the first of a compound. */
		fwd_fields(S->o->fwd_fmt, id, story, sizeof(story), &sentno);
		int k = first_any;
		while (k >= 0 && S->u[k].kind == U_COMPOUND)
			k = S->u[k].mem[0];
		const char *code = NULL;
		if (k >= 0)
			code = S->u[k].root_code;
		snprintf(st->prev_story, sizeof(st->prev_story), "%s", story);
		st->prev_sent = sentno;
		/* A record without actors forwards what came before it. */
		if (code)
			st->prev_actor = code;
		st->have_prev = 1;
	}
}

/* ---- comma-delimited clauses (7.8) ------------------------------------------------------ */

static void delete_commas(sent *S)
{
	const tb_options *o = S->o;
	if (o->comma_off)
		return;
	int commas[MAX_TOKS + 1], nc = 0;
	for (int i = 0; i < S->n; i++)
		if (S->t[i].cls == TC_COMMA && !(S->t[i].flags & F_KEEPCONJ))
			commas[nc++] = i;
	if (!nc)
		return;
	/* The initial phrase, then from comma to comma: a comma that closed a
	 * deleted phrase opens no other ("chained", 8.6). */
	int words = 0;
	for (int i = 0; i < commas[0]; i++)
		words++;
	int ck = 0;
	if (words >= o->bmin && words <= o->bmax && o->bmax > 0) {
		for (int i = 0; i <= commas[0]; i++)
			S->t[i].flags |= F_DEL;
		ck = 1;
	}
	while (ck < nc) {
		int a = commas[ck];
		int last = ck + 1 == nc;
		int b = last ? S->n : commas[ck + 1];
		words = 0;
		for (int i = a + 1; i < b; i++)
			if (S->t[i].cls != TC_COMMA)
				words++;
		int mn = last ? o->emin : o->cmin;
		int mx = last ? o->emax : o->cmax;
		if (words >= mn && words <= mx && mx > 0) {
			for (int i = a; i <= (last ? S->n - 1 : b); i++)
				S->t[i].flags |= F_DEL;
			ck += 2;
		} else {
			ck += 1;
		}
	}
	/* A root or actor with any word deleted is gone (MARK tests). */
	for (int i = 0; i < S->n; i++) {
		tok *t = &S->t[i];
		if (!t->root || t->type == TT_PART || t->type == TT_NONE)
			continue;
		int gone = 0;
		for (int j = i; j <= t->last; j++)
			if ((S->t[j].type == TT_PART && S->t[j].head == i) || j == i)
				if (S->t[j].flags & F_DEL)
					gone = 1;
		if (!gone)
			continue;
		for (int j = i + 1; j <= t->last; j++)
			if (S->t[j].type == TT_PART && S->t[j].head == i)
				S->t[j].type = TT_NONE;
		if (t->type == TT_VERB || t->type == TT_TIME)
			t->type = TT_NONE;
		t->flags |= F_DEL;
	}
	for (int k = 0; k < S->nu; k++) {
		unit *u = &S->u[k];
		if (u->kind == U_COMPOUND)
			continue;
		if (S->t[u->first].flags & F_DEL)
			u->deleted = 1;
		for (int j = u->first; j <= u->last && u->kind == U_ACTOR; j++)
			if (S->t[j].unit == k && (S->t[j].flags & F_DEL))
				u->deleted = 1;
	}
	for (int k = 0; k < S->nu; k++) {
		unit *u = &S->u[k];
		if (u->kind != U_COMPOUND)
			continue;
		int live = 0, n = 0;
		for (int m = 0; m < u->nmem; m++)
			if (!S->u[u->mem[m]].deleted)
				u->mem[n++] = u->mem[m], live++;
		u->nmem = (uint8_t)n;
		if (!live)
			u->deleted = 1;
	}
}

/* ---- clauses ----------------------------------------------------------------------------- */

static void mark_clauses(sent *S)
{
	S->nvis = 0;
	for (int i = 0; i < S->n; i++) {
		S->pos[i] = -1;
		if (!(S->t[i].flags & F_DEL)) {
			S->pos[i] = S->nvis;
			S->vis[S->nvis++] = i;
		}
	}
	S->nclauses = 0;
	S->cstart[0] = 0;
	S->conj_before[0] = -1;
	int split = 0; /* a clause of the tree starts at the next visible token */
	for (int p = 0; p < S->nvis; p++) {
		const tok *t = &S->t[S->vis[p]];
		for (int i = p ? S->vis[p - 1] + 1 : 0; i <= S->vis[p]; i++)
			split |= (S->t[i].flags & F_SPLIT) != 0;
		if (split && p > S->cstart[S->nclauses]) {
			S->cend[S->nclauses] = p;
			S->nclauses++;
			S->cstart[S->nclauses] = p;
			S->conj_before[S->nclauses] = -1;
		}
		split = 0;
		if (t->type == TT_CONJ && !(t->flags & F_KEEPCONJ)) {
			S->cend[S->nclauses] = p;
			S->nclauses++;
			S->cstart[S->nclauses] = p + 1;
			S->conj_before[S->nclauses] = p;
			S->clause[p] = -1;
			continue;
		}
		S->clause[p] = S->nclauses;
	}
	S->cend[S->nclauses] = S->nvis;
	S->nclauses++;
}

/* ---- units as the coder sees them --------------------------------------------------------- */

/* The code used to tell actors apart (5.8: "a code distinct from the
 * source"): an actor's first code; a compound's first member's; a
 * pronoun's referent's code before agents. */
static const char *unit_cmp(const sent *S, int ui)
{
	const unit *u = &S->u[ui];
	switch (u->kind) {
	case U_COMPOUND:
		return u->nmem ? unit_cmp(S, u->mem[0]) : "";
	case U_PRON:
		if (u->fwd)
			return u->fwd;
		if (u->ref < 0)
			return "";
		{
			int r = u->ref;
			while (S->u[r].kind == U_COMPOUND && S->u[r].nmem)
				r = S->u[r].mem[0];
			return S->u[r].kind == U_COMPOUND ? "" : S->u[r].root_code;
		}
	default:
		return u->ncodes ? u->codes[0] : "";
	}
}

static int unit_live(const sent *S, int ui)
{
	const unit *u = &S->u[ui];
	if (u->deleted || (u->place && !S->place_ok))
		return 0;
	if (u->kind == U_PRON)
		return u->fwd || (u->ref >= 0 && !S->u[u->ref].deleted);
	if (u->kind == U_COMPOUND)
		return u->nmem > 0;
	return 1;
}

/* The top-level unit at visible position p, or -1. */
static int unit_at(const sent *S, int p)
{
	int ui = S->t[S->vis[p]].unit;
	if (ui < 0)
		return -1;
	ui = top(S, ui);
	return unit_live(S, ui) ? ui : -1;
}

static int is_compound_unit(const sent *S, int ui)
{
	const unit *u = &S->u[ui];
	if (u->kind == U_COMPOUND)
		return u->nmem > 1;
	if (u->kind == U_PRON && u->ref >= 0)
		return is_compound_unit(S, u->ref);
	return u->ncodes > 1;
}

/* First and last visible positions of a unit. */
static void unit_span(const sent *S, int ui, int *a, int *b)
{
	const unit *u = &S->u[ui];
	int pa = -1, pb = -1;
	for (int i = u->first; i <= u->last; i++) {
		if (S->pos[i] < 0)
			continue;
		int k = S->t[i].unit;
		if (k < 0 || top(S, k) != ui)
			continue;
		if (pa < 0)
			pa = S->pos[i];
		pb = S->pos[i];
	}
	*a = pa;
	*b = pb;
}

/* ---- pattern matching --------------------------------------------------------------------- */

typedef struct frm {
	const tb_seq *q;
	int k;
	uint8_t cflag;  /* forward: connector before the frame; backward: after it */
} frm;

typedef struct stk {
	frm f[8];
	int d;
} stk;

typedef struct match {
	const sent *S;
	int cs, ce;         /* clause, visible positions */
	int src, tgt, comp; /* designated units */
	int lstart, uend;
	int delta;          /* nominal minus matched length of alternatives */
	int budget;         /* recursion steps left */
	int vt;             /* parsed: the verb's token, whose clause bounds the match; else -1 */
	uint8_t hit[MAX_TOKS + 1]; /* visible positions matched by the pattern's words */
} match;

static int inner_clause(const sent *S, int vt, int it);
static int inner_word(const sent *S, int vt, int it);

/* Parsed: whether the words of the verb's patterns reach visible position
 * p: not inside a clause of its own (with a subject) below the verb:
 * "comes a day before Sarkozy heads to Beijing" is no "comes to". */
static int reach(const match *m, int p)
{
	return m->vt < 0 || !inner_clause(m->S, m->vt, m->S->vis[p]);
}

static int reach_word(const match *m, int p)
{
	return m->vt < 0 || !inner_word(m->S, m->vt, m->S->vis[p]);
}

static int word_at(const match *m, int p, const tb_word *w)
{
	const tok *t = &m->S->t[m->S->vis[p]];
	return wordlike(t) && tb_word_match(w, t->u, t->n, 0, 0);
}

static int is_comma_at(const match *m, int p)
{
	return m->S->t[m->S->vis[p]].cls == TC_COMMA;
}

static int mb(match *m, stk s, int lim, int dl);
static int mf(match *m, stk s, int pos, int dl);
static int node_tokens(const sent *S, int nd, int *a, int *b);
static int mb_next(match *m, stk s, int a, int dl);
static int mf_next(match *m, stk s, int b, int dl);

/* An actor element ($ + % ^ @) of the pattern on unit ui, the first actor
 * going back (fwd 0) or forward (fwd 1): it designates the unit, and the
 * match goes on past it. */
static int match_unit(match *m, stk s, const tb_elem *e, int ui, int dl, int fwd)
{
	int a, b;
	unit_span(m->S, ui, &a, &b);
	if (a < m->cs)
		a = m->cs;
	if (b >= m->ce)
		b = m->ce - 1;
	if (e->kind == TB_E_COMPOUND && !is_compound_unit(m->S, ui))
		return 0;
	int save_s = m->src, save_t = m->tgt, save_c = m->comp;
	if (e->kind == TB_E_SOURCE)
		m->src = ui;
	else if (e->kind == TB_E_TARGET)
		m->tgt = ui;
	else if (e->kind == TB_E_COMPOUND)
		m->comp = ui;
	if (fwd ? mf_next(m, s, b, dl) : mb_next(m, s, a, dl))
		return 1;
	m->src = save_s;
	m->tgt = save_t;
	m->comp = save_c;
	return 0;
}

/* Parsed: the last visible position of the noun phrase that the word at
 * visible position p stands in (within the clause), or -1: PETRARCH's ^
 * skips a noun phrase, "* THEIR ^ ABOUT +" skips "populations". */
static int np_end_at(const match *m, int p)
{
	const sent *S = m->S;
	const tok *t = &S->t[S->vis[p]];
	if (t->node < 0)
		return -1;
	int nd = S->tree->n[t->node].parent;
	while (nd >= 0 && !lab_np(S, nd))
		nd = S->tree->n[nd].parent;
	int a, b;
	if (nd < 0 || !node_tokens(S, nd, &a, &b))
		return -1;
	int end = p;
	for (int q = p; q < m->ce && S->vis[q] <= b; q++)
		end = q;
	return end;
}

/* A set element of the pattern (a synset or alternatives) at position at:
 * each option in turn as a frame of its own, matched backward from its
 * last element (fwd 0) or forward from its first (fwd 1); a shorter
 * alternative counts what it lacks of the longest in dl. */
static int match_set(match *m, stk s, const tb_elem *e, int at, int exact, int dl, int fwd)
{
	int mx = 0;
	if (e->set->alt)
		for (uint16_t i = 0; i < e->set->n; i++)
			if (e->set->opt[i].len > mx)
				mx = e->set->opt[i].len;
	for (uint16_t i = 0; i < e->set->n; i++) {
		const tb_seq *o = &e->set->opt[i];
		if (!o->n || s.d >= 8)
			continue;
		stk s2 = s;
		s2.f[s2.d].q = o;
		s2.f[s2.d].k = fwd ? 0 : o->n - 1;
		s2.f[s2.d].cflag = (uint8_t)exact;
		s2.d++;
		int d2 = dl + (e->set->alt ? mx - o->len : 0);
		if (fwd ? mf(m, s2, at, d2) : mb(m, s2, at, d2))
			return 1;
	}
	return 0;
}

/* The connector after element k of frame f (backward). */
static uint8_t cend_of(const frm *f)
{
	if (f->k < f->q->n - 1)
		return f->q->e[f->k + 1].flags & TB_CONSEC;
	return f->cflag;
}

/* After matching the current element, which started at a: go on to the
 * element before it. */
static int mb_next(match *m, stk s, int a, int dl)
{
	s.f[s.d - 1].k--;
	while (s.d > 0 && s.f[s.d - 1].k < 0) {
		s.d--;
		if (s.d > 0)
			s.f[s.d - 1].k--;
	}
	if (s.d == 0) {
		m->lstart = a;
		m->delta = dl;
		return 1;
	}
	return mb(m, s, a - 1, dl);
}

/* Backward: the current element must end at or before lim (right at lim
 * when the connector after it is '_'). */
static int mb(match *m, stk s, int lim, int dl)
{
	if (--m->budget < 0)
		return 0;
	frm *f = &s.f[s.d - 1];
	const tb_elem *e = &f->q->e[f->k];
	int exact = cend_of(f);
	switch (e->kind) {
	case TB_E_WORD:
		for (int p = lim; p >= m->cs; p--) {
			if (is_comma_at(m, p))
				break;
			if (word_at(m, p, &e->w) && mb_next(m, s, p, dl)) {
				m->hit[p] = 1;
				return 1;
			}
			if (exact)
				break;
		}
		return 0;
	case TB_E_SET:
		return match_set(m, s, e, lim, exact, dl, 0);
	default: {
		/* $ + % ^ @: the first actor going back. */
		for (int p = lim; p >= m->cs; p--) {
			if (is_comma_at(m, p))
				return 0;
			int ui = unit_at(m->S, p);
			if (ui >= 0)
				return match_unit(m, s, e, ui, dl, 0);
			if (exact)
				return 0;
		}
		return 0;
	}
	}
}

static uint8_t cstart_of(const frm *f)
{
	if (f->k > 0)
		return f->q->e[f->k].flags & TB_CONSEC;
	return f->cflag;
}

static int mf_next(match *m, stk s, int b, int dl)
{
	s.f[s.d - 1].k++;
	while (s.d > 0 && s.f[s.d - 1].k >= s.f[s.d - 1].q->n) {
		s.d--;
		if (s.d > 0)
			s.f[s.d - 1].k++;
	}
	if (s.d == 0) {
		m->uend = b;
		m->delta = dl;
		return 1;
	}
	return mf(m, s, b + 1, dl);
}

/* Forward: the current element must start at or after pos (right at pos
 * when the connector before it is '_'). */
static int mf(match *m, stk s, int pos, int dl)
{
	if (--m->budget < 0)
		return 0;
	frm *f = &s.f[s.d - 1];
	const tb_elem *e = &f->q->e[f->k];
	int exact = cstart_of(f);
	switch (e->kind) {
	case TB_E_WORD:
		for (int p = pos; p < m->ce; p++) {
			if (is_comma_at(m, p))
				break;
			if (reach_word(m, p) && word_at(m, p, &e->w) && mf_next(m, s, p, dl)) {
				m->hit[p] = 1;
				return 1;
			}
			if (exact)
				break;
		}
		return 0;
	case TB_E_SET:
		return match_set(m, s, e, pos, exact, dl, 1);
	default:
		for (int p = pos; p < m->ce; p++) {
			if (is_comma_at(m, p))
				return 0;
			int ui = reach(m, p) ? unit_at(m->S, p) : -1;
			if (ui >= 0)
				return match_unit(m, s, e, ui, dl, 1);
			int np_end = e->kind == TB_E_SKIP && m->vt >= 0 && reach(m, p) ? np_end_at(m, p) : -1;
			if (np_end >= 0)
				return mf_next(m, s, np_end, dl);
			if (exact)
				return 0;
		}
		return 0;
	}
}

static int has_prefix(const sent *S, uint32_t v)
{
	for (uint32_t q = v & 1023;; q = (q + 1) & 1023) {
		if (S->pfx[q] == v)
			return 1;
		if (!S->pfx[q])
			return 0;
	}
}

/* Tries pattern p on the verb at visible positions [vp, ve]. */
static int try_pattern(match *m, const tb_pattern *p, int vp, int ve)
{
	for (uint8_t i = 0; i < p->nreq; i++)
		if (!has_prefix(m->S, p->req[i]))
			return 0;
	m->src = m->tgt = m->comp = -1;
	m->delta = 0;
	memset(m->hit, 0, sizeof(m->hit));
	m->budget = 20000;
	int dl_low = 0;
	if (p->lower.n) {
		stk s;
		s.d = 1;
		s.f[0].q = &p->lower;
		s.f[0].k = p->lower.n - 1;
		s.f[0].cflag = p->lower_consec;
		if (!mb(m, s, vp - 1, 0))
			return 0;
		dl_low = m->delta;
	}
	if (p->upper.n) {
		stk s;
		s.d = 1;
		s.f[0].q = &p->upper;
		s.f[0].k = 0;
		s.f[0].cflag = p->upper.e[0].flags & TB_CONSEC;
		if (!mf(m, s, ve + 1, 0))
			return 0;
		m->delta += dl_low;
	} else {
		m->delta = dl_low;
	}
	return 1;
}

/* Parsed: tries pattern p (one with nothing before the verb) on the
 * words [a, b) as if they followed the verb: the subject of a passive is
 * the object of the active ("evidence against X was presented by Y" is
 * "Y presented evidence against X"). */
static int try_pattern_on(match *m, const tb_pattern *p, int a, int b)
{
	if (p->lower.n || !p->upper.n)
		return 0;
	for (uint8_t i = 0; i < p->nreq; i++)
		if (!has_prefix(m->S, p->req[i]))
			return 0;
	int cs = m->cs, ce = m->ce;
	m->src = m->tgt = m->comp = -1;
	m->delta = 0;
	memset(m->hit, 0, sizeof(m->hit));
	m->budget = 20000;
	m->cs = a;
	m->ce = b;
	stk s;
	s.d = 1;
	s.f[0].q = &p->upper;
	s.f[0].k = 0;
	s.f[0].cflag = p->upper.e[0].flags & TB_CONSEC;
	int ok = mf(m, s, a, 0);
	m->cs = cs;
	m->ce = ce;
	return ok;
}

/* ---- coding ---------------------------------------------------------------------------------- */

static void trace_unit(const sent *S, dy_buf *b, int ui);

static void add_event(sent *S, const char *src, const char *tgt, const char *code, int su, int tu, int vtok,
		      const tb_verb *v, const tb_pattern *p, const tb_code *c)
{
	if (!code || !*code || !src || !tgt || !strcmp(src, tgt))
		return;
	/* PETRARCH with require_dyad: no event without a source and a target. */
	if (S->pe && S->pe->require_dyad && (!strcmp(src, "---") || !strcmp(tgt, "---")))
		return;
	for (size_t i = 0; i < S->nev; i++)
		if (!strcmp(S->ev[i].src, src) && !strcmp(S->ev[i].tgt, tgt) && !strcmp(S->ev[i].code, code))
			return;
	if (S->nev == S->cap) {
		size_t nc = S->cap ? S->cap * 2 : 16;
		tb_event *ne = dy_arena_alloc(S->a, nc * sizeof(*ne));
		if (S->nev)
			memcpy(ne, S->ev, S->nev * sizeof(*ne));
		S->ev = ne;
		S->cap = nc;
	}
	tb_event *e = &S->ev[S->nev++];
	memset(e, 0, sizeof(*e));
	e->src = src;
	e->tgt = tgt;
	e->code = code;
	e->sub = c->sub;
	e->dom = c->dom;
	e->pattern = p;
	e->verb = v;
	e->verb_rule = p ? p->rule : v->rule;
	const tok *vt = &S->t[vtok];
	e->trig_start = vt->start;
	e->trig_end = S->t[vt->last > vtok ? vt->last : vtok].end;
	const int us[2] = {su, tu};
	for (int q = 0; q < 2; q++) {
		const char **name = q ? &e->tgt_name : &e->src_name;
		const char **rule = q ? &e->tgt_rule : &e->src_rule;
		uint32_t *a = q ? &e->tgt_start : &e->src_start, *b = q ? &e->tgt_end : &e->src_end;
		if (us[q] < 0) {
			*name = "(default)";
			*a = *b = vt->start;
			continue;
		}
		const unit *u = &S->u[us[q]];
		*name = u->name;
		*rule = u->rule;
		*a = S->t[u->first].start;
		*b = S->t[u->last].end;
		if (u->kind == U_PRON && u->ref >= 0) {
			const unit *r = &S->u[u->ref];
			*name = r->name;
			*rule = r->rule;
		}
	}
}

/* The codes a unit stands for, each with the unit it comes from (members
 * of compounds, pronouns through their referent). */
static size_t expand(const sent *S, int ui, const char **codes, int *from, size_t max)
{
	const unit *u = &S->u[ui];
	size_t n = 0;
	if (u->kind == U_COMPOUND) {
		for (int k = 0; k < u->nmem && n < max; k++)
			n += expand(S, u->mem[k], codes + n, from + n, max - n);
		return n;
	}
	if (u->kind == U_PRON) {
		if (u->fwd) {
			codes[0] = u->fwd;
			from[0] = ui;
			return 1;
		}
		if (u->ref < 0)
			return 0;
		size_t k = expand(S, u->ref, codes, from, max);
		return k;
	}
	for (uint8_t k = 0; k < u->ncodes && n < max; k++) {
		if (u->codes[k] == S->d->c_null)
			continue;
		codes[n] = u->codes[k];
		from[n++] = ui;
	}
	return n;
}

/* The codes of the party unit ui (at most 64, as expand), or its default
 * code def when there is no unit; from: the unit of each (-1: none). */
static size_t party_codes(const sent *S, int ui, const char *def, const char **codes, int *from)
{
	if (ui >= 0)
		return expand(S, ui, codes, from, 64);
	if (!def)
		return 0;
	codes[0] = def;
	from[0] = -1;
	return 1;
}

/* Makes the events of one coded verb: source unit (or default code) x
 * target unit, both ways for paired codes; a % compound acts on itself. */
static void make_events(sent *S, int su, const char *sdef, int tu, const char *tdef, int reflexive, int vtok,
			const tb_verb *v, const tb_pattern *p, const tb_code *c)
{
	const char *sc[64], *tc[64];
	int sf[64], tf[64];
	size_t ns = party_codes(S, su, sdef, sc, sf), nt = party_codes(S, tu, tdef, tc, tf);
	(void)reflexive;
	for (size_t i = 0; i < ns; i++)
		for (size_t j = 0; j < nt; j++) {
			if (c->c1 && c->c1[0])
				add_event(S, sc[i], tc[j], c->c1, sf[i], tf[j], vtok, v, p, c);
			if (c->c2 && c->c2[0])
				add_event(S, tc[j], sc[i], c->c2, tf[j], sf[i], vtok, v, p, c);
		}
}

/* Passive voice (7.9): WAS, WERE or BEEN one or two words before the verb
 * and BY one or two words after it. */
static int pp_names_actor(const sent *S, int pp);

static int passive(const sent *S, int vp, int ve)
{
	int aux = 0, by = 0;
	for (int k = 1; k <= 2 && vp - k >= 0; k++) {
		const tok *t = &S->t[S->vis[vp - k]];
		if (tok_is(t, "WAS") || tok_is(t, "WERE") || tok_is(t, "BEEN"))
			aux = 1;
		/* Parsed: any form of "be" before a participle ("is being urged by"). */
		if (S->parsed && (tok_is(t, "BEING") || tok_is(t, "IS") || tok_is(t, "ARE") || tok_is(t, "BE")))
			aux = 1;
	}
	for (int k = 1; k <= 2 && ve + k < S->nvis; k++)
		if (tok_is(&S->t[S->vis[ve + k]], "BY"))
			by = 1;
	return aux && by;
}

/* The first live unit in the clause within visible positions [a, b). */
static int first_unit_in(const sent *S, int a, int b, const char *differ)
{
	for (int p = a; p < b; p++) {
		int ui = unit_at(S, p);
		if (ui < 0)
			continue;
		int pa, pb;
		unit_span(S, ui, &pa, &pb);
		if (pa != p)
			continue;
		if (differ && !strcmp(unit_cmp(S, ui), differ))
			continue;
		return ui;
	}
	return -1;
}

static int node_tokens(const sent *S, int nd, int *a, int *b);
static int lab_np(const sent *S, int nd);
static int lab(const sent *S, int nd, const char *l);

/* Parsed: the visible positions [*a, *b) of the words of node nd; 0 when
 * none is visible. */
static int vis_span(const sent *S, int nd, int *a, int *b)
{
	int ta, tb;
	if (!node_tokens(S, nd, &ta, &tb))
		return 0;
	int pa = -1, pb = -1;
	for (int i = ta; i <= tb; i++)
		if (S->pos[i] >= 0) {
			if (pa < 0)
				pa = S->pos[i];
			pb = S->pos[i];
		}
	if (pa < 0)
		return 0;
	*a = pa;
	*b = pb + 1;
	return 1;
}

/* Parsed: the visible positions [*a, *b) of the subject of the verb at
 * token vt: the noun phrase before the verb phrase in the clause the verb
 * heads; through a clause without one under a verb ("prepared to
 * attend"), the subject of that verb. Returns 0 when the tree shows no
 * subject (the caller keeps TABARI's rule), 1 with the span. */
static int subject_span(const sent *S, int vt, int *a, int *b)
{
	const tb_tree *T = S->tree;
	int nd = S->t[vt].node;
	if (nd < 0)
		return 0;
	for (int guard = 0; guard < 64; guard++) {
		int p = T->n[nd].parent;
		while (p >= 0 && (lab(S, p, "VP") || lab(S, p, "ADVP")))
			nd = p, p = T->n[nd].parent;
		int vbg = guard == 0 && S->t[vt].pos && !strcmp(S->t[vt].pos, "VBG");
		if (p >= 0 && vbg && lab_np(S, p)) {
			/* "tank shelling in ...": the noun a present participle
			 * modifies is its subject */
			int subj = -1;
			for (int c = T->n[p].child; c >= 0 && c != nd; c = T->n[c].next)
				if (lab_np(S, c))
					subj = c;
			return subj >= 0 && vis_span(S, subj, a, b);
		}
		if (p < 0 || !(lab(S, p, "S") || lab(S, p, "SINV") || lab(S, p, "SQ")))
			return 0;
		int subj = -1;
		for (int c = T->n[p].child; c >= 0 && c != nd; c = T->n[c].next)
			if (lab_np(S, c) && !strchr(T->n[c].label, '-'))
				subj = c;
		if (subj >= 0)
			return vis_span(S, subj, a, b);
		/* No subject: a clause under a verb takes that verb's subject;
		 * one in an adverbial phrase ("After visiting X, the minister ...")
		 * the subject of the clause around it. */
		int g = T->n[p].parent;
		if (g >= 0 && lab(S, g, "PP") && T->n[g].parent >= 0 && lab(S, T->n[g].parent, "VP")) {
			/* a gerund under a verb's preposition ("contributed to
			 * planning"): that verb's subject */
			nd = T->n[g].parent;
			continue;
		}
		if (g >= 0 && (lab(S, g, "PP") || lab(S, g, "SBAR"))) {
			int h = T->n[g].parent;
			if (h >= 0 && lab(S, h, "S")) {
				int sj = -1;
				for (int c = T->n[h].child; c >= 0 && sj < 0; c = T->n[c].next)
					if (lab_np(S, c) && !strchr(T->n[c].label, '-'))
						sj = c;
				return sj >= 0 && vis_span(S, sj, a, b);
			}
		}
		if (g < 0 || !lab(S, g, "VP"))
			return 0;
		nd = g;
	}
	return 0;
}

/* Parsed: the token of the verb whose phrase holds, as its complement,
 * the clause (with a subject of its own) that the verb at token vt heads:
 * "said" in "he said [the government proposed ...]"; -1 when there is
 * none. */
static int governing_verb(const sent *S, int vt)
{
	const tb_tree *T = S->tree;
	int nd = S->t[vt].node;
	if (nd < 0)
		return -1;
	int p = T->n[nd].parent;
	while (p >= 0 && (lab(S, p, "VP") || lab(S, p, "ADVP")))
		nd = p, p = T->n[nd].parent;
	if (p < 0 || !lab(S, p, "S"))
		return -1;
	int subj = 0;
	for (int c = T->n[p].child; c >= 0 && c != nd; c = T->n[c].next)
		subj |= lab_np(S, c);
	if (!subj)
		return -1;
	int up = T->n[p].parent;
	if (up >= 0 && lab(S, up, "SBAR")) {
		/* "that" or nothing opens a complement; "as", "when" an adverbial */
		for (int c = T->n[up].child; c >= 0 && c != p; c = T->n[c].next)
			if (!(T->n[c].word && !strcasecmp(T->n[c].word, "that")))
				return -1;
		up = T->n[up].parent;
	}
	if (up < 0 || !lab(S, up, "VP"))
		return -1;
	int head = -1;
	for (int c = T->n[up].child; c >= 0 && head < 0; c = T->n[c].next)
		if (T->n[c].word && !strncmp(T->n[c].label, "VB", 2))
			head = c;
	for (int i = 0; head >= 0 && i < S->n; i++)
		if (S->t[i].node == head)
			return i;
	return -1;
}

/* Parsed: the node of the phrase the verb at token vt heads (the parent
 * of its preterminal), or -1. */
static int verb_phrase(const sent *S, int vt)
{
	int nd = S->t[vt].node;
	return nd < 0 ? -1 : S->tree->n[nd].parent;
}

/* Parsed: the phrase of the verb at token vt when token it is below it,
 * else -1. */
static int phrase_above(const sent *S, int vt, int it)
{
	int top_nd = verb_phrase(S, vt);
	if (top_nd < 0 || S->t[it].node < 0)
		return -1;
	for (int nd = S->t[it].node; nd >= 0; nd = S->tree->n[nd].parent)
		if (nd == top_nd)
			return top_nd;
	return -1;
}

/* Whether node nd is a clause with a subject of its own. */
static int clause_with_subject(const sent *S, int nd)
{
	const tb_tree *T = S->tree;
	if (!(lab(S, nd, "S") || lab(S, nd, "SINV") || lab(S, nd, "SQ")))
		return 0;
	for (int c = T->n[nd].child; c >= 0; c = T->n[c].next) {
		if (lab(S, c, "VP"))
			return 0;
		if (lab_np(S, c) && !strchr(T->n[c].label, '-'))
			return 1;
	}
	return 0;
}

/* Whether the clause nd is in the passive: its verb phrase a form of
 * "be" with a participle ("a bomb was fired at it"). */
static int passive_clause(const sent *S, int nd)
{
	const tb_tree *T = S->tree;
	static const char *const be[] = {"was", "were", "is", "are", "be", "been", "being", "'s", NULL};
	for (int c = T->n[nd].child; c >= 0; c = T->n[c].next) {
		if (!lab(S, c, "VP"))
			continue;
		for (int vp = c; vp >= 0;) {
			int next = -1, be_seen = 0;
			for (int g = T->n[vp].child; g >= 0; g = T->n[g].next) {
				const tb_node *x = &T->n[g];
				if (x->word && !strcmp(x->label, "VBN") && be_seen)
					return 1;
				if (x->word)
					for (int k = 0; be[k]; k++)
						be_seen |= !strcasecmp(x->word, be[k]);
				if (lab(S, g, "VP") && next < 0)
					next = g;
			}
			if (next >= 0 && be_seen) {
				for (int g = T->n[next].child; g >= 0; g = T->n[g].next)
					if (T->n[g].word && !strcmp(T->n[g].label, "VBN"))
						return 1;
			}
			vp = next;
		}
		return 0;
	}
	return 0;
}

/* Whether node nd is a clause a subordinator other than "that" opens
 * ("before Sarkozy heads to Beijing"): an adverbial clause, not a verb's
 * content. */
static int adverbial_clause(const sent *S, int nd)
{
	const tb_tree *T = S->tree;
	if (!lab(S, nd, "SBAR"))
		return 0;
	for (int c = T->n[nd].child; c >= 0; c = T->n[c].next)
		if (T->n[c].word && (lab(S, c, "IN") || lab(S, c, "WRB")) && strcasecmp(T->n[c].word, "that"))
			return 1;
	return 0;
}

/* Whether the clause nd has a form of "be" for its verb, with no verb
 * phrase under it: "Mordor isn't a pleasant place" describes, it does
 * not act. */
static int copular_clause(const sent *S, int nd)
{
	const tb_tree *T = S->tree;
	static const char *const be[] = {"was", "were", "is", "are", "be", "been", "being", "'s", "'re", "am", NULL};
	for (int c = T->n[nd].child; c >= 0; c = T->n[c].next) {
		if (!lab(S, c, "VP"))
			continue;
		int cop = 0;
		for (int g = T->n[c].child; g >= 0; g = T->n[g].next) {
			if (lab(S, g, "VP"))
				return 0;
			if (T->n[g].word && !strncmp(T->n[g].label, "VB", 2))
				for (int k = 0; be[k]; k++)
					cop |= !strcasecmp(T->n[g].word, be[k]);
		}
		return cop;
	}
	return 0;
}

/* Whether the subject of clause nd is a bare personal pronoun, most
 * often the speaker's own "they" ("X said they will attack Y"). */
static int pronoun_subject(const sent *S, int nd)
{
	const tb_tree *T = S->tree;
	for (int c = T->n[nd].child; c >= 0; c = T->n[c].next) {
		if (lab(S, c, "VP"))
			return 0;
		if (lab_np(S, c) && !strchr(T->n[c].label, '-')) {
			int g = T->n[c].child;
			return g >= 0 && T->n[g].next < 0 && T->n[g].word && !strcmp(T->n[g].label, "PRP");
		}
	}
	return 0;
}

static int inner_clause_of(const sent *S, int vt, int it, int word)
{
	const tb_tree *T = S->tree;
	int top_nd = phrase_above(S, vt, it);
	int found = 0;
	for (int nd = top_nd < 0 ? -1 : T->n[S->t[it].node].parent; nd != top_nd; nd = T->n[nd].parent)
		found |= adverbial_clause(S, nd) ||
			 (clause_with_subject(S, nd) && ((word && !copular_clause(S, nd) && !pronoun_subject(S, nd)) || passive_clause(S, nd)));
	return found;
}

/* Parsed: whether token it lies beyond what the patterns of the verb at
 * token vt may reach: inside an adverbial clause below the verb's phrase
 * ("comes a day before Sarkozy heads to ..."), or inside a passive clause
 * with a subject of its own, whose words name the parties the other way
 * round ("said a bomb was fired at it from Gaza in the first such
 * attack"). */
static int inner_clause(const sent *S, int vt, int it)
{
	return inner_clause_of(S, vt, it, 0);
}

/* As inner_clause, for a word of the pattern (not an actor): neither
 * does it reach into a clause with a subject of its own (unless it only
 * says what the subject is, or the subject is a pronoun, most often the
 * speaker: "said they will attack X"), whose words are that subject's doing: "said [such a step enjoyed support from X]" is
 * no "said * SUPPORT", "wants [Y to attack X]" no "wants * ATTACK". */
static int inner_word(const sent *S, int vt, int it)
{
	return inner_clause_of(S, vt, it, 1);
}

/* Parsed: whether token it is too deep below the phrase of the verb at
 * token vt to be its target: under more than two clauses. "said [it will
 * send a team [to help [identify victims]]]" says nothing to the
 * victims; "says [it has evidence proving [Russia was behind ...]]"
 * still speaks of Russia. */
static int too_deep(const sent *S, int vt, int it)
{
	const tb_tree *T = S->tree;
	int top_nd = phrase_above(S, vt, it);
	int n = 0;
	for (int nd = top_nd < 0 ? -1 : T->n[S->t[it].node].parent; nd != top_nd; nd = T->n[nd].parent)
		n += lab(S, nd, "S") || lab(S, nd, "SINV") || lab(S, nd, "SQ");
	return n > 2;
}

/* Parsed: PETRARCH codes a clause that is a verb's complement as that
 * verb's content ("X said Y attacked Z"): when the verb is one of the
 * dictionary's and its subject is there but names no actor (a pronoun
 * that resolves to nothing, a noun that is no actor), the report has no
 * source and the clause is not coded. */
static int unreported(const sent *S, int vt)
{
	int g = governing_verb(S, vt);
	if (g < 0 || S->t[g].type != TT_VERB || S->pos[g] < 0)
		return 0;
	int sa, sb;
	if (!subject_span(S, g, &sa, &sb))
		return 0;
	return first_unit_in(S, sa, sb, NULL) < 0;
}

typedef struct clause_state {
	int carried;           /* unit, or -1 */
	const char *carried_def;
} clause_state;

enum { V_NONE, V_EVENT, V_STOP };
static int locative(const char *w);

/* Whether a form of "be" stands one to three words before visible
 * position vp. */
static int after_be(const sent *S, int vp)
{
	static const char *const be[] = {"WAS", "WERE", "BEEN", "BEING", "IS", "ARE", "BE", "'S", NULL};
	for (int k = 1; k <= 3 && vp - k >= 0; k++)
		for (int j = 0; be[j]; j++)
			if (tok_is(&S->t[S->vis[vp - k]], be[j]))
				return 1;
	return 0;
}

/* Parsed: whether the verb at token vt is a passive participle with no
 * "by" after it: after a form of "be" ("were killed") or reducing a
 * relative clause on a noun ("10 soldiers killed in ..."). */
static int bare_passive(const sent *S, int vt, int vp, int ve)
{
	const tok *t = &S->t[vt];
	if (!t->pos || strcmp(t->pos, "VBN") || t->node < 0)
		return 0;
	for (int k = 1; k <= 2 && ve + k < S->nvis; k++)
		if (tok_is(&S->t[S->vis[ve + k]], "BY"))
			return 0;
	if (after_be(S, vp))
		return 1;
	int p = S->tree->n[t->node].parent;
	while (p >= 0 && lab(S, p, "VP"))
		p = S->tree->n[p].parent;
	return p >= 0 && lab_np(S, p);
}

/* Parsed: whether the actor at token it, after the passive participle at
 * token vt, cannot be who did it: outside the participle's phrase (the
 * "by" of another verb: "the civilians imprisoned ... were released by
 * X"), the object of "against" (the side acted against), or a word of a
 * clause below the participle, whose verb has its own parties
 * ("imprisoned for [acting against Moscow]"). */
static int not_agent(const sent *S, int vt, int it)
{
	const tb_tree *T = S->tree;
	int top_nd = phrase_above(S, vt, it);
	if (top_nd < 0)
		return 1;
	for (int nd = T->n[S->t[it].node].parent; nd >= 0 && nd != top_nd; nd = T->n[nd].parent) {
		if (lab(S, nd, "S") || lab(S, nd, "SBAR"))
			return 1;
		if (lab(S, nd, "PP")) {
			int prep = T->n[nd].child;
			if (prep >= 0 && T->n[prep].word && !strcasecmp(T->n[prep].word, "against"))
				return 1;
		}
	}
	return 0;
}

/* Parsed: whether the verb at visible position vp is a participle after
 * a form of "be" ("was blown up"). */
static int be_participle(const sent *S, int vp)
{
	const tok *t = &S->t[S->vis[vp]];
	if (!t->pos || strcmp(t->pos, "VBN"))
		return 0;
	return after_be(S, vp);
}

/* Parsed: the unit of the actor a "from" phrase of the verb at token vt
 * names in its own words, or -1. */
static int from_phrase(const sent *S, int vt)
{
	const tb_tree *T = S->tree;
	int vp = verb_phrase(S, vt);
	if (vp < 0)
		return -1;
	for (int g = T->n[vp].child; g >= 0; g = T->n[g].next) {
		if (!lab(S, g, "PP") || T->n[g].child < 0 || !T->n[T->n[g].child].word ||
		    strcasecmp(T->n[T->n[g].child].word, "from") || !pp_names_actor(S, g))
			continue;
		int a, b;
		if (!node_tokens(S, g, &a, &b))
			continue;
		for (int i = a; i <= b; i++)
			if (S->t[i].unit >= 0 && S->pos[i] >= 0 && unit_live(S, top(S, S->t[i].unit)))
				return top(S, S->t[i].unit);
	}
	return -1;
}

/* Parsed: whether unit ui lies inside a "by" phrase of the verb at
 * token vt (at any depth: "by a missile fired by X"). */
static int in_by_phrase(const sent *S, int vt, int ui)
{
	const tb_tree *T = S->tree;
	int it = S->u[ui].first;
	int top_nd = phrase_above(S, vt, it);
	if (top_nd < 0)
		return 0;
	for (int nd = T->n[S->t[it].node].parent; nd >= 0 && nd != top_nd; nd = T->n[nd].parent)
		if (lab(S, nd, "PP")) {
			int prep = T->n[nd].child;
			if (prep >= 0 && T->n[prep].word && !strcasecmp(T->n[prep].word, "by"))
				return 1;
		}
	return 0;
}

/* Nouns that make a name a place ("the Rwandan capital"). */
static int place_noun(const tok *t)
{
	static const char *const words[] = {"CAPITAL", "CITY", "TOWN", "VILLAGE", "PROVINCE", "REGION", "DISTRICT",
					    "AREA", "BORDER", NULL};
	for (int k = 0; words[k]; k++)
		if (tok_is(t, words[k]))
			return 1;
	return 0;
}

/* Parsed: whether unit ui is all of the noun phrase of a locative phrase,
 * with at most a place noun ("in Ukraine", "in the Rwandan capital"),
 * which names where, not who ("in Israeli tank shelling" names who). */
static int whole_locative(const sent *S, int ui)
{
	const unit *u = &S->u[ui];
	if (u->kind == U_PRON)
		return 0;
	const tb_tree *T = S->tree;
	int nd = S->t[u->first].node;
	if (nd < 0)
		return 0;
	for (nd = T->n[nd].parent; nd >= 0 && !lab(S, nd, "PP"); nd = T->n[nd].parent) {
		int p = T->n[nd].parent;
		if (!lab_np(S, nd) || p < 0 || !lab(S, p, "PP"))
			continue;
		int prep = T->n[p].child;
		if (prep < 0 || !T->n[prep].word || !locative(T->n[prep].word))
			return 0;
		int a, b;
		if (!node_tokens(S, nd, &a, &b))
			return 0;
		for (int i = a; i <= b; i++) {
			const tok *t = &S->t[i];
			if (t->type == TT_DETERM || place_noun(t))
				continue;
			if (t->unit < 0 || top(S, t->unit) != top(S, ui) || (t->type != TT_ACTOR && t->type != TT_PART))
				return 0;
		}
		return 1;
	}
	return 0;
}



/* Codes the verb at visible position vp (its root to ve) in clause ci.
 * Returns V_EVENT when events were added, V_STOP for a discard or complex. */
/* Parsed: whether a plain noun phrase (not NP-TMP: "today") follows the
 * verb in its clause, the object an unknown target stands for. */
static int np_after(const sent *S, int ve, int ce)
{
	for (int p = ve + 1; p < ce; p++) {
		const tok *t = &S->t[S->vis[p]];
		if (t->node < 0)
			continue;
		int nd = S->tree->n[t->node].parent;
		if (nd >= 0 && lab(S, nd, "NP"))
			return 1;
	}
	return 0;
}

/* Whether the pattern matched (hit, by visible position) the last word of
 * unit ui, a word that names no actor or agent: the unit is a thing the
 * pattern names ("conducting &MILITARY EXERCISES"), not a party, as
 * "clash WITH RIOTERS" names one. */
static int unit_hit(const sent *S, int ui, const uint8_t *hit)
{
	const tok *t = &S->t[S->u[ui].last];
	int p = S->pos[S->u[ui].last];
	return p >= 0 && hit[p] && t->type != TT_ACTOR && t->type != TT_AGENT && t->type != TT_PART;
}

/* The longest matching pattern found so far, with what it matched. */
typedef struct pick {
	const tb_pattern *best;
	int len, src, tgt, comp;
	uint8_t hit[MAX_TOKS + 1];
} pick;

/* Tries v's patterns, longest first, at the verb vp..ve, or (a >= 0)
 * over the span a..b read as the verb's object; keeps the longest match in
 * pk. */
static void pick_pattern(match *m, const tb_verb *v, int pe, int vp, int ve, int a, int b, pick *pk)
{
	for (uint32_t k = 0; k < v->npats; k++) {
		const tb_pattern *p = v->pats[k];
		if (pk->best && p->len <= pk->len)
			break;
		if (pe && p->code.kind == TB_CODE_COMPLEX)
			continue; /* PETRARCH has no complex code: such a pattern is inert */
		if (!(a < 0 ? try_pattern(m, p, vp, ve) : try_pattern_on(m, p, a, b)))
			continue;
		int actual = p->len - m->delta;
		if (!pk->best || actual > pk->len) {
			pk->best = p;
			pk->len = actual;
			pk->src = m->src;
			pk->tgt = m->tgt;
			pk->comp = m->comp;
			memcpy(pk->hit, m->hit, sizeof(pk->hit));
		}
	}
}

static int code_verb(sent *S, int ci, int vp, int ve, const clause_state *cst, int *used_src, int *sub, int *dom,
		     int only_dom)
{
	const tok *vt = &S->t[S->vis[vp]];
	const tb_verb *v = vt->root->u.verb;
	match m;
	memset(&m, 0, sizeof(m));
	m.S = S;
	m.cs = S->cstart[ci];
	m.ce = S->cend[ci];
	m.vt = S->parsed ? S->vis[vp] : -1;
	pick pk;
	memset(&pk, 0, sizeof(pk));
	pk.len = pk.src = pk.tgt = pk.comp = -1;
	pick_pattern(&m, v, S->pe != NULL, vp, ve, -1, -1, &pk);
	int sa0, sb0, as_object = 0;
	if (!pk.best && S->parsed && passive(S, vp, ve) && subject_span(S, S->vis[vp], &sa0, &sb0) && sb0 <= vp) {
		/* Parsed: a passive with "by": the patterns read its subject
		 * as the active verb's object. */
		pick_pattern(&m, v, S->pe != NULL, vp, ve, sa0, sb0, &pk);
		as_object = pk.best != NULL;
	}
	const tb_pattern *best = pk.best;
	int bs = pk.src, bt = pk.tgt, bc = pk.comp;
	const uint8_t *hit = pk.hit; /* the best pattern's words */
	const tb_code *c = best ? &best->code : &v->code;
	if (S->tr) {
		dy_buf_addf(S->tr, "  verb %.*s (%s): ", (int)vt->n, vt->u, v->rule);
		if (best)
			dy_buf_addf(S->tr, "pattern %s \"%s\" [%s%s%s]\n", best->rule, best->text, c->c1 ? c->c1 : "",
				    c->c2 ? ":" : "", c->c2 ? c->c2 : "");
		else
			dy_buf_addf(S->tr, "no pattern; root code [%s%s%s]\n", c->c1 ? c->c1 : "", c->c2 ? ":" : "",
				    c->c2 ? c->c2 : "");
		if (as_object)
			dy_buf_adds(S->tr, "    passive: the pattern read the subject as the object\n");
	}
	if (only_dom && !c->dom)
		return V_NONE;
	if (c->kind == TB_CODE_NULL)
		return V_NONE;
	if (c->kind == TB_CODE_DISCARD) {
		S->discard = 1;
		return V_STOP;
	}
	if (c->kind == TB_CODE_COMPLEX) {
		S->complex = 1;
		S->why = "complex code in a verb";
		return V_STOP;
	}
	if (S->parsed && unreported(S, S->vis[vp])) {
		if (S->tr)
			dy_buf_adds(S->tr, "    in the complement of a verb without a source: not coded\n");
		return V_NONE;
	}
	const tb_options *o = S->o;
	int src = bs, tgt = bt;
	const char *sdef = NULL, *tdef = NULL;
	int designated = bs >= 0 || bt >= 0 || bc >= 0;
	if (bc >= 0)
		src = tgt = bc;
	if (S->parsed && bc >= 0 && S->u[bc].first > vt->last) {
		/* Parsed: a compound after the verb is its target when the verb
		 * has a subject of its own ("X agrees with Y and Z"). */
		int sa, sb, su;
		if (subject_span(S, S->vis[vp], &sa, &sb) && (su = first_unit_in(S, sa, sb, NULL)) >= 0 && su != bc)
			src = su;
	}
	int cs = S->cstart[ci], ce = S->cend[ci];
	int no_subject = 0;   /* parsed: the subject is a phrase with no actor */
	int from_subject = 0; /* parsed: the source is the verb's subject: the target comes after the verb */
	if (src < 0 && bc < 0) {
		if (tgt >= 0) {
			/* With the target set, the source is the first actor of another code. */
			src = first_unit_in(S, cs, ce, unit_cmp(S, tgt));
		} else {
			int cj = S->conj_before[ci];
			int sa, sb, shared = -1;
			if (S->parsed && cj >= 0 && subject_span(S, S->vis[vp], &sa, &sb) && sa < cj)
				/* Parsed: verb phrases joined under one subject share
				 * it ("X claimed that Y had attacked A and taken B":
				 * Y took B), whatever the clause before coded. */
				shared = first_unit_in(S, sa, sb, NULL);
			if (shared >= 0) {
				src = shared;
				from_subject = 1;
			} else if (S->parsed && cj >= 0 && subject_span(S, S->vis[vp], &sa, &sb) && sa > cj) {
				/* Parsed: a clause after a conjunction with a subject
				 * of its own ("and that the French military ... helped") */
				src = first_unit_in(S, sa, sb, NULL);
				if (src < 0)
					no_subject = 1;
				from_subject = 1;
			} else if (cj >= 0) {
				/* After a conjunction the subject carries over unless an
				 * actor comes right after the conjunction (7.6). */
				int q = cj + 1;
				while (q < ce && (S->t[S->vis[q]].type == TT_DETERM || S->t[S->vis[q]].type == TT_ADJ))
					q++;
				int ui = q < vp ? unit_at(S, q) : -1;
				if (ui >= 0)
					src = ui;
				else if (cst->carried >= 0)
					src = cst->carried;
				else if (cst->carried_def)
					sdef = cst->carried_def;
				else
					src = first_unit_in(S, cs, vp, NULL);
			} else {
				if (S->parsed && subject_span(S, S->vis[vp], &sa, &sb)) {
					src = first_unit_in(S, sa, sb, NULL);
					if (src < 0)
						no_subject = 1;
					from_subject = 1;
				} else {
					src = first_unit_in(S, cs, vp, NULL);
				}
			}
			if (src < 0 && !sdef && !no_subject) {
				if (o->def_source && o->def_prior)
					sdef = o->def_source;
				else if (!(S->parsed && vt->pos && !strcmp(vt->pos, "VBG")))
					/* (a participle's subject is not after it:
					 * "expanding its campaign against X") */
					src = first_unit_in(S, ve + 1, ce, NULL);
				if (src < 0 && !sdef && o->def_source)
					sdef = o->def_source;
			}
		}
	}
	int from_src = 0;
	if (src < 0 && !sdef && S->parsed && bc < 0 && tgt < 0 && c->c1 &&
	    (!strncmp(c->c1, "18", 2) || !strncmp(c->c1, "19", 2) || !strncmp(c->c1, "20", 2)) &&
	    bare_passive(S, S->vis[vp], vp, ve) && (src = from_phrase(S, S->vis[vp])) >= 0) {
		/* Parsed: violence in the passive, no "by", a subject that
		 * names no actor: the actor it came from is its source ("a
		 * shell was fired at it from X"). */
		from_src = 1;
		if (S->tr)
			dy_buf_adds(S->tr, "    violence in the passive: its source is where it came from\n");
	}
	if (src < 0 && !sdef && S->pe && !S->pe->require_dyad)
		sdef = S->d->c_null;
	if (src < 0 && !sdef) {
		if (S->tr)
			dy_buf_adds(S->tr, "    no source\n");
		return V_NONE;
	}
	const char *scmp = src >= 0 ? unit_cmp(S, src) : sdef;
	/* A place is the target of violence ("killed in Ukraine"), of
	 * protest ("a protest in Beijing" is aimed at its rulers) and of a
	 * show of force ("exercises in Alaska") only. */
	S->place_ok = c->c1 && (!strncmp(c->c1, "18", 2) || !strncmp(c->c1, "19", 2) || !strncmp(c->c1, "20", 2) ||
				!strncmp(c->c1, "14", 2) || !strncmp(c->c1, "15", 2));
	if (tgt < 0 && bc < 0) {
		/* The first actor after the verb of another code: its compound,
		 * or itself when that compound is the source. */
		for (int p = ve + 1; p < ce && tgt < 0; p++) {
			int inner = S->t[S->vis[p]].unit;
			if (inner < 0)
				continue;
			if (m.vt >= 0 && too_deep(S, m.vt, S->vis[p]))
				continue;
			/* Parsed: the pattern's own words are not its target
			 * ("conducting military exercises"). */
			if (m.vt >= 0 && best && unit_hit(S, top(S, inner), hit))
				continue;
			int tu = top(S, inner);
			if (!unit_live(S, tu))
				continue;
			int cand = tu == src ? inner : tu;
			if (strcmp(unit_cmp(S, inner), scmp) && strcmp(unit_cmp(S, cand), "") )
				tgt = cand;
		}
		if (tgt < 0 && o->def_target && o->def_after)
			tdef = o->def_target;
		if (tgt < 0 && !tdef && !from_subject) {
			/* The nearest actor before the verb of another code: a member
			 * of a compound alone when the compound is the source. */
			for (int p = vp - 1; p >= cs && tgt < 0; p--) {
				int inner = S->t[S->vis[p]].unit;
				if (inner < 0)
					continue;
				int tu = top(S, inner);
				if (!unit_live(S, tu))
					continue;
				int cand = tu == src ? inner : tu;
				if (strcmp(unit_cmp(S, cand), scmp))
					tgt = cand;
			}
		}
		if (tgt < 0 && !tdef && src >= 0 && is_compound_unit(S, src))
			tgt = src;
		if (tgt < 0 && !tdef && o->def_target)
			tdef = o->def_target;
	}
	if (tgt < 0 && !tdef && S->pe && !S->pe->require_dyad && (!S->parsed || np_after(S, ve, ce)))
		tdef = S->d->c_null;
	int harm = c->c1 && (!strncmp(c->c1, "17", 2) || !strncmp(c->c1, "18", 2) || !strncmp(c->c1, "19", 2) ||
			     !strncmp(c->c1, "20", 2));
	if (S->parsed && !designated && !from_src && src >= 0 && harm && bare_passive(S, S->vis[vp], vp, ve)) {
		/* Coercion or violence in the passive without "by" ("four
		 * children were killed in Israeli shelling", "there were 10
		 * soldiers killed", "civilians imprisoned for ..."):
		 * the subject is the victim; the source, if any, is an actor after
		 * the verb that is not just where it happened. */
		int victim = src, by = -1;
		S->place_ok = 0;
		for (int p = ve + 1; p < ce && by < 0; p++) {
			int ui = unit_at(S, p);
			if (ui >= 0 && ui != victim && !whole_locative(S, ui) && !not_agent(S, S->vis[vp], S->vis[p]) &&
			    strcmp(unit_cmp(S, ui), unit_cmp(S, victim)))
				by = ui;
		}
		src = by;
		tgt = victim;
		tdef = NULL;
		if (S->tr)
			dy_buf_adds(S->tr, "    violence in the passive: the subject is the victim\n");
		if (src < 0) {
			if (S->tr)
				dy_buf_adds(S->tr, "    no source\n");
			return V_NONE;
		}
	}
	if (tgt < 0 && !tdef) {
		S->place_ok = 0;
		if (S->tr)
			dy_buf_adds(S->tr, "    no target\n");
		return V_NONE;
	}
	/* Parsed: a pattern's target inside the verb's "by" phrase is who did
	 * it ("was blown up by a missile fired by X"); else a passive without
	 * a designated source reads the other way round. */
	int by_target = S->parsed && designated && bc < 0 && tgt >= 0 && be_participle(S, vp) &&
			in_by_phrase(S, S->vis[vp], tgt);
	if (by_target || (!designated && passive(S, vp, ve))) {
		int x = src;
		src = tgt;
		tgt = x;
		const char *y = sdef;
		sdef = tdef;
		tdef = y;
		if (S->tr)
			dy_buf_adds(S->tr, by_target ? "    passive: the pattern's target is in the by phrase: source and "
						       "target swapped\n"
						     : "    passive: source and target swapped\n");
	}
	size_t before = S->nev;
	make_events(S, src, sdef, tgt, tdef, bc >= 0, S->vis[vp], v, best, c);
	S->place_ok = 0;
	if (S->tr) {
		dy_buf_adds(S->tr, "    source ");
		if (src >= 0)
			trace_unit(S, S->tr, src);
		else
			dy_buf_adds(S->tr, sdef);
		dy_buf_adds(S->tr, ", target ");
		if (tgt >= 0)
			trace_unit(S, S->tr, tgt);
		else
			dy_buf_adds(S->tr, tdef ? tdef : "");
		dy_buf_addf(S->tr, ": %zu event%s\n", S->nev - before, S->nev - before == 1 ? "" : "s");
	}
	if (S->nev == before)
		return V_NONE;
	*used_src = src;
	*sub = c->sub;
	*dom = c->dom;
	return V_EVENT;
}

/* ---- time shifting (10.5) ------------------------------------------------------------------- */

static void time_shift(sent *S, int32_t *date, int *shifted)
{
	for (int p = 0; p < S->nvis; p++) {
		const tok *t = &S->t[S->vis[p]];
		if (t->type != TT_TIME)
			continue;
		const tb_verb *v = t->root->u.verb;
		match m;
		memset(&m, 0, sizeof(m));
		m.S = S;
		m.vt = -1;
		int ci = S->clause[p] < 0 ? 0 : S->clause[p];
		m.cs = S->cstart[ci];
		m.ce = S->cend[ci];
		int ve = S->pos[t->last] >= 0 ? S->pos[t->last] : p;
		const tb_code *c = &v->code;
		for (uint32_t k = 0; k < v->npats; k++)
			if (try_pattern(&m, v->pats[k], p, ve)) {
				c = &v->pats[k]->code;
				break;
			}
		if (c->kind == TB_CODE_NULL)
			continue;
		if (c->kind == TB_CODE_DISCARD) {
			S->discard = 1;
			return;
		}
		if (c->kind == TB_CODE_COMPLEX) {
			S->complex = 1;
			S->why = "complex code in a time phrase";
			return;
		}
		if (*date && c->shift) {
			*date = tb_date_add(*date, c->shift);
			*shifted = 1;
		}
		return;
	}
}

/* ---- complexity (8.7) ----------------------------------------------------------------------- */

static int complexity(sent *S)
{
	const tb_options *o = S->o;
	int verbs = 0, actors = 0, pronouns = 0, conj = 0, firstverb = -1, firstcoded = -1;
	for (int p = 0; p < S->nvis; p++) {
		const tok *t = &S->t[S->vis[p]];
		if (t->type == TT_VERB) {
			verbs++;
			if (firstverb < 0)
				firstverb = p;
			if (firstcoded < 0 && t->root->u.verb->code.kind != TB_CODE_NULL)
				firstcoded = p;
		}
		if (t->type == TT_CONJ && !(t->flags & F_KEEPCONJ))
			conj++;
	}
	for (int k = 0; k < S->nu; k++) {
		if (S->u[k].deleted || S->u[k].parent >= 0)
			continue;
		if (S->u[k].kind == U_PRON)
			pronouns++;
		else
			actors++;
	}
	int deleted = 0;
	for (int i = 0; i < S->n; i++)
		if (S->t[i].cls == TC_COMMA && (S->t[i].flags & F_DEL) && (i == 0 || !(S->t[i - 1].flags & F_DEL)))
			deleted++;
#define CX(cond, msg)                \
	do {                         \
		if (cond) {          \
			S->why = msg; \
			return 1;    \
		}                    \
	} while (0)
	CX(o->cx_verbs && verbs >= o->cx_verbs, "too many verbs");
	CX(o->cx_actors && actors >= o->cx_actors, "too many actors");
	CX(o->cx_pronouns && pronouns >= o->cx_pronouns, "too many pronouns");
	CX(o->cx_conj && conj >= o->cx_conj, "too many conjunctions");
	CX(o->cx_comma && deleted >= o->cx_comma, "too many comma-delimited clauses");
	CX(o->cx_lateverb && (firstverb < 0 || firstverb >= o->cx_lateverb), "no verb near the start");
	CX(o->cx_noverb && firstverb < 0, "no verb");
	if (o->cx_noactprior || o->cx_noactafter) {
		int fv = firstcoded >= 0 ? firstcoded : firstverb;
		int before = 0, after = 0;
		for (int p = 0; fv >= 0 && p < S->nvis; p++) {
			int ui = unit_at(S, p);
			if (ui < 0)
				continue;
			if (p < fv)
				before = 1;
			else if (p > fv)
				after = 1;
		}
		CX(o->cx_noactprior && fv >= 0 && !before, "no actor before the first verb");
		CX(o->cx_noactafter && fv >= 0 && !after, "no actor after the first verb");
	}
#undef CX
	return 0;
}

/* ---- the trace ---------------------------------------------------------------------------------- */

static void trace_unit(const sent *S, dy_buf *b, int ui)
{
	const unit *u = &S->u[ui];
	switch (u->kind) {
	case U_COMPOUND:
		dy_buf_addc(b, '<');
		for (int k = 0; k < u->nmem; k++) {
			if (k)
				dy_buf_adds(b, " & ");
			trace_unit(S, b, u->mem[k]);
		}
		dy_buf_addc(b, '>');
		return;
	case U_PRON:
		dy_buf_addf(b, "%.*s=", (int)S->t[u->first].n, S->t[u->first].u);
		if (u->fwd)
			dy_buf_addf(b, "%s(forwarded)", u->fwd);
		else if (u->ref >= 0)
			trace_unit(S, b, u->ref);
		else
			dy_buf_adds(b, "?");
		return;
	default:
		for (uint8_t k = 0; k < u->ncodes; k++)
			dy_buf_addf(b, "%s%s", k ? "/" : "", u->codes[k]);
	}
}

static void trace_parse(const sent *S)
{
	dy_buf *b = S->tr;
	dy_buf_adds(b, "  words:");
	int ci = -1;
	for (int i = 0; i < S->n; i++) {
		const tok *t = &S->t[i];
		int p = S->pos[i];
		if (p >= 0 && S->clause[p] >= 0 && S->clause[p] != ci) {
			ci = S->clause[p];
			dy_buf_addf(b, " {%d}", ci);
		}
		dy_buf_addf(b, " %s%.*s", (t->flags & F_DEL) ? "~" : "", (int)t->n, t->u);
		if (t->type != TT_NONE && t->type != TT_PART)
			dy_buf_addf(b, "/%s", tt_names[t->type]);
		if (t->flags & F_VNOUN)
			dy_buf_adds(b, "(verb)");
	}
	dy_buf_addc(b, '\n');
	for (int k = 0; k < S->nu; k++) {
		const unit *u = &S->u[k];
		if (u->parent >= 0 && u->kind != U_COMPOUND)
			continue;
		dy_buf_addf(b, "  actor %.*s", (int)S->t[u->first].n, S->t[u->first].u);
		if (u->last > u->first)
			dy_buf_addf(b, "..%.*s", (int)S->t[u->last].n, S->t[u->last].u);
		dy_buf_adds(b, " = ");
		trace_unit(S, b, k);
		if (u->rule)
			dy_buf_addf(b, " (%s)", u->rule);
		if (u->deleted)
			dy_buf_adds(b, " [deleted]");
		dy_buf_addc(b, '\n');
	}
}

/* ---- the entry point ----------------------------------------------------------------------------- */

void tb_state_init(tb_state *st)
{
	memset(st, 0, sizeof(*st));
	dy_arena_init(&st->arena);
}

void tb_state_release(tb_state *st)
{
	free(st->scratch);
	dy_arena_release(&st->arena);
	memset(st, 0, sizeof(*st));
}

static sent *sent_start(const tb_dict *d, tb_state *st, const char *text, int32_t date, tb_result *out, dy_buf *trace)
{
	memset(out, 0, sizeof(*out));
	if (!st->scratch)
		st->scratch = dy_xmalloc(sizeof(sent));
	sent *S = st->scratch;
	memset(S, 0, offsetof(sent, t));
	S->d = d;
	S->o = st->opt ? st->opt : &d->opt;
	S->a = &st->arena;
	S->text = text;
	S->date = date;
	S->tr = trace;
	S->nu = 0;
	S->ev = NULL;
	S->nev = S->cap = 0;
	S->discard = S->complex = 0;
	S->why = NULL;
	out->date = date;
	return S;
}

/* The hashes of every prefix of every word, for the pattern prefilter. */
static void prefix_set(sent *S)
{
	memset(S->pfx, 0, sizeof(S->pfx));
	for (int i = 0; i < S->n; i++) {
		const tok *t = &S->t[i];
		uint32_t h = 2166136261u;
		for (uint16_t l = 0; l < t->n; l++) {
			h = (h ^ (unsigned char)t->u[l]) * 16777619u;
			uint32_t v = h ? h : 1;
			for (uint32_t q = v & 1023;; q = (q + 1) & 1023) {
				if (S->pfx[q] == v)
					break;
				if (!S->pfx[q]) {
					S->pfx[q] = v;
					break;
				}
			}
		}
	}
}

static void code_clauses(sent *S, tb_state *st, tb_result *out, dy_buf *trace);

/* With the words classified and the actors found (by either coder):
 * pronouns, commas and clauses, then the coding. */
static void code_units(sent *S, tb_state *st, const char *id, tb_result *out, dy_buf *trace)
{
	resolve_pronouns(S, st, id);
	delete_commas(S);
	mark_clauses(S);
	if (trace)
		trace_parse(S);
	code_clauses(S, st, out, trace);
}

void tb_code_text(const tb_dict *d, tb_state *st, const char *text, uint32_t start, uint32_t end, int32_t date,
		  const char *id, tb_result *out, dy_buf *trace)
{
	sent *S = sent_start(d, st, text, date, out, trace);
	tokenize(S, text, start, end);
	prefix_set(S);
	/* Non-printing characters mean a mangled record (a table, a binary
	 * dump): TABARI sets such records aside as complex. */
	for (uint32_t i = start; i < end; i++) {
		unsigned char ch = (unsigned char)text[i];
		if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
			S->complex = 1;
			S->why = "non-printing characters in the text";
			break;
		}
	}
	if (S->n < S->o->min_words) {
		out->status = TB_OUT_SHORT;
		if (trace)
			dy_buf_addf(trace, "  %d words, fewer than %d: not coded\n", S->n, S->o->min_words);
		return;
	}
	classify(S);
	build_units(S);
	find_compounds(S);
	keep_conjunctions(S);
	code_units(S, st, id, out, trace);
}

/* After the words are classified and the actors found: discards, the
 * complexity filter, time shifts, then each clause and its verbs. */
static void code_clauses(sent *S, tb_state *st, tb_result *out, dy_buf *trace)
{
	(void)st;
	if (S->discard) {
		out->status = S->discard == 2 ? TB_OUT_STORYDISCARD : TB_OUT_DISCARD;
		if (trace)
			dy_buf_adds(trace, "  discard code: not coded\n");
		return;
	}
	if (S->complex || complexity(S)) {
		out->status = TB_OUT_COMPLEX;
		out->why = S->why;
		if (trace)
			dy_buf_addf(trace, "  complex (%s): not coded\n", S->why ? S->why : "complex code");
		return;
	}
	if (time_active(S)) {
		time_shift(S, &out->date, &out->shifted);
		if (S->discard || S->complex) {
			out->status = S->discard ? TB_OUT_DISCARD : TB_OUT_COMPLEX;
			out->why = S->why;
			return;
		}
	}
	/* The clauses, each verb in turn (7.6). */
	const tb_options *o = S->o;
	clause_state cst = {-1, NULL};
	int sentence_main = 0;
	int any_dom = 0;
	for (int ci = 0; ci < S->nclauses; ci++) {
		size_t clause_first = S->nev;
		size_t main_first = (size_t)-1;
		int got_main = 0, last_src = -1, had_verb = 0;
		int subs_from = -1;
		(void)subs_from;
		for (int p = S->cstart[ci]; p < S->cend[ci]; p++) {
			const tok *t = &S->t[S->vis[p]];
			if (t->type != TT_VERB)
				continue;
			int ve = S->pos[t->last] >= 0 ? S->pos[t->last] : p;
			if (ve >= S->cend[ci])
				ve = p;
			/* After the first event of the clause (or sentence) nothing more
			 * is coded; with CODE ALL a dominant code leaves only itself. */
			if (o->code_by != TB_BY_ALL && (got_main || (o->code_by == TB_BY_SENTENCE && sentence_main)))
				break;
			int only_dom = 0;
			had_verb = 1;
			size_t before = S->nev;
			int us = -1, sub = 0, dom = 0;
			int r = code_verb(S, ci, p, ve, &cst, &us, &sub, &dom, only_dom);
			if (r == V_STOP) {
				out->status = S->discard ? TB_OUT_DISCARD : TB_OUT_COMPLEX;
				out->why = S->why;
				return;
			}
			if (r != V_EVENT)
				continue;
			if (dom)
				any_dom = 1;
			if (!sub && !got_main) {
				got_main = 1;
				main_first = before;
				last_src = us;
				sentence_main = 1;
			} else if (sub && !got_main) {
				last_src = us;
			}
		}
		/* Subordinate events of the clause go unless nothing else came. */
		if (got_main && o->code_by == TB_BY_CLAUSE) {
			size_t k = clause_first;
			for (size_t i = clause_first; i < S->nev; i++)
				if (!S->ev[i].sub || i >= main_first)
					S->ev[k++] = S->ev[i];
			S->nev = k;
		}
		/* What carries over to the next clause: the source of its event,
		 * else its first actor. */
		if (S->nev > clause_first && last_src >= 0)
			cst.carried = last_src;
		else if (had_verb) {
			int f = first_unit_in(S, S->cstart[ci], S->cend[ci], NULL);
			if (f >= 0)
				cst.carried = f;
		}
	}
	if (o->code_by != TB_BY_CLAUSE) {
		int any_main = 0;
		for (size_t i = 0; i < S->nev; i++)
			any_main |= !S->ev[i].sub;
		if (any_main) {
			size_t k = 0;
			for (size_t i = 0; i < S->nev; i++)
				if (!S->ev[i].sub)
					S->ev[k++] = S->ev[i];
			S->nev = k;
		}
	}
	if (any_dom) {
		size_t k = 0;
		for (size_t i = 0; i < S->nev; i++)
			if (S->ev[i].dom)
				S->ev[k++] = S->ev[i];
		S->nev = k;
	}
	out->status = TB_OUT_EVENTS;
	out->ev = S->ev;
	out->nev = S->nev;
	if (S->nev == 0 && (o->cx_noevent)) {
		out->status = TB_OUT_COMPLEX;
		out->why = "no event";
	}
}

/* ---- parse trees (PETRARCH) ---------------------------------------------------------------- */

int tb_tree_parse(dy_arena *a, const char *s, size_t n, tb_tree *t)
{
	memset(t, 0, sizeof(*t));
	/* Count the nodes: one per '('. */
	size_t cap = 1;
	for (size_t i = 0; i < n; i++)
		cap += s[i] == '(';
	t->n = dy_arena_alloc(a, cap * sizeof(*t->n));
	int stack[512], sp = 0, last_child[512];
	t->root = -1;
	size_t i = 0;
	int nodes = 0, leaves = 0;
	while (i < n) {
		char c = s[i];
		if (isspace((unsigned char)c)) {
			i++;
			continue;
		}
		if (c == '(') {
			i++;
			while (i < n && isspace((unsigned char)s[i]))
				i++;
			size_t b = i;
			while (i < n && !isspace((unsigned char)s[i]) && s[i] != '(' && s[i] != ')')
				i++;
			if (sp >= 511 || (size_t)nodes >= cap)
				return DY_ESYNTAX;
			tb_node *nd = &t->n[nodes];
			memset(nd, 0, sizeof(*nd));
			nd->label = i > b ? dy_arena_strndup(a, s + b, i - b) : "";
			nd->parent = sp ? stack[sp - 1] : -1;
			nd->child = nd->next = -1;
			nd->leaf = -1;
			nd->lfirst = leaves;
			nd->llast = leaves - 1;
			if (sp) {
				int p = stack[sp - 1];
				if (t->n[p].word)
					return DY_ESYNTAX; /* a word and a child */
				if (last_child[sp - 1] < 0)
					t->n[p].child = nodes;
				else
					t->n[last_child[sp - 1]].next = nodes;
				last_child[sp - 1] = nodes;
			} else if (t->root < 0) {
				t->root = nodes;
			} else {
				return DY_ESYNTAX; /* two trees */
			}
			last_child[sp] = -1;
			stack[sp++] = nodes++;
			continue;
		}
		if (c == ')') {
			if (!sp)
				return DY_ESYNTAX;
			int me = stack[--sp];
			if (sp) {
				tb_node *p = &t->n[stack[sp - 1]];
				p->llast = t->n[me].llast > p->llast ? t->n[me].llast : p->llast;
			}
			i++;
			continue;
		}
		/* a word */
		size_t b = i;
		while (i < n && !isspace((unsigned char)s[i]) && s[i] != '(' && s[i] != ')')
			i++;
		if (!sp)
			return DY_ESYNTAX;
		tb_node *nd = &t->n[stack[sp - 1]];
		if (nd->word || nd->child >= 0)
			return DY_ESYNTAX;
		nd->word = dy_arena_strndup(a, s + b, i - b);
		nd->leaf = leaves;
		nd->lfirst = nd->llast = leaves;
		leaves++;
	}
	if (sp || t->root < 0)
		return DY_ESYNTAX;
	t->nn = nodes;
	t->nleaves = leaves;
	/* Leaf ranges up the tree (a parent closes after its children). */
	for (int k = nodes; k-- > 0;) {
		tb_node *nd = &t->n[k];
		if (nd->parent >= 0) {
			tb_node *p = &t->n[nd->parent];
			if (nd->lfirst < p->lfirst)
				p->lfirst = nd->lfirst;
			if (nd->llast > p->llast)
				p->llast = nd->llast;
		}
	}
	return 0;
}

static int lab(const sent *S, int nd, const char *l)
{
	return !strcmp(S->tree->n[nd].label, l);
}

static int lab_np(const sent *S, int nd)
{
	const char *l = S->tree->n[nd].label;
	return (l[0] == 'N' && (l[1] == 'P' || l[1] == 'X') && (!l[2] || l[2] == '-')) || !strcmp(l, "NML");
}

/* Upper case without diacritics of a UTF-8 word. */
static size_t up_word(const char *w, char *out, size_t cap)
{
	size_t k = 0, n = strlen(w), i = 0;
	while (i < n && k + 8 < cap) {
		utf8proc_int32_t c;
		utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)w + i, (utf8proc_ssize_t)(n - i), &c);
		if (m <= 0) {
			c = '?';
			m = 1;
		}
		k += up_cp(c, out + k);
		i += (size_t)m;
	}
	out[k] = 0;
	return k;
}

/* The words of the tree as tokens; a possessive 's joins the word before
 * it (as TABARI sees "KARVONIA'S"). Offsets come from finding each word in
 * the text. */
static void tokens_from_tree(sent *S, const char *text, uint32_t start, uint32_t end)
{
	const tb_tree *T = S->tree;
	S->n = 0;
	uint32_t cur = start;
	for (int k = 0; k < T->nn; k++) {
		const tb_node *nd = &T->n[k];
		if (!nd->word)
			continue;
		const char *pos = nd->label, *w = nd->word;
		if (!strcmp(pos, "-NONE-") || !strcmp(pos, ".") || !strcmp(pos, ":") || !strcmp(pos, "-LRB-") ||
		    !strcmp(pos, "-RRB-") || !strcmp(pos, "#") || !strcmp(pos, "$"))
			continue;
		/* where the word is in the text */
		const char *look = w;
		if (!strcmp(w, "``") || !strcmp(w, "''"))
			look = NULL;
		uint32_t ws = cur, we = cur;
		if (look && *look) {
			size_t ln = strlen(look);
			for (uint32_t p = cur; p + ln <= end && p < cur + 200; p++)
				if (!strncasecmp(text + p, look, ln)) {
					ws = p;
					we = p + (uint32_t)ln;
					cur = we;
					break;
				}
		}
		if (!strcmp(pos, "POS") && S->n && S->t[S->n - 1].cls == TC_WORD) {
			tok *pt = &S->t[S->n - 1];
			char buf[256];
			size_t k2 = up_word(w, buf, sizeof(buf));
			pt->u = dy_arena_printf(S->a, "%.*s%.*s", (int)pt->n, pt->u, (int)k2, buf);
			pt->n = (uint16_t)strlen(pt->u);
			if (we > pt->end)
				pt->end = we;
			continue;
		}
		if (S->n >= MAX_TOKS)
			break;
		tok *t = &S->t[S->n++];
		memset(t, 0, sizeof(*t));
		t->unit = -1;
		t->head = -1;
		t->start = ws;
		t->end = we;
		t->pos = pos;
		t->node = k;
		if (!strcmp(pos, ",")) {
			t->cls = TC_COMMA;
			t->u = ",";
			t->n = 1;
			continue;
		}
		if (!strcmp(pos, "``") || !strcmp(pos, "''")) {
			t->cls = TC_QUOTE;
			t->u = "\"";
			t->n = 1;
			continue;
		}
		char buf[256];
		size_t k2 = up_word(w, buf, sizeof(buf));
		/* TreeBank hyphenates: TABARI's words do not have hyphens. */
		for (size_t q = 0; q < k2; q++)
			if (buf[q] == '-' || buf[q] == '_')
				buf[q] = ' ';
		const char *ww = buf;
		if (strchr(buf, ' ')) {
			/* "barad-dur" is two words for the dictionaries */
			char *sp = strchr(buf, ' ');
			*sp = 0;
			t->u = dy_arena_strdup(S->a, buf);
			t->n = (uint16_t)strlen(t->u);
			t->cls = isdigit((unsigned char)buf[0]) ? TC_NUM : TC_WORD;
			ww = sp + 1;
			while (*ww && S->n < MAX_TOKS) {
				const char *nx = strchr(ww, ' ');
				size_t wl = nx ? (size_t)(nx - ww) : strlen(ww);
				if (wl) {
					tok *t2 = &S->t[S->n++];
					*t2 = *t;
					t2->u = dy_arena_strndup(S->a, ww, wl);
					t2->n = (uint16_t)wl;
					t2->cls = isdigit((unsigned char)ww[0]) ? TC_NUM : TC_WORD;
				}
				ww += wl + (nx != NULL);
			}
			continue;
		}
		t->u = dy_arena_strndup(S->a, buf, k2);
		t->n = (uint16_t)k2;
		t->cls = isdigit((unsigned char)buf[0]) ? TC_NUM : TC_WORD;
	}
}

/* The tokens under node nd: [*a, *b]; 0 when none. */
static int node_tokens(const sent *S, int nd, int *a, int *b)
{
	const tb_node *n = &S->tree->n[nd];
	int fa = -1, fb = -1;
	for (int i = 0; i < S->n; i++) {
		int lf = S->tree->n[S->t[i].node].leaf;
		if (lf >= n->lfirst && lf <= n->llast) {
			if (fa < 0)
				fa = i;
			fb = i;
		}
	}
	*a = fa;
	*b = fb;
	return fa >= 0;
}

/* A unit for the actors and agents among tokens [a, b] (PETRARCH combines
 * them within a noun phrase); possessor >= 0: that token range's actor
 * wins over any other. Returns the unit or -1. */
/* Parsed: whether a preposition stands between tokens i and j. */
static int prep_between(const sent *S, int i, int j)
{
	int lo = i < j ? i : j, hi = i < j ? j : i;
	for (int k = lo + 1; k < hi; k++)
		if (S->t[k].pos && (!strcmp(S->t[k].pos, "IN") || !strcmp(S->t[k].pos, "TO")))
			return 1;
	return 0;
}

/* Parsed: whether the actor at token j is in a phrase of the agent at
 * token i: "of", "in", "from", "for" or "at" right after the agent's
 * words, and no other preposition before j. */
static int own_phrase(const sent *S, int i, int j)
{
	int k = i + 1;
	while (k < j && S->t[k].type == TT_AGENT)
		k++;
	if (k >= j || !(tok_is(&S->t[k], "OF") || tok_is(&S->t[k], "IN") || tok_is(&S->t[k], "FROM") ||
			tok_is(&S->t[k], "FOR") || tok_is(&S->t[k], "AT")))
		return 0;
	return !prep_between(S, k, j);
}

static int words_unit(sent *S, int a, int b, int pa, int pb)
{
	const tb_dated *dc = NULL;
	int first_actor_tok = -1;
	const tb_agent *ags[8];
	int nag = 0, former = 0;
	/* The agents compose with the first actor, unless a preposition
	 * stands between the two: then with an actor of the first agent's
	 * own phrase, before it ("the Russian military") or after it ("the
	 * military of Russia"): "travel to Canada against four officers in
	 * the Russian military" is RUSMIL, not CANMIL. */
	int first_agent = -1;
	for (int i = a; i <= b && first_agent < 0; i++)
		if (S->t[i].type == TT_AGENT && S->t[i].root)
			first_agent = i;
	for (int pass = 0; pass < 2 && !dc; pass++) {
		int x = pass == 0 ? pa : a, y = pass == 0 ? pb : b;
		if (x < 0)
			continue;
		int best = -1, before = -1, after = -1;
		for (int i = x; i <= y; i++) {
			tok *t = &S->t[i];
			if (t->type != TT_ACTOR || !t->root)
				continue;
			if (best < 0)
				best = i;
			if (first_agent >= 0 && i < first_agent && !prep_between(S, i, first_agent))
				before = i;
			if (first_agent >= 0 && i > first_agent && after < 0 && own_phrase(S, first_agent, i))
				after = i;
		}
		if (pass == 1 && best >= 0 && best < first_agent && prep_between(S, best, first_agent)) {
			if (before >= 0)
				best = before;
			else if (after >= 0)
				best = after;
		}
		if (best >= 0) {
			dc = actor_codes(S->t[best].root->u.actor, S->date);
			first_actor_tok = best;
		}
	}
	for (int i = a; i <= b; i++) {
		tok *t = &S->t[i];
		if (t->type == TT_AGENT && t->root && nag < 8) {
			ags[nag++] = t->root->u.agent;
			former |= tok_former(S, i);
		}
	}
	if (!dc && !nag) {
		int n = S->pe ? S->pe->new_actor_length : 0;
		int words = 0;
		for (int i = a; i <= b; i++)
			words += wordlike(&S->t[i]);
		if (n <= 0 || words == 0 || words > n)
			return -1;
		/* A new actor: the phrase itself, in quotes. */
		dy_buf tmp = DY_BUF_INIT;
		dy_buf_addc(&tmp, '"');
		for (int i = a; i <= b; i++) {
			const tok *t = &S->t[i];
			if (!wordlike(t))
				continue;
			size_t tn = t->n;
			if (tn > 2 && !memcmp(t->u + tn - 2, "'S", 2))
				tn -= 2;
			if (tmp.len > 1)
				dy_buf_addc(&tmp, ' ');
			dy_buf_add(&tmp, t->u, tn);
		}
		dy_buf_addc(&tmp, '"');
		int ui = new_unit1(S, U_ACTOR, a, b);
		if (ui >= 0) {
			unit *u = &S->u[ui];
			u->codes[0] = dy_arena_strdup(S->a, tmp.s);
			u->root_code = u->codes[0];
			u->name = u->codes[0];
			map_tokens(S, ui, a, b);
		}
		dy_buf_release(&tmp);
		return ui;
	}
	int ui = new_unit(S, U_ACTOR, a, b);
	if (ui < 0)
		return -1;
	unit *u = &S->u[ui];
	size_t nc = dc ? dc->ncodes : 1;
	u->codes = dy_arena_alloc(S->a, nc * sizeof(*u->codes));
	u->ncodes = (uint8_t)nc;
	for (size_t k = 0; k < nc; k++) {
		const char *c = dc ? dc->codes[k] : S->d->c_null;
		for (int g = 0; g < nag; g++)
			c = compose(S, c, ags[g], former);
		u->codes[k] = c;
	}
	u->root_code = dc ? dc->codes[0] : S->d->c_null;
	if (first_actor_tok >= 0) {
		const tb_root *r = S->t[first_actor_tok].root;
		u->name = r->u.actor->name;
		u->rule = r->rule;
		u->syn = r->rule && r->u.actor->rule && strcmp(r->rule, r->u.actor->rule) != 0;
	} else {
		u->name = "(agent)";
	}
	map_tokens(S, ui, a, b);
	return ui;
}

static int agent_only(const sent *S, int ui)
{
	const unit *u = &S->u[ui];
	if (u->kind == U_COMPOUND) {
		for (int k = 0; k < u->nmem; k++)
			if (!agent_only(S, u->mem[k]))
				return 0;
		return u->nmem > 0;
	}
	return u->ncodes && !strncmp(u->codes[0], "---", 3) && u->codes[0][3];
}

/* Units made from agent-only unit ag with the actors of unit ac: each
 * agent code over each actor code. */
static int combine_units(sent *S, int ag, int ac, int a, int b, int strip)
{
	const char *acodes[64], *gcodes[16];
	int af[64], gf[16];
	size_t na = expand(S, ac, acodes, af, 64);
	size_t ng = expand(S, ag, gcodes, gf, 16);
	int mem[32], nm = 0;
	for (size_t g = 0; g < ng; g++)
		for (size_t k = 0; k < na && nm < 32; k++) {
			int ui = new_unit1(S, U_ACTOR, a, b);
			if (ui < 0)
				break;
			unit *u = &S->u[ui];
			/* "---GOV" + "ARN" -> "ARNGOV" */
			/* strip: "Karvonian press and government": KRVMED gives KRV. */
			size_t keep = strlen(acodes[k]);
			const char *rc = S->u[af[k]].root_code;
			if (strip && rc && keep >= strlen(rc) + 3)
				keep -= 3;
			u->codes[0] = dy_arena_printf(S->a, "%.*s%s", (int)keep, acodes[k], gcodes[g] + 3);
			u->root_code = acodes[k];
			u->name = S->u[af[k]].name;
			u->rule = S->u[af[k]].rule;
			mem[nm++] = ui;
		}
	S->u[ag].deleted = S->u[ac].deleted = 1;
	if (nm == 1) {
		map_tokens(S, mem[0], a, b);
		return mem[0];
	}
	int ci = new_unit(S, U_COMPOUND, a, b);
	if (ci < 0)
		return -1;
	for (int k = 0; k < nm; k++) {
		S->u[ci].mem[S->u[ci].nmem++] = (int16_t)mem[k];
		S->u[mem[k]].parent = (int16_t)ci;
	}
	map_tokens(S, mem[0], a, b);
	for (int k = 0; k < nm; k++)
		S->u[mem[k]].first = (int16_t)a, S->u[mem[k]].last = (int16_t)b;
	return ci;
}

static void walk_tree(sent *S, int nd);

static int make_compound(sent *S, const int *mem, int nm, int a, int b)
{
	if (nm == 0)
		return -1;
	if (nm == 1)
		return mem[0];
	int ci = new_unit(S, U_COMPOUND, a, b);
	if (ci < 0)
		return mem[0];
	for (int k = 0; k < nm; k++) {
		int m = mem[k];
		/* a member that is itself a compound gives its members */
		if (S->u[m].kind == U_COMPOUND) {
			for (int j = 0; j < S->u[m].nmem && S->u[ci].nmem < 32; j++) {
				S->u[ci].mem[S->u[ci].nmem++] = S->u[m].mem[j];
				S->u[S->u[m].mem[j]].parent = (int16_t)ci;
			}
			S->u[m].deleted = 1;
			continue;
		}
		if (S->u[ci].nmem < 32) {
			S->u[ci].mem[S->u[ci].nmem++] = (int16_t)m;
			S->u[m].parent = (int16_t)ci;
		}
	}
	return ci;
}

/* The unit of a noun phrase (a compound for a coordination), or -1;
 * clauses inside it are walked for their own noun phrases. */
/* Whether a clause or verb phrase is below node nd. */
static int has_clause(const sent *S, int nd)
{
	const tb_tree *T = S->tree;
	for (int c = T->n[nd].child; c >= 0; c = T->n[c].next) {
		if (T->n[c].word)
			continue;
		if (lab(S, c, "S") || lab(S, c, "SBAR") || lab(S, c, "VP") || has_clause(S, c))
			return 1;
	}
	return 0;
}

/* Whether a word under node nd is an actor, an agent or a pronoun. */
static int coded_in(const sent *S, int nd)
{
	int a, b;
	if (!node_tokens(S, nd, &a, &b))
		return 0;
	for (int i = a; i <= b; i++)
		if (S->t[i].type == TT_ACTOR || S->t[i].type == TT_AGENT || S->t[i].type == TT_PRON)
			return 1;
	return 0;
}

/* Whether a sibling after node c has a word coded. */
static int coded_after(const sent *S, int c)
{
	for (int k = S->tree->n[c].next; k >= 0; k = S->tree->n[k].next)
		if (!S->tree->n[k].word && coded_in(S, k))
			return 1;
	return 0;
}

static int np_unit(sent *S, int nd)
{
	const tb_tree *T = S->tree;
	int a, b;
	if (!node_tokens(S, nd, &a, &b))
		return -1;
	int kids[64], nk = 0, has_cc = 0, all_words = 1, has_np = 0;
	for (int c = T->n[nd].child; c >= 0 && nk < 64; c = T->n[c].next) {
		kids[nk++] = c;
		if (lab(S, c, "CC"))
			has_cc = 1;
		if (!T->n[c].word && !lab(S, c, "NML"))
			all_words = 0; /* (NML Vice Minister (PP of Trade)) is a name's words */
		if (lab_np(S, c) && !lab(S, c, "NML"))
			has_np = 1;
	}
	/* A pronoun alone is a pronoun, resolved later. */
	if (nk == 1 && T->n[kids[0]].word && (lab(S, kids[0], "PRP") || lab(S, kids[0], "PRP$")))
		return -1;
	/* A new actor is the largest noun phrase with nothing coded inside
	 * and no clause in it ("the Bureau of Lighthouses", not "the Bureau"). */
	if (S->pe && S->pe->new_actor_length > 0 && !has_cc && !has_clause(S, nd)) {
		int coded = 0;
		for (int i = a; i <= b && !coded; i++)
			coded = S->t[i].type == TT_ACTOR || S->t[i].type == TT_AGENT || S->t[i].type == TT_PRON;
		if (!coded)
			return words_unit(S, a, b, -1, -1);
	}
	if (has_cc) {
		/* Conjuncts: split at CC and commas. */
		int mem[32], nm = 0;
		int seg[64], ns = 0;
		int shared = -1; /* the first conjunct with an actor: its actor goes to agent-only word conjuncts */
		for (int i = 0; i <= nk; i++) {
			int end_seg = i == nk || lab(S, kids[i], "CC") || lab(S, kids[i], ",");
			if (!end_seg) {
				seg[ns++] = kids[i];
				continue;
			}
			if (!ns)
				continue;
			int u = -1;
			if (ns == 1 && !T->n[seg[0]].word) {
				u = lab_np(S, seg[0]) ? np_unit(S, seg[0]) : -1;
				if (!lab_np(S, seg[0]))
					walk_tree(S, seg[0]);
			} else {
				int sa, sb, xa, xb;
				node_tokens(S, seg[0], &sa, &xb);
				node_tokens(S, seg[ns - 1], &xa, &sb);
				if (sa >= 0 && sb >= 0)
					u = words_unit(S, sa, sb, -1, -1);
			}
			if (u >= 0) {
				if (shared < 0 && !agent_only(S, u))
					shared = u;
				if (nm < 32)
					mem[nm++] = u;
			}
			ns = 0;
		}
		/* "Karvonian press and government": the actor of one conjunct goes
		 * to the conjuncts that have only agents. */
		if (shared >= 0 && all_words)
			for (int k = 0; k < nm; k++)
				if (agent_only(S, mem[k])) {
					int x = combine_units(S, mem[k], shared, S->u[mem[k]].first, S->u[mem[k]].last, 1);
					if (x >= 0)
						mem[k] = x;
				}
		for (int k = 0; k < nm; k++)
			S->u[mem[k]].deleted = 0;
		return make_compound(S, mem, nm, a, b);
	}
	if (all_words || !has_np) {
		int u = words_unit(S, a, b, -1, -1);
		for (int k = 0; k < nk; k++)
			if (!T->n[kids[k]].word && !lab(S, kids[k], "NML"))
				walk_tree(S, kids[k]);
		return u;
	}
	/* Possessive: (NP (NP X 's) rest...): X's actor with the agents after. */
	if (lab_np(S, kids[0])) {
		int pa, pb;
		node_tokens(S, kids[0], &pa, &pb);
		int poss = pb >= 0 && S->t[pb].n > 2 && !memcmp(S->t[pb].u + S->t[pb].n - 2, "'S", 2);
		if (poss) {
			int rest_words = 1;
			for (int k = 1; k < nk; k++)
				if (!T->n[kids[k]].word && !lab(S, kids[k], "ADJP") && !lab(S, kids[k], "QP") && !lab_np(S, kids[k]))
					rest_words = 0;
			if (rest_words) {
				int u = words_unit(S, a, b, pa, pb);
				return u;
			}
		}
	}
	/* Head and PP: (NP (NP envoys) (PP of (NP Karvonia ...))). */
	int head = -1;
	for (int k = 0; k < nk; k++) {
		int c = kids[k];
		if (lab_np(S, c) && head < 0) {
			/* A head with nothing coded is no new actor when a phrase
			 * after it names one: "the dispute with Osgiliath". */
			if (!(S->pe && S->pe->new_actor_length > 0 && !coded_in(S, c) && coded_after(S, c)))
				head = np_unit(S, c);
			continue;
		}
		if (lab(S, c, "PP")) {
			int prep = T->n[c].child;
			int obj = prep >= 0 ? T->n[prep].next : -1;
			const char *pw = prep >= 0 && T->n[prep].word ? T->n[prep].word : "";
			int absorb = head >= 0 && agent_only(S, head) && obj >= 0 && lab_np(S, obj) &&
				     (!strcasecmp(pw, "of") || !strcasecmp(pw, "in") || !strcasecmp(pw, "from") ||
				      !strcasecmp(pw, "for") || !strcasecmp(pw, "at"));
			if (absorb) {
				int ou = np_unit(S, obj);
				if (ou >= 0 && !agent_only(S, ou)) {
					int x = combine_units(S, head, ou, a, b, 0);
					if (x >= 0)
						head = x;
					for (int q = obj; 0;)
						(void)q;
					continue;
				}
			} else if (head < 0 && k == 1 && obj >= 0 && lab_np(S, obj) && !strcasecmp(pw, "of")) {
				/* A head that names no actor takes that of its "of"
				 * phrase: "goats of Gondor" is Gondor's. */
				head = np_unit(S, obj);
				for (int q = T->n[obj].next; q >= 0; q = T->n[q].next)
					if (!T->n[q].word)
						walk_tree(S, q);
			} else {
				walk_tree(S, c);
			}
			continue;
		}
		if (!T->n[c].word)
			walk_tree(S, c);
	}
	if (head < 0) {
		/* Nothing coded inside: maybe a new actor for the whole phrase. */
		int coded = 0;
		for (int i = a; i <= b; i++)
			if (S->t[i].unit >= 0)
				coded = 1;
		if (!coded)
			return words_unit(S, a, b, -1, -1);
	}
	return head;
}

/* Finds the noun phrases of the tree and makes their units. */
static void walk_tree(sent *S, int nd)
{
	const tb_tree *T = S->tree;
	if (T->n[nd].word)
		return;
	if (lab_np(S, nd)) {
		np_unit(S, nd);
		return;
	}
	for (int c = T->n[nd].child; c >= 0; c = T->n[c].next)
		walk_tree(S, c);
}

/* Conjunctions inside noun phrases join compounds, not clauses; inside
 * adjective and adverb phrases ("heavily and unjustly") they join words. */
static void keep_np_conjunctions(sent *S)
{
	for (int i = 0; i < S->n; i++) {
		tok *t = &S->t[i];
		if (t->type != TT_CONJ && t->cls != TC_COMMA)
			continue;
		int p = S->tree->n[t->node].parent;
		if (p >= 0 && (lab_np(S, p) || lab(S, p, "ADJP") || lab(S, p, "ADVP") || lab(S, p, "QP")))
			t->flags |= F_KEEPCONJ;
	}
}

/* Whether the NP child of prepositional phrase pp names an actor in its
 * own words (not those of a phrase inside it: "by its resumption of ties
 * with X" names none). */
static int pp_names_actor(const sent *S, int pp)
{
	const tb_tree *T = S->tree;
	int np = -1;
	for (int c = T->n[pp].child; c >= 0 && np < 0; c = T->n[c].next)
		if (lab_np(S, c))
			np = c;
	while (np >= 0 && T->n[np].child >= 0 && lab_np(S, T->n[np].child))
		np = T->n[np].child;
	if (np < 0)
		return 0;
	for (int c = T->n[np].child; c >= 0; c = T->n[c].next) {
		if (!T->n[c].word)
			continue;
		for (int i = 0; i < S->n; i++)
			if (S->t[i].node == c && S->t[i].unit >= 0 &&
			    (S->t[i].type == TT_ACTOR || S->t[i].type == TT_AGENT || S->t[i].type == TT_PART))
				return 1;
	}
	return 0;
}

/* Whether the passive clause nd names who did it: a "by" phrase of its
 * verb that names an actor, else a "from" phrase that does ("a shell was
 * fired at it from X"). */
static int names_agent(const sent *S, int nd)
{
	const tb_tree *T = S->tree;
	int by = 0, from = 0, vp = -1;
	for (int c = T->n[nd].child; c >= 0 && vp < 0; c = T->n[c].next)
		if (lab(S, c, "VP"))
			vp = c;
	while (vp >= 0) {
		int next = -1;
		for (int g = T->n[vp].child; g >= 0; g = T->n[g].next) {
			if (lab(S, g, "VP") && next < 0)
				next = g;
			if (!lab(S, g, "PP") || T->n[g].child < 0 || !T->n[T->n[g].child].word)
				continue;
			const char *w = T->n[T->n[g].child].word;
			if (!strcasecmp(w, "by"))
				by = by ? by : 1 + pp_names_actor(S, g);
			else if (!strcasecmp(w, "from"))
				from |= pp_names_actor(S, g);
		}
		vp = next;
	}
	return by ? by == 2 : from;
}

/* A clause (S with a verb phrase) directly inside another clause is a
 * clause of its own: it starts one, and so does what follows it. So is a
 * passive clause with a subject of its own that names its agent and is a
 * verb's complement ("X said [eight people were killed by Y]"): the
 * reporting verb's patterns do not reach into it (inner_clause), and its
 * event is its own. */
static void tree_clauses(sent *S, int nd)
{
	const tb_tree *T = S->tree;
	for (int c = T->n[nd].child; c >= 0; c = T->n[c].next) {
		if (T->n[c].word)
			continue;
		int own = lab(S, c, "S") && (lab(S, nd, "SBAR") ? !adverbial_clause(S, nd) : lab(S, nd, "VP")) &&
			  clause_with_subject(S, c) && passive_clause(S, c) && names_agent(S, c);
		if ((lab(S, nd, "S") && lab(S, c, "S")) || own) {
			int vp = 0;
			for (int g = T->n[c].child; g >= 0; g = T->n[g].next)
				vp |= lab(S, g, "VP");
			int a, b;
			if (vp && node_tokens(S, c, &a, &b)) {
				S->t[a].flags |= F_SPLIT;
				if (b + 1 < S->n)
					S->t[b + 1].flags |= F_SPLIT;
			}
		}
		tree_clauses(S, c);
	}
}

/* Prepositions that name where something is or happens. */
static int locative(const char *w)
{
	static const char *const words[] = {"in", "at", "near", "outside", "inside", "across", "throughout", "within",
					    "around", NULL};
	for (int k = 0; words[k]; k++)
		if (!strcasecmp(w, words[k]))
			return 1;
	return 0;
}

/* Whether unit ui is a place: a bare actor (no agent) named by a synonym
 * of its entry, all of whose words are in a locative phrase ("meet in
 * Zurich", "released in the Rwandan capital"): where something happened,
 * not a party. The Phoenix dictionaries list a country's cities as its
 * synonyms; an entry's own name ("in Gondor") stays an actor, as PETRARCH
 * codes it. */
static int is_place(const sent *S, int ui)
{
	const unit *u = &S->u[ui];
	if (u->kind == U_COMPOUND) {
		for (int k = 0; k < u->nmem; k++) {
			const unit *m = &S->u[u->mem[k]];
			if (m->kind != U_ACTOR || !m->syn || !m->ncodes || !m->root_code || strcmp(m->codes[0], m->root_code))
				return 0;
		}
		return u->nmem > 0 && whole_locative(S, ui);
	}
	if (u->kind != U_ACTOR || !u->syn || !u->ncodes || !u->root_code || strcmp(u->codes[0], u->root_code))
		return 0;
	return whole_locative(S, ui);
}

/* A dateline opens the story: a place name in capitals ("LYON", "GAZA
 * CITY"), maybe a region and an agency after a comma, then ":" or a dash.
 * Its words name no actor. */
static void mark_dateline(sent *S)
{
	const tb_tree *T = S->tree;
	int words = 0, caps = 0, first = 1;
	for (int k = 0; k < T->nn && words < 12; k++) {
		const tb_node *nd = &T->n[k];
		if (!nd->word)
			continue;
		const char *w = nd->word;
		if (!strcmp(nd->label, ":") || !strcmp(w, "-") || !strcmp(w, "--")) {
			if (!caps || words == 0)
				return;
			for (int i = 0; i < S->n; i++)
				if (T->n[S->t[i].node].leaf < nd->leaf)
					S->t[i].flags |= F_DATELINE;
			return;
		}
		if (!strcmp(nd->label, ",") || !strcmp(nd->label, "-LRB-") || !strcmp(nd->label, "-RRB-")) {
			first = 0;
			continue;
		}
		if (!isupper((unsigned char)w[0]))
			return;
		/* the place: all capitals */
		int up = 1, letters = 0;
		for (const char *q = w; *q; q++) {
			if (islower((unsigned char)*q))
				up = 0;
			letters += isalpha((unsigned char)*q) != 0;
		}
		if (first && (!up || letters < 2))
			return;
		caps |= first && up;
		words++;
	}
}

/* Whether token t is a capitalised noun that names a feature of the land
 * or sea ("Sea" in "the South China Sea"). */
static int feature_name(const tok *t)
{
	static const char *const words[] = {"SEA", "SEAS", "OCEAN", "GULF", "STRAIT", "STRAITS", "RIVER", "LAKE",
					    "BAY", "CANAL", "CHANNEL", "PENINSULA", "DESERT", "MOUNTAINS", "ISLAND",
					    "ISLANDS", "VALLEY", "BASIN", NULL};
	if (!t->pos || strncmp(t->pos, "NNP", 3))
		return 0;
	for (int k = 0; words[k]; k++)
		if (tok_is(t, words[k]))
			return 1;
	return 0;
}

/* Parsed: an actor's words inside the name of a sea, a river, a
 * mountain range ("the South China Sea", "the Gulf of Mexico") name a
 * place, not the actor: unless the dictionary's phrase holds the feature
 * itself ("the Gaza Strip"). */
static void feature_names(sent *S)
{
	for (int i = 0; i < S->n; i++) {
		tok *t = &S->t[i];
		if (t->type != TT_ACTOR || !t->root)
			continue;
		int after = t->last + 1;
		int named = after < S->n && feature_name(&S->t[after]);
		named |= i >= 2 && tok_is(&S->t[i - 1], "OF") && feature_name(&S->t[i - 2]);
		if (named)
			t->type = TT_NOUN;
	}
	/* A determiner and adjectives whose noun is left out ("withdrew
	 * from the Syrian to the Israeli-occupied sector") name a side, not
	 * an actor. */
	const tb_tree *T = S->tree;
	for (int nd = 0; nd < T->nn; nd++) {
		if (!lab_np(S, nd) || T->n[nd].child < 0)
			continue;
		int last = -1, ok = 1;
		for (int c = T->n[nd].child; c >= 0 && ok; c = T->n[c].next) {
			const char *l = T->n[c].label;
			ok = T->n[c].word && (!strcmp(l, "DT") || !strncmp(l, "JJ", 2) || !strcmp(l, "RB"));
			last = c;
		}
		if (!ok || strncmp(T->n[last].label, "JJ", 2) || !lab(S, T->n[nd].child, "DT"))
			continue;
		int a, b;
		if (!node_tokens(S, nd, &a, &b))
			continue;
		for (int i = a; i <= b; i++)
			if (S->t[i].type == TT_ACTOR)
				S->t[i].type = TT_NOUN;
	}
}

static void places_and_dateline(sent *S)
{
	mark_dateline(S);
	for (int k = 0; k < S->nu; k++) {
		unit *u = &S->u[k];
		if (u->deleted || u->parent >= 0)
			continue;
		int dl = 1;
		for (int i = u->first; i <= u->last; i++)
			if (!(S->t[i].flags & F_DATELINE))
				dl = 0;
		if (dl) {
			u->deleted = 1;
			unmap_tokens(S, k);
			continue;
		}
		u->place = (uint8_t)is_place(S, k);
	}
}

void tb_code_tree(const tb_dict *d, tb_state *st, const tb_tree *tree, const char *text, uint32_t start,
		  uint32_t end, int32_t date, const tb_petr *pe, tb_result *out, dy_buf *trace)
{
	sent *S = sent_start(d, st, text, date, out, trace);
	S->tree = tree;
	S->pe = pe;
	S->parsed = 1;
	tokens_from_tree(S, text, start, end);
	prefix_set(S);
	classify(S);
	feature_names(S);
	/* Units: every noun phrase, then pronouns. */
	S->nu = 0;
	walk_tree(S, tree->root);
	for (int k = 0; k < S->nu; k++)
		if (S->u[k].deleted && S->u[k].parent < 0)
			unmap_tokens(S, k);
	places_and_dateline(S);
	keep_np_conjunctions(S);
	tree_clauses(S, tree->root);
	code_units(S, st, NULL, out, trace);
}
