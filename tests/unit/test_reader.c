/* test_reader.c - the text and JSONL readers, plain and compressed. */
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "base/buf.h"
#include "io/reader.h"
#include "test.h"

static char dir[64];

static const char *path_of(const char *name)
{
	static char p[4][256];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof(p[k]), "%s/%s", dir, name);
	return p[k];
}

static void write_file(const char *name, const void *data, size_t n)
{
	FILE *f = fopen(path_of(name), "wb");
	if (!f) {
		perror(name);
		exit(2);
	}
	fwrite(data, 1, n, f);
	fclose(f);
}

static void write_str(const char *name, const char *s)
{
	write_file(name, s, strlen(s));
}

/* gzip of data, flushed after every line so that a cut stream still
 * decodes the lines before the cut; returns the size. */
static size_t gzip_lines(const char *data, size_t n, unsigned char *out, size_t cap)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		exit(2);
	z.next_out = out;
	z.avail_out = (uInt)cap;
	size_t i = 0;
	while (i < n) {
		const char *nl = memchr(data + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - data) + 1 : n;
		z.next_in = (Bytef *)data + i;
		z.avail_in = (uInt)(e - i);
		deflate(&z, Z_FULL_FLUSH);
		i = e;
	}
	deflate(&z, Z_FINISH);
	size_t len = cap - z.avail_out;
	deflateEnd(&z);
	return len;
}

typedef struct result {
	int rc;
	char id[64];
	char date[16];
	long line;
	char msg[1024];
	size_t len;
} result;

static result res[64];
static int nres;

/* Reads the whole file; each call to dy_reader_next is one result. */
static int read_all(const char *path, enum dy_format fmt)
{
	dy_error err;
	nres = 0;
	dy_reader *r = dy_reader_open(path, fmt, &err);
	if (!r) {
		res[0].rc = err.code;
		snprintf(res[0].msg, sizeof(res[0].msg), "%s", err.msg);
		return -1;
	}
	dy_doc d;
	int rc;
	while ((rc = dy_reader_next(r, &d, &err)) != 0 && nres < 64) {
		result *x = &res[nres++];
		memset(x, 0, sizeof(*x));
		x->rc = rc;
		if (rc > 0) {
			snprintf(x->id, sizeof(x->id), "%s", d.id);
			snprintf(x->date, sizeof(x->date), "%s", d.date ? d.date : "");
			x->line = d.line;
			x->len = d.len;
			CHECK(d.text[d.len] == '\0');
			CHECK_STR(d.origin, path);
		} else {
			snprintf(x->msg, sizeof(x->msg), "%s", err.msg);
			CHECK_INT(err.code, rc);
		}
	}
	CHECK_INT(dy_reader_next(r, &d, &err), 0); /* stays at the end */
	dy_reader_close(r);
	return nres;
}

#define CHECK_HAS(s, sub)                                                                         \
	do {                                                                                      \
		if (!strstr((s), (sub))) {                                                        \
			test_failed_checks++;                                                     \
			printf("#   %s:%d: \"%s\" lacks \"%s\"\n", __FILE__, __LINE__, (s), (sub)); \
		}                                                                                 \
	} while (0)

TEST(text_with_header)
{
	write_str("h.txt", "id: a1\nDATE: 2025-07-04\nSource:  Wire \ntitle: Talks\nurl: https://example.org/a?b=c\n"
			   "author: nobody\n\nMoscow said so.\nSecond line.\n");
	dy_error err;
	dy_reader *r = dy_reader_open(path_of("h.txt"), DY_FMT_AUTO, &err);
	CHECK(r != NULL);
	if (!r)
		return;
	dy_doc d;
	CHECK_INT(dy_reader_next(r, &d, &err), 1);
	CHECK_STR(d.id, "a1");
	CHECK_STR(d.date, "2025-07-04");
	CHECK_STR(d.source, "Wire");
	CHECK_STR(d.title, "Talks");
	CHECK_STR(d.url, "https://example.org/a?b=c");
	CHECK_STR(d.text, "Moscow said so.\nSecond line.\n");
	CHECK_INT(d.len, strlen(d.text));
	CHECK_INT(d.line, 8);
	CHECK_INT(dy_reader_next(r, &d, &err), 0);
	dy_reader_close(r);
}

