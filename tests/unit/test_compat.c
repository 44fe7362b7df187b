/* Unit tests for the TABARI and PETRARCH compatibility layer (src/compat):
 * format sniffing, word matching, the dictionary loaders, the shallow and
 * the parse-tree coder, records, and the dictionary check. Every dictionary
 * and sentence here is made up for the test (invented places: Karvonia,
 * Lestria, Tamberg); the suites of TABARI and PETRARCH themselves are run by
 * tests/cli/30x-*.sh when ../shared has them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compat/compat.h"
#include "compat/tabari.h"
#include "compat/tb_scan.h"
#include "test.h"

static char tmpdir[] = "/tmp/dyad-test-compat-XXXXXX";

static const char *write_file(const char *name, const char *text)
{
	static char paths[8][256];
	static int k;
	char *path = paths[k++ % 8];
	snprintf(path, 256, "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

/* ---- dictionaries of our own -------------------------------------------------------- */

static const char *tb_actors =
	"KARVONIA  [KRV]\n"
	"KARVONIAN  [KRV]\n"
	"LESTRIA  [LST]\n"
	"+LESTRIAN\n"
	"TAMBERG_  [TMB]\n"
	"OSKAR_VELD  [KRVGOV 050101-091231]  [KRVOPP <041231]  [KRV]\n"
	"NORTH_WIND_FRONT  [KRVREB]\n";

static const char *tb_agents =
	"GOVERNMENT  [~GOV]\n"
	"REBEL  [~REB]\n";

static const char *tb_verbs =
	"PRAISE  [051]\n"
	"- * COURAGE OF $  [052]\n"
	"ATTACK  [190]\n"
	"ACCUSE  [112]\n"
	"- $ * + OF LYING  [1121]\n"
	"MET_WITH  [040]\n";

static tb_dict D;
static int loaded;

static void load_tb(void)
{
	if (loaded)
		return;
	loaded = 1;
	tb_dict_init(&D);
	dy_error err;
	CHECK_INT(tb_load_actors(&D, write_file("t.actors", tb_actors), 0, &err), 0);
	CHECK_INT(tb_load_agents(&D, write_file("t.agents", tb_agents), 0, &err), 0);
	CHECK_INT(tb_load_verbs(&D, write_file("t.verbs", tb_verbs), &err), 0);
}

/* The events of text as "SRC/TGT/CODE ..." (a static buffer). */
static const char *code_text(const char *text, int32_t date)
{
	static char out[1024];
	tb_state st;
	tb_state_init(&st);
	tb_options o = D.opt;
	o.min_words = 0;
	st.opt = &o;
	tb_result r;
	tb_code_text(&D, &st, text, 0, (uint32_t)strlen(text), date, NULL, &r, NULL);
	out[0] = 0;
	for (size_t i = 0; i < r.nev; i++) {
		size_t n = strlen(out);
		snprintf(out + n, sizeof(out) - n, "%s%s/%s/%s", i ? " " : "", r.ev[i].src, r.ev[i].tgt, r.ev[i].code);
	}
	tb_state_release(&st);
	return out;
}

TEST(sniff_formats)
{
	CHECK_INT(dy_dict_sniff(write_file("a.actors", tb_actors)), DY_DK_TABARI_ACTORS);
	CHECK_INT(dy_dict_sniff(write_file("a.agents", tb_agents)), DY_DK_TABARI_AGENTS);
	CHECK_INT(dy_dict_sniff(write_file("a.verbs", tb_verbs)), DY_DK_TABARI_VERBS);
	const char *petr_verbs = "####### VERB PATTERNS #######\n"
				 "--- PRAISE  [051] ---\n"
				 "PRAISE\n"
				 "+PRAISED\n"
				 "- * COURAGE OF $ [052]\n";
	CHECK_INT(dy_dict_sniff(write_file("v.txt", petr_verbs)), DY_DK_PETR_VERBS);
	const char *petr_xml = "<Sentences>\n<Sentence date=\"20200101\" id=\"X-1\" sentence=\"True\">\n"
			       "<Text>Karvonia praised Lestria.</Text>\n</Sentence>\n</Sentences>\n";
	CHECK_INT(dy_dict_sniff(write_file("in.xml", petr_xml)), DY_DK_PETR_XML);
	const char *project = "<actorsfile> t.actors\n<verbsfile> t.verbs\n<textfile> t.text\n";
	CHECK_INT(dy_dict_sniff(write_file("p.project", project)), DY_DK_TABARI_PROJECT);
	CHECK_INT(dy_dict_sniff(write_file("own.txt", "actor KRV Karvonia\n  name Karvonia\n")), DY_DK_DYAD_ACTORS);
	CHECK_INT(dy_dict_sniff("/nonexistent/file"), DY_DK_UNKNOWN);
	CHECK_STR(dy_dict_kind_name(DY_DK_TABARI_VERBS), "TABARI verbs");
}

