/* write.h - writing coded documents: JSONL, TSV and an aligned table.
 *
 * A dy_writer remembers the format and what it has written so far (the TSV
 * header goes out once per output, the table separates documents with a
 * blank line). The writers append to a dy_buf that the caller owns and
 * flushes; they never print and never fail.
 *
 *	dy_writer w;
 *	dy_writer_init(&w, DY_OUT_TSV);
 *	dy_write_begin(&w, &buf);          // the TSV header
 *	dy_write_result(&w, &buf, result); // once per coded document
 *
 * JSONL: one object a line per event, keys in this order:
 *   {"type":"event","doc":ID,"sent":N,"date":"YYYY-MM-DD"|"YYYY-MM"|"YYYY"|null,
 *    "date_precision":"day"|"month"|"year"|null,"date_text":the words or "",
 *    "source":{"code","name","text"[,"via"]},"target":{...},
 *    "code":"054","root":"05","quad":1,"goldstein":6,"plover":"SUPPORT",
 *    "name":CAMEO name,"evidence":the sentence,"offsets":[start,end],
 *    "trigger":{"text":...,"offsets":[a,b]},"rule":...,"pattern":...,
 *    "location":{"name","text","country","admin1","kind","lat","lon","offsets"}|null
 *    [,"size":{"killed","injured","arrested","qualifier"}]
 *    [,"issues":[{"code","category","count","text","offsets"}...]]}
 * "date_text" is "" when the event has the document's date; a location's
 * "text" and "offsets" are the words that named it; lat and lon
 * are null for places without coordinates (countries, subdivisions);
 * "size" is left out when the event reports no count, and a count it
 * does not report is null. "issues" (dy_event.issues: PETRARCH issue
 * codes, their <ISSUE CATEGORY> or null, how many phrases of each the
 * sentence has, and the words and offsets of the first) is left out when
 * there are none. After a document's events, one object a line
 * per quotation:
 *   {"type":"quote","doc":ID,"sent":N,"kind":"direct"|"reported",
 *    "speaker":{"name","code","text"[,"via"][,"offsets"][,"members":[{"name","code"}...]]},
 *    "text":the quoted words,"offsets":[start,end]}
 * "sent" is 0-based; offsets are byte offsets into the (repaired) text.
 *
 * TSV: the header row named by DY_TSV_HEADER, then one event a line; tabs,
 * newlines and CRs inside cells become spaces. With dy_writer.quotes set,
 * the quotations instead, under DY_TSV_QUOTE_HEADER.
 *
 * Table: for people. Per document a blank line (but before the first), a
 * heading "== ID (DATE) TITLE", a column header and one line per event:
 * date, source, event code and short name, target, place, and the
 * evidence shortened with "…" so that a line fits DY_TABLE_WIDTH display
 * columns; an event's counts go on a line of their own under it, indented
 * twelve columns ("killed more than 140"), and so do its issues ("issues
 * OIL 2, LITERACY 1"). Then, when the document has
 * quotations, a line "QUOTES" and one line each: sentence, speaker [code],
 * and the words.
 */
#ifndef DY_WRITE_H
#define DY_WRITE_H

#include <stddef.h>

#include "base/buf.h"
#include "dyad.h"

enum dy_out_format { DY_OUT_JSONL, DY_OUT_TSV, DY_OUT_TABLE };

#define DY_TSV_HEADER                                                                    \
	"doc\tsent\tdate\tsource_code\tsource_name\tsource_text\ttarget_code\ttarget_name\t" \
	"target_text\tcode\troot\tquad\tgoldstein\tplover\tevidence\trule\t"                 \
	"date_precision\tdate_text\tlocation\tlocation_country\tlocation_admin1\tlat\tlon\t"    \
	"killed\tinjured\tarrested\tsize_qualifier"
#define DY_TSV_COLUMNS 27
#define DY_TSV_QUOTE_HEADER \
	"doc\tsent\tkind\tspeaker_name\tspeaker_code\tspeaker_text\tmembers\ttext\tstart\tend"
#define DY_TSV_QUOTE_COLUMNS 10
#define DY_TABLE_WIDTH 140

typedef struct dy_writer {
	enum dy_out_format fmt;
	int width;     /* table width in display columns (DY_TABLE_WIDTH) */
	size_t ndocs;  /* documents written so far */
	int quotes;    /* TSV: write the quotations instead of the events */
} dy_writer;

/* Parses "jsonl", "tsv" or "table"; returns 0, or DY_EINVAL for anything else. */
int dy_out_format_parse(const char *name, enum dy_out_format *out);

void dy_writer_init(dy_writer *w, enum dy_out_format fmt);
/* Appends what starts an output: the TSV header; nothing for the others. */
void dy_write_begin(dy_writer *w, dy_buf *b);
/* Appends the events of one coded document. */
void dy_write_result(dy_writer *w, dy_buf *b, const dy_result *r);

/* The single formats, for callers that need no writer state. */
void dy_write_jsonl(dy_buf *b, const dy_result *r);
void dy_write_tsv(dy_buf *b, const dy_result *r);
void dy_write_table(dy_buf *b, const dy_result *r, int width);
/* The quotations alone: JSONL objects (as dy_write_jsonl writes them
 * after the events), one of them, and TSV rows. */
void dy_write_jsonl_quotes(dy_buf *b, const dy_result *r);
void dy_write_json_quote(dy_buf *b, const dy_result *r, const dy_quote *q);
void dy_write_tsv_quotes(dy_buf *b, const dy_result *r);
/* Appends issues[0..n) as the JSON array of dy_write_jsonl's "issues"
 * key: [{"code","category","count","text","offsets"}...] ("[]" when n is
 * 0). The store keeps an event mention's issues in this form. */
void dy_write_json_issues(dy_buf *b, const dy_issue *issues, size_t n);
/* Appends an actor as the JSON object of dy_write_jsonl's "source" and
 * "target" keys: {"code","name","text"[,"via"]} ("via" only when set). */
void dy_write_json_actor(dy_buf *b, const dy_actor_ref *a);
/* Appends a Goldstein value as a JSON number with at most one decimal
 * ("3.5", "-10", "0"). */
void dy_write_goldstein(dy_buf *b, double g);

/* Display width of s[0..n) in terminal columns (UTF-8; wide characters 2). */
size_t dy_display_width(const char *s, size_t n);

#endif
