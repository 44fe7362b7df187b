#include "base/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

void dy_buf_init(dy_buf *b)
{
	b->s = NULL;
	b->len = 0;
	b->cap = 0;
}

void dy_buf_release(dy_buf *b)
{
	free(b->s);
	dy_buf_init(b);
}

void dy_buf_clear(dy_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

char *dy_buf_detach(dy_buf *b)
{
	char *s = b->s ? b->s : dy_xstrdup("");
	dy_buf_init(b);
	return s;
}

void dy_buf_grow(dy_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->s = dy_xrealloc(b->s, cap);
	b->cap = cap;
}

void dy_buf_add(dy_buf *b, const void *p, size_t n)
{
	dy_buf_grow(b, n);
	if (n)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void dy_buf_adds(dy_buf *b, const char *s)
{
	dy_buf_add(b, s, strlen(s));
}

void dy_buf_addc(dy_buf *b, char c)
{
	dy_buf_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void dy_buf_vaddf(dy_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	dy_buf_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void dy_buf_addf(dy_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	dy_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void dy_buf_add_json(dy_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	dy_buf_grow(b, n + 2);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': dy_buf_add(b, "\\\"", 2); break;
		case '\\': dy_buf_add(b, "\\\\", 2); break;
		case '\n': dy_buf_add(b, "\\n", 2); break;
		case '\r': dy_buf_add(b, "\\r", 2); break;
		case '\t': dy_buf_add(b, "\\t", 2); break;
		default:
			if (c < 0x20) {
				char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
				dy_buf_add(b, e, 6);
			} else {
				dy_buf_addc(b, (char)c);
			}
		}
	}
}

void dy_buf_add_jstr(dy_buf *b, const char *s)
{
	if (!s) {
		dy_buf_add(b, "null", 4);
		return;
	}
	dy_buf_addc(b, '"');
	dy_buf_add_json(b, s, strlen(s));
	dy_buf_addc(b, '"');
}

void dy_buf_add_tsv(dy_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		dy_buf_addc(b, (c == '\t' || c == '\n' || c == '\r') ? ' ' : c);
	}
}
