/* reader.c - documents from plain text and JSONL, plain, gzip or zstd (reader.h).
 *
 * Bytes flow raw (read(2) into raw[]) -> decompressed (out[]) -> a line or a
 * whole document. Only one JSONL line is held at a time, so a compressed
 * corpus of any size streams in constant memory. Everything a returned
 * dy_doc points to lives in the reader's arena or document buffer, both
 * reset by the next call.
 */
#include "io/reader.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/mem.h"
#include "compat/compat.h"
#include "io/records.h"

#define RAW_SIZE ((size_t)64 * 1024)
#define OUT_SIZE ((size_t)64 * 1024)
#define SNIFF_MAX ((size_t)1 << 20)

enum { C_NONE, C_GZIP, C_ZSTD };

struct dy_reader {
	char *path;         /* as given; dy_doc.origin */
	char *name;         /* for messages: the path as given ("-" for stdin, as in dy_doc.origin) */
	char *base;         /* for ids: the base name without extensions, or "stdin" */
	enum dy_format fmt;
	int fd, own_fd;
	int comp;
	unsigned char *raw;
	size_t rpos, rlen;
	z_stream z;
	int z_live, z_member_done;
	ZSTD_DStream *zd;
	size_t zhint;       /* what ZSTD_decompressStream last returned; 0 = frame complete */
	char *out;          /* decompressed bytes out[opos..olen) not consumed yet */
	size_t opos, olen, ocap;
	int eof;            /* the stream ended cleanly */
	int err;            /* a stream error (DY_E*), described in errmsg */
	char errmsg[300];
	int finished;       /* nothing more to return */
	long line;          /* lines started so far */
	int too_big;        /* the current line passed max */
	size_t max;         /* largest document in bytes */
	dy_buf line_buf;
	dy_buf doc_buf;
	dy_arena arena;
	dy_recfile *rec;    /* TABARI or PETRARCH records (io/records.h) */
};

/* ---- the byte stream ------------------------------------------------- */

static int stream_error(dy_reader *r, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int stream_error(dy_reader *r, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->errmsg, sizeof(r->errmsg), fmt, ap);
	va_end(ap);
	r->err = code;
	return code;
}

/* Reads more raw bytes (raw[] must be used up): >0, 0 at the end, or <0. */
static int raw_fill(dy_reader *r)
{
	ssize_t k;
	do
		k = read(r->fd, r->raw, RAW_SIZE);
	while (k < 0 && errno == EINTR);
	if (k < 0)
		return stream_error(r, DY_EIO, "read error: %s", strerror(errno));
	r->rpos = 0;
	r->rlen = (size_t)k;
	return k > 0;
}

/* Appends decompressed bytes to out[]: returns >0, 0 at the end of the
 * input, or a negative DY_E* code (then also on every later call). */