TEST(text_without_header)
{
	/* The first line is not a header line: everything is text. */
	write_str("report.2025.txt", "Moscow said so.\nid: not a header\n");
	CHECK_INT(read_all(path_of("report.2025.txt"), DY_FMT_AUTO), 1);
	CHECK_STR(res[0].id, "report.2025");
	CHECK_INT(res[0].line, 1);
	CHECK_INT(res[0].len, 33);
	CHECK_STR(res[0].date, "");
	/* a header line not followed by a blank line before the text is text */
	write_str("title.txt", "Title: Talks in Moscow\nThe talks began on Monday.\n");
	CHECK_INT(read_all(path_of("title.txt"), DY_FMT_AUTO), 1);
	CHECK_INT(res[0].rc, 1);
	CHECK_INT(res[0].line, 1);
	CHECK_STR(res[0].id, "title");
	/* format from content: no extension */
	write_str("noext", "Plain words here.");
	CHECK_INT(read_all(path_of("noext"), DY_FMT_AUTO), 1);
	CHECK_STR(res[0].id, "noext");
}

TEST(text_crlf_bom)
{
	write_str("c.txt", "\xEF\xBB\xBFid: c1\r\ndate: 2025-01-02T08:00:00+02:00\r\n\r\nBody.\r\n");
	dy_error err;
	dy_reader *r = dy_reader_open(path_of("c.txt"), DY_FMT_TEXT, &err);
	dy_doc d;
	CHECK_INT(dy_reader_next(r, &d, &err), 1);
	CHECK_STR(d.id, "c1");
	CHECK_STR(d.date, "2025-01-02");
	CHECK_STR(d.text, "Body.\r\n");
	CHECK_INT(d.line, 4);
	dy_reader_close(r);
	/* BOM without a header */
	write_str("b.txt", "\xEF\xBB\xBFPlain.");
	r = dy_reader_open(path_of("b.txt"), DY_FMT_AUTO, &err);
	CHECK_INT(dy_reader_next(r, &d, &err), 1);
	CHECK_STR(d.text, "Plain.");
	dy_reader_close(r);
}

TEST(text_errors)
{
	write_str("empty.txt", "");
	CHECK_INT(read_all(path_of("empty.txt"), DY_FMT_AUTO), 1);
	CHECK_INT(res[0].rc, DY_EEMPTY);
	CHECK_HAS(res[0].msg, "empty.txt: document 'empty' has no text");
	write_str("blank.txt", " \n\t\r\n");
	read_all(path_of("blank.txt"), DY_FMT_AUTO);
	CHECK_INT(res[0].rc, DY_EEMPTY);
	write_str("hdr.txt", "id: only\ndate: 2025-01-01\n");
	read_all(path_of("hdr.txt"), DY_FMT_AUTO);
	CHECK_INT(res[0].rc, DY_EEMPTY);
	CHECK_HAS(res[0].msg, "hdr.txt: document 'only' has no text");
	write_str("bad.txt", "id: x\ndate: 2025-02-30\n\nText.\n");
	read_all(path_of("bad.txt"), DY_FMT_AUTO);
	CHECK_INT(res[0].rc, DY_EDATE);
	CHECK_HAS(res[0].msg, "bad.txt:2: document 'x': malformed date '2025-02-30' (want YYYY-MM-DD)");
	/* NUL bytes become spaces */
	write_file("nul.txt", "a\0b\0c", 5);
	dy_error err;
	dy_reader *r = dy_reader_open(path_of("nul.txt"), DY_FMT_AUTO, &err);
	dy_doc d;
	CHECK_INT(dy_reader_next(r, &d, &err), 1);
	CHECK_INT(d.len, 5);
	CHECK_STR(d.text, "a b c");
	dy_reader_close(r);
}

static char *deep_line(size_t depth)
{
	char *s = malloc(2 * depth + 2);
	memset(s, '[', depth);
	memset(s + depth, ']', depth);
	s[2 * depth] = '\n';
	s[2 * depth + 1] = '\0';
	return s;
}

