/* text.h - documents, tokens and sentences.
 *
 * A dy_doc (dyad.h) is what a reader produced: metadata and the text. dy_text_split()
 * turns the text into tokens and sentences. Tokens do not copy the text:
 * start/end are byte offsets into dy_text.text, which is the document text
 * itself whenever it was valid NFC UTF-8 (nearly always) and otherwise a
 * repaired copy (invalid bytes replaced by U+FFFD, NFC applied).
 * Everything a dy_text points to lives in the arena given to dy_text_split.
 */
#ifndef DY_TEXT_H
#define DY_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/error.h"
#include "dyad.h"


enum {
	DY_TOK_CAP = 1 << 0,     /* first letter upper case */
	DY_TOK_ALLCAP = 1 << 1,  /* two or more letters, all upper case */
	DY_TOK_PUNCT = 1 << 2,   /* punctuation only */
	DY_TOK_NUM = 1 << 3,     /* a number (digits, maybe , . inside) */
	DY_TOK_QOPEN = 1 << 4,   /* an opening quotation mark */
	DY_TOK_QCLOSE = 1 << 5,  /* a closing quotation mark */
	DY_TOK_PARA = 1 << 6,    /* first token of a paragraph */
	DY_TOK_INQUOTE = 1 << 7, /* inside a direct quotation */
};

typedef struct dy_token {
	uint32_t start, end; /* byte offsets into dy_text.text */
	const char *form;    /* as the tagger wants it: case kept; ’ → ', “ → ``, ” → '', – — → -- */
	const char *lower;   /* form, lower-cased */
	const char *lemma;   /* set by dy_lemmatize: lower case, American spelling */
	uint8_t tag;         /* DY_TAG_*, set by dy_tag */
	uint8_t flags;       /* DY_TOK_* */
	uint16_t wc;         /* DY_WC_* function-word classes, set by dy_wordclass_assign */
} dy_token;

/* Function-word classes, so that later stages test a bit instead of
 * comparing strings (wordclass.c lists the words). */
enum {
	DY_WC_CLAUSE = 1 << 0,  /* that, which, who, while, because, but, when, ... */
	DY_WC_NEG = 1 << 1,     /* not, n't, never, no */
	DY_WC_BY = 1 << 2,      /* by */
	DY_WC_AND = 1 << 3,     /* and */
	DY_WC_THE = 1 << 4,     /* the */
	DY_WC_IT = 1 << 5,      /* it, its */
	DY_WC_THEY = 1 << 6,    /* they, their, them */
	DY_WC_HE = 1 << 7,      /* he, his, him, she, her */
	DY_WC_SUBORD = 1 << 8,  /* that, whether, if, because, as, since, ... */
	DY_WC_PLACE = 1 << 9,   /* in, at, near, outside, across, inside, ... */
	DY_WC_OF = 1 << 10,     /* of */
	DY_WC_FOR = 1 << 11,    /* for */
	DY_WC_NOM = 1 << 12,    /* they, he, she: never objects */
	DY_WC_POSSPRON = 1 << 13, /* its, their, his, her */
	DY_WC_AUX = 1 << 14,    /* forms of be, have, do, get */
	DY_WC_TO = 1 << 15,     /* to */
};

/* Prepares the word-class table; call once before any thread uses it
 * (dy_coder_load does). */
void dy_wordclass_init(void);
/* Sets toks[i].wc from the lower-case forms. */
void dy_wordclass_assign(dy_token *toks, size_t n);

typedef struct dy_sentence {
	uint32_t start, end;   /* byte offsets of the sentence in dy_text.text */
	uint32_t first, count; /* tokens toks[first .. first + count) */
	uint32_t para;         /* 0-based paragraph index */
} dy_sentence;

typedef struct dy_text {
	const char *text; /* the text the offsets refer to */
	size_t len;
	dy_token *toks;
	size_t ntoks;
	dy_sentence *sents;
	size_t nsents;
	size_t repairs;       /* invalid UTF-8 sequences replaced */
	size_t first_repair;  /* byte offset (in the input) of the first one */
} dy_text;

/* Normalises (invalid UTF-8 → U+FFFD, NFC), tokenises and splits into
 * sentences. Never fails on any byte sequence; returns 0, or DY_EEMPTY when
 * the text has no tokens at all. */
int dy_text_split(dy_arena *a, const char *text, size_t len, dy_text *out);

/* More about dy_text_split:
 * - form and lower are always NUL-terminated strings in the arena (never
 *   pointers into the text, which has no NUL after a token); lower == form
 *   when lower-casing changes nothing. Fixed forms ("``", "--") may be
 *   string constants. tag is DY_TAG_NONE and lemma NULL on return.
 * - Paragraphs: a blank line always separates paragraphs; a single newline
 *   does too, unless the text looks hard-wrapped (lines that stop inside a
 *   sentence and go on in lower case), where it is a space.
 * - Sentences end at . ! ? ... (and any closing quotation marks and
 *   brackets after them) before a capitalised word, a digit or an opening
 *   mark; at a paragraph break; and after an abbreviation that may end a
 *   sentence (U.S., Inc., Jan., an initial "J.") only before a common
 *   sentence starter (The, It, He, In, But ...). A sentence longer than
 *   DY_TEXT_MAX_SENTENCE tokens is cut there.
 * - Tokens follow the Penn Treebank: clitics split ("Russia" "'s", "do"
 *   "n't", "ca" "n't", "can" "not"), hyphenated words kept whole
 *   ("ISIS-K"), abbreviations keep their period ("U.S.", "Gen."), and
 *   "U.S.-led" is "U.S." "-" "led". A URL is one token.
 * - Quotation marks: “ „ « and `` open, ” » and '' close (unless their
 *   place says clearly otherwise, as the “ in German „Ja“), and a straight
 *   " opens after white space or an opening bracket and closes otherwise
 *   (the quotation state decides when both fit). DY_TOK_INQUOTE marks the
 *   tokens between double marks (not the marks themselves), carried across
 *   sentences and into a next paragraph that opens with a mark again.
 *   Single marks (‘ ’ ' `) get QOPEN/QCLOSE when they are clearly used as
 *   quotation marks, but do not start an INQUOTE region. */
#define DY_TEXT_MAX_SENTENCE 512

#endif