TEST(word_match)
{
	tb_word stem = {"RUSS", 4, 0};
	CHECK(tb_word_match(&stem, "RUSSIAN", 7, 1, 0));
	CHECK(!tb_word_match(&stem, "RUS", 3, 1, 0));
	tb_word exact = {"TAMBERG", 7, TB_EXACT};
	CHECK(tb_word_match(&exact, "TAMBERG", 7, 1, 0));
	CHECK(!tb_word_match(&exact, "TAMBERGER", 9, 1, 0));
	/* Regular endings on the last word: nouns take S, verbs ED/ING. */
	CHECK(tb_word_match(&exact, "TAMBERGS", 8, 1, 0));
	tb_word verb = {"DEPLORE", 7, TB_EXACT};
	CHECK(tb_word_match(&verb, "DEPLORING", 9, 1, 1));
	CHECK(tb_word_match(&verb, "DEPLORED", 8, 1, 1));
	CHECK(!tb_word_match(&verb, "DEPLORING", 9, 0, 1));
	tb_word noend = {"TAMBERG", 7, TB_EXACT | TB_NOEND};
	CHECK(!tb_word_match(&noend, "TAMBERGS", 8, 1, 0));
}

TEST(dates)
{
	CHECK_INT(tb_date("050101", 6, 0), 20050101);
	CHECK_INT(tb_date("991231", 6, 0), 19991231);
	CHECK_INT(tb_date("20201231", 8, 1), 20201231);
	CHECK_INT(tb_date("051340", 6, 0), 0);
	CHECK_INT(tb_date_add(20200228, 2), 20200301);
	CHECK_INT(tb_date_add(20200301, -1), 20200229);
}

TEST(shallow_coding)
{
	load_tb();
	CHECK_STR(code_text("Karvonia praised Lestria on Monday for its efforts.", 20200101), "KRV/LST/051");
	/* A pattern: "$" is the source after the verb. */
	CHECK_STR(code_text("Lestria praised the courage of Karvonia in the talks.", 20200101), "KRV/LST/052");
	/* Synonyms ("+LESTRIAN") and agents ("GOVERNMENT"). */
	CHECK_STR(code_text("The Lestrian government attacked Karvonia yesterday.", 20200101), "LSTGOV/KRV/190");
	/* Dated codes: the first range that holds, else the default. */
	CHECK_STR(code_text("Oskar Veld accused Lestria of lying.", 20060601), "KRVGOV/LST/1121");
	CHECK_STR(code_text("Oskar Veld accused Lestria of lying.", 20030601), "KRVOPP/LST/1121");
	CHECK_STR(code_text("Oskar Veld accused Lestria of lying.", 20150601), "KRV/LST/1121");
	/* Compound actors give an event per member. */
	CHECK_STR(code_text("Karvonia and Tamberg attacked Lestria on Friday.", 20200101), "KRV/LST/190 TMB/LST/190");
	/* TAMBERG_ is exact: "Tambergian" is not Tamberg. */
	CHECK_STR(code_text("Tambergian troops attacked Lestria on Friday.", 20200101), "");
	/* A multiword verb. */
	CHECK_STR(code_text("The North Wind Front met with Karvonia in the capital.", 20200101), "KRVREB/KRV/040");
}

TEST(records)
{
	const char *text = "200105 KRV-01\n"
			   "Karvonia praised Lestria on Monday.\n"
			   "\n"
			   "200106 KRV-02\n"
			   "/* a comment */ Lestria attacked Karvonia.\n"
			   "\n";
	tb_record *r = NULL;
	size_t n = tb_split_records(text, strlen(text), &r);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK(r[0].id_n == 6 && !memcmp(r[0].id, "KRV-01", 6));
		CHECK(r[0].date_n == 6 && !memcmp(r[0].date, "200105", 6));
		CHECK_INT(r[1].line, 4);
		dy_buf b = DY_BUF_INIT;
		tb_record_text(&r[1], 0, &b);
		CHECK(b.s && !strstr(b.s, "comment") && strstr(b.s, "Lestria attacked"));
		dy_buf_release(&b);
	}
	free(r);
}

TEST(scan)
{
	/* Lines: "\n" and "\r\n" end them; the last may have neither. */
	const char *buf = "one\r\n\n  \t\nlast";
	size_t pos = 0, n;
	const char *line;
	CHECK(tb_scan_line(buf, strlen(buf), &pos, &line, &n) && n == 3 && !memcmp(line, "one", 3));
	CHECK(tb_scan_line(buf, strlen(buf), &pos, &line, &n) && n == 0);
	CHECK(tb_scan_line(buf, strlen(buf), &pos, &line, &n) && tb_scan_blank(line, n));
	CHECK(tb_scan_line(buf, strlen(buf), &pos, &line, &n) && n == 4 && !tb_scan_blank(line, n));
	CHECK(!tb_scan_line(buf, strlen(buf), &pos, &line, &n));
	/* Comments: where the one opening at i closes, or the end. */
	const char *c = "a /* b */ c /* open";
	CHECK_INT(tb_scan_comment_end(c, 2, strlen(c)), 7);
	CHECK_INT(tb_scan_comment_end(c, 12, strlen(c)), strlen(c));
}

