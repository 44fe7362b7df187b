/* tabari.h - TABARI's dictionaries and its shallow coder, written from the
 * TABARI 0.8.4 manual (Schrodt), for coding with TABARI and PETRARCH
 * dictionaries unchanged. Internal to src/compat; compat.h is the API.
 *
 * The dictionaries (tb_dict) hold "roots": phrases of upper-case words that
 * classify the words of a sentence as actors, agents, verbs, nouns,
 * adjectives, time-shift words, attribution words or discards. A verb root
 * carries a code and patterns ("- SAID $ * [113]"). Everything is loaded
 * once (tb_dict_load_*), then only read: any number of threads may code with
 * one dictionary, each with its own tb_state.
 *
 * Word matching follows the manual (5.2): a dictionary word is a stem that
 * matches any text word starting with it; a word ending in '_' must match
 * exactly, allowing the regular endings (nouns, actors, agents: S 'S;
 * verbs: S ED ES EN ING) on the last word of a phrase; a word ending in '='
 * allows no ending. Between the words of a phrase a blank lets other words
 * come between, an underscore does not. PETRARCH dictionaries do not stem:
 * their words load as exact words with regular endings.
 */
#ifndef DY_TABARI_H
#define DY_TABARI_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/map.h"

/* ---- words and phrases ---------------------------------------------------- */

enum {
	TB_EXACT = 1 << 0,  /* no stemming ('_' after the word, PETRARCH words) */
	TB_NOEND = 1 << 1,  /* no regular ending either ('=') */
	TB_CONSEC = 1 << 2, /* comes right after the previous element ('_' before it) */
	TB_NEXTC = 1 << 3,  /* the next element must follow right after this one ('~') */
	TB_PLURAL = 1 << 4, /* exact, but regular plurals match (PETRARCH synsets) */
};

typedef struct tb_word {
	const char *s; /* interned, upper case, without the '_' '=' '~' marks */
	uint16_t n;
	uint8_t flags; /* TB_* */
} tb_word;

/* ---- codes --------------------------------------------------------------- */

enum { TB_CODE_EVENT, TB_CODE_NULL, TB_CODE_DISCARD, TB_CODE_COMPLEX };

/* A verb, pattern or time code: "023?" (subordinate), "031!" (dominant),
 * "032:033" (paired: the second goes from target to source), "---",
 * "###", "+++"; time codes are day shifts ("-7"). */
typedef struct tb_code {
	const char *c1, *c2; /* interned; c2 NULL unless paired; c1 "" for "[:173]" */
	uint8_t kind;        /* TB_CODE_* */
	uint8_t sub, dom;
	int shift;           /* days, for <TIME> codes */
} tb_code;

/* ---- actors and agents ------------------------------------------------------ */

/* One [CODE ...] block of an actor: a code (or coded compound "A/B/C") with
 * an optional date restriction. */
typedef struct tb_dated {
	const char **codes; /* interned; "---", "###", "+++" for the special codes */
	uint8_t ncodes;
	uint8_t dated;      /* 0: the default */
	int32_t from, to;   /* yyyymmdd, inclusive */
} tb_dated;

typedef struct tb_actor {
	tb_dated *d;
	uint16_t nd;
	const char *name;   /* the first phrase of the synonym group, as written */
	const char *rule;   /* file:line of that phrase */
} tb_actor;

typedef struct tb_agent {
	const char *code;   /* without the '~' */
	uint8_t prefix;     /* "NGM~": goes before the actor's code */
} tb_agent;

/* ---- verb patterns ---------------------------------------------------------- */

enum tb_elem_kind {
	TB_E_WORD,
	TB_E_SET,     /* a synset or a { a | b } alternative: one of several sequences */
	TB_E_SOURCE,  /* $ */
	TB_E_TARGET,  /* + */
	TB_E_COMPOUND,/* % */
	TB_E_SKIP,    /* ^ */
	TB_E_ATTRIB,  /* @ */
};

struct tb_set;

typedef struct tb_elem {
	uint8_t kind;
	uint8_t flags;         /* TB_CONSEC: right after the previous element (or the verb) */
	tb_word w;             /* TB_E_WORD */
	const struct tb_set *set; /* TB_E_SET */
} tb_elem;

typedef struct tb_seq {
	tb_elem *e;
	uint16_t n;
	uint16_t len;          /* letters, for ordering */
} tb_seq;

