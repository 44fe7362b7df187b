/* validate_petrarch.c - PETRARCH's unit-test records (PETR.UnitTest.records.xml):
 * each <Sentence> carries the events it should give in <EventCoding
 * sourcecode targetcode eventcode> elements, or noevents="True", or
 * error="..." (a record PETRARCH refuses: a malformed parse, a discard, a
 * dateline); <Config option value> elements between records change
 * settings (require_dyad, new_actor_length, comma_*); the <Environment>
 * names the PETR.Validate.* dictionaries; <Include> lists the categories
 * that run.
 *
 * Comparison is exact: the multiset of (source, target, code) produced must
 * equal the expected one. Expected events with a null actor ("---GOV",
 * "---") exist because some sections set require_dyad false; they are
 * produced then, and never otherwise. The summary counts records expecting
 * events and records expecting none separately. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "compat/compat.h"
#include "compat/compat_int.h"
#include "compat/petrarch.h"

static int included(const char *include, const char *cat)
{
	if (!include || !*include)
		return 1;
	if (!cat || !*cat)
		return 1;
	size_t n = strlen(cat);
	const char *p = include;
	while ((p = strstr(p, cat))) {
		int before = p == include || isspace((unsigned char)p[-1]);
		int after = !p[n] || isspace((unsigned char)p[n]);
		if (before && after)
			return 1;
		p += n;
	}
	return 0;
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	dy_buf b = DY_BUF_INIT;
	char chunk[65536];
	size_t k;
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		dy_buf_add(&b, chunk, k);
	fclose(f);
	*n = b.len;
	if (!b.s)
		return dy_xstrdup("");
	return dy_buf_detach(&b);
}

static int strip_eq(const char *a, const char *b)
{
	/* '"INJURY TOLL"' and "INJURY TOLL" are the same actor text. */
	size_t an = strlen(a), bn = strlen(b);
	if (an >= 2 && a[0] == '"' && a[an - 1] == '"')
		a++, an -= 2;
	if (bn >= 2 && b[0] == '"' && b[bn - 1] == '"')
		b++, bn -= 2;
	return an == bn && !strncasecmp(a, b, an);
}

static int null_actor(const char *c)
{
	return !strncmp(c, "---", 3) || !strcmp(c, "###");
}

