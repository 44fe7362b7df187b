/* test_text.c - dy_text_split: normalisation, tokens, sentences, quotations. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test.h"
#include "text/text.h"

static dy_arena arena;
static dy_text T;
static int split_rc;

/* Checks what must hold for every result: tokens in order, inside the
 * text, never empty; form and lower set; sentences cover the tokens in
 * order, their offsets those of their first and last token. */
static void check_invariants(void)
{
	uint32_t prev_end = 0;
	for (size_t i = 0; i < T.ntoks; i++) {
		const dy_token *t = &T.toks[i];
		CHECK(t->start < t->end);
		CHECK(t->end <= T.len);
		CHECK(t->start >= prev_end);
		CHECK(t->form && t->form[0]);
		CHECK(t->lower && t->lower[0]);
		CHECK(t->lemma == NULL);
		CHECK_INT(t->tag, 0);
		prev_end = t->end;
		if (test_failed_checks > 20)
			return;
	}
	size_t next = 0;
	for (size_t s = 0; s < T.nsents; s++) {
		const dy_sentence *S = &T.sents[s];
		CHECK_INT(S->first, next);
		CHECK(S->count > 0);
		CHECK(S->count <= DY_TEXT_MAX_SENTENCE);
		CHECK_INT(S->start, T.toks[S->first].start);
		CHECK_INT(S->end, T.toks[S->first + S->count - 1].end);
		if (s)
			CHECK(S->para >= T.sents[s - 1].para);
		next = S->first + S->count;
		if (test_failed_checks > 20)
			return;
	}
	CHECK_INT(next, T.ntoks);
}

static void split(const char *s)
{
	dy_arena_reset(&arena);
	split_rc = dy_text_split(&arena, s, strlen(s), &T);
	check_invariants();
}

/* The forms, space-separated, with "|" between sentences. */
static const char *forms(void)
{
	static char buf[8192];
	size_t o = 0;
	buf[0] = '\0';
	for (size_t s = 0; s < T.nsents; s++) {
		const dy_sentence *S = &T.sents[s];
		for (size_t i = S->first; i < S->first + S->count; i++)
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", o ? " " : "", T.toks[i].form);
		if (s + 1 < T.nsents)
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, " |");
	}
	return buf;
}

/* The original text of token i. */
static const char *orig(size_t i)
{
	static char buf[256];
	size_t n = T.toks[i].end - T.toks[i].start;
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, T.text + T.toks[i].start, n);
	buf[n] = '\0';
	return buf;
}

/* Index of the first token whose form is f; fails the test (and returns
 * the index of a harmless zeroed token) when there is none. */
static long find_at(const char *f, int line)
{
	for (size_t i = 0; i < T.ntoks; i++)
		if (!strcmp(T.toks[i].form, f))
			return (long)i;
	test_failed_checks++;
	printf("#   %s:%d: no token '%s' in: %s\n", __FILE__, line, f, forms());
	static dy_token none;
	static const char empty[] = "";
	none.form = none.lower = empty;
	return &none - T.toks;
}
#define find(f) find_at((f), __LINE__)

TEST(words_numbers_punctuation)
{
	const char *s = "Moscow on Monday paid $1,200 (3.5%) in 2024, officials said.";
	split(s);
	CHECK_INT(split_rc, 0);
	CHECK_STR(forms(), "Moscow on Monday paid $ 1,200 ( 3.5 % ) in 2024 , officials said .");
	CHECK(T.text == s); /* ASCII: no copy */
	for (size_t i = 0; i < T.ntoks; i++)
		CHECK_STR(orig(i), T.toks[i].form);
	CHECK_INT(T.toks[0].start, 0);
	CHECK_INT(T.toks[0].end, 6);
	long k = find("1,200");
	CHECK(k >= 0 && (T.toks[k].flags & DY_TOK_NUM));
	CHECK(T.toks[find("3.5")].flags & DY_TOK_NUM);
	CHECK(T.toks[find("2024")].flags & DY_TOK_NUM);
	CHECK(T.toks[find("$")].flags & DY_TOK_PUNCT);
	CHECK(!(T.toks[find("officials")].flags & (DY_TOK_CAP | DY_TOK_PUNCT | DY_TOK_NUM)));
	CHECK(T.toks[0].flags & DY_TOK_CAP);
	CHECK(!(T.toks[0].flags & DY_TOK_ALLCAP));
	CHECK_STR(T.toks[0].lower, "moscow");
	CHECK(T.toks[find("on")].lower == T.toks[find("on")].form);
	CHECK_INT(T.nsents, 1);
}

