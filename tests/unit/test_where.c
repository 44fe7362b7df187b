/* test_where.c - the gazetteer (libgeonames and iso-codes) and the places
 * of a document: the patterns that make a name a place, the false places
 * they keep out, namesakes chosen by context, landmarks, and the place an
 * event takes. Sentences are split and tagged as the pipeline does; the
 * tests skip when the tagger's model or iso-codes are not installed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tag/tag.h"
#include "test.h"
#include "tagged.h"
#include "text/text.h"
#include "where/where.h"

static dy_gazetteer *gaz;
static double load_seconds;
static dy_where_doc W;

/* Codes of actor mentions to pretend the document has (the countries it
 * is about), comma-separated, e.g. "PAK,PAK". */
static const char *context;

static void prepare(const char *text)
{
	if (!tagged_split(text))
		return;
	dy_where_begin(&W, gaz, &arena);
	/* The pretended mentions go with the first sentence. */
	dy_mention_tok ctx[8];
	size_t nctx = 0;
	char codes[64];
	snprintf(codes, sizeof(codes), "%s", context ? context : "");
	for (char *save, *c = strtok_r(codes, ",", &save); c && nctx < 8; c = strtok_r(NULL, ",", &save)) {
		memset(&ctx[nctx], 0, sizeof(ctx[nctx]));
		ctx[nctx].code = dy_arena_strdup(&arena, c);
		ctx[nctx].first = ctx[nctx].last = 100000; /* outside any sentence */
		nctx++;
	}
	for (size_t s = 0; s < T.nsents; s++)
		dy_where_sentence(&W, (uint32_t)s, T.toks + T.sents[s].first, T.sents[s].count, s ? NULL : ctx,
				  s ? 0 : nctx);
	dy_where_resolve(&W, text);
}

/* The places of text as "text=Name/CTY/kind; ...". */
static const char *places(const char *text)
{
	static char out[1024];
	out[0] = '\0';
	prepare(text);
	for (size_t k = 0; k < W.nplaces; k++) {
		const dy_place *p = &W.places[k];
		size_t l = strlen(out);
		snprintf(out + l, sizeof(out) - l, "%s%s=%s/%s/%s", k ? "; " : "", p->text, p->name,
			 p->country ? p->country : "-", p->kind);
	}
	return out;
}

#define NEED_ALL()                                                                                  \
	do {                                                                                            \
		if (!tagger)                                                                                \
			SKIP("the tagger's model (liblingua-en-tagger-perl) is not installed");              \
		if (!gaz)                                                                                   \
			SKIP("the gazetteer could not be loaded (iso-codes)");                               \
	} while (0)

TEST(fold)
{
	char b[64];
	CHECK_INT(dy_geo_fold("Hyderābād", strlen("Hyderābād"), b, sizeof(b)), 9);
	CHECK_STR(b, "hyderabad");
	dy_geo_fold("Mazar-i-Sharif", 14, b, sizeof(b));
	CHECK_STR(b, "mazarisharif");
	dy_geo_fold("Kǝngǝrli", strlen("Kǝngǝrli"), b, sizeof(b));
	CHECK_STR(b, "kengerli");
	dy_geo_fold("Łódź", strlen("Łódź"), b, sizeof(b));
	CHECK_STR(b, "lodz");
	CHECK_INT(dy_geo_fold("abcdef", 6, b, 4), 0); /* does not fit */
}

TEST(gazetteer_loads)
{
	if (!gaz)
		SKIP("the gazetteer could not be loaded (iso-codes)");
	size_t cities, admin1, countries;
	dy_gazetteer_counts(gaz, &cities, &admin1, &countries);
	printf("#   %zu cities, %zu subdivisions, %zu countries in %.3f s\n", cities, admin1, countries, load_seconds);
	CHECK(cities > 20000);
	CHECK(admin1 > 2000);
	CHECK(countries > 240);
	/* The load budget is measured by `make bench`; here only a sanity bound
	 * that holds under the sanitizers too. */
	CHECK(load_seconds < 5.0);
	const dy_gentry *const *e;
	size_t n = dy_gazetteer_lookup(gaz, "Moscow", 6, &e);
	CHECK(n >= 2);
	int ru = 0, us = 0;
	for (size_t k = 0; k < n; k++) {
		ru |= !strcmp(e[k]->country, "RUS") && e[k]->kind == DY_GEO_CITY && fabs(e[k]->lat - 55.75) < 0.1;
		us |= !strcmp(e[k]->country, "USA");
	}
	CHECK(ru && us);
	n = dy_gazetteer_lookup(gaz, "HYDERABAD", 9, &e);
	CHECK(n >= 2);
	n = dy_gazetteer_lookup(gaz, "Kunduz", 6, &e);
	int city = 0, prov = 0;
	for (size_t k = 0; k < n; k++) {
		city |= e[k]->kind == DY_GEO_CITY;
		prov |= e[k]->kind == DY_GEO_ADMIN1 && !strcmp(e[k]->admin1, "AF-KDZ");
	}
	CHECK(city && prov);
	const dy_gentry *afg = dy_gazetteer_country(gaz, "AFG");
	CHECK(afg && afg->kind == DY_GEO_COUNTRY);
	CHECK(dy_gazetteer_country(gaz, "XXX") == NULL);
}

