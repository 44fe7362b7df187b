/* where.h - the gazetteer, and the places named in a document.
 *
 * The gazetteer (dy_gazetteer) holds
 *  - the cities of libgeonames (about 24,000, with coordinates, first-level
 *    subdivision ("state") and population), read once with
 *    geonames_get_n_cities/geonames_get_city at load time (about 40 ms);
 *  - the countries of iso-codes' iso_3166-1.json (alpha-3 codes; display
 *    names from the actor dictionary where it has the country);
 *  - the first-level subdivisions of iso_3166-2.json (entries without a
 *    parent: provinces, regions, states, oblasts ...). Neither countries
 *    nor subdivisions have coordinates: iso-codes gives none and dyad
 *    does not invent them.
 * Names are indexed folded: lower case, diacritics removed, only letters
 * and digits kept, so "Hyderābād", "Hyderabad" and "HYDERABAD" are one key
 * and "Mazar-i-Sharif" finds "Mazari Sharif". Loaded once, then read-only:
 * any number of threads may look places up at once.
 *
 * Places in a document (dy_where_doc): a run of capitalised tokens whose
 * folded words are a gazetteer name is a place only where the words
 * around say so, so that people, organisations and common words that
 * happen to be city names ("Nice", "Split", "Reading", "Of", "Mobile")
 * are left alone:
 *   - after a place preposition (in, at, near, outside, inside, across,
 *     around, throughout, within, into, from, toward(s), via), with up to
 *     two lower-case modifiers or "the" between ("in outer Moscow", "in
 *     the Badakhshan provinces"), and a country's possessive ("in
 *     Afghanistan's northern Kunduz province": Afghanistan is then the
 *     country of Kunduz, not a place of its own);
 *   - before a place noun (province, region, oblast, district, state,
 *     governorate, prefecture, county, city; singular or plural): a
 *     subdivision is then preferred ("Kunduz province");
 *   - before the name of a meeting (Dialogue, Summit, Talks, Conference,
 *     Forum, Format, Process, Agreement, Accords, Declaration, Meeting,
 *     Round, Consultations): "the Termez Dialogue" was held in Termez;
 *   - as the object of "visit" ("to visit Tashkent");
 *   - as a dateline (a name in capitals opening a paragraph, before a
 *     comma or a dash);
 *   - in a list after such a place ("in Kunduz, Takhar and Baghlan").
 * A subdivision with no place noun after it ("in Helmand") must be in a
 * country the document's actors belong to: "at the Centre" is no region
 * of Burkina Faso in a text about Afghanistan.
 * A name is not a place when it is a month or a weekday, when a
 * capitalised word follows that is not part of it ("Moscow State
 * University", "Central Asia"), or when it lies inside a longer actor name
 * ("Islamic State in Khorasan Province") or "for"/"of" and a capitalised
 * word follow ("Centre for Afghanistan Studies"). An actor mention of a
 * country after a place preposition is a country place ("in the US").
 * "NAME, COUNTRY" and "NAME, STATE" fix the country or the state ("Moscow,
 * Idaho"). A facility named before "in"/"near"/"at" a place ("Crocus City
 * Hall in outer Moscow", "Sher Khan land port in ... Kunduz province") is
 * a landmark: it takes the country, subdivision and (approximate)
 * coordinates of the place it is in.
 *
 * Namesakes are chosen by the countries the document is about: each
 * candidate scores log(population) (subdivisions count as 500,000 but
 * lose 3 without a place noun, countries count as 20,000,000) plus
 * 3 log(1 + mentions of its country), where
 * mentions are the document's actor mentions with that country's code and
 * its places that have only one reading. Moscow, Russia wins over Moscow,
 * Idaho in any text that mentions Russia at all; Hyderabad is Pakistan's
 * in a text about Pakistan and India's otherwise.
 */
#ifndef DY_WHERE_H
#define DY_WHERE_H

#include <stddef.h>
#include <stdint.h>

#include "actor/actor.h"
#include "base/arena.h"
#include "base/error.h"
#include "dyad.h"
#include "text/text.h"

enum { DY_GEO_CITY, DY_GEO_ADMIN1, DY_GEO_COUNTRY, DY_GEO_LANDMARK };

/* One gazetteer entry. */
typedef struct dy_gentry {
	const char *name;    /* "Moscow", "Badakhshān", "Afghanistan" */
	const char *country; /* ISO 3166-1 alpha-3 */
	const char *admin1;  /* city: its subdivision's name; subdivision: its ISO 3166-2 code; country: NULL */
	double lat, lon;     /* cities only */
	uint32_t population; /* cities only; 0 otherwise */
	uint16_t country_ix; /* the country's index (dy_gazetteer_ncountries) */
	uint8_t kind;        /* DY_GEO_CITY, DY_GEO_ADMIN1 or DY_GEO_COUNTRY */
} dy_gentry;

typedef struct dy_gazetteer dy_gazetteer;

