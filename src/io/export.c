/* export.c - events out of the store in table, JSONL, CSV, Phoenix, GDELT
 * and PLOVER form, and the rows of summary queries (export.h). */
#include "io/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <utf8proc.h>

#include "base/mem.h"
#include "io/write.h"

/* The format names, in the order of enum dy_export_format. */
static const char *const format_names[] = {"table", "jsonl", "csv", "phoenix", "gdelt", "plover"};
#define NFORMATS (sizeof(format_names) / sizeof(format_names[0]))

int dy_export_format_parse(const char *name, enum dy_export_format *out)
{
	for (size_t i = 0; i < NFORMATS; i++) {
		if (strcmp(name, format_names[i]) == 0) {
			*out = (enum dy_export_format)i;
			return 0;
		}
	}
	return DY_EINVAL;
}

const char *dy_export_format_name(enum dy_export_format f)
{
	return (size_t)f < NFORMATS ? format_names[f] : "?";
}

int dy_export_needs_mentions(enum dy_export_format f)
{
	return f == DY_EXPORT_JSONL || f == DY_EXPORT_PHOENIX;
}

int dy_export_brief(enum dy_export_format f)
{
	return f == DY_EXPORT_TABLE;
}

/* ---- small pieces ------------------------------------------------------------- */

static const char *nz(const char *s)
{
	return s ? s : "";
}

static void add_long(dy_buf *b, long long v)
{
	dy_buf_addf(b, "%lld", v);
}

/* Appends a number with up to 6 decimals, without trailing zeros. */
static void add_real(dy_buf *b, double v)
{
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%.6f", v);
	char *dot = strchr(tmp, '.');
	if (dot) {
		char *e = tmp + strlen(tmp) - 1;
		while (e > dot && *e == '0')
			*e-- = '\0';
		if (e == dot)
			*e = '\0';
	}
	if (strcmp(tmp, "-0") == 0)
		strcpy(tmp, "0");
	dy_buf_adds(b, tmp);
}

/* Appends s (NULL: nothing) with tabs, CRs and newlines made spaces. */
static void tsv_text(dy_buf *b, const char *s)
{
	if (s)
		dy_buf_add_tsv(b, s, strlen(s));
}

/* A TSV field: the text, then the tab that ends it. */
static void tsv(dy_buf *b, const char *s)
{
	tsv_text(b, s);
	dy_buf_addc(b, '\t');
}

/* Appends a place's latitude and longitude as two fields, sep between
 * them and end after them ("lat,lon\n"); empty fields when p is NULL or
 * has no coordinates. */
static void add_coords(dy_buf *b, const dy_place *p, char sep, char end)
{
	if (p && p->has_coords)
		add_real(b, p->lat);
	dy_buf_addc(b, sep);
	if (p && p->has_coords)
		add_real(b, p->lon);
	dy_buf_addc(b, end);
}

void dy_csv_field(dy_buf *b, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		dy_buf_adds(b, s);
		return;
	}
	dy_buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			dy_buf_addc(b, '"');
		dy_buf_addc(b, *s);
	}
	dy_buf_addc(b, '"');
}

/* How much of a date there is, told by its length: "YYYY-MM-DD",
 * "YYYY-MM" or "YYYY"; DATE_NONE for NULL and anything else. */
enum date_kind { DATE_NONE, DATE_YEAR, DATE_MONTH, DATE_DAY };

static enum date_kind date_kind(const char *date)
{
	size_t n = date ? strlen(date) : 0;
	return n == 10 ? DATE_DAY : n == 7 ? DATE_MONTH : n == 4 ? DATE_YEAR : DATE_NONE;
}

/* "YYYYMMDD" from "YYYY-MM-DD" (empty for any other date, or NULL). */
static void compact_date(const char *date, char out[9])
{
	if (date_kind(date) != DATE_DAY) {
		out[0] = '\0';
		return;
	}
	memcpy(out, date, 4);
	memcpy(out + 4, date + 5, 2);
	memcpy(out + 6, date + 8, 2);
	out[8] = '\0';
}

/* The display width of s: its length when it is printable ASCII (most
 * cells: codes, numbers, dates), else as utf8proc says. */
static size_t width_of(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f)
			return dy_display_width(s, n);
	return n;
}

/* Appends s cut or padded to exactly width display columns (one line;
 * control characters become spaces; "…" marks a cut). */
static void fit(dy_buf *b, const char *s, size_t width, int pad)
{
	size_t n = s ? strlen(s) : 0, cols = 0, i = 0;
	if (n <= width && width_of(s ? s : "", n) == n) {
		/* Printable ASCII that fits: as it is. */
		dy_buf_add(b, s ? s : "", n);
		if (pad)
			for (cols = n; cols < width; cols++)
				dy_buf_addc(b, ' ');
		return;
	}
	size_t total = width_of(s ? s : "", n);
	int cut = total > width;
	size_t room = cut ? (width ? width - 1 : 0) : width;
	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0) {
			k = 1;
			c = 0xfffd;
		}
		int w = c < 0x20 || c == 0x7f ? 1 : utf8proc_charwidth(c);
		if (w < 0)
			w = 0;
		if (cols + (size_t)w > room)
			break;
		if (c < 0x20 || c == 0x7f)
			dy_buf_addc(b, ' ');
		else
			dy_buf_add(b, s + i, (size_t)k);
		cols += (size_t)w;
		i += (size_t)k;
	}
	if (cut && width) {
		dy_buf_adds(b, "…");
		cols++;
	}
	if (pad)
		for (; cols < width; cols++)
			dy_buf_addc(b, ' ');
}

