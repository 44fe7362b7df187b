/* records.h - the record formats of TABARI and PETRARCH, for reader.c.
 *
 * reader.c recognises them by content (dy_dict_sniff_buf) and hands the
 * whole decompressed file over; these readers then return one dy_doc per
 * record:
 *  - TABARI text (manual 4.3): a "YYMMDD ID" line (YYYYMMDD too), the text
 *    up to a blank line; comments and "\n" marks are removed from the text,
 *    the date becomes YYYY-MM-DD (00-30 is 20xx) and the id is the rest of
 *    the line. Blocks that do not start with a digit are comments.
 *  - PETRARCH XML: each <Sentence date="YYYYMMDD" id="..."> with its <Text>
 *    (the words of its <Parse> instead when the Text is empty or does not
 *    hold them; an id an earlier record has becomes "ID:LINE");
 *    dy_recfile_parse() gives the record's TreeBank <Parse>, if any.
 * A record with a malformed date is reported (DY_EDATE) and skipped.
 */
#ifndef DY_RECORDS_H
#define DY_RECORDS_H

#include <stddef.h>

#include "base/error.h"
#include "dyad.h"

typedef struct dy_recfile dy_recfile;

/* Both take ownership of buf (malloc'ed, n bytes); name is for messages
 * and for dy_doc.origin. */
dy_recfile *dy_tabari_records_open(const char *name, char *buf, size_t n, dy_error *err);
dy_recfile *dy_petrarch_records_open(const char *name, char *buf, size_t n, dy_error *err);

/* 1 and *doc for a record, 0 at the end, < 0 for a record that was skipped
 * (err says why); strings stay valid until the next call. */
int dy_recfile_next(dy_recfile *f, dy_doc *doc, dy_error *err);
/* The current record's <Parse> (PETRARCH), or NULL. */
const char *dy_recfile_parse(const dy_recfile *f);
void dy_recfile_close(dy_recfile *f);

#endif