static int fill(dy_reader *r)
{
	if (r->err)
		return r->err;
	if (r->eof)
		return 0;
	if (r->opos) {
		memmove(r->out, r->out + r->opos, r->olen - r->opos);
		r->olen -= r->opos;
		r->opos = 0;
	}
	if (r->olen == r->ocap) {
		r->ocap *= 2;
		r->out = dy_xrealloc(r->out, r->ocap);
	}
	size_t room = r->ocap - r->olen;
	for (;;) {
		int rf;
		if (r->comp == C_NONE) {
			if (r->rpos < r->rlen) {
				size_t n = r->rlen - r->rpos;
				if (n > room)
					n = room;
				memcpy(r->out + r->olen, r->raw + r->rpos, n);
				r->rpos += n;
				r->olen += n;
				return 1;
			}
			if ((rf = raw_fill(r)) < 0)
				return rf;
			if (!rf) {
				r->eof = 1;
				return 0;
			}
		} else if (r->comp == C_GZIP) {
			if (r->z_member_done) {
				/* Another gzip member may follow; zero padding is ignored. */
				if (r->rpos == r->rlen) {
					if ((rf = raw_fill(r)) < 0)
						return rf;
					if (!rf) {
						r->eof = 1;
						return 0;
					}
				}
				if (r->raw[r->rpos] == 0x1f) {
					inflateReset(&r->z);
					r->z_member_done = 0;
					continue;
				}
				while (r->rpos < r->rlen && r->raw[r->rpos] == 0)
					r->rpos++;
				if (r->rpos < r->rlen)
					return stream_error(r, DY_ECOMPRESS, "trailing garbage after gzip data");
				continue;
			}
			if (r->rpos == r->rlen) {
				if ((rf = raw_fill(r)) < 0)
					return rf;
				if (!rf)
					return stream_error(r, DY_ECOMPRESS, "gzip data is truncated");
			}
			r->z.next_in = r->raw + r->rpos;
			r->z.avail_in = (uInt)(r->rlen - r->rpos);
			r->z.next_out = (Bytef *)r->out + r->olen;
			r->z.avail_out = (uInt)room;
			int zr = inflate(&r->z, Z_NO_FLUSH);
			size_t used = (r->rlen - r->rpos) - r->z.avail_in;
			size_t got = room - r->z.avail_out;
			r->rpos += used;
			r->olen += got;
			if (zr == Z_STREAM_END)
				r->z_member_done = 1;
			else if (zr != Z_OK && !(zr == Z_BUF_ERROR && (used || got)))
				return stream_error(r, DY_ECOMPRESS, "corrupt gzip data (%s)",
						    r->z.msg ? r->z.msg : zError(zr));
			if (got)
				return 1;
		} else {
			if (r->rpos == r->rlen) {
				if ((rf = raw_fill(r)) < 0)
					return rf;
				if (!rf) {
					if (r->zhint)
						return stream_error(r, DY_ECOMPRESS, "zstd data is truncated");
					r->eof = 1;
					return 0;
				}
			}
			ZSTD_inBuffer in = {r->raw, r->rlen, r->rpos};
			ZSTD_outBuffer ob = {r->out + r->olen, room, 0};
			size_t zr = ZSTD_decompressStream(r->zd, &ob, &in);
			if (ZSTD_isError(zr))
				return stream_error(r, DY_ECOMPRESS, "corrupt zstd data (%s)", ZSTD_getErrorName(zr));
			int progress = in.pos != r->rpos || ob.pos;
			r->rpos = in.pos;
			r->olen += ob.pos;
			r->zhint = zr;
			if (ob.pos)
				return 1;
			if (!progress && r->rpos < r->rlen)
				return stream_error(r, DY_ECOMPRESS, "corrupt zstd data (no progress)");
		}
	}
}

/* ---- names -------------------------------------------------------------- */

static int has_suffix(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && !strncasecmp(s + n - k, suf, k);
}

/* Length of name without a compression suffix. */
static size_t strip_comp(const char *s, size_t n)
{
	static const char *const sufs[] = {".gz", ".gzip", ".zst", ".zstd"};
	for (size_t i = 0; i < sizeof(sufs) / sizeof(sufs[0]); i++)
		if (has_suffix(s, n, sufs[i]) && n > strlen(sufs[i]))
			return n - strlen(sufs[i]);
	return n;
}

static enum dy_format fmt_from_name(const char *path)
{
	size_t n = strip_comp(path, strlen(path));
	if (has_suffix(path, n, ".jsonl") || has_suffix(path, n, ".ndjson") || has_suffix(path, n, ".json"))
		return DY_FMT_JSONL;
	if (has_suffix(path, n, ".txt") || has_suffix(path, n, ".text"))
		return DY_FMT_TEXT;
	return DY_FMT_AUTO;
}

/* "dir/a.b.txt.gz" -> "a.b": the base name without a compression suffix
 * and one extension (1-8 letters or digits, at least one letter). */
static char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	size_t n = strip_comp(b, strlen(b));
	const char *dot = NULL;
	for (size_t i = 1; i < n; i++)
		if (b[i] == '.')
			dot = b + i;
	if (dot) {
		size_t el = (size_t)(b + n - dot - 1);
		int letter = 0, ok = el >= 1 && el <= 8;
		for (size_t i = 1; ok && i <= el; i++) {
			unsigned char c = (unsigned char)dot[i];
			if ((c | 32) >= 'a' && (c | 32) <= 'z')
				letter = 1;
			else if (!(c >= '0' && c <= '9'))
				ok = 0;
		}
		if (ok && letter)
			n = (size_t)(dot - b);
	}
	if (!n)
		return dy_xstrdup(b);
	return dy_xstrndup(b, n);
}

/* ---- open and close --------------------------------------------------- */