TEST(hyphens_and_abbreviation_tokens)
{
	split("ISIS-K and high-level U.S.-led talks, COVID-19 at 10:30 on 9/11 with AT&T.");
	CHECK_STR(forms(), "ISIS-K and high-level U.S. - led talks , COVID-19 at 10:30 on 9/11 with AT&T .");
	long k = find("ISIS-K");
	CHECK(T.toks[k].flags & DY_TOK_ALLCAP);
	CHECK(T.toks[find("U.S.")].flags & DY_TOK_ALLCAP);
	CHECK_STR(T.toks[find("U.S.")].lower, "u.s.");
}

TEST(clitics_both_apostrophes)
{
	split("Russia's don't they're I'm we've it'll she'd can't won't cannot");
	CHECK_STR(forms(), "Russia 's do n't they 're I 'm we 've it 'll she 'd ca n't wo n't can not");
	split("Russia\xE2\x80\x99s don\xE2\x80\x99t they\xE2\x80\x99re RUSSIA\xE2\x80\x99S O\xE2\x80\x99" "Brien");
	CHECK_STR(forms(), "Russia 's do n't they 're RUSSIA 'S O'Brien");
	CHECK_STR(orig(1), "\xE2\x80\x99s");
	CHECK_STR(orig(3), "n\xE2\x80\x99t");
	CHECK_STR(T.toks[find("'S")].lower, "'s");
	CHECK_STR(orig((size_t)find("O'Brien")), "O\xE2\x80\x99" "Brien");
	/* a possessive plural and an internal apostrophe */
	split("the allies' plan in '90s rock'n'roll by O'Neill");
	CHECK_STR(forms(), "the allies ' plan in '90s rock'n'roll by O'Neill");
}

TEST(quotation_marks)
{
	split("\xE2\x80\x9CWe will go,\xE2\x80\x9D he said. \"Now,\" she said, \"or never.\"");
	CHECK_STR(forms(), "`` We will go , '' he said . | `` Now , '' she said , `` or never . ''");
	CHECK(T.toks[0].flags & DY_TOK_QOPEN);
	CHECK(T.toks[find("''")].flags & DY_TOK_QCLOSE);
	CHECK_STR(orig(0), "\xE2\x80\x9C");
	CHECK(T.toks[find("We")].flags & DY_TOK_INQUOTE);
	CHECK(!(T.toks[find("he")].flags & DY_TOK_INQUOTE));
	CHECK(!(T.toks[0].flags & DY_TOK_INQUOTE)); /* marks are not inside */
	CHECK(T.toks[find("never")].flags & DY_TOK_INQUOTE);
	CHECK(!(T.toks[find("she")].flags & DY_TOK_INQUOTE));
	/* dashes and ellipses */
	split("Talks \xE2\x80\x93 and more \xE2\x80\x94 ended -- then ... or\xE2\x80\xA6 not");
	CHECK_STR(forms(), "Talks -- and more -- ended -- then ... or ... not");
	/* single quotes */
	split("He called it 'a mistake' and left.");
	CHECK(T.toks[find("'")].flags & DY_TOK_QOPEN);
	CHECK(T.toks[find("and") - 1].flags & DY_TOK_QCLOSE);
	CHECK(!(T.toks[find("a")].flags & DY_TOK_INQUOTE));
	/* « » and „ open and close too */
	split("\xC2\xAB" "Oui\xC2\xBB, dit-il. \xE2\x80\x9EJa\xE2\x80\x9C");
	CHECK_STR(forms(), "`` Oui '' , dit-il . | `` Ja ''");
	/* a mark drawn the wrong way round is taken by its place */
	split("\xE2\x80\x9DHello,\xE2\x80\x9D he said.");
	CHECK_STR(forms(), "`` Hello , '' he said .");
	CHECK(T.toks[find("Hello")].flags & DY_TOK_INQUOTE);
}