typedef struct tb_set {
	const char *name;      /* "&CURRENCY", or NULL for an alternative */
	tb_seq *opt;
	uint16_t n;
	uint8_t alt;           /* a { | } alternative (its length counts) */
	uint8_t nopl;          /* PETRARCH: the label ends in '_': no plurals */
} tb_set;

typedef struct tb_pattern {
	tb_seq lower;          /* the elements before '*', in text order */
	tb_seq upper;          /* after '*' */
	uint8_t lower_consec;  /* '_' between the last lower element and '*' */
	uint8_t has_alt;
	uint16_t len;          /* nominal length: letters and '_' (alternatives: the longest) */
	tb_code code;
	const char *text;      /* as written, for traces and output */
	const char *rule;      /* file:line */
	const uint32_t *req;   /* hashes of the words the sentence must hold (tb_hash) */
	uint8_t nreq;
} tb_pattern;

/* FNV-1a of a word, never 0: the pattern prefilter's hash. */
uint32_t tb_hash(const char *s, size_t n);

typedef struct tb_verb {
	tb_code code;          /* the root's code */
	tb_pattern **pats;     /* longest first (stable) */
	uint32_t npats, cappats;
	const char *name;      /* the root as written */
	const char *rule;
} tb_verb;

/* ---- roots ------------------------------------------------------------------- */

enum tb_kind {
	TB_K_ACTOR, TB_K_AGENT, TB_K_VERB, TB_K_NOUN, TB_K_ADJ, TB_K_TIME, TB_K_ATTRIB, TB_K_DISCARD,
	TB_K_ISSUE, TB_NKINDS
};

typedef struct tb_root {
	const tb_word *w;
	uint8_t nw;
	uint8_t kind;          /* TB_K_* */
	uint8_t verb_ends;     /* the last exact word takes verb endings (else noun endings) */
	uint8_t story;         /* a PETRARCH "+" discard: the whole story */
	uint16_t len;          /* letters, for "longest first" */
	uint32_t order;        /* load order: earlier wins ties */
	const char *text;      /* as written */
	const char *rule;      /* file:line */
	union {
		const tb_actor *actor;
		const tb_agent *agent;
		tb_verb *verb;     /* also TIME and ATTRIB phrases */
	} u;
} tb_root;

typedef struct tb_rootlist {
	const tb_root **v;
	uint32_t n, cap;
	uint32_t dirty;        /* appended to since the last sort */
	/* per root: the first letters of its second word when that word must
	 * follow at once (low 32 bits), and which of them count (high 32), so
	 * that the coder skips roots without reading them (tb_second_key) */
	uint64_t *second;
} tb_rootlist;

/* The first (up to 4) bytes of a word packed as tb_rootlist.second's
 * letters are. */
static inline uint32_t tb_pack4(const char *s, size_t n)
{
	uint32_t v = 0;
	for (size_t i = 0; i < n && i < 4; i++)
		v |= (uint32_t)(unsigned char)s[i] << (8 * i);
	return v;
}

/* ---- options (.options files and { OPTION: ...} validation records) ---------- */

enum { TB_BY_CLAUSE, TB_BY_SENTENCE, TB_BY_ALL };

typedef struct tb_options {
	int code_by;
	int min_words;         /* 8 */
	int convert_agents;
	int yyyy;
	int time_shift;        /* -1: on when <TIME> phrases were read */
	int fbis;
	/* COMMA: clause lengths; a max of 0 (or comma_off) disables */
	int comma_off;
	int cmin, cmax, emin, emax, bmin, bmax;
	/* COMPLEX: 0 = inactive */
	int cx_verbs, cx_actors, cx_pronouns, cx_conj, cx_comma, cx_lateverb;
	int cx_noactprior, cx_noactafter, cx_noverb, cx_nosource, cx_notarget, cx_noevent;
	/* DEFAULT: */
	const char *def_source, *def_target; /* interned, or NULL */
	int def_prior, def_after;
	/* FORWARD: */
	int forward;
	char fwd_fmt[64];
} tb_options;

void tb_options_default(tb_options *o);

/* ---- the dictionary ------------------------------------------------------------- */

typedef struct tb_index_slot {
	const char *key;
	uint32_t len, hash;
	tb_rootlist *list;
} tb_index_slot;

#define TB_BLOOM_BITS 21     /* 2^21 bits (256 KB): about 2% false hits for 150,000 keys */