TEST(jsonl_good_and_bad_lines)
{
	char *deep = deep_line(100000);
	dy_buf b = DY_BUF_INIT;
	dy_buf_adds(&b, "{\"id\":\"a\",\"date\":\"2025-07-04\",\"text\":\"One.\",\"extra\":[1]}\n"); /* 1 */
	dy_buf_adds(&b, "\n");                                                                 /* 2 */
	dy_buf_adds(&b, "{\"id\":\"b\", \"text\": \"oops}\n");                                 /* 3 */
	dy_buf_adds(&b, "{\"id\":\"c\",\"date\":\"2025-13-40\",\"text\":\"x\"}\n");             /* 4 */
	dy_buf_adds(&b, "[1,2]\n");                                                            /* 5 */
	dy_buf_adds(&b, "{\"id\":\"d\"}\n");                                                   /* 6 */
	dy_buf_adds(&b, "{\"id\":\"e\",\"text\":\" \\n \"}\r\n");                              /* 7 */
	dy_buf_adds(&b, "{\"id\":\"f\",\"text\":\"ok\",\"title\":5}\n");                       /* 8 */
	dy_buf_adds(&b, "{\"text\":\"no id\",\"date\":null}\r\n");                             /* 9 */
	dy_buf_adds(&b, deep);                                                                 /* 10 */
	dy_buf_adds(&b, "{\"id\":7,\"text\":\"a\\u0000b\",\"date\":\"2025-07-04T10:00:00Z\"}\n"); /* 11 */
	dy_buf_adds(&b, "{\"id\":\"g\",\"text\":5}\n");                                        /* 12 */
	dy_buf_adds(&b, "  {\"id\":\"last\",\"text\":\"Last.\"}");                             /* 13, no newline */
	write_file("mix.jsonl", b.s, b.len);
	free(deep);

	CHECK_INT(read_all(path_of("mix.jsonl"), DY_FMT_AUTO), 12);
	const char *p = path_of("mix.jsonl");
	char want[512];
	CHECK_INT(res[0].rc, 1);
	CHECK_STR(res[0].id, "a");
	CHECK_STR(res[0].date, "2025-07-04");
	CHECK_INT(res[0].line, 1);
	CHECK_INT(res[1].rc, DY_EJSON);
	snprintf(want, sizeof(want), "%s:3:", p);
	CHECK_HAS(res[1].msg, want);
	CHECK_HAS(res[1].msg, "malformed JSON: ");
	CHECK_HAS(res[1].msg, "\n  {\"id\":\"b\"");
	CHECK_INT(res[2].rc, DY_EDATE);
	snprintf(want, sizeof(want), "%s:4: document 'c': malformed date '2025-13-40' (want YYYY-MM-DD)", p);
	CHECK_STR(res[2].msg, want);
	CHECK_INT(res[3].rc, DY_EJSON);
	snprintf(want, sizeof(want), "%s:5: expected a JSON object, found an array", p);
	CHECK_STR(res[3].msg, want);
	CHECK_INT(res[4].rc, DY_EEMPTY);
	snprintf(want, sizeof(want), "%s:6: document 'd' has no text", p);
	CHECK_STR(res[4].msg, want);
	CHECK_INT(res[5].rc, DY_EEMPTY);
	snprintf(want, sizeof(want), "%s:7: document 'e' has no text", p);
	CHECK_STR(res[5].msg, want);
	CHECK_INT(res[6].rc, DY_EJSON);
	snprintf(want, sizeof(want), "%s:8: document 'f': field 'title' is a number, not a string", p);
	CHECK_STR(res[6].msg, want);
	CHECK_INT(res[7].rc, 1);
	CHECK_STR(res[7].id, "mix:9");
	CHECK_STR(res[7].date, "");
	CHECK_INT(res[7].line, 9);
	CHECK_INT(res[8].rc, DY_EJSON);
	snprintf(want, sizeof(want), "%s:10:", p);
	CHECK_HAS(res[8].msg, want);
	CHECK_HAS(res[8].msg, "depth");
	CHECK(strlen(res[8].msg) < 400); /* the context is cut */
	CHECK_INT(res[9].rc, 1);
	CHECK_STR(res[9].id, "7");
	CHECK_STR(res[9].date, "2025-07-04");
	CHECK_INT(res[9].len, 3);
	CHECK_INT(res[10].rc, DY_EEMPTY);
	CHECK_HAS(res[10].msg, ":12: document 'g' has no text");
	CHECK_INT(res[11].rc, 1);
	CHECK_STR(res[11].id, "last");
	CHECK_INT(res[11].line, 13);
	dy_buf_release(&b);
}

