/* Unit tests for the actor dictionary loader and matcher, on hand-tagged
 * tokens so that they do not depend on the tagger. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actor/actor.h"
#include "test.h"

static char tmpdir[] = "/tmp/dyad-test-actor-XXXXXX";

static const char *write_file(const char *name, const char *text)
{
	static char path[256];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static const char *dict =
	"# a test dictionary\n"
	"actor RUS Russia\n"
	"  name  Russia, Russian Federation\n"
	"  name  Moscow, Kremlin => RUSGOV\n"
	"  adj   Russian, Russians\n"
	"  type  state\n"
	"actor AFG Afghanistan\n"
	"  name  Afghanistan\n"
	"  adj   Afghan\n"
	"actor TALIBAN Taliban\n"
	"  name  Taliban\n"
	"  code  AFGINS ..2021-08-14\n"
	"  code  AFGGOV 2021-08-15..\n"
	"  desc  the fundamentalists\n"
	"  type  group\n"
	"actor USA United States\n"
	"  name  US, United States\n"
	"actor KARZAI Hamid Karzai\n"
	"  name  Hamid Karzai, Karzai\n"
	"  code  AFGGOV 2001-12-22..2014-09-29\n"
	"  code  AFGELI 2014-09-30..\n"
	"  type  person\n"
	"agent GOV  government, official, president, delegation\n"
	"agent JUD  supreme court, court\n"
	"agent BUS  company\n";

/* Builds tokens from "word/TAG/lemma" triples separated by spaces. */
typedef struct toks {
	dy_token t[64];
	size_t n;
	char buf[4096];
} toks;

static int tag_of(const char *s)
{
	for (int i = 0; i < DY_TAG_COUNT; i++)
		if (strcmp(dy_tag_name(i), s) == 0)
			return i;
	return DY_TAG_NONE;
}