/* ---- headers ------------------------------------------------------------------- */

#define CSV_HEADER                                                                                   \
	"event_id,date,source_code,source_name,target_code,target_name,code,root,quad,goldstein,plover," \
	"name,mentions,articles,sources,doc,sent,evidence,url,news_source,source_text,target_text,"    \
	"trigger,rule,pattern,place,place_country,lat,lon"

static const char *const phoenix_cols[DY_PHOENIX_COLUMNS] = {
	"EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity", "SourceActorRole",
	"SourceActorAttribute", "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute",
	"EventCode", "EventRootCode", "QuadClass", "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName",
	"StateName", "CountryCode", "SentenceID", "URLs", "NewsSources",
};

static const char *const gdelt_cols[DY_GDELT_COLUMNS] = {
	"GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
	"Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
	"Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
	"ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
};

/* Table column widths (display columns); the evidence takes the rest. */
enum { TW_ID = 7, TW_DATE = 10, TW_ACTOR = 12, TW_EVENT = 30, TW_N = 5 };

/* The table's columns before the evidence. */
enum { TC_ID, TC_DATE, TC_SOURCE, TC_EVENT, TC_TARGET, TC_N, TC_COUNT };
static const struct {
	const char *name;
	size_t width;
} table_cols[TC_COUNT] = {
	{"ID", TW_ID}, {"DATE", TW_DATE}, {"SOURCE", TW_ACTOR}, {"EVENT", TW_EVENT}, {"TARGET", TW_ACTOR}, {"M/A", TW_N},
};

/* Appends s as table column col, padded to its width, and the gap after it. */
static void table_cell(dy_buf *b, int col, const char *s)
{
	fit(b, s, table_cols[col].width, 1);
	dy_buf_adds(b, "  ");
}

void dy_export_header(dy_buf *b, enum dy_export_format f)
{
	switch (f) {
	case DY_EXPORT_TABLE:
		for (int c = 0; c < TC_COUNT; c++)
			table_cell(b, c, table_cols[c].name);
		dy_buf_adds(b, "EVIDENCE\n");
		break;
	case DY_EXPORT_CSV:
		dy_buf_adds(b, CSV_HEADER "\n");
		break;
	case DY_EXPORT_PHOENIX:
	case DY_EXPORT_GDELT: {
		const char *const *cols = f == DY_EXPORT_PHOENIX ? phoenix_cols : gdelt_cols;
		size_t n = f == DY_EXPORT_PHOENIX ? DY_PHOENIX_COLUMNS : DY_GDELT_COLUMNS;
		for (size_t i = 0; i < n; i++) {
			dy_buf_adds(b, cols[i]);
			dy_buf_addc(b, i + 1 < n ? '\t' : '\n');
		}
		break;
	}
	default:
		break;
	}
}

/* ---- table ------------------------------------------------------------------------ */

static void event_table(dy_buf *b, const dy_store_event *e)
{
	const char *evidence = e->evidence ? e->evidence : e->nlisted ? e->mentions[0].evidence : "";
	char tmp[160];
	size_t rest = DY_TABLE_WIDTH - (TW_ID + TW_DATE + 2 * TW_ACTOR + TW_EVENT + TW_N + 12);
	snprintf(tmp, sizeof(tmp), "%lld", (long long)e->id);
	size_t n = strlen(tmp);
	for (; n < TW_ID; n++)
		dy_buf_addc(b, ' ');
	dy_buf_adds(b, tmp);
	dy_buf_adds(b, "  ");
	table_cell(b, TC_DATE, e->date ? e->date : "-");
	table_cell(b, TC_SOURCE, e->source_code);
	snprintf(tmp, sizeof(tmp), "%s %s", nz(e->code), nz(e->name));
	table_cell(b, TC_EVENT, tmp);
	table_cell(b, TC_TARGET, e->target_code);
	snprintf(tmp, sizeof(tmp), "%ld/%ld", e->nmentions, e->narticles);
	table_cell(b, TC_N, tmp);
	fit(b, evidence, rest, 0);
	dy_buf_addc(b, '\n');
}

/* ---- JSONL -------------------------------------------------------------------------- */

static void jkey(dy_buf *b, const char *k)
{
	dy_buf_addc(b, ',');
	dy_buf_add_jstr(b, k);
	dy_buf_addc(b, ':');
}

