/* reader.h - reading documents: plain text and JSONL, from files or stdin,
 * gzip- and zstd-compressed input recognised by content.
 *
 * A plain text file is one document. It may start with header lines
 * "id: ...", "date: ...", "source: ...", "title: ...", "url: ..." followed
 * by a blank line. A JSONL file holds one document a line: an object with
 * "text" and optional "id", "date", "source", "title", "url".
 */
#ifndef DY_READER_H
#define DY_READER_H

#include "base/error.h"
#include "text/text.h"

typedef struct dy_reader dy_reader;

enum dy_format { DY_FMT_AUTO, DY_FMT_TEXT, DY_FMT_JSONL };

/* Opens path ("-" is standard input). With DY_FMT_AUTO the format comes
 * from the name (.jsonl/.ndjson/.json, after any .gz/.zst) and else from the
 * content (a first non-blank '{' means JSONL). Returns NULL and fills err
 * ("cannot open 'x': No such file or directory") on failure. */
dy_reader *dy_reader_open(const char *path, enum dy_format fmt, dy_error *err);

/* Reads the next document into *doc; its strings stay valid until the next
 * call or dy_reader_close. Returns 1 for a document, 0 at the end, and a
 * negative DY_E* code for a document that could not be used (malformed
 * JSON line, no text, a malformed date, a truncated compressed stream);
 * err then says "file:line: what is wrong" and the caller may go on calling
 * to get the documents after it. A document without a date is returned
 * normally (doc->date == NULL): warning about it is the caller's job. */
int dy_reader_next(dy_reader *r, dy_doc *doc, dy_error *err);

void dy_reader_close(dy_reader *r);

/* Checks a "YYYY-MM-DD" date (a real calendar day); 1 if valid. */
int dy_date_valid(const char *s);

#endif
