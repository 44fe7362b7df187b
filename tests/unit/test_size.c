/* test_size.c - counts of the dead, injured and arrested (event/size.h), on
 * sentences split and tagged as the pipeline does; skips without the
 * tagger's model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event/size.h"
#include "tag/tag.h"
#include "test.h"
#include "tagged.h"
#include "text/text.h"


/* The counts of text as "killed 30 (more than); injured 24 (dozens)". */
static const char *counts(const char *text)
{
	static char out[512];
	static const char *const kinds[] = {"killed", "injured", "arrested"};
	out[0] = '\0';
	if (!tagged_split(text))
		return "(no text)";
	dy_count c[DY_COUNT_MAX];
	size_t nc = dy_counts_find(T.toks, T.ntoks, c, DY_COUNT_MAX);
	for (size_t k = 0; k < nc; k++) {
		size_t l = strlen(out);
		snprintf(out + l, sizeof(out) - l, "%s%s %ld%s%s%s", k ? "; " : "", kinds[c[k].kind], c[k].n,
			 c[k].qualifier ? " (" : "", c[k].qualifier ? c[k].qualifier : "", c[k].qualifier ? ")" : "");
	}
	return out;
}

TEST(verb_then_number)
{
	NEED_TAGGER();
	CHECK_STR(counts("The attack killed 30 people."), "killed 30");
	CHECK_STR(counts("Gunmen killed at least 12 soldiers in Kunduz."), "killed 12 (at least)");
	CHECK_STR(counts("Police arrested 11 suspects."), "arrested 11");
	CHECK_STR(counts("The blast wounded dozens."), "injured 24 (dozens)");
	CHECK_STR(counts("The bombing killed 4 and wounded more than 50."), "killed 4; injured 50 (more than)");
	CHECK_STR(counts("Security forces detained some 200 protesters."), "arrested 200 (about)");
}

TEST(number_then_word)
{
	NEED_TAGGER();
	CHECK_STR(counts("Thirty-five people were killed in the attack."), "killed 35");
	CHECK_STR(counts("More than 140 people died."), "killed 140 (more than)");
	CHECK_STR(counts("The assault left more than 140 people who were in the concert hall dead."),
		  "killed 140 (more than)");
	CHECK_STR(counts("The clashes left 40 dead and 50 injured."), "killed 40; injured 50");
	CHECK_STR(counts("Dozens of civilians were wounded."), "injured 24 (dozens)");
	CHECK_STR(counts("The fighting caused 1,200 deaths."), "killed 1200");
	CHECK_STR(counts("The death toll rose to 61."), "killed 61");
	CHECK_STR(counts("Two hundred people were arrested."), "arrested 200");
	CHECK_STR(counts("A dozen people were hurt."), "injured 12 (a dozen)");
}

TEST(not_counts)
{
	NEED_TAGGER();
	CHECK_STR(counts("No one was killed."), "");
	CHECK_STR(counts("The attack in 2014 killed nobody."), "");
	CHECK_STR(counts("Prices rose 30 percent after the attack killed the trade."), "");
	CHECK_STR(counts("He was killed on July 4."), "");
	CHECK_STR(counts("Russia sent 30 diplomats to the talks."), "");
	CHECK_STR(counts("The 30 soldiers killed the commander."), "");
}

TEST(which_event)
{
	dy_count c = {DY_COUNT_KILLED, 30, NULL, 5, 5, 4};
	const char *codes[] = {"042", "190", "180"};
	uint32_t trigs[] = {1, 2, 8};
	CHECK_INT(dy_count_event(&c, codes, trigs, 3), 1);
	c.kind = DY_COUNT_ARRESTED;
	CHECK_INT(dy_count_event(&c, codes, trigs, 3), -1);
	const char *arrest[] = {"173", "180"};
	CHECK_INT(dy_count_event(&c, arrest, trigs, 2), 0);
	CHECK(dy_count_fits(DY_COUNT_INJURED, "175"));
	CHECK(!dy_count_fits(DY_COUNT_INJURED, "173"));
	CHECK(!dy_count_fits(DY_COUNT_KILLED, NULL));
}

int main(void)
{
	tagged_load();
	RUN(verb_then_number);
	RUN(number_then_word);
	RUN(not_counts);
	RUN(which_event);
	tagged_release();
	return TEST_DONE();
}