TEST(abbreviations_do_not_split)
{
	split("U.S. officials met Mr. Smith, Gen. Jones and Dr. Lee on Jan. 5 in St. Louis at 3 p.m. and "
	      "paid 3.5 million, e.g. for No. 10. J. Smith and A. B. Jones agreed.");
	CHECK_STR(forms(), "U.S. officials met Mr. Smith , Gen. Jones and Dr. Lee on Jan. 5 in St. Louis at 3 p.m. and "
			   "paid 3.5 million , e.g. for No. 10 . | J. Smith and A. B. Jones agreed .");
	CHECK_INT(T.nsents, 2);
	/* "No" without a number is a word */
	split("He said No. Then he left.");
	CHECK_STR(forms(), "He said No . | Then he left .");
	/* May is a month without a period */
	split("It happened in May. Then it ended.");
	CHECK_INT(T.nsents, 2);
}

TEST(sentence_splits)
{
	split("The talks ended. \"We will return,\" he said. Why? \xE2\x80\x9CNo.\xE2\x80\x9D She left! "
	      "(It rained.) 2024 was hard. the end.");
	CHECK_STR(forms(), "The talks ended . | `` We will return , '' he said . | Why ? | `` No . '' | She left ! | "
			   "( It rained . ) | 2024 was hard . the end .");
	/* a closing mark after the period belongs to the sentence */
	split("He said \"go.\" Then he went.");
	CHECK_STR(forms(), "He said `` go . '' | Then he went .");
	CHECK_INT(T.sents[0].end, 13);
	/* ?/! inside a quotation before a lower-case word does not split */
	split("\xE2\x80\x9CWhy?\xE2\x80\x9D he asked.");
	CHECK_INT(T.nsents, 1);
	/* decimals and initials */
	split("Growth was 3.5 percent. A. Smith said so.");
	CHECK_STR(forms(), "Growth was 3.5 percent . | A. Smith said so .");
}

TEST(us_at_sentence_end)
{
	split("They flew to the U.S. The talks ended.");
	CHECK_STR(forms(), "They flew to the U.S. | The talks ended .");
	split("The U.S. Army and the U.S. Senate met U.N. officials.");
	CHECK_INT(T.nsents, 1);
	split("Acme Inc. said it would. Acme Inc. It was over.");
	CHECK_STR(forms(), "Acme Inc. said it would . | Acme Inc. | It was over .");
	/* Mr. never ends a sentence; at a paragraph end any abbreviation does */
	split("Ask Mr. The Man.");
	CHECK_INT(T.nsents, 1);
	split("They went to the U.S.\nRussia said no.");
	CHECK_INT(T.nsents, 2);
}

TEST(paragraphs_and_quotations)
{
	const char *s = "They add: \xE2\x80\x9C" "First part.\n"
			"\xE2\x80\x9C" "Second part. More of it.\xE2\x80\x9D\n"
			"After that, nothing.\n"
			"\xE2\x80\x9CNever closed.\n"
			"Plain again.";
	split(s);
	CHECK_STR(forms(), "They add : `` First part . | `` Second part . | More of it . '' | After that , nothing . | "
			   "`` Never closed . | Plain again .");
	CHECK_INT(T.nsents, 6);
	static const uint32_t paras[] = {0, 1, 1, 2, 3, 4};
	for (size_t i = 0; i < T.nsents && i < 6; i++)
		CHECK_INT(T.sents[i].para, paras[i]);
	CHECK(T.toks[0].flags & DY_TOK_PARA);
	CHECK(!(T.toks[0].flags & DY_TOK_INQUOTE));
	CHECK(T.toks[find("First")].flags & DY_TOK_INQUOTE);
	long k = find("Second");
	CHECK(T.toks[k - 1].flags & DY_TOK_PARA);
	CHECK(T.toks[k - 1].flags & DY_TOK_QOPEN);
	CHECK(T.toks[k].flags & DY_TOK_INQUOTE);
	CHECK(T.toks[find("More")].flags & DY_TOK_INQUOTE); /* across sentences */
	CHECK(!(T.toks[find("After")].flags & DY_TOK_INQUOTE));
	CHECK(T.toks[find("Never")].flags & DY_TOK_INQUOTE);
	CHECK(!(T.toks[find("Plain")].flags & DY_TOK_INQUOTE)); /* reset */
	CHECK(T.toks[find("Plain")].flags & DY_TOK_PARA);
	/* straight quotes alternate by position across paragraphs as well */
	split("\"Open here.\n\"Still open.\"\nOut.");
	CHECK(T.toks[find("Still")].flags & DY_TOK_INQUOTE);
	CHECK(!(T.toks[find("Out")].flags & DY_TOK_INQUOTE));
	/* blank lines, CRLF */
	split("One.\r\n\r\nTwo.\r\nThree.");
	CHECK_INT(T.nsents, 3);
	CHECK_INT(T.sents[2].para, 2);
}

