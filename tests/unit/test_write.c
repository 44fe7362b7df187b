/* Unit tests for the output writers, on a hand-built result (no engine). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "io/write.h"
#include "test.h"

static const char text[] = "Moscow \"welcomed\"\tthe\nTaliban.";

static dy_doc doc = {
	.id = "doc-1",
	.date = "2025-07-07",
	.source = "src",
	.title = "A title",
	.url = NULL,
	.text = text,
	.len = sizeof(text) - 1,
	.origin = "x.txt",
	.line = 1,
};

static dy_event ev;
static dy_result res;
static uint32_t sent_offsets[2] = {0, sizeof(text) - 1};

static void build(void)
{
	memset(&ev, 0, sizeof(ev));
	ev.sent = 0;
	ev.date = "2025-07-07";
	ev.source = (dy_actor_ref){"RUSGOV", "Russia", "Moscow", 0, 6, NULL, "countries.txt:1"};
	ev.target = (dy_actor_ref){"AFGGOV", "Taliban", "Taliban", 23, 30, "the movement", "actors.txt:2"};
	ev.code = "051";
	ev.root = "05";
	ev.name = "Praise or endorse";
	ev.quad = 1;
	ev.goldstein = 3.4;
	ev.plover = "SUPPORT";
	ev.sent_start = 0;
	ev.sent_end = sizeof(text) - 1;
	ev.trig_start = 8;
	ev.trig_end = 16;
	ev.rule = "verbs.txt:9 countries.txt:1 actors.txt:2";
	ev.pattern = "welcome";
	memset(&res, 0, sizeof(res));
	res.doc = &doc;
	res.text = text;
	res.len = sizeof(text) - 1;
	res.nsents = 1;
	res.sent_offsets = sent_offsets;
	res.events = &ev;
	res.nevents = 1;
}

TEST(jsonl_is_valid_json_with_every_field)
{
	build();
	dy_buf b = DY_BUF_INIT;
	dy_write_jsonl(&b, &res);
	CHECK(b.len > 0 && b.s[b.len - 1] == '\n');
	json_error_t je;
	json_t *o = json_loadb(b.s, b.len, 0, &je);
	CHECK(o != NULL);
	if (o) {
		CHECK_STR(json_string_value(json_object_get(o, "type")), "event");
		CHECK_STR(json_string_value(json_object_get(o, "doc")), "doc-1");
		CHECK_STR(json_string_value(json_object_get(o, "code")), "051");
		CHECK_STR(json_string_value(json_object_get(o, "root")), "05");
		CHECK_INT(json_integer_value(json_object_get(o, "quad")), 1);
		CHECK(json_number_value(json_object_get(o, "goldstein")) == 3.4);
		json_t *s = json_object_get(o, "source");
		CHECK_STR(json_string_value(json_object_get(s, "code")), "RUSGOV");
		CHECK_STR(json_string_value(json_object_get(s, "text")), "Moscow");
		json_t *t = json_object_get(o, "target");
		CHECK_STR(json_string_value(json_object_get(t, "via")), "the movement");
		/* The evidence is the sentence exactly, quotes, tab and newline included. */
		CHECK_STR(json_string_value(json_object_get(o, "evidence")), text);
		json_t *off = json_object_get(o, "offsets");
		CHECK_INT(json_integer_value(json_array_get(off, 0)), 0);
		CHECK_INT(json_integer_value(json_array_get(off, 1)), sizeof(text) - 1);
		CHECK_STR(json_string_value(json_object_get(o, "rule")), "verbs.txt:9 countries.txt:1 actors.txt:2");
		json_decref(o);
	}
	dy_buf_release(&b);
}

TEST(tsv_has_a_header_and_fixed_columns)
{
	build();
	dy_buf b = DY_BUF_INIT;
	dy_writer w;
	dy_writer_init(&w, DY_OUT_TSV);
	dy_write_begin(&w, &b);
	dy_write_result(&w, &b, &res);
	dy_write_result(&w, &b, &res);
	/* One header for the whole output, then one line per event; the tab
	 * and newline inside the evidence do not break the columns. */
	int lines = 0, header = 0;
	for (char *line = strtok(b.s, "\n"); line; line = strtok(NULL, "\n")) {
		int tabs = 0;
		for (char *p = line; *p; p++)
			tabs += *p == '\t';
		CHECK_INT(tabs, DY_TSV_COLUMNS - 1);
		header += strncmp(line, "doc\t", 4) == 0;
		lines++;
	}
	CHECK_INT(header, 1);
	CHECK_INT(lines, 3);
	dy_buf_release(&b);
}

TEST(goldstein_format)
{
	dy_buf b = DY_BUF_INIT;
	double vals[] = {6, 3.4, -10, -0.0, -0.4};
	const char *want[] = {"6", "3.4", "-10", "0", "-0.4"};
	for (int i = 0; i < 5; i++) {
		dy_buf_clear(&b);
		dy_write_goldstein(&b, vals[i]);
		CHECK_STR(b.s, want[i]);
	}
	dy_buf_release(&b);
}

TEST(table_fits_width)
{
	build();
	dy_buf b = DY_BUF_INIT;
	dy_write_table(&b, &res, 100);
	CHECK(strstr(b.s, "== doc-1 (2025-07-07) A title") != NULL);
	for (char *line = strtok(b.s, "\n"); line; line = strtok(NULL, "\n"))
		CHECK(dy_display_width(line, strlen(line)) <= 100);
	dy_buf_release(&b);
}

TEST(format_names)
{
	enum dy_out_format f;
	CHECK_INT(dy_out_format_parse("tsv", &f), 0);
	CHECK_INT(f, DY_OUT_TSV);
	CHECK(dy_out_format_parse("xml", &f) < 0);
}

int main(void)
{
	RUN(jsonl_is_valid_json_with_every_field);
	RUN(tsv_has_a_header_and_fixed_columns);
	RUN(goldstein_format);
	RUN(table_fits_width);
	RUN(format_names);
	return TEST_DONE();
}
