/* validate_tabari.c - TABARI's validation suite (manual 10.1): each record
 * of the project's text files carries the events it should produce in
 * {SOURCE / TARGET / CODE} groups inside its comments, or {---} (none),
 * {###} (discarded), {+++} (complex); "-{" stops checking (the events
 * listed before it must be among those produced); { OPTION: ... } changes
 * an .options setting for the records that follow. The standard suite ends
 * at the record FINAL-01; what follows needs other settings or crashed
 * TABARI, and is reported as skipped. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "compat/compat.h"
#include "compat/compat_int.h"
#include "compat/tabari.h"

typedef struct expect {
	char src[48], tgt[48], code[24];
} expect;

typedef struct rec_exp {
	expect ev[128];
	int n;
	int none, discard, complex;
	int partial;        /* "-{": listed events must be among the produced */
	int options;        /* { OPTION: ...} groups */
	char date[16];      /* the date after the first group (time shifting) */
} rec_exp;

static void copy_field(char *dst, size_t cap, const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	size_t k = 0;
	for (size_t i = 0; i < n && k < cap - 1; i++)
		dst[k++] = (char)toupper((unsigned char)s[i]);
	dst[k] = 0;
}

/* Reads the {...} groups of a record; OPTION lines go to opt_lines. */
static void read_expectations(const char *s, size_t n, rec_exp *x, dy_buf *opt_lines)
{
	memset(x, 0, sizeof(*x));
	int stopped = 0, first = 1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '{')
			continue;
		int dash = i > 0 && s[i - 1] == '-';
		size_t j = i + 1;
		/* An OPTION group may lack its '}' (then it ends at the comment's end). */
		const char *rb = memchr(s + j, '}', n - j);
		const char *ce = NULL;
		for (size_t q = j; q + 1 < n; q++)
			if (s[q] == '*' && s[q + 1] == '/') {
				ce = s + q;
				break;
			}
		const char *in = s + j;
		size_t inn = rb ? (size_t)(rb - in) : ce ? (size_t)(ce - in) : n - j;
		const char *t = in;
		size_t tn = inn;
		while (tn && isspace((unsigned char)*t))
			t++, tn--;
		if (tn >= 7 && !strncasecmp(t, "OPTION:", 7)) {
			if (ce && (!rb || ce < rb))
				tn = (size_t)(ce - t);
			dy_buf_add(opt_lines, t + 7, tn - 7);
			dy_buf_addc(opt_lines, '\n');
			x->options++;
			i = (size_t)(t + tn - s);
			continue;
		}
		if (!rb)
			break;
		i = (size_t)(rb - s);
		if (dash) {
			x->partial = 1;
			stopped = 1;
		}
		if (stopped)
			continue;
		char flat[128];
		copy_field(flat, sizeof(flat), in, inn);
		char compact[128];
		size_t k = 0;
		for (char *p = flat; *p && k < sizeof(compact) - 1; p++)
			if (!isspace((unsigned char)*p))
				compact[k++] = *p;
		compact[k] = 0;
		if (!strcmp(compact, "---")) {
			x->none = 1;
		} else if (!strcmp(compact, "###")) {
			x->discard = 1;
		} else if (!strcmp(compact, "+++")) {
			x->complex = 1;
		} else {
			const char *a = in, *e = in + inn;
			const char *s1 = memchr(a, '/', (size_t)(e - a));
			const char *s2 = s1 ? memchr(s1 + 1, '/', (size_t)(e - s1 - 1)) : NULL;
			if (!s2 || x->n >= 128)
				continue;
			expect *ev = &x->ev[x->n++];
			copy_field(ev->src, sizeof(ev->src), a, (size_t)(s1 - a));
			copy_field(ev->tgt, sizeof(ev->tgt), s1 + 1, (size_t)(s2 - s1 - 1));
			copy_field(ev->code, sizeof(ev->code), s2 + 1, (size_t)(e - s2 - 1));
		}
		if (first) {
			/* The date after the first group, for time shifting. */
			size_t q = (size_t)(rb - s) + 1;
			while (q < n && (s[q] == ' ' || s[q] == '\t'))
				q++;
			size_t dn = 0;
			while (q + dn < n && isdigit((unsigned char)s[q + dn]) && dn < sizeof(x->date) - 1)
				dn++;
			memcpy(x->date, s + q, dn);
			x->date[dn] = 0;
			first = 0;
		}
	}
}

