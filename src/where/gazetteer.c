/* gazetteer.c - loading the gazetteer: countries and first-level
 * subdivisions from iso-codes, cities from libgeonames (see where.h). */
#include <geonames.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/map.h"
#include "base/mem.h"
#include "where/where.h"

#define ISO_DIR "/usr/share/iso-codes/json"
#define FBITS (1u << 18)

struct dy_gazetteer {
	dy_arena arena;
	dy_interner strings;
	dy_gentry *ents;
	size_t nents, capents;
	dy_map index;      /* folded name -> glist* */
	/* Folded first words of names, and whole names, as bits by hash: a
	 * quick "no" that fits in a cache (a "yes" may be wrong: the index
	 * decides). */
	uint64_t fbits[FBITS / 64];
	uint64_t kbits[FBITS / 64]; /* the index's keys as bits by hash */
	dy_map by_alpha3;  /* "RUS" -> dy_gentry* (the country) */
	size_t ncities, nadmin1, ncountries;
};

typedef struct glist {
	uint32_t n;
	const dy_gentry *items[];
} glist;

/* A name to index: the folded key (interned) and the entry. */
typedef struct keyed {
	const char *key;
	size_t ent;
} keyed;

typedef struct loader {
	dy_gazetteer *g;
	keyed *keys;
	size_t nkeys, capkeys;
} loader;

/* ---- folding ---- */

/* Letters that do not decompose into an ASCII letter and a mark. */
static const char *special_letter(int32_t cp)
{
	switch (cp) {
	case 0x0131: return "i";  /* dotless i */
	case 0x0130: return "i";
	case 0x00df: return "ss";
	case 0x00e6: case 0x00c6: return "ae";
	case 0x0153: case 0x0152: return "oe";
	case 0x00f8: case 0x00d8: return "o";
	case 0x0142: case 0x0141: return "l";
	case 0x0111: case 0x0110: return "d";
	case 0x00fe: case 0x00de: return "th";
	case 0x00f0: case 0x00d0: return "d";
	case 0x01dd: case 0x0259: return "e"; /* turned e, schwa (Azerbaijani) */
	}
	return NULL;
}

size_t dy_geo_fold(const char *s, size_t len, char *out, size_t cap)
{
	size_t o = 0;
	if (!cap)
		return 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c + 32);
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				if (o + 1 >= cap)
					return 0;
				out[o++] = (char)c;
			}
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0) {
			i++;
			continue;
		}
		i += (size_t)k;
		const char *sp = special_letter(cp);
		if (sp) {
			for (; *sp; sp++) {
				if (o + 1 >= cap)
					return 0;
				out[o++] = *sp;
			}
			continue;
		}
		utf8proc_int32_t buf[8];
		int last = 0;
		utf8proc_ssize_t m = utf8proc_decompose_char(
			cp, buf, 8, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_COMPAT, &last);
		for (utf8proc_ssize_t j = 0; j < m && j < 8; j++) {
			int32_t d = buf[j];
			if ((d >= 'a' && d <= 'z') || (d >= '0' && d <= '9')) {
				if (o + 1 >= cap)
					return 0;
				out[o++] = (char)d;
			}
		}
	}
	out[o] = '\0';
	return o;
}

/* ---- building ---- */

static const char *istr(dy_gazetteer *g, const char *s)
{
	return s ? dy_intern(&g->strings, s, strlen(s)) : NULL;
}

/* Interns a display name without the trailing soft-sign marks of some
 * transliterations ("Kazan’", "Tver’"). */
static const char *display_name(dy_gazetteer *g, const char *s)
{
	size_t n = strlen(s);
	for (;;) {
		if (n >= 3 && (unsigned char)s[n - 3] == 0xe2 && (unsigned char)s[n - 2] == 0x80 &&
		    (unsigned char)s[n - 1] == 0x99)
			n -= 3; /* ’ */
		else if (n >= 2 && (unsigned char)s[n - 2] == 0xca && (unsigned char)s[n - 1] == 0xb9)
			n -= 2; /* ʹ */
		else if (n >= 1 && s[n - 1] == '\'')
			n -= 1;
		else
			break;
	}
	return dy_arena_strndup(&g->arena, s, n);
}

static size_t add_entry(dy_gazetteer *g, const dy_gentry *e)
{
	DY_GROW(g->ents, g->capents, g->nents + 1);
	g->ents[g->nents] = *e;
	return g->nents++;
}

