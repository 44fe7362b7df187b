/* test_tag.c - the tagger (Lingua's model), the lexicon (WordNet) and the
 * tag names. The tests on real models skip when Debian's packages are not
 * installed; the tests on malformed files write their own small models.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tag/tag.h"
#include "test.h"

static dy_tagger *tagger;
static dy_lexicon *lexicon;
static char tmpdir[256];

static int have_dir(const char *d)
{
	struct stat st;
	return stat(d, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Splits s on spaces into toks (forms point into buf); returns the count. */
static size_t tokens(const char *s, char *buf, size_t bufsize, dy_token *toks, size_t max)
{
	snprintf(buf, bufsize, "%s", s);
	size_t n = 0;
	for (char *save, *w = strtok_r(buf, " ", &save); w && n < max; w = strtok_r(NULL, " ", &save)) {
		memset(&toks[n], 0, sizeof(toks[n]));
		toks[n].form = w;
		n++;
	}
	return n;
}

/* Tags s and returns the tags as "TAG TAG ..." in out. */
static const char *tags_of(const char *s, char *out, size_t outsize)
{
	char buf[1024];
	dy_token toks[128];
	dy_arena a;
	dy_arena_init(&a);
	size_t n = tokens(s, buf, sizeof(buf), toks, 128);
	dy_tag(tagger, &a, toks, n);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(out);
		snprintf(out + l, outsize - l, "%s%s", i ? " " : "", dy_tag_name(toks[i].tag));
	}
	dy_arena_release(&a);
	return out;
}

static void write_file(const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

static void remove_file(const char *name)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	unlink(path);
}

/* ---- tag names ---- */

TEST(tag_names)
{
	CHECK_STR(dy_tag_name(DY_TAG_NN), "NN");
	CHECK_STR(dy_tag_name(DY_TAG_PRPS), "PRP$");
	CHECK_STR(dy_tag_name(DY_TAG_WPS), "WP$");
	CHECK_STR(dy_tag_name(DY_TAG_END), ".");
	CHECK_STR(dy_tag_name(DY_TAG_LQUOTE), "``");
	CHECK_STR(dy_tag_name(DY_TAG_LRB), "-LRB-");
	CHECK_STR(dy_tag_name(DY_TAG_NONE), "?");
	CHECK_STR(dy_tag_name(-1), "?");
	CHECK_STR(dy_tag_name(DY_TAG_COUNT), "?");
}

/* ---- the tagger on Lingua's model ---- */

TEST(tag_sentences)
{
	char out[1024];
	if (!tagger)
		SKIP("no " DY_TAGGER_DIR " (install liblingua-en-tagger-perl)");
	CHECK_STR(tags_of("Russia recognised the Taliban government on Friday .", out, sizeof(out)),
		  "NNP VBD DT NNP NN IN NNP .");
	CHECK_STR(tags_of("The delegation was received by the president .", out, sizeof(out)),
		  "DT NN VBD VBN IN DT NN .");
	CHECK_STR(tags_of("Uzbekistan and Turkmenistan have established relations with Kabul .", out,
			  sizeof(out)),
		  "NNP CC NNP VBP VBN NNS IN NNP .");
	CHECK_STR(tags_of("Moscow responded by inviting the Taliban for talks .", out, sizeof(out)),
		  "NNP VBD IN VBG DT NNP IN NNS .");
	CHECK_STR(tags_of("He said that it would set an example .", out, sizeof(out)),
		  "PRP VBD IN PRP MD VB DT NN .");
	CHECK_STR(tags_of("They carried out the attack .", out, sizeof(out)), "PRP VBD RP DT NN .");
	CHECK_STR(tags_of("`` We will not accept this , '' the minister said .", out, sizeof(out)),
		  "`` PRP MD RB VB DT , '' DT NN VBD .");
}

TEST(tag_unknown_words)
{
	char out[1024];
	if (!tagger)
		SKIP("no " DY_TAGGER_DIR " (install liblingua-en-tagger-perl)");
	/* Numbers with commas, brackets, capitalised words, -ing and -ed words. */
	CHECK_STR(tags_of("He said 1,000 people ( mostly women ) had fled .", out, sizeof(out)),
		  "PRP VBD CD NNS -LRB- RB NNS -RRB- VBD VBN .");
	CHECK_STR(tags_of("Zhirnov met Muttaqi in 2025 .", out, sizeof(out)), "NNP VBD NNP IN CD .");
	CHECK_STR(tags_of("The troops were weaponising drones .", out, sizeof(out)), "DT NNS VBD VBG NNS .");
	CHECK_STR(tags_of("It was a Taliban-run school .", out, sizeof(out)), "PRP VBD DT JJ NN .");
	/* A sentence of symbols and a one-token sentence. */
	CHECK_STR(tags_of("@@ %%%", out, sizeof(out)), "SYM SYM");
	CHECK_STR(tags_of("Kabul", out, sizeof(out)), "NNP");
}

