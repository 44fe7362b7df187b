/* tag.h - part-of-speech tagging and lemmas.
 *
 * dy_tagger is an HMM tagger over the Penn Treebank model that Debian ships
 * in liblingua-en-tagger-perl (words.yml: word -> tag counts; tags.yml:
 * tag -> next-tag probabilities; unknown.yml: classes for unknown words),
 * decoded with Viterbi in C. dy_lexicon holds WordNet's exception lists and
 * base forms (wordnet-base) and folds British spellings to American ones.
 *
 * Both are loaded once and then only read, so threads may share them; the
 * per-call scratch memory comes from the arena the caller passes.
 */
#ifndef DY_TAG_H
#define DY_TAG_H

#include <stddef.h>

#include "base/arena.h"
#include "base/error.h"
#include "tag/tagset.h"
#include "text/text.h"

#define DY_TAGGER_DIR "/usr/share/perl5/Lingua/EN/Tagger"
#define DY_WORDNET_DIR "/usr/share/wordnet"

typedef struct dy_tagger dy_tagger;
typedef struct dy_lexicon dy_lexicon;

/* Loads the model from dir (NULL: DY_TAGGER_DIR, or $DYAD_TAGGER_DIR).
 * Returns NULL and fills err when a file is missing or malformed. */
dy_tagger *dy_tagger_load(const char *dir, dy_error *err);
void dy_tagger_free(dy_tagger *t);
/* Whether the model has seen the word (as written, or with a lower-case first letter). */
int dy_tagger_knows(const dy_tagger *t, const char *form);
/* Sets toks[i].tag for one sentence (n tokens, form/lower/flags set). */
void dy_tag(const dy_tagger *t, dy_arena *scratch, dy_token *toks, size_t n);

/* Loads WordNet from dir (NULL: DY_WORDNET_DIR, or $DYAD_WORDNET_DIR). */
dy_lexicon *dy_lexicon_load(const char *dir, dy_error *err);
void dy_lexicon_free(dy_lexicon *lx);
/* Sets toks[i].lemma for tagged tokens. The lemma is lower case, in
 * American spelling ("recognised" -> "recognize", "defence" -> "defense",
 * "talks" -> "talk", "met" -> "meet", "officials" -> "official"). */
void dy_lemmatize(const dy_lexicon *lx, dy_arena *a, dy_token *toks, size_t n);
/* Rewrites the form and lower-case form of British-spelled tokens to the
 * American spelling ("recognise" -> "recognize") before tagging, so that
 * the tagger, trained on American text, knows them. Words the tagger
 * knows as they are (t may be NULL) are left alone. Offsets are unchanged. */
void dy_spelling_fold_forms(const dy_lexicon *lx, const dy_tagger *t, dy_arena *a, dy_token *toks, size_t n);
/* The lemma of one lower-case word for a tag (DY_TAG_VB..., DY_TAG_NN...; or
 * DY_TAG_NONE to try verb, then noun, then adjective). The result is
 * interned in the lexicon or copied into a; never NULL. */
const char *dy_lemma(const dy_lexicon *lx, dy_arena *a, const char *word, size_t len, int tag);
/* American spelling of a lower-case word ("organisation" -> "organization");
 * returns the word itself (copied into a) when there is nothing to fold. */
const char *dy_spelling_us(const dy_lexicon *lx, dy_arena *a, const char *word, size_t len);

#endif