static void add_key(loader *ld, const char *name, size_t len, size_t ent)
{
	char key[256];
	size_t n = dy_geo_fold(name, len, key, sizeof(key));
	if (n < 2)
		return;
	/* The first word (to a space or hyphen) folded, for dy_gazetteer_may_start. */
	size_t w = 0;
	while (w < len && name[w] != ' ' && name[w] != '-')
		w++;
	char first[256];
	size_t fn = dy_geo_fold(name, w, first, sizeof(first));
	dy_gazetteer *g = ld->g;
	if (fn) {
		uint32_t h = dy_hash(first, fn) & (FBITS - 1);
		g->fbits[h / 64] |= 1ull << (h % 64);
	}
	uint32_t h = dy_hash(key, n) & (FBITS - 1);
	g->fbits[h / 64] |= 1ull << (h % 64);
	g->kbits[h / 64] |= 1ull << (h % 64);
	DY_GROW(ld->keys, ld->capkeys, ld->nkeys + 1);
	ld->keys[ld->nkeys].key = dy_intern(&ld->g->strings, key, n);
	ld->keys[ld->nkeys].ent = ent;
	ld->nkeys++;
}

static int cmp_keyed(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->ent < y->ent ? -1 : x->ent > y->ent;
}

/* Turns the collected keys into the index (entries no longer move). */
static void build_index(loader *ld)
{
	dy_gazetteer *g = ld->g;
	qsort(ld->keys, ld->nkeys, sizeof(keyed), cmp_keyed);
	for (size_t i = 0; i < ld->nkeys;) {
		size_t j = i;
		while (j < ld->nkeys && ld->keys[j].key == ld->keys[i].key)
			j++;
		glist *l = dy_arena_alloc(&g->arena, sizeof(glist) + (j - i) * sizeof(const dy_gentry *));
		l->n = 0;
		for (size_t k = i; k < j; k++)
			if (k == i || ld->keys[k].ent != ld->keys[k - 1].ent)
				l->items[l->n++] = &g->ents[ld->keys[k].ent];
		dy_map_set(&g->index, ld->keys[i].key, strlen(ld->keys[i].key), l);
		i = j;
	}
}

static json_t *load_json(const char *dir, const char *file, const char *list, json_t **root, dy_error *err)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir ? dir : ISO_DIR, file);
	json_error_t je;
	*root = json_load_file(path, 0, &je);
	if (!*root) {
		dy_error_set(err, DY_EDICT, "cannot read the gazetteer's '%s': %s", path, je.text);
		return NULL;
	}
	json_t *l = json_object_get(*root, list);
	if (!json_is_array(l)) {
		json_decref(*root);
		*root = NULL;
		dy_error_set(err, DY_EDICT, "%s: no \"%s\" list", path, list);
		return NULL;
	}
	return l;
}

/* Countries; their index in ents is their country index. */
static int load_countries(loader *ld, const char *dir, const dy_actors *actors, dy_map *a2ix, dy_error *err)
{
	dy_gazetteer *g = ld->g;
	json_t *root;
	json_t *list = load_json(dir, "iso_3166-1.json", "3166-1", &root, err);
	if (!list)
		return DY_EDICT;
	size_t i;
	json_t *c;
	json_array_foreach(list, i, c)
	{
		const char *a2 = json_string_value(json_object_get(c, "alpha_2"));
		const char *a3 = json_string_value(json_object_get(c, "alpha_3"));
		const char *name = json_string_value(json_object_get(c, "common_name"));
		if (!name)
			name = json_string_value(json_object_get(c, "name"));
		if (!a2 || !a3 || !name || strlen(a2) != 2 || strlen(a3) != 3 || g->ncountries >= 65535)
			continue;
		const dy_actor *act = actors ? dy_actors_find(actors, a3) : NULL;
		dy_gentry e;
		memset(&e, 0, sizeof(e));
		char shortname[256];
		snprintf(shortname, sizeof(shortname), "%s", name);
		char *comma = strchr(shortname, ',');
		if (comma)
			*comma = '\0';
		e.name = istr(g, act && act->type == DY_ATYPE_STATE ? act->name : shortname);
		e.country = istr(g, a3);
		e.kind = DY_GEO_COUNTRY;
		e.country_ix = (uint16_t)g->ncountries;
		size_t ix = add_entry(g, &e);
		g->ncountries++;
		/* alpha-2 -> country index + 1 (cities name their country so). */
		dy_map_set(a2ix, istr(g, a2), 2, (void *)(uintptr_t)(ix + 1));
		static const char *keys[] = {"name", "common_name", "official_name"};
		for (int k = 0; k < 3; k++) {
			const char *nm = json_string_value(json_object_get(c, keys[k]));
			if (!nm)
				continue;
			const char *cut = strchr(nm, ',');
			add_key(ld, nm, cut ? (size_t)(cut - nm) : strlen(nm), ix);
		}
		if (act && act->type == DY_ATYPE_STATE)
			add_key(ld, act->name, strlen(act->name), ix);
	}
	json_decref(root);
	/* by_alpha3 points into ents, which moves while entries are added: it
	 * is filled once all are in (set_country_maps). */
	return 0;
}