/* TABARI text records and PETRARCH XML are told by their content. */
static enum dy_format sniff_records(dy_reader *r)
{
	while (r->olen < ((size_t)64 << 10) && fill(r) > 0)
		;
	switch (dy_dict_sniff_buf(r->out, r->olen)) {
	case DY_DK_TABARI_TEXT:
		return DY_FMT_TABARI;
	case DY_DK_PETR_XML:
		return DY_FMT_PETRARCH;
	default:
		return DY_FMT_TEXT;
	}
}

dy_reader *dy_reader_open(const char *path, enum dy_format fmt, dy_error *err)
{
	enum dy_format requested = fmt;
	int fd, own = 1;
	int is_stdin = !strcmp(path, "-");
	if (is_stdin) {
		fd = 0;
		own = 0;
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			int e = errno;
			dy_error_set(err, e == ENOENT ? DY_ENOENT : DY_EIO, "cannot open '%s': %s", path, strerror(e));
			return NULL;
		}
		struct stat st;
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(fd);
			dy_error_set(err, DY_EIO, "cannot open '%s': %s", path, strerror(EISDIR));
			return NULL;
		}
	}

	dy_reader *r = dy_xcalloc(1, sizeof(*r));
	r->fd = fd;
	r->own_fd = own;
	r->path = dy_xstrdup(path);
	r->name = dy_xstrdup(path);
	r->base = is_stdin ? dy_xstrdup("stdin") : base_name(path);
	r->raw = dy_xmalloc(RAW_SIZE);
	r->ocap = OUT_SIZE;
	r->out = dy_xmalloc(r->ocap);
	r->max = DY_READER_MAX_DOC;
	dy_buf_init(&r->line_buf);
	dy_buf_init(&r->doc_buf);
	dy_arena_init(&r->arena);

	/* The first bytes tell the compression. */
	while (r->rlen < 4) {
		ssize_t k = read(fd, r->raw + r->rlen, RAW_SIZE - r->rlen);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			dy_error_set(err, DY_EIO, "cannot read '%s': %s", r->name, strerror(errno));
			dy_reader_close(r);
			return NULL;
		}
		if (!k)
			break;
		r->rlen += (size_t)k;
	}
	const unsigned char *m = r->raw;
	if (r->rlen >= 2 && m[0] == 0x1f && m[1] == 0x8b) {
		r->comp = C_GZIP;
		if (inflateInit2(&r->z, 15 + 16) != Z_OK) {
			dy_error_set(err, DY_ECOMPRESS, "cannot read '%s': %s", r->name, "zlib failed to start");
			dy_reader_close(r);
			return NULL;
		}
		r->z_live = 1;
	} else if (r->rlen >= 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd) {
		r->comp = C_ZSTD;
		r->zd = ZSTD_createDStream();
		if (!r->zd || ZSTD_isError(ZSTD_initDStream(r->zd))) {
			dy_error_set(err, DY_ECOMPRESS, "cannot read '%s': %s", r->name, "zstd failed to start");
			dy_reader_close(r);
			return NULL;
		}
		r->zhint = 1;
	}

	if (fmt == DY_FMT_AUTO)
		fmt = fmt_from_name(path);
	if (fmt == DY_FMT_AUTO) {
		/* A first non-blank '{' means JSONL. Stream errors wait for
		 * dy_reader_next, which reports them. */
		fmt = DY_FMT_TEXT;
		size_t i = 0;
		for (;;) {
			while (i < r->olen) {
				unsigned char c = (unsigned char)r->out[i];
				if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
					i++;
				} else if (c == 0xEF && i + 2 < r->olen && (unsigned char)r->out[i + 1] == 0xBB &&
					   (unsigned char)r->out[i + 2] == 0xBF) {
					i += 3;
				} else {
					break;
				}
			}
			if (i < r->olen && !(i + 3 > r->olen && (unsigned char)r->out[i] == 0xEF)) {
				if (r->out[i] == '{')
					fmt = DY_FMT_JSONL;
				break;
			}
			if (r->olen >= SNIFF_MAX || fill(r) <= 0) {
				if (i < r->olen && r->out[i] == '{')
					fmt = DY_FMT_JSONL;
				break;
			}
		}
	}
	if (fmt == DY_FMT_TEXT && requested == DY_FMT_AUTO)
		fmt = sniff_records(r);
	r->fmt = fmt;
	return r;
}

