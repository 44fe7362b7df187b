/* error.h - dyad's error codes and the error value that carries a message.
 *
 * Library code never prints and never exits: it returns a negative DY_E*
 * code and, where the caller passed a dy_error, fills in a message in the
 * user-facing style "what failed: 'subject': why", with file:line:column
 * and the offending line for dictionary and input errors. Only the CLI
 * prints. dy_strerror() names every code.
 */
#ifndef DY_ERROR_H
#define DY_ERROR_H

#include <stddef.h>

#include "dyad.h"

/* Sets code and a printf-formatted message; returns code. e may be NULL. */
int dy_error_set(dy_error *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Sets a located message: "file:line:col: message" then the line and a caret
 * under column col (1-based). line_text is the whole line (not necessarily
 * NUL-terminated; it stops at '\n' or line_len). Returns code. */
int dy_error_at(dy_error *e, int code, const char *file, long line, long col, const char *line_text,
		size_t line_len, const char *fmt, ...) __attribute__((format(printf, 8, 9)));

#endif