/* ,"k":"s" (null for NULL). */
static void jstr(dy_buf *b, const char *k, const char *s)
{
	jkey(b, k);
	dy_buf_add_jstr(b, s);
}

/* ,"k":v */
static void jlong(dy_buf *b, const char *k, long long v)
{
	jkey(b, k);
	add_long(b, v);
}

/* ,"k":["s"] */
static void jlist1(dy_buf *b, const char *k, const char *s)
{
	jkey(b, k);
	dy_buf_addc(b, '[');
	dy_buf_add_jstr(b, s);
	dy_buf_addc(b, ']');
}

/* ,"lat":LAT,"lon":LON (null each when p has no coordinates). */
static void json_coords(dy_buf *b, const dy_place *p)
{
	jkey(b, "lat");
	if (p->has_coords)
		add_real(b, p->lat);
	else
		dy_buf_adds(b, "null");
	jkey(b, "lon");
	if (p->has_coords)
		add_real(b, p->lon);
	else
		dy_buf_adds(b, "null");
}

static void json_place(dy_buf *b, const dy_place *p)
{
	dy_buf_adds(b, "{\"name\":");
	dy_buf_add_jstr(b, p->name);
	jstr(b, "text", p->text);
	jstr(b, "country", p->country);
	jstr(b, "admin1", p->admin1);
	jstr(b, "kind", p->kind);
	json_coords(b, p);
	dy_buf_addc(b, '}');
}

static int has_size(const dy_size *z)
{
	return z->killed >= 0 || z->injured >= 0 || z->arrested >= 0;
}

static void json_count(dy_buf *b, long v)
{
	if (v >= 0)
		add_long(b, v);
	else
		dy_buf_adds(b, "null");
}

/* ,"key":{"<killed>":K,"injured":I,"arrested":A[,"qualifier":Q]}: the
 * counts under the names of the format (null each when unknown), the
 * qualifier when with_qualifier is set. */
static void json_size(dy_buf *b, const char *key, const dy_size *z, const char *killed, int with_qualifier)
{
	jkey(b, key);
	dy_buf_addc(b, '{');
	dy_buf_add_jstr(b, killed);
	dy_buf_addc(b, ':');
	json_count(b, z->killed);
	jkey(b, "injured");
	json_count(b, z->injured);
	jkey(b, "arrested");
	json_count(b, z->arrested);
	if (with_qualifier)
		jstr(b, "qualifier", z->qualifier);
	dy_buf_addc(b, '}');
}

static void json_mention(dy_buf *b, const dy_store_mention *m)
{
	dy_buf_adds(b, "{\"doc\":");
	dy_buf_add_jstr(b, m->doc_id);
	jlong(b, "sent", m->sent);
	jstr(b, "date", m->date);
	jstr(b, "date_precision", m->date_precision);
	jstr(b, "date_text", m->date_text);
	jkey(b, "source");
	dy_write_json_actor(b, &m->source);
	jkey(b, "target");
	dy_write_json_actor(b, &m->target);
	jstr(b, "code", m->code);
	jstr(b, "evidence", m->evidence);
	dy_buf_addf(b, ",\"offsets\":[%u,%u],\"trigger\":{\"text\":", m->sent_start, m->sent_end);
	dy_buf_add_jstr(b, m->trigger);
	dy_buf_addf(b, ",\"offsets\":[%u,%u]}", m->trig_start, m->trig_end);
	jstr(b, "rule", m->rule);
	jstr(b, "pattern", m->pattern);
	jstr(b, "title", m->title);
	jstr(b, "url", m->url);
	jstr(b, "news_source", m->news_source);
	jstr(b, "coded_by", m->coded_by);
	jstr(b, "ingested", m->ingested);
	if (m->has_place) {
		jkey(b, "location");
		json_place(b, &m->place);
	}
	if (has_size(&m->size))
		json_size(b, "size", &m->size, "killed", 1);
	if (m->issues) {
		/* Stored as `dyad code` wrote it (dy_write_json_issues). */
		jkey(b, "issues");
		dy_buf_adds(b, m->issues);
	}
	dy_buf_addc(b, '}');
}

/* ,"key":{"code":CODE,"name":NAME} */
static void json_code_name(dy_buf *b, const char *key, const char *code, const char *name)
{
	jkey(b, key);
	dy_buf_adds(b, "{\"code\":");
	dy_buf_add_jstr(b, code);
	jstr(b, "name", name);
	dy_buf_addc(b, '}');
}

static void event_jsonl(dy_buf *b, const dy_store_event *e)
{
	dy_buf_adds(b, "{\"event_id\":");
	add_long(b, e->id);
	jstr(b, "date", e->date);
	json_code_name(b, "source", e->source_code, e->source_name);
	json_code_name(b, "target", e->target_code, e->target_name);
	jstr(b, "code", e->code);
	jstr(b, "root", e->root);
	jstr(b, "family", e->family);
	jlong(b, "quad", e->quad);
	jkey(b, "goldstein");
	dy_write_goldstein(b, e->goldstein);
	jstr(b, "plover", e->plover);
	jstr(b, "name", e->name);
	jlong(b, "mentions", e->nmentions);
	jlong(b, "articles", e->narticles);
	jlong(b, "sources", e->nsources);
	jkey(b, "lede");
	dy_buf_adds(b, e->lede ? "true" : "false");
	dy_buf_adds(b, ",\"reports\":[");
	for (size_t i = 0; i < e->nlisted; i++) {
		if (i)
			dy_buf_addc(b, ',');
		json_mention(b, &e->mentions[i]);
	}
	dy_buf_adds(b, "]}\n");
}