/* Loads iso-codes from iso_dir (NULL: Debian's /usr/share/iso-codes/json)
 * and the cities of libgeonames. actors (may be NULL) gives countries
 * their display names. Returns NULL and fills err when iso-codes cannot
 * be read. */
dy_gazetteer *dy_gazetteer_load(const char *iso_dir, const dy_actors *actors, dy_error *err);
void dy_gazetteer_free(dy_gazetteer *g);
/* Adds the aliases of a file of lines "ALIAS => NAME, CTY" (dyad's
 * data/places.txt): ALIAS then also names the entries called NAME in
 * country CTY ("Washington => Washington D.C., USA"). A missing file is
 * no error; a malformed line, or a NAME the gazetteer lacks, is DY_EDICT
 * with file:line:column. Call before any thread uses the gazetteer. */
int dy_gazetteer_load_aliases(dy_gazetteer *g, const char *path, dy_error *err);
void dy_gazetteer_counts(const dy_gazetteer *g, size_t *cities, size_t *admin1, size_t *countries);
size_t dy_gazetteer_ncountries(const dy_gazetteer *g);

/* The entries under a name (any case; diacritics, spaces and punctuation
 * ignored); sets *out to an array owned by the gazetteer and returns its
 * length (0 when none). */
size_t dy_gazetteer_lookup(const dy_gazetteer *g, const char *name, size_t len, const dy_gentry *const **out);
/* The same with a key dy_geo_fold made. */
size_t dy_gazetteer_lookup_folded(const dy_gazetteer *g, const char *key, size_t n, const dy_gentry *const **out);
/* Whether a folded word may start a name (the first word of one, or a
 * whole one): a quick "no" before building longer keys; a "yes" can be
 * wrong, the lookup decides. */
int dy_gazetteer_may_start(const dy_gazetteer *g, const char *key, size_t n);
/* The country entry for an alpha-3 code, or NULL. */
const dy_gentry *dy_gazetteer_country(const dy_gazetteer *g, const char *alpha3);

/* Folds s[0..len) into out (lower case ASCII letters and digits only,
 * diacritics removed); returns the length, or 0 when it does not fit in
 * cap - 1 bytes. out is NUL-terminated. */
size_t dy_geo_fold(const char *s, size_t len, char *out, size_t cap);

/* ---- places in a document ---- */

/* A place found in a sentence, before namesakes are chosen (internal to
 * where.c; the fields are here so that a worker can own the array). */
typedef struct dy_place_cand {
	uint32_t sent;
	uint32_t first, last;          /* tokens within the sentence */
	uint32_t cover_last;           /* last token used, a qualifier (", Iran") included */
	uint32_t start, end;           /* byte offsets */
	const dy_gentry *const *ents;  /* readings */
	uint32_t nents;
	int32_t hint_country;          /* a country index the words fix, or -1 */
	const char *hint_state;        /* "Moscow, Idaho": the state's words, folded (arena) */
	int32_t container;             /* landmarks: the candidate they are in, or -1 */
	uint8_t want_admin1;           /* before "province" and the like */
	uint8_t landmark;
	uint8_t origin;                /* after "from": where something came from */
	int32_t chosen;                /* index into ents after resolution, or -1 */
	int32_t place;                 /* index into the document's places, or -1 */
} dy_place_cand;

typedef struct dy_where_doc {
	const dy_gazetteer *g;
	dy_arena *arena;
	dy_place_cand *cands;
	size_t ncands, capcands;
	uint16_t *weight;     /* actor mentions per country index */
	uint16_t *pweight;    /* places with one reading per country index */
	dy_place *places;
	size_t nplaces, capplaces;
} dy_where_doc;

/* Starts a document: the state lives in arena a (reset with it). */
void dy_where_begin(dy_where_doc *d, const dy_gazetteer *g, dy_arena *a);
/* Finds the places of one sentence (tagged and lemmatised tokens, actor
 * mentions resolved) and counts its actor mentions by country. */
void dy_where_sentence(dy_where_doc *d, uint32_t sent, const dy_token *toks, size_t n,
		       const dy_mention_tok *m, size_t nm);
/* Chooses among namesakes for every place of the document and fills
 * d->places (text copied from the document text); returns d->nplaces. */
size_t dy_where_resolve(dy_where_doc *d, const char *text);
/* The place an event takes: the nearest place in the trigger's clause,
 * else the nearest in its sentence (a landmark gives the place it is in).
 * A place after "from" is where something came from ("jihadists from
 * Syria"): it locates only an event whose trigger it follows ("the
 * withdrawal from Afghanistan").
 * Returns an index into d->places, or -1. */
int dy_where_for_event(const dy_where_doc *d, uint32_t sent, const dy_token *toks, size_t n, uint32_t trig);
/* A place for the words of an actor (a violent event's target, "attacked
 * Kabul"): the gazetteer's reading of text in country cc (alpha-3), added
 * to d->places; -1 when there is none. */
int dy_where_actor_place(dy_where_doc *d, const char *text, size_t len, const char *cc, uint32_t sent,
			 uint32_t start, uint32_t end);

#endif