int dy_validate_petrarch(const char *path, const dy_validate_opts *o, dy_validate_sum *sum, dy_error *err)
{
	memset(sum, 0, sizeof(*sum));
	FILE *out = o->out ? o->out : stdout;
	size_t n;
	char *buf = slurp(path, &n);
	if (!buf)
		return dy_error_set(err, DY_ENOENT, "cannot open '%s': No such file or directory", path);
	petr_file pf;
	int rc = petr_xml_load(path, buf, n, &pf, err);
	free(buf);
	if (rc < 0)
		return rc;
	char **dicts = NULL;
	long nd = dy_petr_env_dicts(path, o->dict_dir, &dicts, err);
	if (nd <= 0) {
		petr_file_release(&pf);
		if (nd == 0)
			return dy_error_set(err, DY_EDICT, "%s: no <Environment> naming the PETR.Validate dictionaries", path);
		return (int)nd;
	}
	dy_compat_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	cfg.dicts = (const char *const *)dicts;
	cfg.ndicts = (size_t)nd;
	cfg.data_dir = o->data_dir;
	dy_compat *c = dy_compat_load(&cfg, err);
	for (long i = 0; i < nd; i++)
		free(dicts[i]);
	free(dicts);
	if (!c) {
		petr_file_release(&pf);
		return err->code ? err->code : DY_EDICT;
	}
	dy_compat_worker *w = dy_compat_worker_new(c);
	petr_options popt;
	petr_options_default(&popt);
	size_t skipped_cat = 0, errors_handled = 0;
	for (size_t i = 0; i < pf.n; i++) {
		const petr_rec *r = &pf.r[i];
		for (size_t k = 0; k < r->ncfg; k++)
			petr_option_set(&popt, r->cfg[k].option, r->cfg[k].value);
		if (!strncmp(r->id, "FINAL", 5))
			continue;
		sum->records++;
		if (!included(pf.include, r->category)) {
			skipped_cat++;
			sum->skipped++;
			if (o->verbose)
				fprintf(out, "SKIP %s (category %s is not in <Include>)\n", r->id, r->category ? r->category : "");
			continue;
		}
		if (!r->has_coding) {
			sum->skipped++;
			if (o->verbose)
				fprintf(out, "SKIP %s (no <EventCoding>)\n", r->id);
			continue;
		}
		dy_doc doc;
		memset(&doc, 0, sizeof(doc));
		doc.id = r->id;
		char date[16] = "";
		if (r->date)
			snprintf(date, sizeof(date), "%.4s-%.2s-%.2s", r->date, r->date + 4, r->date + 6);
		doc.date = date[0] ? date : NULL;
		doc.text = r->text ? r->text : "";
		doc.len = strlen(doc.text);
		doc.origin = path;
		doc.line = r->line;
		petr_outcome po;
		dy_buf trace = DY_BUF_INIT;
		petr_validate_code(c, w, &doc, r->parse, &popt, &po, o->verbose > 1 ? &trace : NULL);
		int ok;
		sum->checked++;
		if (r->error) {
			errors_handled++;
			ok = po.error && !strcmp(po.error, r->error);
		} else if (r->noevents || !r->nev) {
			sum->no_events++;
			ok = !po.error && po.nev == 0;
			sum->no_events_passed += (size_t)ok;
		} else {
			sum->with_events++;
			sum->expected_events += r->nev;
			/* Multiset equality. */
			char used[256] = {0};
			ok = !po.error;
			size_t matched = 0;
			for (size_t k = 0; k < r->nev && ok; k++) {
				if (null_actor(r->ev[k].src) || null_actor(r->ev[k].tgt))
					sum->nondyadic++;
				int found = 0;
				for (size_t j = 0; j < po.nev && j < sizeof(used); j++)
					if (!used[j] && strip_eq(r->ev[k].src, po.ev[j].src) && strip_eq(r->ev[k].tgt, po.ev[j].tgt) &&
					    !strcmp(r->ev[k].code, po.ev[j].code)) {
						used[j] = 1;
						found = 1;
						matched++;
						break;
					}
				if (!found)
					ok = 0;
			}
			for (size_t j = 0; ok && j < po.nev && j < sizeof(used); j++)
				if (!used[j])
					ok = 0;
			sum->matched_events += matched;
			sum->with_events_passed += (size_t)ok;
		}
		if (ok) {
			sum->passed++;
			if (o->verbose)
				fprintf(out, "PASS %s\n", r->id);
		} else {
			sum->failed++;
			fprintf(out, "FAIL %s (%s:%ld)\n    expected:", r->id, path, r->line);
			if (r->error)
				fprintf(out, " error %s", r->error);
			else if (r->noevents || !r->nev)
				fprintf(out, " no events");
			for (size_t k = 0; k < r->nev; k++)
				fprintf(out, " %s/%s/%s", r->ev[k].src, r->ev[k].tgt, r->ev[k].code);
			fprintf(out, "\n    produced:");
			if (po.error)
				fprintf(out, " error %s", po.error);
			else if (!po.nev)
				fprintf(out, " no events");
			for (size_t k = 0; k < po.nev; k++)
				fprintf(out, " %s/%s/%s", po.ev[k].src, po.ev[k].tgt, po.ev[k].code);
			fputc('\n', out);
		}
		if (trace.s)
			fprintf(out, "%s", trace.s);
		dy_buf_release(&trace);
		petr_outcome_release(&po);
	}
	fprintf(out,
		"PETRARCH unit tests (%s): %zu records, %zu checked: %zu passed, %zu failed; %zu skipped "
		"(%zu outside <Include>); records expecting events: %zu of %zu coded exactly; "
		"expecting none: %zu of %zu produced none; expecting an error: %zu\n",
		path, sum->records, sum->checked, sum->passed, sum->failed, sum->skipped, skipped_cat,
		sum->with_events_passed, sum->with_events, sum->no_events_passed, sum->no_events, errors_handled);
	dy_compat_worker_free(w);
	dy_compat_free(c);
	petr_file_release(&pf);
	return 0;
}