TEST(jsonl_content_detection_and_bom)
{
	write_str("data", "\xEF\xBB\xBF\n  {\"text\":\"Hello.\"}\n");
	CHECK_INT(read_all(path_of("data"), DY_FMT_AUTO), 1);
	CHECK_INT(res[0].rc, 1);
	CHECK_STR(res[0].id, "data:2");
	write_str("empty.jsonl", "");
	CHECK_INT(read_all(path_of("empty.jsonl"), DY_FMT_AUTO), 0);
	write_str("blank.jsonl", "\n\n  \n");
	CHECK_INT(read_all(path_of("blank.jsonl"), DY_FMT_AUTO), 0);
}

TEST(jsonl_long_lines)
{
	/* a 2 MB text reads whole */
	size_t n = 2u << 20;
	char *s = malloc(n + 64);
	strcpy(s, "{\"id\":\"big\",\"text\":\"");
	size_t o = strlen(s);
	for (size_t i = 0; i < n; i++)
		s[o + i] = "abcd efgh."[i % 10];
	o += n;
	strcpy(s + o, "\"}\n{\"text\":\"after\"}\n");
	write_str("big.jsonl", s);
	CHECK_INT(read_all(path_of("big.jsonl"), DY_FMT_AUTO), 2);
	CHECK_INT(res[0].rc, 1);
	CHECK_INT(res[0].len, n);
	CHECK_STR(res[1].id, "big:2");

	/* over the limit: that line is skipped, the next one read */
	dy_error err;
	dy_reader *r = dy_reader_open(path_of("big.jsonl"), DY_FMT_AUTO, &err);
	dy_reader_set_max(r, 1u << 20);
	dy_doc d;
	CHECK_INT(dy_reader_next(r, &d, &err), DY_ETOOBIG);
	char want[300];
	snprintf(want, sizeof(want), "%s:1: document is larger than 1 MiB", path_of("big.jsonl"));
	CHECK_STR(err.msg, want);
	CHECK_INT(dy_reader_next(r, &d, &err), 1);
	CHECK_STR(d.text, "after");
	CHECK_INT(d.line, 2);
	CHECK_INT(dy_reader_next(r, &d, &err), 0);
	dy_reader_close(r);

	/* a text file over the limit */
	write_str("big.txt", s);
	r = dy_reader_open(path_of("big.txt"), DY_FMT_AUTO, &err);
	dy_reader_set_max(r, 1000);
	CHECK_INT(dy_reader_next(r, &d, &err), DY_ETOOBIG);
	CHECK_HAS(err.msg, "big.txt: document is larger than 1000 bytes");
	CHECK_INT(dy_reader_next(r, &d, &err), 0);
	dy_reader_close(r);
	free(s);
}

static const char three[] = "{\"id\":\"one\",\"text\":\"The first document, with enough words to compress.\"}\n"
			    "{\"id\":\"two\",\"text\":\"The second document says something else entirely.\"}\n"
			    "{\"id\":\"three\",\"text\":\"The third document is the one that gets cut.\"}\n";

