/* tb_scan.h - the scanning steps that TABARI's dictionaries (tb_dict.c),
 * text files (tb_records.c) and records (tb_code.c) share: lines, blank
 * lines and / * ... * / comments. Private to src/compat; all static inline,
 * nothing allocated. */
#ifndef DY_TB_SCAN_H
#define DY_TB_SCAN_H

#include <ctype.h>
#include <stddef.h>
#include <string.h>

/* Whether s[0..n) is all white space (or empty). */
static inline int tb_scan_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/* The line of buf[0..len) that starts at *pos: *line and *n (without its
 * "\n" or "\r\n"); *pos moves past it. Returns 0 at the end of buf. */
static inline int tb_scan_line(const char *buf, size_t len, size_t *pos, const char **line, size_t *n)
{
	if (*pos >= len)
		return 0;
	const char *s = buf + *pos;
	const char *e = memchr(s, '\n', len - *pos);
	size_t k = e ? (size_t)(e - s) : len - *pos;
	*pos += k + (e != NULL);
	if (k && s[k - 1] == '\r')
		k--;
	*line = s;
	*n = k;
	return 1;
}

/* For a comment "/ *" at s[i], the position of the "* /" that closes it
 * before s[n], or n when it is not closed. */
static inline size_t tb_scan_comment_end(const char *s, size_t i, size_t n)
{
	for (size_t j = i + 2; j + 1 < n; j++)
		if (s[j] == '*' && s[j + 1] == '/')
			return j;
	return n;
}

#endif