static void mk(toks *T, const char *spec)
{
	strcpy(T->buf, spec);
	T->n = 0;
	size_t off = 0;
	for (char *w = strtok(T->buf, " "); w; w = strtok(NULL, " ")) {
		char *tag = strchr(w, '/');
		*tag++ = 0;
		char *lemma = strchr(tag, '/');
		if (lemma)
			*lemma++ = 0;
		dy_token *t = &T->t[T->n++];
		memset(t, 0, sizeof(*t));
		t->form = w;
		char *low = strdup(w);
		for (char *p = low; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p += 32;
		t->lower = low;
		t->lemma = lemma ? lemma : low;
		t->tag = (uint8_t)tag_of(tag);
		t->start = (uint32_t)off;
		off += strlen(w) + 1;
		t->end = (uint32_t)off - 1;
		if (t->tag == DY_TAG_COMMA || t->tag == DY_TAG_END)
			t->flags |= DY_TOK_PUNCT;
	}
	dy_wordclass_assign(T->t, T->n);
}

static void unmk(toks *T)
{
	for (size_t i = 0; i < T->n; i++)
		free((char *)T->t[i].lower);
}

static dy_actors D;

TEST(load_ok)
{
	dy_error err;
	dy_actors_init(&D, NULL);
	CHECK_INT(dy_actors_load_file(&D, write_file("a.txt", dict), &err), 0);
	CHECK(dy_actors_find(&D, "RUS") != NULL);
	CHECK(dy_actors_find(&D, "TALIBAN") != NULL);
}

TEST(dated_codes)
{
	const dy_actor *t = dy_actors_find(&D, "TALIBAN");
	CHECK_STR(dy_actor_code_on(t, 20200101)->code, "AFGINS");
	CHECK_STR(dy_actor_code_on(t, 20210814)->code, "AFGINS");
	CHECK_STR(dy_actor_code_on(t, 20210815)->code, "AFGGOV");
	CHECK_STR(dy_actor_code_on(t, 0)->code, "AFGGOV");
	const dy_actor *k = dy_actors_find(&D, "KARZAI");
	CHECK_STR(dy_actor_code_on(k, 20100101)->code, "AFGGOV");
	CHECK_STR(dy_actor_code_on(k, 20250707)->code, "AFGELI");
	CHECK(dy_actor_code_on(k, 19990101) == NULL);
}

static size_t match(const char *spec, int32_t date, dy_mention_tok **m, toks *T, dy_arena *a)
{
	mk(T, spec);
	return dy_actors_match(&D, a, T->t, T->n, date, m);
}

TEST(compose_agents)
{
	dy_arena a;
	dy_arena_init(&a);
	toks T;
	dy_mention_tok *m;
	size_t n = match("the/DT Russian/JJ Supreme/NNP Court/NNP removed/VBD/remove the/DT Taliban/NNP",
			 20250407, &m, &T, &a);
	CHECK_INT(n, 2);
	CHECK_STR(m[0].code, "RUSJUD");
	CHECK_INT(m[0].first, 1);
	CHECK_INT(m[0].last, 3);
	CHECK_STR(m[1].code, "AFGGOV");
	unmk(&T);
	n = match("the/DT Afghan/JJ government/NN delegation/NN met/VBD/meet Russian/JJ officials/NNS/official",
		  20250101, &m, &T, &a);
	CHECK_INT(n, 2);
	CHECK_STR(m[0].code, "AFGGOV");
	CHECK_INT(m[0].last, 3);
	CHECK_STR(m[1].code, "RUSGOV");
	unmk(&T);
	n = match("buying/VBG/buy Russian/JJ oil/NN", 20250101, &m, &T, &a);
	CHECK_INT(n, 1);
	CHECK_STR(m[0].code, "RUS");
	CHECK(m[0].flags & DY_MN_ADJ);
	unmk(&T);
	n = match("the/DT government/NN of/IN Afghanistan/NNP said/VBD/say", 20250101, &m, &T, &a);
	CHECK_INT(n, 1);
	CHECK_STR(m[0].code, "AFGGOV");
	unmk(&T);
	dy_arena_release(&a);
}

TEST(titles_places_case)
{
	dy_arena a;
	dy_arena_init(&a);
	toks T;
	dy_mention_tok *m;
	size_t n = match("Former/JJ Afghan/JJ President/NNP Hamid/NNP Karzai/NNP met/VBD/meet us/PRP", 20250101, &m,
			 &T, &a);
	CHECK_INT(n, 1); /* "us" is not the US */
	CHECK_STR(m[0].code, "AFGELI");
	CHECK_INT(m[0].first, 1);
	CHECK_INT(m[0].last, 4);
	unmk(&T);
	n = match("an/DT attack/NN in/IN outer/JJ Moscow/NNP ,/, the/DT US/NNP said/VBD/say", 20250101, &m, &T, &a);
	CHECK_INT(n, 2);
	CHECK_STR(m[0].code, "RUSGOV");
	CHECK(m[0].flags & DY_MN_PLACE);
	CHECK_STR(m[1].code, "USA");
	CHECK(!(m[1].flags & DY_MN_PLACE));
	unmk(&T);
	n = match("the/DT fundamentalists/NNS/fundamentalist returned/VBD/return", 20250101, &m, &T, &a);
	CHECK_INT(n, 1);
	CHECK(m[0].flags & DY_MN_DESC);
	CHECK_INT(m[0].ncands, 1);
	unmk(&T);
	dy_arena_release(&a);
}

static void expect_error(const char *text, const char *want)
{
	dy_actors d;
	dy_error err;
	dy_actors_init(&d, NULL);
	int rc = dy_actors_load_file(&d, write_file("bad.txt", text), &err);
	CHECK_INT(rc, DY_EDICT);
	if (!strstr(err.msg, want))
		printf("#   message '%s' lacks '%s'\n", err.msg, want);
	CHECK(strstr(err.msg, want) != NULL);
	dy_actors_release(&d);
}

TEST(syntax_errors)
{
	expect_error("actor RUS Russia\n  nmae Russia\n", "bad.txt:2:3: unknown keyword");
	expect_error("  name Russia\n", "bad.txt:1:3: indented line outside an actor block");
	expect_error("actor rus Russia\n", "bad.txt:1:7: expected a code");
	expect_error("actor RUS Russia\n  code RUSGOV 2021-13-01..\n", "bad.txt:2:15: malformed date");
	expect_error("actor RUS Russia\n  code RUSGOV 2022-01-01..2021-01-01\n", "the range ends before it starts");
	expect_error("actor RUS Russia\n  name Russia,, Moscow\n", "bad.txt:2:15: empty name");
	expect_error("actor RUS Russia\n  name Moscow => gov\n", "expected an actor code after '=>'");
	expect_error("actr RUS Russia\n", "bad.txt:1:1:");
	/* The message shows the line and a caret under the column. */
	expect_error("actor RUS Russia\n  nmae Russia\n", "\n    nmae Russia\n    ^");
	dy_error err;
	dy_actors d;
	dy_actors_init(&d, NULL);
	CHECK_INT(dy_actors_load_file(&d, "/nonexistent/actors.txt", &err), DY_ENOENT);
	CHECK(strstr(err.msg, "cannot open '/nonexistent/actors.txt'") != NULL);
	dy_actors_release(&d);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(load_ok);
	RUN(dated_codes);
	RUN(compose_agents);
	RUN(titles_places_case);
	RUN(syntax_errors);
	dy_actors_release(&D);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		return 1;
	return TEST_DONE();
}