static void set_country_maps(dy_gazetteer *g)
{
	for (size_t i = 0; i < g->nents; i++) {
		if (g->ents[i].kind != DY_GEO_COUNTRY)
			continue;
		dy_map_set(&g->by_alpha3, g->ents[i].country, 3, &g->ents[i]);
	}
}

static int load_admin1(loader *ld, const char *dir, const dy_map *a2ix, dy_error *err)
{
	dy_gazetteer *g = ld->g;
	json_t *root;
	json_t *list = load_json(dir, "iso_3166-2.json", "3166-2", &root, err);
	if (!list)
		return DY_EDICT;
	static const char *const suffixes[] = {" Province", " province", " Region", " region", " Oblast", " oblast",
					       " oblast'", " Governorate", " State", " District", " County",
					       " Prefecture", " kraj", " Krai", " krai"};
	size_t i;
	json_t *c;
	json_array_foreach(list, i, c)
	{
		if (json_object_get(c, "parent"))
			continue;
		const char *code = json_string_value(json_object_get(c, "code"));
		const char *name = json_string_value(json_object_get(c, "name"));
		if (!code || !name || strlen(code) < 4 || code[2] != '-')
			continue;
		void *v = dy_map_get(a2ix, code, 2);
		if (!v)
			continue;
		size_t cix = (size_t)(uintptr_t)v - 1;
		dy_gentry e;
		memset(&e, 0, sizeof(e));
		e.name = display_name(g, name);
		e.country = g->ents[cix].country;
		e.admin1 = istr(g, code);
		e.kind = DY_GEO_ADMIN1;
		e.country_ix = (uint16_t)cix;
		size_t ix = add_entry(g, &e);
		g->nadmin1++;
		add_key(ld, name, strlen(name), ix);
		size_t len = strlen(name);
		for (size_t k = 0; k < sizeof(suffixes) / sizeof(suffixes[0]); k++) {
			size_t sl = strlen(suffixes[k]);
			if (len > sl + 2 && strcmp(name + len - sl, suffixes[k]) == 0)
				add_key(ld, name, len - sl, ix);
		}
	}
	json_decref(root);
	return 0;
}

/* One city's fields. */
typedef struct city {
	const char *name, *state, *cc;
	double lat, lon;
	uint32_t pop;
} city;

/* The fields through the documented getters. */
static void city_by_getters(GeonamesCity *c, city *x)
{
	x->name = geonames_city_get_name(c);
	x->state = geonames_city_get_state(c);
	x->cc = geonames_city_get_country_code(c);
	x->lat = geonames_city_get_latitude(c);
	x->lon = geonames_city_get_longitude(c);
	x->pop = geonames_city_get_population(c);
}

/* The fields in one pass: a GeonamesCity is a GVariant (geonames.h says
 * so) whose tuple is (id, name, admin1 code, state, country code,
 * country, time zone, population, latitude, longitude) in the version
 * Debian ships. The getters read it one field at a time, each walking the
 * tuple, which is most of the gazetteer's load time; this reads it once.
 * It is used only when the type is that and city_layout_ok() has found
 * the getters agree on a city. */
#define CITY_TYPE "(sssssssudd)"
static void city_by_tuple(GeonamesCity *c, city *x)
{
	const char *id, *a1, *country, *tz;
	guint32 pop;
	g_variant_get(c, "(&s&s&s&s&s&s&sudd)", &id, &x->name, &a1, &x->state, &x->cc, &country, &tz, &pop, &x->lat,
		      &x->lon);
	x->pop = pop;
}

