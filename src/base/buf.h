/* buf.h - a growable byte string (in the manner of git's strbuf).
 *
 * buf.s is always NUL-terminated once anything was added; buf.len excludes
 * the NUL. dy_buf_init allocates nothing; dy_buf_release frees the contents
 * and leaves an empty buffer; dy_buf_detach hands the string to the caller.
 */
#ifndef DY_BUF_H
#define DY_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct dy_buf {
	char *s;
	size_t len;
	size_t cap;
} dy_buf;

#define DY_BUF_INIT {NULL, 0, 0}

void dy_buf_init(dy_buf *b);
void dy_buf_release(dy_buf *b);
/* Empties the buffer, keeping its memory. */
void dy_buf_clear(dy_buf *b);
/* Returns the string (caller frees) and leaves the buffer empty. */
char *dy_buf_detach(dy_buf *b);
void dy_buf_grow(dy_buf *b, size_t extra);
void dy_buf_add(dy_buf *b, const void *p, size_t n);
void dy_buf_adds(dy_buf *b, const char *s);
void dy_buf_addc(dy_buf *b, char c);
void dy_buf_addf(dy_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dy_buf_vaddf(dy_buf *b, const char *fmt, va_list ap);
/* Appends s[0..n) as the inside of a JSON string (no surrounding quotes). */
void dy_buf_add_json(dy_buf *b, const char *s, size_t n);
/* Appends s as a JSON string with quotes, or null when s is NULL. */
void dy_buf_add_jstr(dy_buf *b, const char *s);
/* Appends s[0..n) for a TSV cell: tabs, newlines and CRs become spaces. */
void dy_buf_add_tsv(dy_buf *b, const char *s, size_t n);

#endif