TEST(hard_wrapped_text)
{
	split("Officials in Kabul said on Monday that the talks with\n"
	      "the delegation had ended without any agreement on\n"
	      "the border. They will meet again in\n"
	      "the spring.\n"
	      "\n"
	      "A second paragraph follows.");
	CHECK_INT(T.nsents, 3);
	CHECK_INT(T.sents[0].para, 0);
	CHECK_INT(T.sents[1].para, 0);
	CHECK_INT(T.sents[2].para, 1);
	/* one paragraph a line, and a headline without a period */
	split("Russia recognises the Taliban\nMoscow said so on Friday.\nKabul welcomed it.");
	CHECK_INT(T.nsents, 3);
	CHECK_INT(T.sents[2].para, 2);
}

TEST(invalid_utf8_repaired)
{
	const char s[] = "ab\xFF" "cd \xE2\x82 ef \xC3";
	dy_arena_reset(&arena);
	CHECK_INT(dy_text_split(&arena, s, sizeof(s) - 1, &T), 0);
	check_invariants();
	CHECK_INT(T.repairs, 3);
	CHECK_INT(T.first_repair, 2);
	CHECK(T.text != s);
	CHECK_STR(T.text, "ab\xEF\xBF\xBD" "cd \xEF\xBF\xBD ef \xEF\xBF\xBD");
	CHECK_INT(T.len, strlen(T.text));
	CHECK_STR(forms(), "ab\xEF\xBF\xBD" "cd \xEF\xBF\xBD ef \xEF\xBF\xBD");
	/* overlong, surrogate and out-of-range forms */
	const char o[] = "x \xC0\xAF \xED\xA0\x80 \xF4\x90\x80\x80 y";
	dy_arena_reset(&arena);
	CHECK_INT(dy_text_split(&arena, o, sizeof(o) - 1, &T), 0);
	check_invariants();
	CHECK_INT(T.first_repair, 2);
	CHECK(T.repairs >= 3);
	/* every byte value in every position: no crash */
	char all[512];
	for (int i = 0; i < 512; i++)
		all[i] = (char)(i * 7 + (i >> 3));
	dy_arena_reset(&arena);
	dy_text_split(&arena, all, sizeof(all), &T);
	check_invariants();
	CHECK(T.repairs > 0);
}

TEST(nfd_normalised_to_nfc)
{
	const char *s = "Cafe\xCC\x81 in Ko\xCC\x88ln";
	split(s);
	CHECK(T.text != s);
	CHECK_STR(T.text, "Caf\xC3\xA9 in K\xC3\xB6ln");
	CHECK_STR(forms(), "Caf\xC3\xA9 in K\xC3\xB6ln");
	CHECK_INT(T.repairs, 0);
	/* NFC input with accents and typographic marks is used as it is */
	const char *n = "Caf\xC3\xA9 \xE2\x80\x9CK\xC3\xB6ln\xE2\x80\x9D \xC3\x89" "COLE";
	split(n);
	CHECK(T.text == n);
	CHECK(T.toks[find("\xC3\x89" "COLE")].flags & DY_TOK_ALLCAP);
	CHECK_STR(T.toks[find("\xC3\x89" "COLE")].lower, "\xC3\xA9" "cole");
	/* a singleton decomposition (Angstrom sign) is changed */
	split("\xE2\x84\xAB");
	CHECK_STR(T.text, "\xC3\x85");
}