TEST(petrarch_tree)
{
	tb_dict d;
	tb_dict_init(&d);
	dy_error err;
	const char *actors = "KARVONIA  [KRV]\nLESTRIA  [LST]\n";
	const char *verbs = "--- CRITICIZE [121] ---\n"
			    "CRITICIZE\n"
			    "- * OVER $ [122]\n";
	CHECK_INT(tb_load_actors(&d, write_file("p.actors", actors), 1, &err), 0);
	CHECK_INT(tb_load_petr_verbs(&d, write_file("p.verbs", verbs), &err), 0);
	const char *text = "Karvonia criticized Lestria on Monday.";
	const char *parse = "(ROOT (S (NP (NNP Karvonia)) (VP (VBD criticized) (NP (NNP Lestria)) "
			    "(PP (IN on) (NP (NNP Monday)))) (. .)))";
	tb_state st;
	tb_state_init(&st);
	tb_tree tree;
	CHECK_INT(tb_tree_parse(&st.arena, parse, strlen(parse), &tree), 0);
	tb_petr pe = {1, 0};
	tb_result r;
	tb_code_tree(&d, &st, &tree, text, 0, (uint32_t)strlen(text), 20200101, &pe, &r, NULL);
	CHECK_INT(r.nev, 1);
	if (r.nev == 1) {
		CHECK_STR(r.ev[0].src, "KRV");
		CHECK_STR(r.ev[0].tgt, "LST");
		CHECK_STR(r.ev[0].code, "121");
	}
	/* A subject without an actor: no source, so no event (require_dyad). */
	const char *text2 = "The ferry criticized Lestria.";
	const char *parse2 = "(ROOT (S (NP (DT The) (NN ferry)) (VP (VBD criticized) (NP (NNP Lestria)))))";
	tb_code_tree(&d, &st, &tree, text2, 0, (uint32_t)strlen(text2), 20200101, &pe, &r, NULL);
	CHECK_INT(tb_tree_parse(&st.arena, parse2, strlen(parse2), &tree), 0);
	tb_code_tree(&d, &st, &tree, text2, 0, (uint32_t)strlen(text2), 20200101, &pe, &r, NULL);
	CHECK_INT(r.nev, 0);
	/* New actors (PETRARCH's new_actor_length): a head with nothing coded
	 * is none when a phrase after it names an actor. */
	tb_petr pe3 = {0, 3};
	const char *text3 = "The ferry criticized the talks with Lestria.";
	const char *parse3 = "(ROOT (S (NP (DT The) (NN ferry)) (VP (VBD criticized) (NP (NP (DT the) (NNS talks)) "
			     "(PP (IN with) (NP (NNP Lestria))))) (. .)))";
	CHECK_INT(tb_tree_parse(&st.arena, parse3, strlen(parse3), &tree), 0);
	tb_code_tree(&d, &st, &tree, text3, 0, (uint32_t)strlen(text3), 20200101, &pe3, &r, NULL);
	CHECK_INT(r.nev, 1);
	if (r.nev == 1) {
		CHECK_STR(r.ev[0].src, "\"THE FERRY\"");
		CHECK_STR(r.ev[0].tgt, "LST");
	}
	/* "and" between adverbs does not split the clause. */
	const char *text4 = "Karvonia sharply and often criticized Lestria.";
	const char *parse4 = "(ROOT (S (NP (NNP Karvonia)) (ADVP (RB sharply) (CC and) (RB often)) (VP (VBD criticized) "
			     "(NP (NNP Lestria))) (. .)))";
	CHECK_INT(tb_tree_parse(&st.arena, parse4, strlen(parse4), &tree), 0);
	tb_code_tree(&d, &st, &tree, text4, 0, (uint32_t)strlen(text4), 20200101, &pe, &r, NULL);
	CHECK_INT(r.nev, 1);
	/* Unbalanced brackets are PETRARCH's bad_input_parse. */
	CHECK(tb_tree_parse(&st.arena, "(ROOT (S (NP x)", 15, &tree) < 0);
	tb_state_release(&st);
	tb_dict_release(&d);
}

