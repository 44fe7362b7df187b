#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *dy_strerror(int code)
{
	switch (code) {
#define DY_ERR_MSG(name, val, msg) \
	case val: return msg;
		DY_ERRORS(DY_ERR_MSG)
#undef DY_ERR_MSG
	}
	return "unknown error";
}

const char *dy_errname(int code)
{
	switch (code) {
#define DY_ERR_NAME(name, val, msg) \
	case val: return #name;
		DY_ERRORS(DY_ERR_NAME)
#undef DY_ERR_NAME
	}
	return "UNKNOWN";
}

void dy_error_clear(dy_error *e)
{
	if (e) {
		e->code = 0;
		e->msg[0] = '\0';
	}
}

int dy_error_set(dy_error *e, int code, const char *fmt, ...)
{
	if (!e)
		return code;
	e->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

int dy_error_at(dy_error *e, int code, const char *file, long line, long col, const char *line_text,
		size_t line_len, const char *fmt, ...)
{
	if (!e)
		return code;
	e->code = code;
	size_t n = (size_t)snprintf(e->msg, sizeof(e->msg), "%s:%ld:%ld: ", file, line, col);
	if (n >= sizeof(e->msg))
		return code;
	va_list ap;
	va_start(ap, fmt);
	n += (size_t)vsnprintf(e->msg + n, sizeof(e->msg) - n, fmt, ap);
	va_end(ap);
	if (!line_text || n >= sizeof(e->msg))
		return code;
	size_t len = 0;
	while (len < line_len && line_text[len] != '\n' && line_text[len] != '\r')
		len++;
	if (len > 200)
		len = 200;
	n += (size_t)snprintf(e->msg + n, sizeof(e->msg) - n, "\n  %.*s\n  ", (int)len, line_text);
	/* The caret goes under the column; tabs are copied so it lines up. */
	for (long i = 1; i < col && n + 2 < sizeof(e->msg) && (size_t)i <= len; i++)
		e->msg[n++] = line_text[i - 1] == '\t' ? '\t' : ' ';
	if (n + 2 < sizeof(e->msg)) {
		e->msg[n++] = '^';
		e->msg[n] = '\0';
	}
	return code;
}