static int city_layout_ok(void)
{
	int n = geonames_get_n_cities();
	int ok = n > 0;
	/* A few cities spread over the list. */
	for (int k = 0; k < 4 && ok; k++) {
		GeonamesCity *c = geonames_get_city((int)((long)n * k / 4));
		if (!c)
			return 0;
		city a, b;
		ok = g_variant_is_of_type(c, G_VARIANT_TYPE(CITY_TYPE));
		if (ok) {
			city_by_getters(c, &a);
			city_by_tuple(c, &b);
			ok = a.name && b.name && !strcmp(a.name, b.name) && a.state && b.state && !strcmp(a.state, b.state) &&
			     a.cc && b.cc && !strcmp(a.cc, b.cc) && a.lat == b.lat && a.lon == b.lon && a.pop == b.pop;
		}
		geonames_city_free(c);
	}
	return ok;
}

static void load_cities(loader *ld, const dy_map *a2ix)
{
	dy_gazetteer *g = ld->g;
	int n = geonames_get_n_cities();
	int fast = city_layout_ok();
	for (int i = 0; i < n; i++) {
		GeonamesCity *c = geonames_get_city(i);
		if (!c)
			continue;
		city x;
		if (fast)
			city_by_tuple(c, &x);
		else
			city_by_getters(c, &x);
		void *v = x.cc && strlen(x.cc) == 2 ? dy_map_get(a2ix, x.cc, 2) : NULL;
		if (x.name && *x.name && v) {
			size_t cix = (size_t)(uintptr_t)v - 1;
			dy_gentry e;
			memset(&e, 0, sizeof(e));
			e.name = display_name(g, x.name);
			e.country = g->ents[cix].country;
			e.admin1 = x.state && *x.state ? istr(g, x.state) : NULL; /* some 3,000 distinct */
			e.lat = x.lat;
			e.lon = x.lon;
			e.population = x.pop;
			e.kind = DY_GEO_CITY;
			e.country_ix = (uint16_t)cix;
			size_t ix = add_entry(g, &e);
			g->ncities++;
			add_key(ld, x.name, strlen(x.name), ix);
		}
		geonames_city_free(c);
	}
}

dy_gazetteer *dy_gazetteer_load(const char *iso_dir, const dy_actors *actors, dy_error *err)
{
	dy_gazetteer *g = dy_xcalloc(1, sizeof(*g));
	dy_arena_init(&g->arena);
	dy_intern_init(&g->strings);
	loader ld = {g, NULL, 0, 0};
	dy_map a2ix = DY_MAP_INIT;
	if (load_countries(&ld, iso_dir, actors, &a2ix, err) < 0)
		goto fail;
	if (load_admin1(&ld, iso_dir, &a2ix, err) < 0)
		goto fail;
	load_cities(&ld, &a2ix);
	set_country_maps(g);
	build_index(&ld);
	free(ld.keys);
	dy_map_release(&a2ix);
	return g;
fail:
	free(ld.keys);
	dy_map_release(&a2ix);
	dy_gazetteer_free(g);
	return NULL;
}

void dy_gazetteer_free(dy_gazetteer *g)
{
	if (!g)
		return;
	dy_map_release(&g->index);
	dy_map_release(&g->by_alpha3);
	free(g->ents);
	dy_intern_release(&g->strings);
	dy_arena_release(&g->arena);
	free(g);
}

void dy_gazetteer_counts(const dy_gazetteer *g, size_t *cities, size_t *admin1, size_t *countries)
{
	*cities = g->ncities;
	*admin1 = g->nadmin1;
	*countries = g->ncountries;
}

size_t dy_gazetteer_ncountries(const dy_gazetteer *g)
{
	return g->ncountries;
}

size_t dy_gazetteer_lookup(const dy_gazetteer *g, const char *name, size_t len, const dy_gentry *const **out)
{
	char key[256];
	size_t n = dy_geo_fold(name, len, key, sizeof(key));
	*out = NULL;
	if (n < 2)
		return 0;
	const glist *l = dy_map_get(&g->index, key, n);
	if (!l)
		return 0;
	*out = l->items;
	return l->n;
}