typedef struct tb_index {
	tb_index_slot *slots;
	size_t cap, count;
	uint32_t lens;         /* bit n set when some key has length n (n < 32); 1<<31: longer */
	uint64_t *bloom;       /* two bits per key's hash: most prefixes of a word are no key,
				* and this says so without a cache miss in the slots */
} tb_index;

/* Whether a key with FNV-1a hash h may be in the index (no: certainly not). */
static inline int tb_bloom_may(const tb_index *ix, uint32_t h)
{
	if (!ix->bloom)
		return 0;
	uint32_t b1 = h & ((1u << TB_BLOOM_BITS) - 1), b2 = (h * 2654435761u) >> (32 - TB_BLOOM_BITS);
	return (ix->bloom[b1 >> 6] >> (b1 & 63) & 1) && (ix->bloom[b2 >> 6] >> (b2 & 63) & 1);
}

typedef struct tb_dict {
	dy_arena arena;
	dy_interner strings;
	tb_index index;        /* first word -> roots, longest first */
	dy_map synsets;        /* "&NAME" -> tb_set* */
	dy_map labels;         /* code -> LABEL: text */
	tb_options opt;
	uint32_t nroots;
	size_t nactors, nphrases[TB_NKINDS], npatterns, nsynsets;
	int has_time;
	int petrarch_verbs;    /* a PETRARCH verb dictionary was read (shallow conversion) */
	/* special codes, interned */
	const char *c_null, *c_discard, *c_complex;
	/* messages about dictionary entries that were skipped (dict check) */
	dy_buf notes;
	size_t nnotes;
	dy_buf warnings;       /* dict check: doubtful but legal (overlapping dates) */
	size_t nwarnings;
	int strict;            /* dict check: also note duplicates, overlapping dates, dead patterns */
	tb_verb **verbs;       /* every verb, to free their pattern arrays */
	size_t nverbs, capverbs;
} tb_dict;

void tb_dict_init(tb_dict *d);
void tb_dict_release(tb_dict *d);
/* Puts every root list in order (longest first); the loaders call it. */
void tb_dict_finish(tb_dict *d);

/* Loaders. Each returns 0, or a negative DY_E* with err naming
 * file:line:column and showing the line. petrarch selects PETRARCH's
 * conventions (no stemming, '#' comments). */
int tb_load_actors(tb_dict *d, const char *path, int petrarch, dy_error *err);
int tb_load_agents(tb_dict *d, const char *path, int petrarch, dy_error *err);
int tb_load_verbs(tb_dict *d, const char *path, dy_error *err);        /* TABARI .verbs */
int tb_load_petr_verbs(tb_dict *d, const char *path, dy_error *err);   /* PETRARCH verbs (CAMEO.2.0.txt) */
int tb_load_discards(tb_dict *d, const char *path, dy_error *err);     /* PETRARCH discards */
int tb_load_issues(tb_dict *d, const char *path, dy_error *err);       /* PETRARCH issues */
int tb_load_options(tb_dict *d, tb_options *o, const char *path, dy_error *err);
/* Applies one .options line ("COMPLEX: VERBS[5] NOACTPRIOR"); returns 0 or
 * DY_ESYNTAX when the command is not known. */
int tb_option_line(tb_dict *d, tb_options *o, const char *line, size_t n);

/* Finds the roots starting with the word u[0..n) (any stem of it), longest
 * first. Calls fn for each list; used by the coder and by dict check. */
const tb_rootlist *tb_index_get(const tb_index *ix, const char *key, size_t n);

/* Parses a code block's inside ("032:033", "023?", "---") into c. */
int tb_parse_code(tb_dict *d, const char *s, size_t n, tb_code *c);

/* Whether text word t[0..tn) matches dictionary word w; last: w is the
 * last word of its phrase; verb: verb endings (else noun endings). */
int tb_word_match(const tb_word *w, const char *t, size_t tn, int last, int verb);

/* ---- the coder ---------------------------------------------------------------- */

/* One coded event. Codes and names point into the dictionary; offsets into
 * the document text. */
typedef struct tb_event {
	const char *src, *tgt, *code;
	const char *src_name, *tgt_name;   /* the actor phrases as in the dictionary */
	const char *src_rule, *tgt_rule;
	uint32_t src_start, src_end, tgt_start, tgt_end; /* the words in the text */
	uint32_t trig_start, trig_end;     /* the verb */
	const tb_pattern *pattern;         /* NULL: the verb's own code */
	const tb_verb *verb;
	const char *verb_rule;
	uint8_t sub, dom;
} tb_event;