/* ---- CSV ------------------------------------------------------------------------------ */

static void csv(dy_buf *b, const char *s)
{
	dy_csv_field(b, s);
	dy_buf_addc(b, ',');
}

static void event_csv(dy_buf *b, const dy_store_event *e)
{
	const dy_store_mention *m = &e->mentions[0];
	const dy_place *pl = m->has_place ? &m->place : NULL;
	dy_buf_addf(b, "%lld,", (long long)e->id);
	csv(b, e->date);
	csv(b, e->source_code);
	csv(b, e->source_name);
	csv(b, e->target_code);
	csv(b, e->target_name);
	csv(b, e->code);
	csv(b, e->root);
	dy_buf_addf(b, "%d,", e->quad);
	dy_write_goldstein(b, e->goldstein);
	dy_buf_addc(b, ',');
	csv(b, e->plover);
	csv(b, e->name);
	dy_buf_addf(b, "%ld,%ld,%ld,", e->nmentions, e->narticles, e->nsources);
	csv(b, m->doc_id);
	dy_buf_addf(b, "%u,", m->sent);
	csv(b, m->evidence);
	csv(b, m->url);
	csv(b, m->news_source);
	csv(b, m->source.text);
	csv(b, m->target.text);
	csv(b, m->trigger);
	csv(b, m->rule);
	csv(b, m->pattern);
	csv(b, pl ? pl->name : NULL);
	csv(b, pl ? pl->country : NULL);
	add_coords(b, pl, ',', '\n');
}

/* ---- actor codes ----------------------------------------------------------------------- */

/* CAMEO's type (role) codes, as GDELT's Type1..3 columns take them. */
static int is_type(const char *seg)
{
	static const char types[] = " AGR AMN BUS CRM CVL DEV EDU ELI ENV GOV GRP HLH HRI IGO IMG INS INT IRC JUD "
				    "LAB LEG MED MIL MNC MOD NGM NGO OPP PKO PTY RAD REB REF REL SEP SET SPY UAF UIS "
				    "UNO COP ";
	char k[6] = {' ', seg[0], seg[1], seg[2], ' ', '\0'};
	return strstr(types, k) != NULL;
}

/* Codes that begin a non-state actor: the next three letters name the group. */
static int is_group_prefix(const char *seg)
{
	return !strncmp(seg, "IGO", 3) || !strncmp(seg, "NGO", 3) || !strncmp(seg, "IMG", 3) ||
	       !strncmp(seg, "MNC", 3);
}

typedef struct actor_parts {
	char country[4], group[4], types[3][4], role[4];
	char attribute[64];
} actor_parts;

static void split_code(const char *code, actor_parts *p)
{
	memset(p, 0, sizeof(*p));
	size_t n = code ? strlen(code) : 0;
	size_t nseg = n / 3, nt = 0;
	char seg[16][4];
	if (nseg > 16)
		nseg = 16;
	for (size_t i = 0; i < nseg; i++) {
		memcpy(seg[i], code + 3 * i, 3);
		seg[i][3] = '\0';
	}
	/* Phoenix: entity, role, the rest. */
	if (nseg >= 1 && n >= 3) {
		if (nseg >= 2)
			memcpy(p->role, seg[1], 4);
		if (n > 6)
			snprintf(p->attribute, sizeof(p->attribute), "%s", code + 6);
	}
	/* GDELT: country or group, types. */
	size_t i = 0;
	if (nseg >= 1) {
		if (is_group_prefix(seg[0])) {
			memcpy(p->types[nt++], seg[0], 4);
			if (nseg >= 2)
				memcpy(p->group, seg[1], 4);
			i = 2;
		} else if (!is_type(seg[0])) {
			memcpy(p->country, seg[0], 4);
			i = 1;
		}
	}
	for (; i < nseg && nt < 3; i++)
		if (is_type(seg[i]))
			memcpy(p->types[nt++], seg[i], 4);
}

/* The first three letters of an actor or event code (all of a shorter one). */
static void entity(const char *code, char out[4])
{
	snprintf(out, 4, "%s", nz(code));
}

/* ---- Phoenix ------------------------------------------------------------------------------ */

/* Appends the distinct non-empty values of field (url or news_source) of
 * the mentions, joined by ';'. */