TEST(place_patterns)
{
	NEED_ALL();
	context = NULL;
	CHECK_STR(places("The talks were held in Termez."), "Termez=Termez/UZB/city");
	CHECK_STR(places("The gunmen attacked a hall in outer Moscow."), "Moscow=Moscow/RUS/city");
	CHECK_STR(places("Markets opened in Afghanistan's northern Kunduz province."),
		  "Kunduz=Kunduz/AFG/admin1");
	CHECK_STR(places("Markets opened in the Badakhshan provinces of both countries."),
		  "Badakhshan=Badakhshān/AFG/admin1");
	CHECK_STR(places("The recent Termez Dialogue was hosted by Uzbekistan."), "Termez=Termez/UZB/city");
	CHECK_STR(places("A delegation went to visit Tashkent."), "Tashkent=Tashkent/UZB/city");
	CHECK_STR(places("Fighting spread in Kunduz, Takhar and Baghlan provinces."),
		  "Kunduz=Kunduz/AFG/admin1; Takhar=Takhār/AFG/admin1; Baghlan=Baghlān/AFG/admin1");
	CHECK_STR(places("Refugees arrived from Syria."), "Syria=Syria/SYR/country");
	CHECK_STR(places("KABUL, July 5 - The talks resumed."), "KABUL=Kabul/AFG/city");
	CHECK_STR(places("He was born in Kerman, Iran."), "Kerman=Kerman/IRN/city");
}

TEST(false_places)
{
	NEED_ALL();
	context = NULL;
	CHECK_STR(places("Nice words were said."), "");
	CHECK_STR(places("Split the difference, he said."), "");
	CHECK_STR(places("Reading the report, officials frowned."), "");
	CHECK_STR(places("Of the 30 officials, ten resigned."), "");
	CHECK_STR(places("Mobile phones were banned."), "");
	CHECK_STR(places("George Washington crossed the river."), "");
	CHECK_STR(places("Moscow responded by inviting the Taliban."), "");
	CHECK_STR(places("He studied at Moscow State University."), "");
	CHECK_STR(places("The threat grew in Central Asia."), "");
	CHECK_STR(places("Talks began in March."), "");
	CHECK_STR(places("Paris Hilton arrived in a hurry."), "");
}

TEST(namesakes)
{
	NEED_ALL();
	context = NULL;
	/* Without context the big city wins. */
	CHECK_STR(places("Protests broke out in Moscow."), "Moscow=Moscow/RUS/city");
	CHECK_STR(places("Protests broke out in Hyderabad."), "Hyderabad=Hyderabad/IND/city");
	/* A text about Pakistan. */
	context = "PAK,PAK,PAKGOV";
	CHECK_STR(places("Protests broke out in Hyderabad."), "Hyderabad=Hyderābād/PAK/city");
	/* A text that names another Pakistani city. */
	context = NULL;
	CHECK_STR(places("Protests spread from Karachi to Hyderabad."),
		  "Karachi=Karachi/PAK/city; Hyderabad=Hyderābād/PAK/city");
	/* A text about the United States still means Russia's Moscow, as
	 * the name itself points there, unless the state is given. */
	context = "USA,RUS";
	CHECK_STR(places("Protests broke out in Moscow."), "Moscow=Moscow/RUS/city");
	CHECK_STR(places("Protests broke out in Moscow, Idaho."), "Moscow=Moscow/USA/city");
	context = NULL;
}