TEST(gzip_and_zstd)
{
	unsigned char buf[4096];
	size_t n = gzip_lines(three, sizeof(three) - 1, buf, sizeof(buf));
	write_file("three.jsonl.gz", buf, n);
	CHECK_INT(read_all(path_of("three.jsonl.gz"), DY_FMT_AUTO), 3);
	CHECK_STR(res[0].id, "one");
	CHECK_STR(res[2].id, "three");
	CHECK_INT(res[2].line, 3);
	/* the name does not matter, the magic bytes do */
	write_file("three.dat", buf, n);
	CHECK_INT(read_all(path_of("three.dat"), DY_FMT_AUTO), 3);
	CHECK_INT(res[1].rc, 1);
	/* two gzip members one after the other */
	unsigned char two[8192];
	memcpy(two, buf, n);
	memcpy(two + n, buf, n);
	write_file("twice.jsonl.gz", two, 2 * n);
	CHECK_INT(read_all(path_of("twice.jsonl.gz"), DY_FMT_AUTO), 6);
	CHECK_INT(res[5].line, 6);

	size_t zn = ZSTD_compress(buf, sizeof(buf), three, sizeof(three) - 1, 3);
	CHECK(!ZSTD_isError(zn));
	write_file("three.jsonl.zst", buf, zn);
	CHECK_INT(read_all(path_of("three.jsonl.zst"), DY_FMT_AUTO), 3);
	CHECK_STR(res[1].id, "two");
	CHECK_INT(res[2].rc, 1);
	/* a compressed text document */
	const char *txt = "id: z\n\nCompressed text.\n";
	zn = ZSTD_compress(buf, sizeof(buf), txt, strlen(txt), 3);
	write_file("doc.txt.zst", buf, zn);
	CHECK_INT(read_all(path_of("doc.txt.zst"), DY_FMT_AUTO), 1);
	CHECK_STR(res[0].id, "z");
	n = gzip_lines("Plain words.\n", 13, buf, sizeof(buf));
	write_file("doc.txt.gz", buf, n);
	CHECK_INT(read_all(path_of("doc.txt.gz"), DY_FMT_AUTO), 1);
	CHECK_STR(res[0].id, "doc");
	CHECK_INT(res[0].len, 13);
}

TEST(truncated_and_corrupt)
{
	unsigned char buf[4096];
	size_t n = gzip_lines(three, sizeof(three) - 1, buf, sizeof(buf));
	/* Cut in the middle of the third line's compressed data: the flush
	 * points of the first two lines are before the cut. */
	unsigned char probe[4096];
	size_t two = gzip_lines(three, strchr(strchr(three, '\n') + 1, '\n') + 1 - three, probe, sizeof(probe));
	size_t cut = two - 10 + (n - two) / 2;
	write_file("cut.jsonl.gz", buf, cut);
	CHECK_INT(read_all(path_of("cut.jsonl.gz"), DY_FMT_AUTO), 3);
	CHECK_INT(res[0].rc, 1);
	CHECK_INT(res[1].rc, 1);
	CHECK_STR(res[1].id, "two");
	CHECK_INT(res[2].rc, DY_ECOMPRESS);
	char want[300];
	snprintf(want, sizeof(want), "%s:3: gzip data is truncated", path_of("cut.jsonl.gz"));
	CHECK_STR(res[2].msg, want);

	/* corrupt: garbage in the middle */
	memset(buf + n / 2, 0xA5, 16);
	write_file("bad.jsonl.gz", buf, n);
	read_all(path_of("bad.jsonl.gz"), DY_FMT_AUTO);
	CHECK(nres >= 1);
	CHECK_INT(res[nres - 1].rc, DY_ECOMPRESS);
	CHECK_HAS(res[nres - 1].msg, "gzip data");

	/* truncated zstd */
	size_t zn = ZSTD_compress(buf, sizeof(buf), three, sizeof(three) - 1, 3);
	write_file("cut.jsonl.zst", buf, zn - 5);
	read_all(path_of("cut.jsonl.zst"), DY_FMT_AUTO);
	CHECK(nres >= 1);
	CHECK_INT(res[nres - 1].rc, DY_ECOMPRESS);
	CHECK_HAS(res[nres - 1].msg, "zstd data is truncated");

	/* a truncated compressed text document: an error, no document */
	n = gzip_lines(three, sizeof(three) - 1, buf, sizeof(buf));
	write_file("cut.txt.gz", buf, n - 12);
	CHECK_INT(read_all(path_of("cut.txt.gz"), DY_FMT_AUTO), 1);
	CHECK_INT(res[0].rc, DY_ECOMPRESS);
	snprintf(want, sizeof(want), "%s: gzip data is truncated", path_of("cut.txt.gz"));
	CHECK_STR(res[0].msg, want);
}