size_t dy_gazetteer_lookup_folded(const dy_gazetteer *g, const char *key, size_t n, const dy_gentry *const **out)
{
	uint32_t h = dy_hash(key, n) & (FBITS - 1);
	if (n < 2 || !(g->kbits[h / 64] & (1ull << (h % 64)))) {
		*out = NULL;
		return 0;
	}
	const glist *l = dy_map_get(&g->index, key, n);
	*out = l ? l->items : NULL;
	return l ? l->n : 0;
}

static void set_bits(uint64_t *bits, const char *key, size_t n)
{
	uint32_t h = dy_hash(key, n) & (FBITS - 1);
	bits[h / 64] |= 1ull << (h % 64);
}

/* Adds the entries of ents[0..n) in country cc to the list under the
 * folded key; returns how many were added. */
static size_t alias_add(dy_gazetteer *g, const char *key, size_t klen, const dy_gentry *const *ents, size_t n,
			const char *cc)
{
	const glist *old = dy_map_get(&g->index, key, klen);
	size_t nold = old ? old->n : 0, add = 0;
	glist *l = dy_arena_alloc(&g->arena, sizeof(glist) + (nold + n) * sizeof(const dy_gentry *));
	l->n = 0;
	for (size_t k = 0; k < nold; k++)
		l->items[l->n++] = old->items[k];
	for (size_t k = 0; k < n; k++) {
		if (strcmp(ents[k]->country, cc) != 0)
			continue;
		int dup = 0;
		for (size_t j = 0; j < l->n; j++)
			dup |= l->items[j] == ents[k];
		if (!dup) {
			l->items[l->n++] = ents[k];
			add++;
		}
	}
	if (!add)
		return 0;
	const char *stable = dy_intern(&g->strings, key, klen);
	dy_map_set(&g->index, stable, klen, l);
	set_bits(g->kbits, key, klen);
	set_bits(g->fbits, key, klen);
	return add;
}

int dy_gazetteer_load_aliases(dy_gazetteer *g, const char *path, dy_error *err)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return 0; /* optional: a data directory without it has no aliases */
	char line[1024];
	long lineno = 0;
	int rc = 0;
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		size_t len = strlen(line);
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
			line[--len] = '\0';
		const char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			continue;
		const char *arrow = strstr(p, "=>");
		const char *comma = arrow ? strrchr(arrow, ',') : NULL;
		const char *cc = comma ? comma + 1 : NULL;
		while (cc && *cc == ' ')
			cc++;
		if (!arrow || arrow == p || !comma || !cc || strlen(cc) != 3) {
			long col = !arrow ? 1 : !comma ? (long)(arrow - line) + 1 : (long)(comma - line) + 2;
			rc = dy_error_at(err, DY_EDICT, path, lineno, col, line, len,
					 "expected 'ALIAS => NAME, CTY' (CTY an ISO 3166-1 alpha-3 code)");
			break;
		}
		const char *name = arrow + 2;
		while (*name == ' ')
			name++;
		const dy_gentry *const *ents;
		size_t n = dy_gazetteer_lookup(g, name, (size_t)(comma - name), &ents);
		char key[256];
		size_t kl = dy_geo_fold(p, (size_t)(arrow - p), key, sizeof(key));
		int in_cc = 0;
		for (size_t k = 0; k < n; k++)
			in_cc |= strcmp(ents[k]->country, cc) == 0;
		if (!in_cc || kl < 2) {
			rc = dy_error_at(err, DY_EDICT, path, lineno, (long)(name - line) + 1, line, len,
					 "no place '%.*s' in %s in the gazetteer", (int)(comma - name), name, cc);
			break;
		}
		alias_add(g, key, kl, ents, n, cc);
		/* The first word of a multi-word alias may start a name too. */
		size_t w = 0;
		while (p + w < arrow && p[w] != ' ' && p[w] != '-')
			w++;
		char first[256];
		size_t fl = dy_geo_fold(p, w, first, sizeof(first));
		if (fl)
			set_bits(g->fbits, first, fl);
	}
	fclose(f);
	return rc;
}

int dy_gazetteer_may_start(const dy_gazetteer *g, const char *key, size_t n)
{
	if (!n)
		return 0;
	uint32_t h = dy_hash(key, n) & (FBITS - 1);
	return (g->fbits[h / 64] & (1ull << (h % 64))) != 0;
}

const dy_gentry *dy_gazetteer_country(const dy_gazetteer *g, const char *alpha3)
{
	if (!alpha3 || strlen(alpha3) < 3)
		return NULL;
	return dy_map_get(&g->by_alpha3, alpha3, 3);
}