static void joined(dy_buf *b, const dy_store_event *e, int urls)
{
	int n = 0;
	for (size_t i = 0; i < e->nlisted; i++) {
		const char *v = urls ? e->mentions[i].url : e->mentions[i].news_source;
		if (!v || !*v)
			continue;
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++) {
			const char *w = urls ? e->mentions[j].url : e->mentions[j].news_source;
			seen = w && strcmp(v, w) == 0;
		}
		if (seen)
			continue;
		if (n++)
			dy_buf_addc(b, ';');
		tsv_text(b, v);
	}
}

/* The Issues column: the issues of the event's mentions as PETRARCH
 * writes them, "OIL 1, SCHOOLS 2": each code once, in the order first
 * seen (mentions earliest first, each sentence's issues in text order),
 * with its counts summed over the distinct sentences (doc, sent) of the
 * mentions; a sentence that two mentions share counts once. Empty when
 * the mentions have no issues. */
static void phoenix_issues(dy_buf *b, const dy_store_event *e)
{
	char **codes = NULL;
	unsigned long *counts = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < e->nlisted; i++) {
		const dy_store_mention *m = &e->mentions[i];
		if (!m->issues)
			continue;
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = e->mentions[j].sent == m->sent && strcmp(nz(e->mentions[j].doc_id), nz(m->doc_id)) == 0;
		if (seen)
			continue;
		json_t *arr = json_loads(m->issues, 0, NULL);
		size_t k;
		json_t *is;
		json_array_foreach(arr, k, is)
		{
			json_t *code = json_object_get(is, "code"), *count = json_object_get(is, "count");
			if (!json_is_string(code) || !*json_string_value(code))
				continue;
			const char *c = json_string_value(code);
			unsigned long add = json_is_integer(count) && json_integer_value(count) > 0
						    ? (unsigned long)json_integer_value(count)
						    : 1;
			size_t at = 0;
			while (at < n && strcmp(codes[at], c) != 0)
				at++;
			if (at == n) {
				if (n == cap) {
					cap = cap ? 2 * cap : 8;
					codes = dy_xrealloc(codes, cap * sizeof(*codes));
					counts = dy_xrealloc(counts, cap * sizeof(*counts));
				}
				codes[n] = dy_xstrdup(c);
				counts[n++] = 0;
			}
			counts[at] += add;
		}
		json_decref(arr);
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			dy_buf_adds(b, ", ");
		tsv_text(b, codes[i]);
		dy_buf_addf(b, " %lu", counts[i]);
		free(codes[i]);
	}
	free(codes);
	free(counts);
}

static void event_phoenix(dy_buf *b, const dy_store_event *e)
{
	const dy_store_mention *m = &e->mentions[0];
	const dy_place *pl = m->has_place ? &m->place : NULL;
	char day[9], ent[4];
	compact_date(e->date, day);
	dy_buf_addf(b, "%lld\t", (long long)e->id);
	tsv(b, day);
	switch (date_kind(e->date)) {
	case DATE_DAY:
		dy_buf_addf(b, "%.4s\t%d\t%d\t", e->date, atoi(e->date + 5), atoi(e->date + 8));
		break;
	case DATE_MONTH:
		dy_buf_addf(b, "%.4s\t%d\t\t", e->date, atoi(e->date + 5));
		break;
	case DATE_YEAR:
		dy_buf_addf(b, "%.4s\t\t\t", e->date);
		break;
	case DATE_NONE:
		dy_buf_adds(b, "\t\t\t");
		break;
	}
	const char *codes[2] = {e->source_code, e->target_code};
	for (int k = 0; k < 2; k++) {
		actor_parts p;
		split_code(codes[k], &p);
		entity(codes[k], ent);
		tsv(b, codes[k]);
		tsv(b, ent);
		tsv(b, p.role);
		tsv(b, p.attribute);
	}
	tsv(b, e->code);
	tsv(b, e->root);
	dy_buf_addf(b, "%d\t", e->quad);
	dy_write_goldstein(b, e->goldstein);
	dy_buf_addc(b, '\t');
	phoenix_issues(b, e);
	dy_buf_addc(b, '\t');
	add_coords(b, pl, '\t', '\t');
	tsv(b, pl ? pl->name : NULL);
	tsv(b, pl ? pl->admin1 : NULL);
	tsv(b, pl ? pl->country : NULL);
	tsv_text(b, m->doc_id);
	dy_buf_addf(b, "_%u\t", m->sent);
	joined(b, e, 1);
	dy_buf_addc(b, '\t');
	joined(b, e, 0);
	dy_buf_addc(b, '\n');
}

/* ---- GDELT ---------------------------------------------------------------------------------- */

static void upper_name(dy_buf *b, const char *s)
{
	size_t start = b->len;
	tsv_text(b, s);
	for (size_t i = start; i < b->len; i++)
		if (b->s[i] >= 'a' && b->s[i] <= 'z')
			b->s[i] = (char)(b->s[i] - 'a' + 'A');
	dy_buf_addc(b, '\t');
}

static int geo_type(const char *kind)
{
	if (!kind)
		return 0;
	if (!strcmp(kind, "country"))
		return 1;
	if (!strcmp(kind, "admin1"))
		return 5;
	return 4;
}