TEST(stdin_input)
{
	write_str("in.jsonl", "{\"text\":\"From stdin.\"}\n");
	int saved = dup(0);
	int fd = open(path_of("in.jsonl"), O_RDONLY);
	dup2(fd, 0);
	close(fd);
	dy_error err;
	dy_reader *r = dy_reader_open("-", DY_FMT_AUTO, &err);
	dy_doc d;
	CHECK_INT(dy_reader_next(r, &d, &err), 1);
	CHECK_STR(d.id, "stdin:1");
	CHECK_STR(d.origin, "-");
	dy_reader_close(r);
	dup2(saved, 0);
	close(saved);
}

TEST(missing_file)
{
	dy_error err;
	dy_reader *r = dy_reader_open("/nonexistent/x.jsonl", DY_FMT_AUTO, &err);
	CHECK(r == NULL);
	CHECK_INT(err.code, DY_ENOENT);
	CHECK_STR(err.msg, "cannot open '/nonexistent/x.jsonl': No such file or directory");
	r = dy_reader_open(dir, DY_FMT_AUTO, &err);
	CHECK(r == NULL);
	CHECK_HAS(err.msg, "Is a directory");
}

TEST(dates)
{
	CHECK(dy_date_valid("2024-02-29"));
	CHECK(dy_date_valid("2000-02-29"));
	CHECK(!dy_date_valid("1900-02-29"));
	CHECK(!dy_date_valid("2023-02-29"));
	CHECK(dy_date_valid("2025-12-31"));
	CHECK(!dy_date_valid("2025-04-31"));
	CHECK(!dy_date_valid("2025-13-01"));
	CHECK(!dy_date_valid("2025-00-10"));
	CHECK(!dy_date_valid("2025-1-01"));
	CHECK(!dy_date_valid("2025-01-01T00:00:00Z"));
	CHECK(!dy_date_valid("0000-01-01"));
	CHECK(!dy_date_valid(""));
	CHECK(!dy_date_valid(NULL));
	/* timestamps in documents */
	write_str("ts.jsonl", "{\"text\":\"a\",\"date\":\"2025-07-04T10:30:00.123+05:30\"}\n"
			      "{\"text\":\"b\",\"date\":\"2025-07-04 10:30\"}\n"
			      "{\"text\":\"c\",\"date\":\"2025-07-04T25:00:00Z\"}\n"
			      "{\"text\":\"d\",\"date\":\"July 4, 2025\"}\n"
			      "{\"text\":\"e\",\"date\":\"\"}\n");
	CHECK_INT(read_all(path_of("ts.jsonl"), DY_FMT_AUTO), 5);
	CHECK_STR(res[0].date, "2025-07-04");
	CHECK_STR(res[1].date, "2025-07-04");
	CHECK_INT(res[2].rc, DY_EDATE);
	CHECK_INT(res[3].rc, DY_EDATE);
	CHECK_HAS(res[3].msg, "malformed date 'July 4, 2025' (want YYYY-MM-DD)");
	CHECK_INT(res[4].rc, 1);
	CHECK_STR(res[4].date, "");
}