enum { TB_OUT_EVENTS, TB_OUT_NONE, TB_OUT_DISCARD, TB_OUT_COMPLEX, TB_OUT_SHORT, TB_OUT_STORYDISCARD };

typedef struct tb_result {
	int status;            /* TB_OUT_*: events (maybe none), discarded, complex, too short */
	const char *why;       /* for complex: which condition */
	tb_event *ev;
	size_t nev;
	int32_t date;          /* yyyymmdd after time shifting */
	int shifted;
} tb_result;

/* A coder's per-thread state: an arena reset per sentence and the FORWARD
 * memory (the previous record's first actor). */
typedef struct tb_state {
	dy_arena arena;
	const tb_options *opt; /* NULL: the dictionary's */
	char prev_story[64];
	long prev_sent;
	const char *prev_actor;
	int have_prev;
	void *scratch;         /* the sentence being coded (large: kept between calls) */
} tb_state;

void tb_state_init(tb_state *st);
void tb_state_release(tb_state *st);

/* Codes one sentence or record: text[start..end) of the document text, on
 * date yyyymmdd (0: unknown), id for FORWARD (may be NULL). The result's
 * arrays live in st->arena until the next call. trace, when not NULL,
 * receives the parse and the rules that fired. */
void tb_code_text(const tb_dict *d, tb_state *st, const char *text, uint32_t start, uint32_t end, int32_t date,
		  const char *id, tb_result *out, dy_buf *trace);

/* ---- TABARI text files (manual 4.3) ------------------------------------------------- */

/* A record: a line starting with a digit (after a blank line or at the
 * start) holds the date and an id; the text follows up to a blank line.
 * Other blocks are comments. */
typedef struct tb_record {
	const char *date, *id, *body; /* into the buffer; body: the raw lines */
	size_t date_n, id_n, body_n;
	long line;                     /* of the date line, 1-based */
	long body_line;
} tb_record;

/* Splits buf into records; *out is malloc'ed. */
size_t tb_split_records(const char *buf, size_t n, tb_record **out);
/* The text to code: the body without comments and "\n" marks (and, for
 * validation, without the {...} expectations). Appends to b. */
void tb_record_text(const tb_record *r, int strip_braces, dy_buf *b);

/* ---- parse trees (PETRARCH records) ------------------------------------------------ */

/* A TreeBank tree: nodes in an array, each with its first child and next
 * sibling; preterminals carry the word. */
typedef struct tb_node {
	const char *label;     /* "NP", "VBD", ... (NUL-terminated) */
	const char *word;      /* preterminals: the word; else NULL */
	int parent, child, next;
	int leaf;              /* preterminals: the leaf index; else -1 */
	int lfirst, llast;     /* the leaves under the node */
} tb_node;

typedef struct tb_tree {
	tb_node *n;
	int nn, nleaves;
	int root;
} tb_tree;

/* Parses "(ROOT (S (NP (NNP Karvonia)) ...))" into t (nodes in arena a).
 * Returns 0, or DY_ESYNTAX when the brackets do not balance or a node is
 * malformed (PETRARCH's "bad_input_parse"). */
int tb_tree_parse(dy_arena *a, const char *s, size_t n, tb_tree *t);

/* What PETRARCH does differently when it codes a parse (petrarch.h). */
typedef struct tb_petr {
	int require_dyad;      /* 0: events with a missing actor get "---" */
	int new_actor_length;  /* > 0: noun phrases of up to this many words are actors */
} tb_petr;

/* Codes a parsed sentence as PETRARCH would: the tree's words (not the
 * text), verbs only where the tree has a verb, actors and agents combined
 * per noun phrase, conjunctions in noun phrases as compounds. text[start..
 * end) is the sentence, for offsets. */
void tb_code_tree(const tb_dict *d, tb_state *st, const tb_tree *tree, const char *text, uint32_t start,
		  uint32_t end, int32_t date, const tb_petr *pe, tb_result *out, dy_buf *trace);

/* Dates: "YYMMDD" (00-30 is 20xx) or "YYYYMMDD" -> yyyymmdd, 0 when invalid. */
int32_t tb_date(const char *s, size_t n, int yyyy);
int32_t tb_date_add(int32_t ymd, int days);

#endif