TEST(tag_edges)
{
	if (!tagger)
		SKIP("no " DY_TAGGER_DIR " (install liblingua-en-tagger-perl)");
	dy_arena a;
	dy_arena_init(&a);
	/* No tokens: nothing happens. */
	dy_tag(tagger, &a, NULL, 0);
	/* A very long "sentence" (no full stops in a table or list) and odd forms. */
	enum { N = 20000 };
	dy_token *toks = calloc(N, sizeof(*toks));
	static const char *const forms[] = {"the", "", "Taliban", "--", "'s", "x-", "-x", "1/2", "3rd", "A.B.", "é"};
	for (size_t i = 0; i < N; i++)
		toks[i].form = forms[i % (sizeof(forms) / sizeof(forms[0]))];
	dy_tag(tagger, &a, toks, N);
	int unset = 0;
	for (size_t i = 0; i < N; i++)
		unset += toks[i].tag == DY_TAG_NONE || toks[i].tag >= DY_TAG_COUNT;
	CHECK_INT(unset, 0);
	CHECK_INT(toks[0].tag, DY_TAG_DT);
	free(toks);
	dy_arena_release(&a);
}

/* ---- the tagger on small models of our own ---- */

static const char good_words[] = "--- #YAML:1.0\n"
				 "\"the\": { det: 100 }\n"
				 "dog: { nn: 10, vb: 1 }\n"
				 "barks: { vbz: 5, nns: 1 }\n"
				 "\"say \\\"hi\\\"\": { uh: 3 }\n"
				 "'it''s': { prp: 2 }\n"
				 "\n"
				 "# a comment\n"
				 "\".\": { pp: 50 }\r\n"
				 "\"*NUM*\": { cd: 7 }\n";
static const char good_tags[] = "--- #YAML:1.0\n"
				"pp: { det: 0.4, nn: 0.2, nnp: 0.1, uh: 0.1, prp: 0.1, cd: 0.1 }\n"
				"det: { nn: 0.9, vb: 0.1 }\n"
				"nn: { vbz: 0.6, nns: 0.1, pp: 0.3 }\n"
				"vbz: { pp: 1 }\n"
				"uh: { pp: 1 }\n"
				"cd: { nn: 1.0e0 }\n";
static const char good_unknown[] = "--- #YAML:1.0\n"
				   "\"-cap-\": { nnp: 900, nn: 100 }\n"
				   "\"-unknown-\": { nn: 875, jj: 195 }\n";

static void write_model(const char *words, const char *tags, const char *unknown)
{
	write_file("words.yml", words);
	write_file("tags.yml", tags);
	write_file("unknown.yml", unknown);
}

TEST(tagger_small_model)
{
	dy_error err;
	dy_error_clear(&err);
	write_model(good_words, good_tags, good_unknown);
	dy_tagger *t = dy_tagger_load(tmpdir, &err);
	CHECK(t != NULL);
	if (!t) {
		printf("#   %s\n", err.msg);
		return;
	}
	dy_arena a;
	dy_arena_init(&a);
	dy_token toks[5];
	memset(toks, 0, sizeof(toks));
	const char *forms[] = {"The", "dog", "barks", "."};
	for (int i = 0; i < 4; i++)
		toks[i].form = forms[i];
	dy_tag(t, &a, toks, 4);
	CHECK_INT(toks[0].tag, DY_TAG_DT); /* found lower-cased */
	CHECK_INT(toks[1].tag, DY_TAG_NN);
	CHECK_INT(toks[2].tag, DY_TAG_VBZ);
	CHECK_INT(toks[3].tag, DY_TAG_END);
	/* Keys with escaped quotes, single-quoted keys, classes. */
	const char *forms2[] = {"say \"hi\"", "it's", "Zork", "42", "blorf"};
	for (int i = 0; i < 5; i++)
		toks[i].form = forms2[i];
	dy_tag(t, &a, toks, 1);
	CHECK_INT(toks[0].tag, DY_TAG_UH);
	dy_tag(t, &a, toks + 1, 1);
	CHECK_INT(toks[1].tag, DY_TAG_PRP);
	dy_tag(t, &a, toks + 2, 1);
	CHECK_INT(toks[2].tag, DY_TAG_NNP);
	dy_tag(t, &a, toks + 3, 1);
	CHECK_INT(toks[3].tag, DY_TAG_CD);
	dy_tag(t, &a, toks + 4, 1);
	CHECK_INT(toks[4].tag, DY_TAG_NN);
	dy_arena_release(&a);
	dy_tagger_free(t);
}