TEST(compat_load_and_code)
{
	const char *files[] = {write_file("c.actors", tb_actors), write_file("c.agents", tb_agents),
			       write_file("c.verbs", tb_verbs)};
	dy_compat_config cfg = {NULL, files, 3, NULL};
	dy_error err;
	dy_compat *c = dy_compat_load(&cfg, &err);
	CHECK(c != NULL);
	if (!c) {
		printf("#   %s\n", err.msg);
		return;
	}
	dy_compat_worker *w = dy_compat_worker_new(c);
	const char *text = "Karvonia praised Lestria on Monday for its new reforms. "
			   "Lestria attacked Tamberg on Tuesday with heavy artillery.";
	dy_doc doc;
	memset(&doc, 0, sizeof(doc));
	doc.id = "d1";
	doc.date = "2020-01-01";
	doc.text = text;
	doc.len = strlen(text);
	const dy_result *r = NULL;
	CHECK_INT(dy_compat_code(w, &doc, NULL, 0, &r, &err), 0);
	CHECK_INT(r->nsents, 2);
	CHECK_INT(r->nevents, 2);
	if (r->nevents == 2) {
		CHECK_STR(r->events[0].source.code, "KRV");
		CHECK_STR(r->events[0].target.code, "LST");
		CHECK_STR(r->events[0].code, "051");
		CHECK_INT(r->events[1].sent, 1);
		CHECK_STR(r->events[1].code, "190");
		/* The trigger is the verb in the text. */
		CHECK(!strncmp(text + r->events[0].trig_start, "praised", 7));
	}
	dy_compat_worker_free(w);
	dy_compat_free(c);
	/* A .project is an input, not a --dict. */
	const char *proj[] = {write_file("x.project", "<actorsfile> c.actors\n<verbsfile> c.verbs\n")};
	dy_compat_config cfg2 = {NULL, proj, 1, NULL};
	CHECK(dy_compat_load(&cfg2, &err) == NULL);
	CHECK(strstr(err.msg, "not a --dict") != NULL);
}

TEST(project_paths)
{
	/* Paths in a .project are relative to the project file. */
	char sub[300];
	snprintf(sub, sizeof(sub), "%s/proj", tmpdir);
	CHECK_INT(mkdir(sub, 0700), 0);
	write_file("proj/k.actors", tb_actors);
	write_file("proj/k.verbs", tb_verbs);
	write_file("proj/k.text", "200105 K-1\nKarvonia praised Lestria on Monday.\n\n");
	const char *p = write_file("proj/k.project", "<actorsfile> k.actors\n<verbsfile> k.verbs\n<textfile> k.text\n");
	dy_compat_config cfg = {p, NULL, 0, NULL};
	dy_error err;
	dy_compat *c = dy_compat_load(&cfg, &err);
	CHECK(c != NULL);
	if (!c) {
		printf("#   %s\n", err.msg);
		return;
	}
	const char *const *tf;
	CHECK_INT(dy_compat_textfiles(c, &tf), 1);
	CHECK(strstr(tf[0], "/proj/k.text") != NULL);
	dy_compat_free(c);
}

TEST(dict_check_errors)
{
	const char *bad = "KARVONIA  [KRV]\n"
			  "LESTRIA  [L$T]\n"
			  "TAMBERG  [TMB 200101-190101]\n"
			  "KARVONIA  [KRV]\n";
	const char *files[] = {write_file("bad.actors", bad)};
	dy_buf msgs = DY_BUF_INIT;
	size_t nent = 0;
	long n = dy_dict_check(files, 1, NULL, &msgs, &nent);
	CHECK(n >= 3);
	const char *m = msgs.s ? msgs.s : "";
	/* file:line:column, the line, a caret under the column. */
	CHECK(strstr(m, "bad.actors:2:11: malformed code") != NULL);
	CHECK(strstr(m, "\n  LESTRIA  [L$T]\n            ^\n") != NULL);
	CHECK(strstr(m, "bad.actors:3:") != NULL && strstr(m, "ends before it starts") != NULL);
	CHECK(strstr(m, "bad.actors:4:") != NULL && strstr(m, "duplicate entry") != NULL);
	dy_buf_release(&msgs);
	/* A clean set has no errors. */
	const char *good[] = {write_file("g.actors", tb_actors), write_file("g.verbs", tb_verbs)};
	dy_buf_init(&msgs);
	CHECK_INT(dy_dict_check(good, 2, NULL, &msgs, &nent), 0);
	if (msgs.len)
		printf("#   %s\n", msgs.s);
	dy_buf_release(&msgs);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(sniff_formats);
	RUN(word_match);
	RUN(dates);
	RUN(shallow_coding);
	RUN(records);
	RUN(scan);
	RUN(petrarch_tree);
	RUN(compat_load_and_code);
	RUN(project_paths);
	RUN(dict_check_errors);
	if (loaded)
		tb_dict_release(&D);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		return 1;
	return TEST_DONE();
}