static void print_events(FILE *f, const char *label, const tb_result *r, const rec_exp *x, int produced)
{
	fprintf(f, "    %s:", label);
	if (produced) {
		if (r->status == TB_OUT_DISCARD)
			fprintf(f, " {###}");
		else if (r->status == TB_OUT_COMPLEX)
			fprintf(f, " {+++} (%s)", r->why ? r->why : "complex");
		else if (!r->nev)
			fprintf(f, " {---}%s", r->status == TB_OUT_SHORT ? " (too few words)" : "");
		for (size_t i = 0; i < r->nev; i++)
			fprintf(f, " %s/%s/%s", r->ev[i].src, r->ev[i].tgt, r->ev[i].code);
	} else {
		if (x->discard)
			fprintf(f, " {###}");
		if (x->complex)
			fprintf(f, " {+++}");
		if (x->none)
			fprintf(f, " {---}");
		for (int i = 0; i < x->n; i++)
			fprintf(f, " %s/%s/%s", x->ev[i].src, x->ev[i].tgt, x->ev[i].code);
		if (x->partial)
			fprintf(f, " (and maybe more)");
	}
	fputc('\n', f);
}

/* Whether the coding r meets the expectations x (manual 10.1). */
static int compare(const rec_exp *x, const tb_result *r, int check_date)
{
	if (x->discard || x->complex || x->none) {
		if (x->discard && r->status == TB_OUT_DISCARD)
			return 1;
		if (x->complex && r->status == TB_OUT_COMPLEX)
			return 1;
		if (x->none && (r->status == TB_OUT_EVENTS || r->status == TB_OUT_SHORT) && r->nev == 0)
			return 1;
		return 0;
	}
	if (r->status != TB_OUT_EVENTS)
		return x->n == 0 && x->partial;
	char used[256] = {0};
	for (int i = 0; i < x->n; i++) {
		int found = 0;
		for (size_t j = 0; j < r->nev && j < sizeof(used); j++)
			if (!used[j] && !strcmp(x->ev[i].src, r->ev[j].src) && !strcmp(x->ev[i].tgt, r->ev[j].tgt) &&
			    !strcmp(x->ev[i].code, r->ev[j].code)) {
				used[j] = 1;
				found = 1;
				break;
			}
		if (!found) {
			/* A listed event twice (paired codes listed both ways) counts once. */
			for (int k = 0; k < i && !found; k++)
				if (!strcmp(x->ev[k].src, x->ev[i].src) && !strcmp(x->ev[k].tgt, x->ev[i].tgt) &&
				    !strcmp(x->ev[k].code, x->ev[i].code))
					found = 1;
			if (!found)
				return 0;
		}
	}
	if (!x->partial)
		for (size_t j = 0; j < r->nev && j < sizeof(used); j++)
			if (!used[j])
				return 0;
	if (check_date && x->n) {
		char want[16];
		snprintf(want, sizeof(want), "%s", x->date);
		if (!want[0])
			return 0;
		int32_t d = tb_date(want, strlen(want), strlen(want) == 8);
		if (d != r->date)
			return 0;
	}
	return 1;
}