static void event_gdelt(dy_buf *b, const dy_store_event *e)
{
	const dy_store_mention *m = &e->mentions[0];
	char day[9];
	compact_date(e->date, day);
	dy_buf_addf(b, "%lld\t", (long long)e->id);
	switch (date_kind(e->date)) {
	case DATE_DAY: {
		int y = atoi(e->date), mo = atoi(e->date + 5), d = atoi(e->date + 8);
		dy_buf_addf(b, "%s\t%.6s\t%d\t%.4f\t", day, day, y, y + (mo * 30 + d) / 365.0);
		break;
	}
	case DATE_MONTH: /* no day, no fraction */
		dy_buf_addf(b, "\t%.4s%.2s\t%.4s\t\t", e->date, e->date + 5, e->date);
		break;
	case DATE_YEAR:
		dy_buf_addf(b, "\t\t%.4s\t\t", e->date);
		break;
	case DATE_NONE:
		dy_buf_adds(b, "\t\t\t\t");
		break;
	}
	const char *codes[2] = {e->source_code, e->target_code};
	const char *names[2] = {e->source_name, e->target_name};
	for (int k = 0; k < 2; k++) {
		actor_parts p;
		split_code(codes[k], &p);
		tsv(b, codes[k]);
		upper_name(b, names[k]);
		tsv(b, p.country);
		tsv(b, p.group);
		dy_buf_adds(b, "\t\t\t"); /* ethnic, religion 1 and 2 */
		for (int t = 0; t < 3; t++)
			tsv(b, p.types[t]);
	}
	dy_buf_addf(b, "%d\t", e->lede ? 1 : 0);
	char base[4];
	entity(e->code, base);
	tsv(b, e->code);
	tsv(b, base);
	tsv(b, e->root);
	dy_buf_addf(b, "%d\t", e->quad);
	dy_write_goldstein(b, e->goldstein);
	dy_buf_addf(b, "\t%ld\t%ld\t%ld\t\t", e->nmentions, e->nsources, e->narticles); /* AvgTone empty */
	dy_buf_adds(b, "\t\t\t\t\t\t\t\t"); /* Actor1Geo_* */
	dy_buf_adds(b, "\t\t\t\t\t\t\t\t"); /* Actor2Geo_* */
	if (m->has_place) {
		int gt = geo_type(m->place.kind);
		if (gt)
			dy_buf_addf(b, "%d", gt);
		dy_buf_addc(b, '\t');
		dy_buf dn = DY_BUF_INIT;
		const char *parts[3] = {m->place.name, m->place.admin1, m->place.country};
		for (int i = 0; i < 3; i++) {
			if (!parts[i] || !*parts[i])
				continue;
			if (dn.len)
				dy_buf_adds(&dn, ", ");
			dy_buf_adds(&dn, parts[i]);
		}
		tsv(b, dn.s);
		dy_buf_release(&dn);
		dy_buf_adds(b, "\t\t\t"); /* CountryCode (FIPS), ADM1Code, ADM2Code */
		add_coords(b, &m->place, '\t', '\t');
		dy_buf_addc(b, '\t'); /* FeatureID */
	} else {
		dy_buf_adds(b, "\t\t\t\t\t\t\t\t");
	}
	char added[15] = "";
	if (m->ingested && strlen(m->ingested) == 19) {
		const char *t = m->ingested;
		snprintf(added, sizeof(added), "%.4s%.2s%.2s%.2s%.2s%.2s", t, t + 5, t + 8, t + 11, t + 14, t + 17);
	}
	tsv(b, added);
	tsv_text(b, m->url && *m->url ? m->url : m->doc_id);
	dy_buf_addc(b, '\n');
}

/* ---- PLOVER ------------------------------------------------------------------------------------ */

/* The PLOVER manual's score for each category (its table "PLOVER
 * conflict--cooperation scores", the rows without a mode). The manual
 * prints ACCUSE as 3; every ACCUSE mode scores -2 to -3.5, so the sign was
 * lost and -3 is used. */
static int plover_scale(const char *cat, double *out)
{
	static const struct {
		const char *cat;
		double score;
	} scores[] = {
		{"AGREE", 2.5},     {"CONSULT", 2.5},  {"SUPPORT", 5},      {"CONCEDE", 4.5},
		{"COOPERATE", 9.5}, {"AID", 10},       {"RETREAT", 6.5},    {"REQUEST", 0},
		{"ACCUSE", -3},     {"REJECT", -2},    {"THREATEN", -3.5},  {"PROTEST", -5},
		{"SANCTION", -6},   {"MOBILIZE", -5.5}, {"COERCE", -7},     {"ASSAULT", -9},
	};
	for (size_t i = 0; i < sizeof(scores) / sizeof(scores[0]); i++) {
		if (strcmp(cat, scores[i].cat) == 0) {
			*out = scores[i].score;
			return 1;
		}
	}
	return 0;
}