TEST(landmarks)
{
	NEED_ALL();
	context = NULL;
	CHECK_STR(places("Gunmen attacked Crocus City Hall in outer Moscow."),
		  "Crocus City Hall=Crocus City Hall/RUS/landmark; Moscow=Moscow/RUS/city");
	CHECK_STR(places("They opened Sher Khan land port in Afghanistan's northern Kunduz province."),
		  "Sher Khan land port=Sher Khan land port/AFG/landmark; Kunduz=Kunduz/AFG/admin1");
	prepare("Gunmen attacked Crocus City Hall in outer Moscow.");
	CHECK(W.nplaces == 2 && W.places[0].has_coords && fabs(W.places[0].lat - 55.75) < 0.1);
	prepare("They opened Sher Khan land port in Kunduz province.");
	CHECK(W.nplaces == 2 && !W.places[0].has_coords && W.places[0].admin1 && !strcmp(W.places[0].admin1, "AF-KDZ"));
}

TEST(event_place)
{
	NEED_ALL();
	context = NULL;
	prepare("Russia hosted the talks in Kazan, while gunmen attacked a school in Kunduz.");
	size_t host = 0, attack = 0;
	for (size_t i = 0; i < T.ntoks; i++) {
		if (!strcmp(T.toks[i].lower, "hosted"))
			host = i;
		if (!strcmp(T.toks[i].lower, "attacked"))
			attack = i;
	}
	int a = dy_where_for_event(&W, 0, T.toks, T.ntoks, (uint32_t)host);
	int b = dy_where_for_event(&W, 0, T.toks, T.ntoks, (uint32_t)attack);
	CHECK(a >= 0 && !strcmp(W.places[a].name, "Kazan"));
	CHECK(b >= 0 && !strcmp(W.places[b].name, "Kunduz"));
	/* A landmark's event takes the city. */
	prepare("Gunmen attacked Crocus City Hall in outer Moscow.");
	int c = dy_where_for_event(&W, 0, T.toks, T.ntoks, 1);
	CHECK(c >= 0 && !strcmp(W.places[c].name, "Moscow"));
	/* An actor's words as a place. */
	int d = dy_where_actor_place(&W, "Kabul", 5, "AFGGOV", 0, 0, 5);
	CHECK(d >= 0 && !strcmp(W.places[d].name, "Kabul") && W.places[d].has_coords);
	CHECK(dy_where_actor_place(&W, "Kabul", 5, "RUS", 0, 10, 15) < 0);
}

TEST(aliases)
{
	if (!gaz)
		SKIP("the gazetteer could not be loaded (iso-codes)");
	char path[] = "/tmp/dyad-test-where-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	FILE *f = fdopen(fd, "w");
	fputs("# test\nWashington => Washington D.C., USA\n\nKiev => Kyiv, UKR\n", f);
	fclose(f);
	dy_error err;
	dy_error_clear(&err);
	CHECK_INT(dy_gazetteer_load_aliases(gaz, path, &err), 0);
	const dy_gentry *const *e;
	size_t n = dy_gazetteer_lookup(gaz, "Kiev", 4, &e);
	int kyiv = 0, other = 0;
	for (size_t k = 0; k < n; k++) {
		kyiv |= e[k]->kind == DY_GEO_CITY && !strcmp(e[k]->name, "Kyiv");
		other |= strcmp(e[k]->country, "UKR") != 0;
	}
	CHECK(kyiv && !other);
	n = dy_gazetteer_lookup(gaz, "Washington", 10, &e);
	int dc = 0;
	for (size_t k = 0; k < n; k++)
		dc |= !strcmp(e[k]->name, "Washington D.C.");
	CHECK(dc);
	/* Errors name file:line:column. */
	f = fopen(path, "w");
	fputs("Kiev => Kyiv, UKR\nKiev Kyiv\n", f);
	fclose(f);
	CHECK_INT(dy_gazetteer_load_aliases(gaz, path, &err), DY_EDICT);
	CHECK(strstr(err.msg, ":2:1: expected 'ALIAS => NAME, CTY'") != NULL);
	f = fopen(path, "w");
	fputs("Atlantis => Atlantis City, GRC\n", f);
	fclose(f);
	CHECK_INT(dy_gazetteer_load_aliases(gaz, path, &err), DY_EDICT);
	CHECK(strstr(err.msg, "no place 'Atlantis City' in GRC") != NULL);
	unlink(path);
	/* A missing file is no error. */
	CHECK_INT(dy_gazetteer_load_aliases(gaz, "/nonexistent/places.txt", &err), 0);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
	dy_error err;
	tagged_load();
	double t0 = now();
	gaz = dy_gazetteer_load(NULL, NULL, &err);
	load_seconds = now() - t0;
	RUN(fold);
	RUN(gazetteer_loads);
	RUN(place_patterns);
	RUN(false_places);
	RUN(namesakes);
	RUN(landmarks);
	RUN(event_place);
	RUN(aliases);
	dy_gazetteer_free(gaz);
	tagged_release();
	return TEST_DONE();
}
