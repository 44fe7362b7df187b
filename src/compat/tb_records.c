/* tb_records.c - TABARI text files: records and their text (tabari.h). */
#include "compat/tabari.h"

#include <ctype.h>
#include <string.h>

#include "base/mem.h"
#include "compat/tb_scan.h"

size_t tb_split_records(const char *buf, size_t n, tb_record **out)
{
	size_t cap = 64, nr = 0;
	tb_record *v = dy_xmalloc(cap * sizeof(*v));
	size_t pos = 0;
	long line = 0;
	int prev_blank = 1;
	tb_record *cur = NULL;
	const char *s;
	size_t l;
	while (tb_scan_line(buf, n, &pos, &s, &l)) {
		line++;
		int blank = tb_scan_blank(s, l);
		if (cur) {
			if (blank) {
				cur = NULL;
			} else {
				if (!cur->body) {
					cur->body = s;
					cur->body_line = line;
				}
				cur->body_n = (size_t)(s + l - cur->body);
			}
		} else if (prev_blank && l && isdigit((unsigned char)s[0])) {
			if (nr == cap) {
				cap *= 2;
				v = dy_xrealloc(v, cap * sizeof(*v));
			}
			cur = &v[nr++];
			memset(cur, 0, sizeof(*cur));
			cur->line = line;
			cur->date = s;
			size_t k = 0;
			while (k < l && isdigit((unsigned char)s[k]))
				k++;
			cur->date_n = k;
			while (k < l && isspace((unsigned char)s[k]))
				k++;
			size_t idn = l - k;
			while (idn && isspace((unsigned char)s[k + idn - 1]))
				idn--;
			cur->id = s + k;
			cur->id_n = idn;
		}
		prev_blank = blank;
	}
	*out = v;
	return nr;
}

void tb_record_text(const tb_record *r, int strip_braces, dy_buf *b)
{
	const char *s = r->body;
	size_t n = r->body_n;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
			size_t e = tb_scan_comment_end(s, i, n);
			if (e == n)
				break; /* an open comment runs to the end of the record */
			i = e + 1;
			dy_buf_addc(b, ' ');
			continue;
		}
		if (s[i] == '\\' && i + 1 < n && s[i + 1] == 'n') {
			i++;
			dy_buf_addc(b, ' ');
			continue;
		}
		if (strip_braces && s[i] == '{') {
			const char *e = memchr(s + i, '}', n - i);
			if (e) {
				i = (size_t)(e - s);
				continue;
			}
		}
		if (s[i] == '\r')
			continue;
		dy_buf_addc(b, s[i]);
	}
	/* Trailing blanks. */
	while (b->len && isspace((unsigned char)b->s[b->len - 1]))
		b->s[--b->len] = 0;
}