/* Loads a model whose file `name` is `text` (the others good) and checks
 * that it fails with a message that starts "<dir>/<name>:<where>". */
static void check_bad(const char *name, const char *text, const char *where, const char *what, int line)
{
	dy_error err;
	dy_error_clear(&err);
	write_model(good_words, good_tags, good_unknown);
	write_file(name, text);
	dy_tagger *t = dy_tagger_load(tmpdir, &err);
	char want[512];
	snprintf(want, sizeof(want), "%s/%s:%s", tmpdir, name, where);
	if (t || err.code != DY_ESYNTAX || strncmp(err.msg, want, strlen(want)) != 0 || !strstr(err.msg, what)) {
		test_failed_checks++;
		printf("#   %s:%d: expected \"%s ... %s\", got %s (code %d): %s\n", __FILE__, line, want, what,
		       t ? "a model" : "NULL", err.code, err.msg);
	}
	dy_tagger_free(t);
}
#define CHECK_BAD(name, text, where, what) check_bad(name, text, where, what, __LINE__)

TEST(tagger_malformed)
{
	CHECK_BAD("words.yml", "dog: { nn: 1 }\ncat { nn: 2 }\n", "2:4:", "expected ':' after the key");
	CHECK_BAD("words.yml", "dog: nn\n", "1:6:", "expected '{'");
	CHECK_BAD("words.yml", "\"the\": { det: 1 }\n\"dog: { nn: 1 }\n", "2:16:", "unterminated quoted string");
	CHECK_BAD("words.yml", "\"a\\qb\": { nn: 1 }\n", "1:3:", "unknown escape");
	CHECK_BAD("words.yml", "dog: { nn: 1,\n", "1:14:", "unterminated '{'");
	CHECK_BAD("words.yml", "dog: { nn: many }\n", "1:12:", "expected a number");
	CHECK_BAD("words.yml", "dog: { nn: -3 }\n", "1:12:", "not negative");
	CHECK_BAD("words.yml", "dog: { nn 3 }\n", "1:11:", "expected ':' after the tag name");
	CHECK_BAD("words.yml", "dog: { nn: 3 nns: 4 }\n", "1:14:", "expected ',' or '}'");
	CHECK_BAD("words.yml", "\n\ndog: { xx: 3 }\n", "3:8:", "unknown tag 'xx'");
	CHECK_BAD("words.yml", "dog: { nn: 3 } extra\n", "1:16:", "unexpected text after '}'");
	CHECK_BAD("words.yml", "{ nn: 3 }\n", "1:1:", "expected a key");
	CHECK_BAD("tags.yml", "pp: { det: 1.5 }\n", "1:7:", "greater than 1");
	CHECK_BAD("tags.yml", "zz: { det: 0.5 }\n", "1:1:", "unknown tag 'zz'");
	CHECK_BAD("unknown.yml", "\"-cap-\": { nnp: 1 }\n\"-odd-\": { nn: 1 }\n", "2:1:",
		  "unknown word class '-odd-'");
	/* The message shows the line and a caret under the column. */
	dy_error err;
	write_model("dog: { nn: many }\n", good_tags, good_unknown);
	CHECK(dy_tagger_load(tmpdir, &err) == NULL);
	CHECK(strstr(err.msg, "\n  dog: { nn: many }\n             ^") != NULL);
}