/* What the reader makes of tests/nasty/ (see its README.md). */
TEST(nasty_files)
{
	if (access("tests/nasty/empty.jsonl", R_OK) != 0)
		SKIP("tests/nasty/ not found (run from the top directory)");
	CHECK_INT(read_all("tests/nasty/empty.txt", DY_FMT_AUTO), 1);
	CHECK_INT(res[0].rc, DY_EEMPTY);
	CHECK_STR(res[0].msg, "tests/nasty/empty.txt: document 'empty' has no text");
	CHECK_INT(read_all("tests/nasty/empty.jsonl", DY_FMT_AUTO), 0);

	CHECK_INT(read_all("tests/nasty/binary.bin", DY_FMT_AUTO), 1);
	CHECK_INT(res[0].rc, 1);
	CHECK_STR(res[0].id, "binary");
	CHECK_INT(res[0].len, 4096);

	CHECK_INT(read_all("tests/nasty/deep-nesting.jsonl", DY_FMT_AUTO), 3);
	CHECK_STR(res[0].id, "before");
	CHECK_INT(res[1].rc, DY_EJSON);
	CHECK_HAS(res[1].msg, "tests/nasty/deep-nesting.jsonl:2:2068: malformed JSON: maximum parsing depth reached");
	CHECK_STR(res[2].id, "after");

	CHECK_INT(read_all("tests/nasty/truncated.jsonl.gz", DY_FMT_AUTO), 3);
	CHECK_STR(res[0].id, "t1");
	CHECK_STR(res[1].id, "t2");
	CHECK_INT(res[2].rc, DY_ECOMPRESS);
	CHECK_STR(res[2].msg, "tests/nasty/truncated.jsonl.gz:3: gzip data is truncated");

	CHECK_INT(read_all("tests/nasty/bad-utf8.txt", DY_FMT_AUTO), 1);
	CHECK_INT(res[0].rc, 1);
	CHECK_STR(res[0].id, "bad-utf8");

	CHECK_INT(read_all("tests/nasty/only-headers.txt", DY_FMT_AUTO), 1);
	CHECK_INT(res[0].rc, DY_EEMPTY);
	CHECK_STR(res[0].msg, "tests/nasty/only-headers.txt: document 'headers-only' has no text");

	CHECK_INT(read_all("tests/nasty/not-object.jsonl", DY_FMT_AUTO), 6);
	CHECK_STR(res[0].msg, "tests/nasty/not-object.jsonl:1: expected a JSON object, found an array");
	CHECK_STR(res[3].msg, "tests/nasty/not-object.jsonl:4: expected a JSON object, found null");
	CHECK_STR(res[4].id, "fine");
	CHECK_STR(res[5].msg, "tests/nasty/not-object.jsonl:6: expected a JSON object, found a boolean");

	CHECK_INT(read_all("tests/nasty/bad-date.jsonl", DY_FMT_AUTO), 6);
	CHECK_STR(res[0].msg, "tests/nasty/bad-date.jsonl:1: document 'd1': malformed date '2025-13-40' (want YYYY-MM-DD)");
	CHECK_INT(res[1].rc, DY_EDATE);
	CHECK_INT(res[2].rc, DY_EDATE);
	CHECK_STR(res[3].date, "2025-07-04");
	CHECK_INT(res[4].rc, DY_EJSON);
	CHECK_HAS(res[4].msg, "field 'date' is a number, not a string");
	CHECK_STR(res[5].date, "2024-02-29");

	CHECK_INT(read_all("tests/nasty/crlf-bom.txt", DY_FMT_AUTO), 1);
	CHECK_STR(res[0].id, "crlf-1");
	CHECK_STR(res[0].date, "2025-05-05");
	CHECK_INT(res[0].line, 5);

	CHECK_INT(read_all("tests/nasty/malformed.jsonl", DY_FMT_AUTO), 7);
	CHECK_STR(res[0].id, "m1");
	CHECK_HAS(res[1].msg, "tests/nasty/malformed.jsonl:2:");
	CHECK_HAS(res[2].msg, "tests/nasty/malformed.jsonl:4:");
	CHECK_HAS(res[3].msg, "tests/nasty/malformed.jsonl:5:");
	CHECK_HAS(res[3].msg, "\n  {\"id\":\"m4\"");
	CHECK_STR(res[4].msg, "tests/nasty/malformed.jsonl:6: document 'm5' has no text");
	CHECK_STR(res[5].msg, "tests/nasty/malformed.jsonl:7: document 'm6' has no text");
	CHECK_STR(res[6].id, "m7");
}

static void cleanup(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}

int main(void)
{
	snprintf(dir, sizeof(dir), "/tmp/dyad-test-reader-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	RUN(text_with_header);
	RUN(text_without_header);
	RUN(text_crlf_bom);
	RUN(text_errors);
	RUN(jsonl_good_and_bad_lines);
	RUN(jsonl_content_detection_and_bom);
	RUN(jsonl_long_lines);
	RUN(gzip_and_zstd);
	RUN(truncated_and_corrupt);
	RUN(stdin_input);
	RUN(missing_file);
	RUN(dates);
	RUN(nasty_files);
	cleanup();
	return TEST_DONE();
}