static void plover_entity(dy_buf *b, const char *code, const char *text)
{
	char ent[4];
	entity(code, ent);
	dy_buf_adds(b, "[{\"code\":");
	dy_buf_add_jstr(b, ent);
	size_t n = code ? strlen(code) : 0;
	jstr(b, "sector", n > 3 ? code + 3 : NULL);
	jstr(b, "entity_text", text);
	jstr(b, "cameo_code", code);
	dy_buf_adds(b, "}]");
}

static int event_plover(dy_buf *b, const dy_store_event *e)
{
	if (!e->plover || !*e->plover)
		return 1;
	const dy_store_mention *m = &e->mentions[0];
	dy_buf_addf(b, "{\"id\":\"dyad-%lld\"", (long long)e->id);
	jstr(b, "date", e->date);
	jkey(b, "actor");
	plover_entity(b, e->source_code, m->source.text);
	jkey(b, "recipient");
	plover_entity(b, e->target_code, m->target.text);
	jlist1(b, "event", e->plover);
	if (m->has_place) {
		jkey(b, "event_loc");
		dy_buf_adds(b, "{\"extracted_place\":");
		dy_buf_add_jstr(b, m->place.text);
		jstr(b, "resolved_place", m->place.name);
		json_coords(b, &m->place);
		jstr(b, "province", m->place.admin1);
		jstr(b, "country_code", m->place.country);
		dy_buf_addc(b, '}');
	}
	jlist1(b, "event_text", m->trigger);
	jlong(b, "quad_code", e->quad);
	double scale;
	jkey(b, "event_scale");
	if (plover_scale(e->plover, &scale))
		dy_write_goldstein(b, scale);
	else
		dy_buf_adds(b, "null");
	dy_buf_adds(b, ",\"mode\":null,\"context\":null");
	jstr(b, "text", m->evidence);
	dy_buf_addf(b, ",\"text_info\":{\"sequence\":%u,\"start\":%u,\"end\":%u}", m->sent, m->sent_start,
		    m->sent_end);
	dy_buf_adds(b, ",\"cite_info\":{\"corpus\":");
	dy_buf_add_jstr(b, m->doc_id);
	jstr(b, "url", m->url);
	jstr(b, "title", m->title);
	jstr(b, "publication", m->news_source);
	jstr(b, "coder", m->coded_by);
	dy_buf_adds(b, ",\"codebook\":\"CAMEO via dyad, PLOVER categories from CAMEO2PLOVER 2021\"}");
	jstr(b, "coder", m->coded_by);
	jkey(b, "coded_date");
	if (m->ingested && strlen(m->ingested) >= 10)
		dy_buf_addf(b, "\"%.10s\"", m->ingested);
	else
		dy_buf_adds(b, "null");
	if (has_size(&m->size))
		json_size(b, "size", &m->size, "dead", 0);
	jstr(b, "cameo", e->code);
	jkey(b, "goldstein");
	dy_write_goldstein(b, e->goldstein);
	dy_buf_addf(b, ",\"mentions\":%ld,\"articles\":%ld,\"sources\":%ld}\n", e->nmentions, e->narticles,
		    e->nsources);
	return 0;
}

int dy_export_event(dy_buf *b, enum dy_export_format f, const dy_store_event *e)
{
	if (!e->nlisted && f != DY_EXPORT_TABLE)
		return 1;
	switch (f) {
	case DY_EXPORT_TABLE:
		event_table(b, e);
		return 0;
	case DY_EXPORT_JSONL:
		event_jsonl(b, e);
		return 0;
	case DY_EXPORT_CSV:
		event_csv(b, e);
		return 0;
	case DY_EXPORT_PHOENIX:
		event_phoenix(b, e);
		return 0;
	case DY_EXPORT_GDELT:
		event_gdelt(b, e);
		return 0;
	case DY_EXPORT_PLOVER:
		return event_plover(b, e);
	}
	return 1;
}

/* ---- generic rows ---------------------------------------------------------------------------------- */

void dy_rows_init(dy_rows *r, enum dy_export_format fmt)
{
	memset(r, 0, sizeof(*r));
	r->fmt = fmt;
	dy_buf_init(&r->cells);
}

void dy_rows_release(dy_rows *r)
{
	for (size_t i = 0; i < r->ncols; i++)
		free(r->names[i]);
	free(r->names);
	free(r->numeric);
	free(r->offsets);
	dy_buf_release(&r->cells);
	memset(r, 0, sizeof(*r));
}

static void value_text(dy_buf *b, const dy_value *v, int table)
{
	switch (v->type) {
	case DY_V_INT:
		add_long(b, v->i);
		break;
	case DY_V_REAL:
		if (table)
			dy_buf_addf(b, "%.2f", v->f);
		else
			add_real(b, v->f);
		break;
	case DY_V_TEXT:
		dy_buf_adds(b, v->s);
		break;
	default:
		break;
	}
}