TEST(tagger_missing)
{
	dy_error err;
	dy_error_clear(&err);
	CHECK(dy_tagger_load("/nonexistent/dyad-tagger", &err) == NULL);
	CHECK_INT(err.code, DY_ENOENT);
	CHECK(strstr(err.msg, "cannot open '/nonexistent/dyad-tagger/words.yml'") != NULL);
	/* A model without tags.yml fails on it, and $DYAD_TAGGER_DIR is honoured. */
	write_model(good_words, good_tags, good_unknown);
	remove_file("tags.yml");
	setenv("DYAD_TAGGER_DIR", tmpdir, 1);
	dy_error_clear(&err);
	CHECK(dy_tagger_load(NULL, &err) == NULL);
	CHECK_INT(err.code, DY_ENOENT);
	CHECK(strstr(err.msg, "tags.yml") != NULL);
	unsetenv("DYAD_TAGGER_DIR");
	/* Empty files are no model. */
	write_model("", good_tags, good_unknown);
	dy_error_clear(&err);
	CHECK(dy_tagger_load(tmpdir, &err) == NULL);
	CHECK_INT(err.code, DY_ESYNTAX);
	/* A NULL error is allowed. */
	CHECK(dy_tagger_load("/nonexistent/dyad-tagger", NULL) == NULL);
}

/* ---- the lexicon on WordNet ---- */

static const char *lemma(const char *w, int tag, dy_arena *a)
{
	return dy_lemma(lexicon, a, w, strlen(w), tag);
}

static const char *us(const char *w, dy_arena *a)
{
	return dy_spelling_us(lexicon, a, w, strlen(w));
}

TEST(lemmas)
{
	if (!lexicon)
		SKIP("no " DY_WORDNET_DIR " (install wordnet-base)");
	dy_arena a;
	dy_arena_init(&a);
	CHECK_STR(lemma("recognised", DY_TAG_VBD, &a), "recognize");
	CHECK_STR(lemma("recognises", DY_TAG_VBZ, &a), "recognize");
	CHECK_STR(lemma("recognises", DY_TAG_NONE, &a), "recognize");
	CHECK_STR(lemma("legitimising", DY_TAG_VBG, &a), "legitimize");
	CHECK_STR(lemma("talks", DY_TAG_NNS, &a), "talk");
	CHECK_STR(lemma("met", DY_TAG_VBD, &a), "meet");
	CHECK_STR(lemma("officials", DY_TAG_NNS, &a), "official");
	CHECK_STR(lemma("invited", DY_TAG_VBD, &a), "invite");
	CHECK_STR(lemma("removed", DY_TAG_VBN, &a), "remove");
	CHECK_STR(lemma("organisations", DY_TAG_NNS, &a), "organization");
	CHECK_STR(lemma("forces", DY_TAG_NNS, &a), "force");
	CHECK_STR(lemma("us", DY_TAG_NNP, &a), "us");
	CHECK_STR(lemma("was", DY_TAG_VBD, &a), "be");
	CHECK_STR(lemma("has", DY_TAG_VBZ, &a), "have");
	CHECK_STR(lemma("better", DY_TAG_JJR, &a), "good");
	CHECK_STR(lemma("stopped", DY_TAG_VBD, &a), "stop");
	CHECK_STR(lemma("planning", DY_TAG_VBG, &a), "plan");
	CHECK_STR(lemma("travelled", DY_TAG_VBD, &a), "travel");
	CHECK_STR(lemma("centred", DY_TAG_VBN, &a), "center");
	CHECK_STR(lemma("defences", DY_TAG_NNS, &a), "defense");
	CHECK_STR(lemma("women", DY_TAG_NNS, &a), "woman");
	CHECK_STR(lemma("crises", DY_TAG_NNS, &a), "crisis");
	CHECK_STR(lemma("species", DY_TAG_NNS, &a), "species");
	CHECK_STR(lemma("gas", DY_TAG_NN, &a), "gas");
	CHECK_STR(lemma("'s", DY_TAG_VBZ, &a), "be");
	CHECK_STR(lemma("weaponised", DY_TAG_VBN, &a), "weaponize");
	CHECK_STR(lemma("taliban", DY_TAG_NNP, &a), "taliban");
	/* Interned: the same pointer twice, and not from the arena. */
	CHECK(lemma("talks", DY_TAG_NNS, &a) == lemma("talking", DY_TAG_VBG, &a));
	dy_arena_release(&a);
}

