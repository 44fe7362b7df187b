/* tagged.h - what the unit tests of the stages after tagging (dates,
 * places, counts) share: the tagger and lexicon, loaded once and NULL when
 * the model is not installed (NEED_TAGGER() then skips the test), and a
 * sentence split and tagged into T as the pipeline does it. Include after
 * test.h. */
#ifndef DY_TEST_TAGGED_H
#define DY_TEST_TAGGED_H

#include <string.h>

#include "tag/tag.h"
#include "text/text.h"

static dy_tagger *tagger;
static dy_lexicon *lexicon;
static dy_arena arena;
static dy_text T;

#define NEED_TAGGER()                                                                  \
	do {                                                                               \
		if (!tagger)                                                                   \
			SKIP("the tagger's model (liblingua-en-tagger-perl) is not installed"); \
	} while (0)

/* Loads the tagger and the lexicon (both or neither). */
static void tagged_load(void)
{
	dy_error err;
	dy_wordclass_init();
	dy_arena_init(&arena);
	tagger = dy_tagger_load(NULL, &err);
	lexicon = tagger ? dy_lexicon_load(NULL, &err) : NULL;
	if (!lexicon && tagger) {
		dy_tagger_free(tagger);
		tagger = NULL;
	}
}

static void tagged_release(void)
{
	dy_arena_release(&arena);
	if (lexicon)
		dy_lexicon_free(lexicon);
	if (tagger)
		dy_tagger_free(tagger);
}

/* Splits text into T (emptied first) and folds, tags, lemmatises and
 * classifies its tokens; 0 when the text does not split. */
static int tagged_split(const char *text)
{
	dy_arena_reset(&arena);
	memset(&T, 0, sizeof(T));
	if (dy_text_split(&arena, text, strlen(text), &T) < 0)
		return 0;
	dy_spelling_fold_forms(lexicon, tagger, &arena, T.toks, T.ntoks);
	dy_tag(tagger, &arena, T.toks, T.ntoks);
	dy_lemmatize(lexicon, &arena, T.toks, T.ntoks);
	dy_wordclass_assign(T.toks, T.ntoks);
	return 1;
}

#endif