void dy_reader_close(dy_reader *r)
{
	if (!r)
		return;
	if (r->own_fd)
		close(r->fd);
	if (r->z_live)
		inflateEnd(&r->z);
	if (r->zd)
		ZSTD_freeDStream(r->zd);
	free(r->raw);
	free(r->out);
	free(r->path);
	free(r->name);
	free(r->base);
	dy_buf_release(&r->line_buf);
	dy_buf_release(&r->doc_buf);
	dy_arena_release(&r->arena);
	dy_recfile_close(r->rec);
	free(r);
}

void dy_reader_set_max(dy_reader *r, size_t bytes)
{
	r->max = bytes ? bytes : DY_READER_MAX_DOC;
}

/* ---- dates ------------------------------------------------------------ */

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int dy_date_valid(const char *s)
{
	if (!s || strlen(s) != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
	    !digits(s + 8, 2))
		return 0;
	int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

/* The date of s, a "YYYY-MM-DD" date or an ISO 8601 timestamp that starts
 * with one ("2025-07-04T10:30:00Z", "2025-07-04 10:30:00+02:00"), written
 * to buf; NULL when s is neither. */
static const char *date_part(const char *s, char buf[11])
{
	size_t n = strlen(s);
	if (n < 10)
		return NULL;
	memcpy(buf, s, 10);
	buf[10] = '\0';
	if (!dy_date_valid(buf))
		return NULL;
	if (n == 10)
		return buf;
	const char *t = s + 10;
	if (*t != 'T' && *t != 't' && *t != ' ')
		return NULL;
	t++;
	if (strlen(t) < 5 || !digits(t, 2) || t[2] != ':' || !digits(t + 3, 2) || num(t, 2) > 24 ||
	    num(t + 3, 2) > 59)
		return NULL;
	t += 5;
	if (*t == ':') {
		if (!digits(t + 1, 2) || num(t + 1, 2) > 60)
			return NULL;
		t += 3;
		if (*t == '.' || *t == ',') {
			if (!digits(t + 1, 1))
				return NULL;
			for (t++; *t >= '0' && *t <= '9'; t++)
				;
		}
	}
	if (*t == 'Z' || *t == 'z') {
		t++;
	} else if (*t == '+' || *t == '-') {
		if (!digits(t + 1, 2))
			return NULL;
		t += 3;
		if (*t == ':')
			t++;
		if (*t) {
			if (!digits(t, 2))
				return NULL;
			t += 2;
		}
	}
	return *t ? NULL : buf;
}

/* ---- plain text --------------------------------------------------------- */

static const char *const header_keys[] = {"id", "date", "source", "title", "url"};

/* If s[0..n) is a header line "key: value", returns the index of a known
 * key (0-4), 5 for another key, and sets the value; else -1. */
static int header_line(const char *s, size_t n, const char **val, size_t *vlen)
{
	size_t k = 0;
	while (k < n && k < 32 &&
	       (((s[k] | 32) >= 'a' && (s[k] | 32) <= 'z') || (k && ((s[k] >= '0' && s[k] <= '9') || s[k] == '_' || s[k] == '-'))))
		k++;
	size_t klen = k;
	while (k < n && (s[k] == ' ' || s[k] == '\t'))
		k++;
	if (!klen || k >= n || s[k] != ':')
		return -1;
	k++;
	while (k < n && (s[k] == ' ' || s[k] == '\t'))
		k++;
	size_t e = n;
	while (e > k && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
		e--;
	*val = s + k;
	*vlen = e - k;
	for (int i = 0; i < 5; i++)
		if (strlen(header_keys[i]) == klen && !strncasecmp(s, header_keys[i], klen))
			return i;
	return 5;
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n' && s[i] != '\f' && s[i] != '\v')
			return 0;
	return 1;
}

static void nul_to_space(char *s, size_t n)
{
	char *p = s, *end = s + n;
	while ((p = memchr(p, '\0', (size_t)(end - p))) != NULL)
		*p++ = ' ';
}

static void size_text(char *buf, size_t len, size_t bytes)
{
	if (bytes >= (1u << 20) && bytes % (1u << 20) == 0)
		snprintf(buf, len, "%zu MiB", bytes >> 20);
	else
		snprintf(buf, len, "%zu bytes", bytes);
}

static int next_text(dy_reader *r, dy_doc *doc, dy_error *err)
{
	if (r->finished)
		return 0;
	r->finished = 1;
	dy_buf_clear(&r->doc_buf);
	for (;;) {
		size_t avail = r->olen - r->opos;
		if (avail) {
			if (r->doc_buf.len + avail > r->max) {
				char sz[32];
				size_text(sz, sizeof(sz), r->max);
				return dy_error_set(err, DY_ETOOBIG, "%s: document is larger than %s", r->name, sz);
			}
			dy_buf_add(&r->doc_buf, r->out + r->opos, avail);
			r->opos = r->olen;
		}
		int f = fill(r);
		if (f < 0)
			return dy_error_set(err, f, "%s: %s", r->name, r->errmsg);
		if (!f)
			break;
	}
	dy_buf_addc(&r->doc_buf, '\0'); /* so that s is never NULL */
	char *s = r->doc_buf.s;
	size_t n = --r->doc_buf.len;
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		s += 3;
		n -= 3;
	}
	nul_to_space(s, n);

	/* Header lines, when the first line is one, up to a blank line. */
	const char *hv[5] = {NULL, NULL, NULL, NULL, NULL};
	size_t hl[5] = {0, 0, 0, 0, 0};
	long hline[5] = {0, 0, 0, 0, 0};
	size_t pos = 0;
	long line = 1;
	const char *v;
	size_t vl;
	const char *eol = memchr(s, '\n', n);
	int k0 = header_line(s, eol ? (size_t)(eol - s) : n, &v, &vl);
	if (k0 >= 0 && k0 < 5) {
		size_t p = 0;
		long ln = 1;
		for (;;) {
			const char *e = memchr(s + p, '\n', n - p);
			size_t ll = e ? (size_t)(e - (s + p)) : n - p;
			if (is_blank(s + p, ll)) {
				pos = e ? p + ll + 1 : n;
				line = ln + 1;
				break;
			}
			int k = header_line(s + p, ll, &v, &vl);
			if (k < 0) { /* not a header after all */
				memset(hv, 0, sizeof(hv));
				break;
			}
			if (k < 5) {
				hv[k] = v;
				hl[k] = vl;
				hline[k] = ln;
			}
			if (!e) { /* only header lines */
				pos = n;
				line = ln;
				break;
			}
			p += ll + 1;
			ln++;
		}
	}

	doc->origin = r->path;
	doc->line = line;
	doc->id = hv[0] && hl[0] ? dy_arena_strndup(&r->arena, hv[0], hl[0]) : r->base;
	doc->source = hv[2] && hl[2] ? dy_arena_strndup(&r->arena, hv[2], hl[2]) : NULL;
	doc->title = hv[3] && hl[3] ? dy_arena_strndup(&r->arena, hv[3], hl[3]) : NULL;
	doc->url = hv[4] && hl[4] ? dy_arena_strndup(&r->arena, hv[4], hl[4]) : NULL;
	if (hv[1] && hl[1]) {
		char *d = dy_arena_strndup(&r->arena, hv[1], hl[1]);
		char *buf = dy_arena_alloc(&r->arena, 11);
		if (!date_part(d, buf))
			return dy_error_set(err, DY_EDATE, "%s:%ld: document '%s': malformed date '%s' (want YYYY-MM-DD)",
					    r->name, hline[1], doc->id, d);
		doc->date = buf;
	}
	doc->text = s + pos;
	doc->len = n - pos;
	if (is_blank(doc->text, doc->len))
		return dy_error_set(err, DY_EEMPTY, "%s: document '%s' has no text", r->name, doc->id);
	return 1;
}

/* ---- JSONL ----------------------------------------------------------------- */

/* Reads the next line into line_buf (without '\n'): 1, 0 at the end, or a
 * negative code for a stream error. A line longer than max sets too_big and
 * is skipped to its end. */
static int read_line(dy_reader *r)
{
	dy_buf_clear(&r->line_buf);
	r->too_big = 0;
	int any = 0;
	for (;;) {
		if (r->opos < r->olen) {
			if (!any)
				r->line++;
			any = 1;
			const char *p = r->out + r->opos;
			size_t avail = r->olen - r->opos;
			const char *nl = memchr(p, '\n', avail);
			size_t take = nl ? (size_t)(nl - p) : avail;
			if (!r->too_big && r->line_buf.len + take > r->max)
				r->too_big = 1;
			if (!r->too_big)
				dy_buf_add(&r->line_buf, p, take);
			r->opos += take + (nl != NULL);
			if (nl)
				return 1;
		}
		int f = fill(r);
		if (f < 0) {
			if (!any)
				r->line++;
			return f;
		}
		if (!f)
			return any;
	}
}

static const char *json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}

