/* export.h - writing what the store holds: deduplicated events in the
 * formats analysts load elsewhere, and the rows of summary queries.
 *
 * Like write.h, these append to a caller-owned dy_buf and never print.
 *
 * Event formats (dy_export_event), one event a line:
 *  - table: for people: id, date, source, code and short name, target,
 *    mentions/articles and the evidence of the earliest mention, cut to
 *    DY_TABLE_WIDTH display columns.
 *  - jsonl: the event with every mention and its provenance:
 *      {"event_id","date","source":{"code","name"},"target":{...},"code",
 *       "root","family","quad","goldstein","plover","name","mentions",
 *       "articles","sources","lede","reports":[{"doc","sent","date",
 *       "date_precision","date_text","source":{"code","name","text"[,"via"]},
 *       "target":{...},"code","evidence","offsets","trigger":{"text",
 *       "offsets"},"rule","pattern","title","url","news_source","coded_by",
 *       "ingested"[,"location"][,"size"][,"issues"]}, ...]}
 *    ("issues": the mention's PETRARCH issues as `dyad code` wrote them,
 *    left out when it has none)
 *    (needs the mentions: dy_export_needs_mentions).
 *  - csv: DY_CSV_HEADER, then one event a line; RFC 4180 quoting (a field
 *    with a comma, quote or line break is quoted, quotes doubled); lines
 *    end in LF. The provenance columns are the earliest mention's.
 *  - phoenix: the Phoenix dataset's 26 tab-separated columns
 *    (DY_PHOENIX_HEADER): EventID, Date (YYYYMMDD), Year, Month, Day,
 *    Source/TargetActorFull (the code), ...Entity (its first three
 *    letters), ...Role (the next three), ...Attribute (the rest),
 *    EventCode, EventRootCode, QuadClass, GoldsteinScore, Issues,
 *    Lat, Lon, LocationName, StateName, CountryCode (of the place, ISO
 *    alpha-3), SentenceID ("doc_sent" of the earliest mention), URLs and
 *    NewsSources (of all mentions, distinct, joined by ";"). Issues are
 *    PETRARCH's, as it writes them: "OIL 1, SCHOOLS 2", the issue codes
 *    of the mentions' sentences, each once, in the order first seen
 *    (earliest mention first, text order within a sentence), with their
 *    counts summed over the distinct sentences (doc, sent) of the
 *    mentions (a sentence two mentions share counts once); empty when
 *    none (events not coded with PETRARCH's issues dictionary). Needs the
 *    mentions.
 *  - gdelt: GDELT 2.0's 61-column event table (DY_GDELT_HEADER), tab
 *    separated: the fields dyad has, the others empty. Actor codes split
 *    as GDELT does (country or group, known group, up to three types from
 *    CAMEO's type codes); IsRootEvent is 1 when a mention is a document's
 *    first sentence; NumMentions/NumSources/NumArticles come from the
 *    deduplication; AvgTone and the actor geography are empty; ActionGeo
 *    comes from the place of the earliest mention (type 1 country, 4 city,
 *    5 first-level division; CountryCode and ADM1Code stay empty, as
 *    GDELT wants FIPS codes and dyad has ISO ones); DATEADDED is when the
 *    document was ingested; SOURCEURL its url, else its id.
 *  - plover: PLOVER JSONL with the manual's field names ("Data Fields"):
 *    id ("dyad-N"), date, actor and recipient (lists of {code, sector,
 *    entity_text}), event (the PLOVER category), event_loc, event_text,
 *    quad_code, event_scale (the manual's score for the category), mode
 *    and context (null: dyad does not code them), text, text_info
 *    ({sequence, start, end}), cite_info ({corpus, url, title,
 *    publication, coder, codebook}), coder, coded_date, size ({dead,
 *    injured, arrested}) when counts are known, and dyad's own fields
 *    cameo, goldstein, mentions, articles, sources. An event whose CAMEO
 *    code has no PLOVER category is left out (dy_export_event returns 1).
 * Tabs and line breaks inside a TSV field become spaces.
 */
#ifndef DY_EXPORT_H
#define DY_EXPORT_H

#include <stddef.h>

#include "base/buf.h"
#include "store/store.h"

enum dy_export_format {
	DY_EXPORT_TABLE,
	DY_EXPORT_JSONL,
	DY_EXPORT_CSV,
	DY_EXPORT_PHOENIX,
	DY_EXPORT_GDELT,
	DY_EXPORT_PLOVER,
};

#define DY_PHOENIX_COLUMNS 26
#define DY_GDELT_COLUMNS 61

/* Parses a format name ("table", "jsonl", "csv", "phoenix", "gdelt",
 * "plover"); returns 0, or DY_EINVAL. */
int dy_export_format_parse(const char *name, enum dy_export_format *out);
const char *dy_export_format_name(enum dy_export_format f);

/* 1 when the format lists every mention (dy_store_events with DY_STORE_MENTIONS). */
int dy_export_needs_mentions(enum dy_export_format f);
/* 1 when the format needs no mention but the evidence (DY_STORE_BRIEF). */
int dy_export_brief(enum dy_export_format f);

/* Appends the header line of the format: the column names for table,
 * csv, phoenix and gdelt, nothing for the JSON formats. */
void dy_export_header(dy_buf *b, enum dy_export_format f);

/* Appends one event. Returns 0, or 1 when the format cannot express it
 * (plover: no PLOVER category) and nothing was appended. */
int dy_export_event(dy_buf *b, enum dy_export_format f, const dy_store_event *e);

/* ---- rows of summary queries ---------------------------------------------- */

/* Collects generic rows (dy_row_fn) and writes them as a table (aligned,
 * numbers to the right, reals with two decimals; written at the end),
 * csv (header from the first row's names) or jsonl (one object a row,
 * numbers as numbers). */
typedef struct dy_rows {
	enum dy_export_format fmt;
	size_t ncols, nrows;
	char **names;
	int *numeric;     /* column holds numbers (right-aligned) */
	dy_buf cells;     /* table: every cell, NUL-terminated, row by row */
	size_t *offsets;  /* table: where each cell starts in cells */
	size_t noffsets, offcap;
} dy_rows;

void dy_rows_init(dy_rows *r, enum dy_export_format fmt);
/* Adds a row; appends to out what can be written at once (csv, jsonl). */
void dy_rows_add(dy_rows *r, dy_buf *out, size_t ncols, const char *const *names, const dy_value *vals);
/* Appends what is left (the table). */
void dy_rows_end(dy_rows *r, dy_buf *out);
void dy_rows_release(dy_rows *r);

/* Appends s as a CSV field (quoted when it must be). */
void dy_csv_field(dy_buf *b, const char *s);

#endif