TEST(spelling)
{
	if (!lexicon)
		SKIP("no " DY_WORDNET_DIR " (install wordnet-base)");
	dy_arena a;
	dy_arena_init(&a);
	static const char *const pairs[][2] = {
		{"recognise", "recognize"}, {"recognised", "recognized"}, {"recognising", "recognizing"},
		{"normalising", "normalizing"}, {"organisation", "organization"}, {"favour", "favor"},
		{"favourite", "favorite"}, {"centre", "center"}, {"centred", "centered"},
		{"defence", "defense"}, {"offence", "offense"}, {"licence", "license"},
		{"programme", "program"}, {"programmes", "programs"}, {"travelled", "traveled"},
		{"labour", "labor"}, {"analyse", "analyze"}, {"catalogue", "catalog"},
		{"behaviour", "behavior"}, {"honour", "honor"}, {"neighbour", "neighbor"},
		{"armour", "armor"}, {"jewellery", "jewelry"}, {"mobilise", "mobilize"},
		{"legitimise", "legitimize"}, {"destabilise", "destabilize"}, {"criticise", "criticize"},
		{"apologise", "apologize"}, {"emphasise", "emphasize"}, {"utilise", "utilize"},
		{"realise", "realize"}, {"stabilise", "stabilize"}, {"militarise", "militarize"},
		{"weaponised", "weaponized"},
		/* Nothing to fold. */
		{"tour", "tour"}, {"tours", "tours"}, {"four", "four"}, {"controlled", "controlled"},
		{"advertise", "advertise"}, {"surprise", "surprise"}, {"toe", "toe"}, {"poet", "poet"},
		{"fence", "fence"}, {"president", "president"},
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		CHECK_STR(us(pairs[i][0], &a), pairs[i][1]);
	/* Lemmas of folded words match the dictionary's American form. */
	CHECK_STR(lemma("recognize", DY_TAG_NONE, &a), "recognize");
	CHECK_STR(lemma("recognise", DY_TAG_NONE, &a), "recognize");
	CHECK_STR(lemma("criticised", DY_TAG_VBD, &a), "criticize");
	CHECK_STR(lemma("favoured", DY_TAG_VBD, &a), "favor");
	dy_arena_release(&a);
}

TEST(lemmatize_tokens)
{
	if (!lexicon || !tagger)
		SKIP("needs both " DY_TAGGER_DIR " and " DY_WORDNET_DIR);
	char buf[1024], low[1024];
	dy_token toks[32];
	dy_arena a;
	dy_arena_init(&a);
	const char *s = "The Taliban officials were recognised by Russia 's leaders in talks .";
	size_t n = tokens(s, buf, sizeof(buf), toks, 32);
	/* lower: a lower-cased copy of each form */
	snprintf(low, sizeof(low), "%s", buf);
	for (size_t i = 0; i < n; i++) {
		char *l = dy_arena_strdup(&a, toks[i].form);
		for (char *c = l; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		toks[i].lower = l;
	}
	dy_tag(tagger, &a, toks, n);
	dy_lemmatize(lexicon, &a, toks, n);
	const char *want[] = {"the", "taliban", "official", "be", "recognize", "by", "russia",
			      "'s", "leader", "in", "talk", "."};
	CHECK_INT(n, 12);
	for (size_t i = 0; i < n && i < 12; i++)
		CHECK_STR(toks[i].lemma, want[i]);
	dy_arena_release(&a);
}

/* ---- the lexicon on small files of our own ---- */

static const char *const mini_names[] = {"index.noun", "index.verb", "index.adj", "index.adv",
					 "noun.exc",   "verb.exc",   "adj.exc",   "adv.exc"};

static void write_mini(void)
{
	write_file("index.noun", "  1 licence header\n"
				 "tour n 1 1 @ 1 0 00000010  \n"
				 "tor n 1 1 @ 1 0 00000011  \n"
				 "colour n 1 1 @ 1 0 00000012  \n"
				 "color n 1 1 @ 1 0 00000012  \n"
				 "take_part n 1 1 @ 1 0 00000013  \n");
	write_file("index.verb", "recognise v 1 1 @ 1 0 00000001  \n"
				 "recognize v 1 1 @ 1 0 00000001  \n"
				 "go v 1 1 @ 1 0 00000002  \n"
				 "stop v 1 1 @ 1 0 00000003  \n");
	write_file("index.adj", "good a 1 1 & 1 0 00000020  \n");
	write_file("index.adv", "");
	write_file("noun.exc", "");
	write_file("verb.exc", "went go\n");
	write_file("adj.exc", "better good\n");
	write_file("adv.exc", "");
}

TEST(lexicon_small)
{
	dy_error err;
	dy_error_clear(&err);
	write_mini();
	dy_lexicon *lx = dy_lexicon_load(tmpdir, &err);
	CHECK(lx != NULL);
	if (!lx) {
		printf("#   %s\n", err.msg);
		return;
	}
	dy_arena a;
	dy_arena_init(&a);
	CHECK_STR(dy_lemma(lx, &a, "recognised", 10, DY_TAG_VBD), "recognize");
	CHECK_STR(dy_lemma(lx, &a, "went", 4, DY_TAG_VBD), "go");
	CHECK_STR(dy_lemma(lx, &a, "stopping", 8, DY_TAG_VBG), "stop");
	CHECK_STR(dy_lemma(lx, &a, "better", 6, DY_TAG_JJR), "good");
	CHECK_STR(dy_lemma(lx, &a, "colours", 7, DY_TAG_NNS), "color");
	CHECK_STR(dy_lemma(lx, &a, "tours", 5, DY_TAG_NNS), "tour");
	CHECK_STR(dy_lemma(lx, &a, "unheard", 7, DY_TAG_JJ), "unheard");
	/* Pairs share a synset: colour/color fold, tour/tor do not. */
	CHECK_STR(dy_spelling_us(lx, &a, "colour", 6), "color");
	CHECK_STR(dy_spelling_us(lx, &a, "tour", 4), "tour");
	dy_arena_release(&a);
	dy_lexicon_free(lx);
}

TEST(lexicon_malformed)
{
	dy_error err;
	char want[512];
	write_mini();
	write_file("index.verb", "recognise v 1 1 @ 1 0 00000001  \nnopos\n");
	dy_error_clear(&err);
	CHECK(dy_lexicon_load(tmpdir, &err) == NULL);
	CHECK_INT(err.code, DY_ESYNTAX);
	snprintf(want, sizeof(want), "%s/index.verb:2:6: expected a part of speech", tmpdir);
	CHECK(strncmp(err.msg, want, strlen(want)) == 0);

	write_mini();
	write_file("index.noun", "tour x 1 1 @ 1 0 00000010\n");
	dy_error_clear(&err);
	CHECK(dy_lexicon_load(tmpdir, &err) == NULL);
	snprintf(want, sizeof(want), "%s/index.noun:1:6: expected part of speech 'n'", tmpdir);
	CHECK(strncmp(err.msg, want, strlen(want)) == 0);

	write_mini();
	write_file("verb.exc", "went go\nwent\n");
	dy_error_clear(&err);
	CHECK(dy_lexicon_load(tmpdir, &err) == NULL);
	snprintf(want, sizeof(want), "%s/verb.exc:2:5: expected a base form", tmpdir);
	CHECK(strncmp(err.msg, want, strlen(want)) == 0);

	write_mini();
	remove_file("adv.exc");
	dy_error_clear(&err);
	CHECK(dy_lexicon_load(tmpdir, &err) == NULL);
	CHECK_INT(err.code, DY_ENOENT);
	CHECK(strstr(err.msg, "adv.exc") != NULL);

	dy_error_clear(&err);
	CHECK(dy_lexicon_load("/nonexistent/dyad-wordnet", &err) == NULL);
	CHECK_INT(err.code, DY_ENOENT);
	CHECK(strstr(err.msg, "cannot open '/nonexistent/dyad-wordnet/index.noun'") != NULL);
}

int main(void)
{
	const char *t = getenv("TMPDIR");
	snprintf(tmpdir, sizeof(tmpdir), "%s/dyad-test-tag-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 2;
	}
	dy_error err;
	if (have_dir(DY_TAGGER_DIR))
		tagger = dy_tagger_load(DY_TAGGER_DIR, &err);
	if (have_dir(DY_WORDNET_DIR))
		lexicon = dy_lexicon_load(DY_WORDNET_DIR, &err);

	RUN(tag_names);
	RUN(tag_sentences);
	RUN(tag_unknown_words);
	RUN(tag_edges);
	RUN(tagger_small_model);
	RUN(tagger_malformed);
	RUN(tagger_missing);
	RUN(lemmas);
	RUN(spelling);
	RUN(lemmatize_tokens);
	RUN(lexicon_small);
	RUN(lexicon_malformed);

	dy_tagger_free(tagger);
	dy_lexicon_free(lexicon);
	const char *files[] = {"words.yml", "tags.yml", "unknown.yml"};
	for (size_t i = 0; i < 3; i++)
		remove_file(files[i]);
	for (size_t i = 0; i < sizeof(mini_names) / sizeof(mini_names[0]); i++)
		remove_file(mini_names[i]);
	rmdir(tmpdir);
	return TEST_DONE();
}