/* "file:line:col: malformed JSON: why", then up to 80 bytes of the line
 * around the error and a caret under it. */
static int json_error(dy_reader *r, dy_error *err, const char *s, size_t n, const json_error_t *je)
{
	if (!err)
		return DY_EJSON;
	dy_error_set(err, DY_EJSON, "%s:%ld:%d: malformed JSON: %s", r->name, r->line, je->column, je->text);
	size_t at = je->position > 0 ? (size_t)je->position - 1 : 0;
	if (at > n)
		at = n;
	size_t from = at > 60 ? at - 60 : 0, to = at + 20 < n ? at + 20 : n;
	while (from > 0 && from < n && ((unsigned char)s[from] & 0xC0) == 0x80)
		from--;
	while (to < n && ((unsigned char)s[to] & 0xC0) == 0x80)
		to++;
	size_t len = strlen(err->msg);
	char *m = err->msg, *end = err->msg + sizeof(err->msg) - 1;
	char *p = m + len;
	size_t caret = 0;
	if (end - p < 8)
		return DY_EJSON;
	memcpy(p, "\n  ", 3);
	p += 3;
	if (from) {
		memcpy(p, "...", 3);
		p += 3;
		caret += 3;
	}
	for (size_t i = from; i < to && p < end - 4; i++) {
		unsigned char c = (unsigned char)s[i];
		*p++ = c < 0x20 ? ' ' : (char)c;
		if (i < at && (c & 0xC0) != 0x80)
			caret++;
	}
	if (to < n && p < end - 3) {
		memcpy(p, "...", 3);
		p += 3;
	}
	if (p < end - 3) {
		memcpy(p, "\n  ", 3);
		p += 3;
	}
	for (size_t i = 0; i < caret && p < end - 1; i++)
		*p++ = ' ';
	if (p < end)
		*p++ = '^';
	*p = '\0';
	return DY_EJSON;
}