/* Appends vals[0..n) as a CSV line. */
static void csv_line(dy_buf *out, size_t n, const dy_value *vals)
{
	dy_buf tmp = DY_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			dy_buf_addc(out, ',');
		dy_buf_clear(&tmp);
		value_text(&tmp, &vals[i], 0);
		if (tmp.len)
			dy_csv_field(out, tmp.s);
	}
	dy_buf_addc(out, '\n');
	dy_buf_release(&tmp);
}

/* Adds a table cell: v's text, or an empty cell when v is NULL. */
static void rows_cell(dy_rows *r, const dy_value *v)
{
	DY_GROW(r->offsets, r->offcap, r->noffsets + 1);
	r->offsets[r->noffsets++] = r->cells.len;
	if (v)
		value_text(&r->cells, v, 1);
	dy_buf_addc(&r->cells, '\0');
}

void dy_rows_add(dy_rows *r, dy_buf *out, size_t ncols, const char *const *names, const dy_value *vals)
{
	if (!r->names) {
		r->ncols = ncols;
		r->names = dy_xcalloc(ncols + 1, sizeof(char *));
		r->numeric = dy_xcalloc(ncols + 1, sizeof(int));
		for (size_t i = 0; i < ncols; i++) {
			r->names[i] = dy_xstrdup(names[i]);
			r->numeric[i] = vals[i].type == DY_V_INT || vals[i].type == DY_V_REAL;
		}
		if (r->fmt == DY_EXPORT_CSV) {
			dy_value *head = dy_xcalloc(ncols + 1, sizeof(*head));
			for (size_t i = 0; i < ncols; i++) {
				head[i].type = DY_V_TEXT;
				head[i].s = names[i];
			}
			csv_line(out, ncols, head);
			free(head);
		}
	}
	if (ncols > r->ncols)
		ncols = r->ncols;
	r->nrows++;
	switch (r->fmt) {
	case DY_EXPORT_CSV:
		csv_line(out, ncols, vals);
		break;
	case DY_EXPORT_JSONL:
		dy_buf_addc(out, '{');
		for (size_t i = 0; i < ncols; i++) {
			if (i)
				dy_buf_addc(out, ',');
			dy_buf_add_jstr(out, r->names[i]);
			dy_buf_addc(out, ':');
			if (vals[i].type == DY_V_TEXT)
				dy_buf_add_jstr(out, vals[i].s);
			else if (vals[i].type == DY_V_NULL)
				dy_buf_adds(out, "null");
			else
				value_text(out, &vals[i], 0);
		}
		dy_buf_adds(out, "}\n");
		break;
	default:
		for (size_t i = 0; i < r->ncols; i++) {
			if (i < ncols && (vals[i].type == DY_V_INT || vals[i].type == DY_V_REAL))
				r->numeric[i] = 1;
			rows_cell(r, i < ncols ? &vals[i] : NULL);
		}
	}
}

/* Appends s as cell c of a table of rows, width w: numbers to the
 * right, text to the left (padded unless last), then the gap or the
 * line's end. */
static void table_rows_cell(dy_buf *out, const dy_rows *r, size_t c, const char *s, size_t w)
{
	int last = c + 1 == r->ncols;
	if (r->numeric[c]) {
		for (size_t k = width_of(s, strlen(s)); k < w; k++)
			dy_buf_addc(out, ' ');
		fit(out, s, w, 0);
	} else {
		fit(out, s, w, !last);
	}
	dy_buf_adds(out, last ? "\n" : "  ");
}

void dy_rows_end(dy_rows *r, dy_buf *out)
{
	if (r->fmt != DY_EXPORT_TABLE || !r->nrows)
		return;
	size_t *w = dy_xcalloc(r->ncols + 1, sizeof(size_t));
	for (size_t c = 0; c < r->ncols; c++)
		w[c] = width_of(r->names[c], strlen(r->names[c]));
	for (size_t i = 0; i < r->noffsets; i++) {
		const char *s = r->cells.s + r->offsets[i];
		size_t dw = width_of(s, strlen(s));
		if (dw > w[i % r->ncols])
			w[i % r->ncols] = dw;
	}
	/* Too wide: the widest text column gives way. */
	size_t total = 0;
	for (size_t c = 0; c < r->ncols; c++)
		total += w[c] + 2;
	while (total > DY_TABLE_WIDTH) {
		size_t wide = r->ncols;
		for (size_t c = 0; c < r->ncols; c++)
			if (!r->numeric[c] && (wide == r->ncols || w[c] > w[wide]))
				wide = c;
		if (wide == r->ncols || w[wide] <= 12)
			break;
		size_t cut = total - DY_TABLE_WIDTH;
		if (cut > w[wide] - 12)
			cut = w[wide] - 12;
		w[wide] -= cut;
		total -= cut;
	}
	for (size_t c = 0; c < r->ncols; c++)
		table_rows_cell(out, r, c, r->names[c], w[c]);
	for (size_t i = 0; i < r->noffsets; i++)
		table_rows_cell(out, r, i % r->ncols, r->cells.s + r->offsets[i], w[i % r->ncols]);
	free(w);
}