TEST(empty_text)
{
	split("");
	CHECK_INT(split_rc, DY_EEMPTY);
	CHECK_INT(T.ntoks, 0);
	CHECK_INT(T.nsents, 0);
	split("  \n\t\r\n  \xC2\xA0 ");
	CHECK_INT(split_rc, DY_EEMPTY);
	CHECK_INT(T.ntoks, 0);
	dy_arena_reset(&arena);
	CHECK_INT(dy_text_split(&arena, NULL, 0, &T), DY_EEMPTY);
}

TEST(long_sentence_is_cut)
{
	size_t n = 3000 * 5;
	char *s = malloc(n + 1);
	for (size_t i = 0; i < n; i += 5)
		memcpy(s + i, "word ", 5);
	s[n] = '\0';
	split(s);
	CHECK_INT(T.ntoks, 3000);
	CHECK_INT(T.nsents, (3000 + DY_TEXT_MAX_SENTENCE - 1) / DY_TEXT_MAX_SENTENCE);
	free(s);
}

TEST(ten_megabytes_without_spaces)
{
	size_t n = 10u << 20;
	char *s = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		s[i] = "abcdefghij"[i % 10];
	s[n] = '\0';
	clock_t t0 = clock();
	split(s);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK_INT(split_rc, 0);
	CHECK_INT(T.ntoks, 1);
	CHECK_INT(T.toks[0].end, n);
	CHECK(secs < 5);
	/* and a megabyte of punctuation, dots and hyphens */
	n = 1u << 20;
	static const char pat[] = "a.b-c,'\"!?...--(x)\xE2\x80\x9C J.";
	for (size_t i = 0; i < n; i++)
		s[i] = pat[i % (sizeof(pat) - 1)];
	s[n] = '\0';
	t0 = clock();
	dy_arena_reset(&arena);
	dy_text_split(&arena, s, n, &T);
	check_invariants();
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(T.ntoks > 100000);
	CHECK(secs < 5);
	free(s);
}

TEST(speed)
{
	/* Prints the speed on ASCII news-like text; checks only that it is
	 * not absurdly slow (sanitizer builds are much slower). */
	static const char *para =
		"Officials in Kabul said on Monday that the delegation, led by Deputy Foreign Minister "
		"J. Smith, had met U.S. and U.N. envoys for talks on security, trade and the return of "
		"1,200 refugees. \"We don't expect a deal soon,\" one official said, adding that the "
		"group's demands were \"not realistic.\" Russia's envoy did not comment.\n";
	size_t pl = strlen(para), reps = 4000, n = pl * reps;
	char *s = malloc(n + 1);
	for (size_t i = 0; i < reps; i++)
		memcpy(s + i * pl, para, pl);
	s[n] = '\0';
	dy_arena_reset(&arena);
	clock_t t0 = clock();
	int rounds = 0;
	size_t toks = 0;
	do {
		dy_arena_reset(&arena);
		dy_text_split(&arena, s, n, &T);
		toks += T.ntoks;
		rounds++;
	} while (clock() - t0 < CLOCKS_PER_SEC / 2);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	printf("# split: %.1f M tokens/s, %.0f MB/s (%zu bytes, %zu tokens, %zu sentences)\n", toks / secs / 1e6,
	       (double)n * rounds / secs / 1e6, n, T.ntoks, T.nsents);
	CHECK(toks / secs > 1e5);
	free(s);
}

int main(void)
{
	dy_arena_init(&arena);
	RUN(words_numbers_punctuation);
	RUN(hyphens_and_abbreviation_tokens);
	RUN(clitics_both_apostrophes);
	RUN(quotation_marks);
	RUN(abbreviations_do_not_split);
	RUN(sentence_splits);
	RUN(us_at_sentence_end);
	RUN(paragraphs_and_quotations);
	RUN(hard_wrapped_text);
	RUN(invalid_utf8_repaired);
	RUN(nfd_normalised_to_nfc);
	RUN(empty_text);
	RUN(long_sentence_is_cut);
	RUN(ten_megabytes_without_spaces);
	RUN(speed);
	dy_arena_release(&arena);
	return TEST_DONE();
}