static char *copy_str(dy_reader *r, const json_t *v)
{
	size_t n = json_string_length(v);
	char *s = dy_arena_strndup(&r->arena, json_string_value(v), n);
	nul_to_space(s, n);
	return s;
}

/* Optional string field: 0 and *out (NULL when absent or null), or an error. */
static int str_field(dy_reader *r, json_t *o, const char *key, const char *id, const char **out, dy_error *err)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return dy_error_set(err, DY_EJSON, "%s:%ld: document '%s': field '%s' is %s, not a string", r->name,
				    r->line, id, key, json_kind(v));
	*out = copy_str(r, v);
	return 0;
}

static int parse_doc(dy_reader *r, const char *s, size_t n, dy_doc *doc, dy_error *err)
{
	json_error_t je;
	json_t *o = json_loadb(s, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
	if (!o)
		return json_error(r, err, s, n, &je);
	int rc = 0;
	if (!json_is_object(o)) {
		rc = dy_error_set(err, DY_EJSON, "%s:%ld: expected a JSON object, found %s", r->name, r->line,
				  json_kind(o));
		goto out;
	}

	json_t *v = json_object_get(o, "id");
	if (v && json_is_string(v) && json_string_length(v)) {
		doc->id = copy_str(r, v);
	} else if (v && json_is_integer(v)) {
		doc->id = dy_arena_printf(&r->arena, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	} else if (!v || json_is_null(v) || json_is_string(v)) {
		doc->id = dy_arena_printf(&r->arena, "%s:%ld", r->base, r->line);
	} else {
		rc = dy_error_set(err, DY_EJSON, "%s:%ld: field 'id' is %s, not a string", r->name, r->line,
				  json_kind(v));
		goto out;
	}

	v = json_object_get(o, "text");
	if (!v || json_is_null(v)) {
		rc = dy_error_set(err, DY_EEMPTY, "%s:%ld: document '%s' has no text", r->name, r->line, doc->id);
		goto out;
	}
	if (!json_is_string(v)) {
		rc = dy_error_set(err, DY_EEMPTY, "%s:%ld: document '%s' has no text (field 'text' is %s)", r->name,
				  r->line, doc->id, json_kind(v));
		goto out;
	}
	const char *date;
	if ((rc = str_field(r, o, "date", doc->id, &date, err)) < 0 ||
	    (rc = str_field(r, o, "source", doc->id, &doc->source, err)) < 0 ||
	    (rc = str_field(r, o, "title", doc->id, &doc->title, err)) < 0 ||
	    (rc = str_field(r, o, "url", doc->id, &doc->url, err)) < 0)
		goto out;
	if (is_blank(json_string_value(v), json_string_length(v))) {
		rc = dy_error_set(err, DY_EEMPTY, "%s:%ld: document '%s' has no text", r->name, r->line, doc->id);
		goto out;
	}
	if (date && *date) {
		char *buf = dy_arena_alloc(&r->arena, 11);
		if (!date_part(date, buf)) {
			rc = dy_error_set(err, DY_EDATE, "%s:%ld: document '%s': malformed date '%s' (want YYYY-MM-DD)",
					  r->name, r->line, doc->id, date);
			goto out;
		}
		doc->date = buf;
	}
	doc->text = copy_str(r, v);
	doc->len = json_string_length(v);
	doc->origin = r->path;
	doc->line = r->line;
	rc = 1;
out:
	json_decref(o);
	return rc;
}

static int next_jsonl(dy_reader *r, dy_doc *doc, dy_error *err)
{
	for (;;) {
		if (r->finished)
			return 0;
		int rc = read_line(r);
		if (!rc) {
			r->finished = 1;
			return 0;
		}
		if (rc < 0) {
			r->finished = 1;
			return dy_error_set(err, rc, "%s:%ld: %s", r->name, r->line, r->errmsg);
		}
		if (r->too_big) {
			char sz[32];
			size_text(sz, sizeof(sz), r->max);
			return dy_error_set(err, DY_ETOOBIG, "%s:%ld: document is larger than %s", r->name, r->line, sz);
		}
		char *s = r->line_buf.s;
		size_t n = r->line_buf.len;
		if (!s)
			continue;
		if (r->line == 1 && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
			s += 3;
			n -= 3;
		}
		if (n && s[n - 1] == '\r')
			n--;
		if (is_blank(s, n))
			continue;
		return parse_doc(r, s, n, doc, err);
	}
}

/* Reads the whole (decompressed) file and hands it to the record reader. */
static int open_records(dy_reader *r, dy_error *err)
{
	for (;;) {
		int f = fill(r);
		if (f < 0) {
			r->finished = 1;
			return dy_error_set(err, f, "%s: %s", r->name, r->errmsg);
		}
		if (!f)
			break;
		if (r->olen > r->max)
			break;
	}
	if (r->olen - r->opos > r->max) {
		char sz[32];
		size_text(sz, sizeof(sz), r->max);
		r->finished = 1;
		return dy_error_set(err, DY_ETOOBIG, "%s: file is larger than %s", r->name, sz);
	}
	size_t n = r->olen - r->opos;
	char *buf = dy_xmalloc(n + 1);
	memcpy(buf, r->out + r->opos, n);
	buf[n] = 0;
	r->opos = r->olen;
	r->rec = r->fmt == DY_FMT_TABARI ? dy_tabari_records_open(r->path, buf, n, err)
					 : dy_petrarch_records_open(r->path, buf, n, err);
	if (!r->rec) {
		r->finished = 1;
		return err && err->code ? err->code : DY_EFORMAT;
	}
	return 0;
}

enum dy_format dy_reader_format(const dy_reader *r)
{
	return r->fmt;
}

const char *dy_reader_parse(const dy_reader *r)
{
	return r->rec ? dy_recfile_parse(r->rec) : NULL;
}

int dy_reader_next(dy_reader *r, dy_doc *doc, dy_error *err)
{
	memset(doc, 0, sizeof(*doc));
	dy_error_clear(err);
	dy_arena_reset(&r->arena);
	if (r->fmt == DY_FMT_TABARI || r->fmt == DY_FMT_PETRARCH) {
		if (r->finished)
			return 0;
		if (!r->rec) {
			int rc = open_records(r, err);
			if (rc < 0)
				return rc;
		}
		int rc = dy_recfile_next(r->rec, doc, err);
		if (rc == 0)
			r->finished = 1;
		if (rc > 0) {
			/* What the TABARI/PETRARCH coder needs beside the text. */
			doc->parse = dy_recfile_parse(r->rec);
			doc->record = r->fmt == DY_FMT_TABARI;
		}
		return rc;
	}
	if (r->fmt == DY_FMT_JSONL)
		return next_jsonl(r, doc, err);
	return next_text(r, doc, err);
}