int dy_validate_tabari(const char *path, const dy_validate_opts *o, dy_validate_sum *sum, dy_error *err)
{
	memset(sum, 0, sizeof(*sum));
	FILE *f = o->out ? o->out : stdout;
	dy_project pr;
	int rc = dy_project_read(path, &pr, err);
	if (rc < 0)
		return rc;
	tb_dict d;
	tb_dict_init(&d);
	if ((rc = dy_project_load(&d, &pr, err)) < 0) {
		tb_dict_release(&d);
		dy_project_release(&pr);
		return rc;
	}
	tb_options opt = d.opt;
	tb_state st;
	tb_state_init(&st);
	st.opt = &opt;
	dy_buf text = DY_BUF_INIT, opts = DY_BUF_INIT;
	size_t after_final = 0, option_records = 0, unchecked = 0;
	for (size_t fi = 0; fi < pr.ntext && rc == 0; fi++) {
		FILE *tf = fopen(pr.text[fi], "rb");
		if (!tf) {
			rc = dy_error_set(err, DY_ENOENT, "cannot open '%s': %s", pr.text[fi], "No such file or directory");
			break;
		}
		dy_buf raw = DY_BUF_INIT;
		char chunk[65536];
		size_t k;
		while ((k = fread(chunk, 1, sizeof(chunk), tf)) > 0)
			dy_buf_add(&raw, chunk, k);
		fclose(tf);
		tb_record *recs;
		size_t nr = tb_split_records(raw.s ? raw.s : "", raw.len, &recs);
		int final = 0;
		for (size_t ri = 0; ri < nr; ri++) {
			const tb_record *rcd = &recs[ri];
			char id[128];
			snprintf(id, sizeof(id), "%.*s", (int)rcd->id_n, rcd->id);
			if (final) {
				after_final++;
				continue;
			}
			if (!strncmp(id, "FINAL", 5)) {
				final = 1;
				continue;
			}
			sum->records++;
			rec_exp x;
			dy_buf_clear(&opts);
			read_expectations(rcd->body, rcd->body_n, &x, &opts);
			if (x.options) {
				/* { OPTION: ... } records change the settings for what follows. */
				const char *p = opts.s;
				while (p && *p) {
					const char *e = strchr(p, '\n');
					size_t ln = e ? (size_t)(e - p) : strlen(p);
					if (tb_option_line(&d, &opt, p, ln) < 0)
						fprintf(f, "warning: %s: option not understood: %.*s\n", id, (int)ln, p);
					p += ln + (e != NULL);
				}
				option_records++;
				sum->skipped++;
				if (o->verbose)
					fprintf(f, "SKIP %s (changes options)\n", id);
				continue;
			}
			if (!x.n && !x.none && !x.discard && !x.complex) {
				unchecked++;
				sum->skipped++;
				if (o->verbose)
					fprintf(f, "SKIP %s (nothing to check)\n", id);
				continue;
			}
			dy_buf_clear(&text);
			tb_record_text(rcd, 1, &text);
			int32_t date = tb_date(rcd->date, rcd->date_n, opt.yyyy);
			tb_result res;
			dy_buf trace = DY_BUF_INIT;
			dy_arena_reset(&st.arena);
			tb_code_text(&d, &st, text.s ? text.s : "", 0, (uint32_t)text.len, date, id, &res,
				     o->verbose > 1 ? &trace : NULL);
			int timeshift = opt.time_shift > 0 || (opt.time_shift < 0 && d.has_time);
			int ok = compare(&x, &res, timeshift);
			sum->checked++;
			sum->expected_events += (size_t)x.n;
			if (x.n || x.partial) {
				sum->with_events++;
				sum->with_events_passed += (size_t)ok;
			} else {
				sum->no_events++;
				sum->no_events_passed += (size_t)ok;
			}
			if (ok) {
				sum->passed++;
				sum->matched_events += (size_t)x.n;
				if (o->verbose)
					fprintf(f, "PASS %s\n", id);
			} else {
				sum->failed++;
				fprintf(f, "FAIL %s (%s:%ld)\n", id, pr.text[fi], rcd->line);
				print_events(f, "expected", &res, &x, 0);
				print_events(f, "produced", &res, &x, 1);
			}
			if (o->verbose > 1 && trace.s)
				fprintf(f, "%s", trace.s);
			dy_buf_release(&trace);
		}
		free(recs);
		dy_buf_release(&raw);
	}
	if (rc == 0)
		fprintf(f,
			"TABARI validation (%s): %zu records, %zu checked: %zu passed, %zu failed; "
			"%zu skipped (%zu change options, %zu have nothing to check); %zu records after FINAL-01 not run\n",
			path, sum->records, sum->checked, sum->passed, sum->failed, sum->skipped, option_records, unchecked,
			after_final);
	dy_buf_release(&text);
	dy_buf_release(&opts);
	tb_state_release(&st);
	tb_dict_release(&d);
	dy_project_release(&pr);
	return rc;
}
