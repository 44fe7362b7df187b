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

enum dy_format {
	DY_FMT_AUTO, DY_FMT_TEXT, DY_FMT_JSONL,
	DY_FMT_TABARI,   /* TABARI text records (io/records.h), recognised by content */
	DY_FMT_PETRARCH, /* PETRARCH XML <Sentence> records, recognised by content */
};

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
 * normally (doc->date == NULL): warning about it is the caller's job.
 * For a PETRARCH record doc->parse is its <Parse> (or NULL), for a TABARI
 * record doc->record is 1; both are NULL and 0 for other input. */
int dy_reader_next(dy_reader *r, dy_doc *doc, dy_error *err);

void dy_reader_close(dy_reader *r);

/* More about the readers:
 * - Compression is recognised by its magic bytes (gzip 1f 8b, zstd 28 b5 2f
 *   fd), whatever the name; concatenated gzip members and zstd frames are
 *   read in turn. A damaged stream ends the file with DY_ECOMPRESS
 *   ("x.jsonl.gz:3: gzip data is truncated"); the documents before it have
 *   been returned and the line it cut is dropped.
 * - With DY_FMT_AUTO a name ending in .txt or .text (before .gz/.zst) is
 *   plain text too.
 * - Text files: the header is there only if the first line is "id:",
 *   "date:", "source:", "title:" or "url:" (any case); other "key: value"
 *   lines inside it are skipped; it ends at a blank line (a file of header
 *   lines only has no text). A missing id is the file's base name without
 *   a compression suffix and one extension ("a.b.txt.gz" -> "a.b"; "stdin"
 *   for standard input); doc->line is the line where the text starts. A
 *   UTF-8 BOM is dropped; CRLF is left in the text (the tokeniser takes it
 *   as a newline). The text is not checked for UTF-8: dy_text_split repairs.
 * - NUL bytes, in a text file or as \u0000 in JSON, become spaces, so that
 *   doc->text is a C string of doc->len bytes; a binary file is read as
 *   (poor) text.
 * - JSONL: null fields count as absent, an integer id is accepted, an
 *   empty id is invented ("<base>:<line>"), unknown fields are ignored; a
 *   date may be a full ISO 8601 timestamp, of which the date is kept.
 *   Invalid UTF-8 makes a line malformed JSON (jansson rejects it).
 * - A document (a text file, or a JSONL line) longer than the limit gives
 *   DY_ETOOBIG; a too long JSONL line is skipped to its end. */
#define DY_READER_MAX_DOC ((size_t)64 << 20)

/* Sets the largest document, in bytes (0: DY_READER_MAX_DOC). */
void dy_reader_set_max(dy_reader *r, size_t bytes);

/* The format the reader settled on (never DY_FMT_AUTO). */
enum dy_format dy_reader_format(const dy_reader *r);
/* For PETRARCH records: the current record's TreeBank <Parse>, or NULL.
 * Valid until the next dy_reader_next. */
const char *dy_reader_parse(const dy_reader *r);

/* Checks a "YYYY-MM-DD" date (a real calendar day); 1 if valid. */
int dy_date_valid(const char *s);

#endif
