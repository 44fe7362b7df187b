/* dictcheck.c - `dyad dict check`: lints dictionaries in dyad's, TABARI's
 * and PETRARCH's formats (compat.h). TABARI and PETRARCH files are read
 * together, in the order given (duplicates across files count), with every
 * doubtful line noted: malformed codes and date restrictions, duplicate
 * entries, overlapping date ranges, patterns that can never match (a repeat
 * of an earlier pattern, an unknown or empty synset, two sources or two
 * targets), lines the format does not allow. dyad's own files go through
 * dyad's loaders, which stop at the first error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actor/actor.h"
#include "compat/compat.h"
#include "compat/compat_int.h"
#include "compat/tabari.h"
#include "event/event.h"
#include "tag/tag.h"

long dy_dict_check(const char *const *files, size_t nfiles, const char *data_dir, dy_buf *msgs, size_t *nentries)
{
	dy_buf w = DY_BUF_INIT;
	size_t nw;
	long e = dy_dict_check2(files, nfiles, data_dir, msgs, nentries, &w, &nw);
	dy_buf_release(&w);
	return e;
}

long dy_dict_check2(const char *const *files, size_t nfiles, const char *data_dir, dy_buf *msgs, size_t *nentries,
		    dy_buf *warnings, size_t *nwarnings)
{
	long errors = 0;
	*nentries = 0;
	tb_dict d;
	tb_dict_init(&d);
	d.strict = 1;
	dy_lexicon *lx = NULL;
	dy_verbs cameo;
	int have_cameo = 0;
	for (size_t i = 0; i < nfiles; i++) {
		const char *f = files[i];
		int kind = dy_dict_sniff(f);
		dy_error err;
		dy_error_clear(&err);
		FILE *fp = fopen(f, "rb");
		if (!fp) {
			dy_buf_addf(msgs, "%s: cannot open: No such file or directory\n", f);
			errors++;
			continue;
		}
		fclose(fp);
		if (kind == DY_DK_DYAD_ACTORS || kind == DY_DK_DYAD_VERBS) {
			int rc = 0;
			if (kind == DY_DK_DYAD_ACTORS) {
				if (!lx && !(lx = dy_lexicon_load(NULL, &err))) {
					dy_buf_addf(msgs, "%s\n", err.msg);
					errors++;
					continue;
				}
				dy_actors a;
				dy_actors_init(&a, lx);
				rc = dy_actors_load_file(&a, f, &err);
				*nentries += a.nphrases;
				dy_actors_release(&a);
			} else {
				if (!have_cameo) {
					if (dy_cameo_table_load(&cameo, data_dir, &err) < 0) {
						dy_buf_addf(msgs, "%s\n", err.msg);
						errors++;
						continue;
					}
					have_cameo = 1;
				}
				/* A copy of the table for each file: patterns load into it. */
				dy_verbs v;
				if (dy_cameo_table_load(&v, data_dir, &err) == 0) {
					rc = dy_verbs_load(&v, f, &err);
					*nentries += v.npatterns;
					dy_verbs_release(&v);
				}
			}
			if (rc < 0) {
				dy_buf_addf(msgs, "%s\n", err.msg);
				errors++;
			}
			continue;
		}
		if (kind == DY_DK_CAMEO_TSV) {
			dy_verbs v;
			dy_verbs_init(&v, NULL);
			if (dy_cameo_load(&v, f, &err) < 0) {
				dy_buf_addf(msgs, "%s\n", err.msg);
				errors++;
			}
			*nentries += v.ncameo;
			dy_verbs_release(&v);
			continue;
		}
		if (kind == DY_DK_TABARI_PROJECT) {
			dy_project pr;
			if (dy_project_read(f, &pr, &err) < 0) {
				dy_buf_addf(msgs, "%s\n", err.msg);
				errors++;
				continue;
			}
			const char *ff[16];
			size_t nf = 0;
			for (size_t k = 0; k < pr.nactors && nf < 12; k++)
				ff[nf++] = pr.actors[k];
			if (pr.agents)
				ff[nf++] = pr.agents;
			if (pr.verbs)
				ff[nf++] = pr.verbs;
			if (pr.options)
				ff[nf++] = pr.options;
			for (size_t k = 0; k < nf; k++) {
				int rc;
				if (ff[k] == pr.verbs)
					rc = dy_dict_sniff(ff[k]) == DY_DK_PETR_VERBS ? tb_load_petr_verbs(&d, ff[k], &err) : tb_load_verbs(&d, ff[k], &err);
				else if (ff[k] == pr.agents)
					rc = tb_load_agents(&d, ff[k], dy_dict_sniff(ff[k]) == DY_DK_PETR_AGENTS, &err);
				else if (ff[k] == pr.options)
					rc = tb_load_options(&d, &d.opt, ff[k], &err);
				else
					rc = tb_load_actors(&d, ff[k], dy_dict_sniff(ff[k]) == DY_DK_PETR_ACTORS, &err);
				if (rc < 0) {
					dy_buf_addf(msgs, "%s\n", err.msg);
					errors++;
				}
			}
			dy_project_release(&pr);
			continue;
		}
		if (kind == DY_DK_UNKNOWN || kind == DY_DK_PETR_XML || kind == DY_DK_TABARI_TEXT) {
			dy_buf_addf(msgs, "%s: not a dictionary (%s)\n", f,
				    kind == DY_DK_UNKNOWN ? "format not recognised" : dy_dict_kind_name(kind));
			errors++;
			continue;
		}
		if (dy_compat_load_file(&d, f, kind, &err) < 0) {
			dy_buf_addf(msgs, "%s\n", err.msg);
			errors++;
		}
	}
	for (int k = 0; k < TB_NKINDS; k++)
		*nentries += d.nphrases[k];
	*nentries += d.npatterns;
	if (d.nnotes) {
		dy_buf_add(msgs, d.notes.s, d.notes.len);
		errors += (long)d.nnotes;
	}
	*nwarnings = d.nwarnings;
	if (d.nwarnings)
		dy_buf_add(warnings, d.warnings.s, d.warnings.len);
	tb_dict_release(&d);
	if (have_cameo)
		dy_verbs_release(&cameo);
	if (lx)
		dy_lexicon_free(lx);
	return errors;
}
