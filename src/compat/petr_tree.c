/* petr_tree.c - coding PETRARCH records (baseline: the shallow coder). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "compat/compat_int.h"
#include "compat/petrarch.h"

void petr_options_default(petr_options *o)
{
	memset(o, 0, sizeof(*o));
	o->require_dyad = 1;
	o->cmin = 2;
	o->cmax = 8;
	o->emin = 2;
	o->emax = 8;
}

static int truth(const char *v)
{
	return v && (v[0] == 't' || v[0] == 'T' || v[0] == '1' || v[0] == 'y' || v[0] == 'Y');
}

void petr_option_set(petr_options *o, const char *name, const char *value)
{
	if (!strcasecmp(name, "require_dyad"))
		o->require_dyad = truth(value);
	else if (!strcasecmp(name, "new_actor_length"))
		o->new_actor_length = atoi(value);
	else if (!strcasecmp(name, "comma_min"))
		o->cmin = atoi(value);
	else if (!strcasecmp(name, "comma_max"))
		o->cmax = atoi(value);
	else if (!strcasecmp(name, "comma_bmin"))
		o->bmin = atoi(value);
	else if (!strcasecmp(name, "comma_bmax"))
		o->bmax = atoi(value);
	else if (!strcasecmp(name, "comma_emin"))
		o->emin = atoi(value);
	else if (!strcasecmp(name, "comma_emax"))
		o->emax = atoi(value);
}

void petr_outcome_release(petr_outcome *o)
{
	for (size_t i = 0; i < o->nev; i++) {
		free(o->ev[i].src);
		free(o->ev[i].tgt);
		free(o->ev[i].code);
	}
	free(o->ev);
	memset(o, 0, sizeof(*o));
}

/* PETRARCH skips a sentence that opens with a dateline ("PORT TAMBERG: --"). */
static int dateline(const char *t, size_t n)
{
	size_t i = 0, letters = 0;
	while (i < n && isspace((unsigned char)t[i]))
		i++;
	size_t b = i;
	while (i < n && i < b + 40 && (isupper((unsigned char)t[i]) || t[i] == ' ' || t[i] == '.' || t[i] == '-')) {
		letters += isupper((unsigned char)t[i]) != 0;
		i++;
	}
	if (letters < 3 || i >= n)
		return 0;
	if (t[i] == ':' || (t[i] == '-' && i + 1 < n && t[i + 1] == '-'))
		return 1;
	return 0;
}

void petr_validate_code(const dy_compat *c, dy_compat_worker *w, const dy_doc *doc, const char *parse,
			const petr_options *o, petr_outcome *out, dy_buf *trace)
{
	memset(out, 0, sizeof(*out));
	const tb_dict *d = dy_compat_dict(c);
	tb_state st;
	tb_state_init(&st);
	tb_options opt = d->opt;
	opt.min_words = 0;
	opt.cmin = o->cmin;
	opt.cmax = o->cmax;
	opt.bmin = o->bmin;
	opt.bmax = o->bmax;
	opt.emin = o->emin;
	opt.emax = o->emax;
	opt.cx_noactprior = 0;
	st.opt = &opt;
	int32_t date = 0;
	if (doc->date)
		date = atoi(doc->date) * 10000 + atoi(doc->date + 5) * 100 + atoi(doc->date + 8);
	tb_result res;
	memset(&res, 0, sizeof(res));
	if (dateline(doc->text, doc->len)) {
		out->error = "dateline";
		tb_state_release(&st);
		return;
	}
	if (parse) {
		tb_tree tree;
		if (tb_tree_parse(&st.arena, parse, strlen(parse), &tree) < 0) {
			out->error = "bad_input_parse";
			tb_state_release(&st);
			return;
		}
		tb_petr pe = {o->require_dyad, o->new_actor_length};
		tb_code_tree(d, &st, &tree, doc->text, 0, (uint32_t)doc->len, date, &pe, &res, trace);
	} else {
		tb_code_text(d, &st, doc->text, 0, (uint32_t)doc->len, date, NULL, &res, trace);
	}
	if (res.status == TB_OUT_DISCARD)
		out->error = "sentencediscard";
	else if (res.status == TB_OUT_STORYDISCARD)
		out->error = "storydiscard";
	out->ev = dy_xcalloc(res.nev + 1, sizeof(*out->ev));
	for (size_t i = 0; i < res.nev; i++) {
		out->ev[i].src = dy_xstrdup(res.ev[i].src);
		out->ev[i].tgt = dy_xstrdup(res.ev[i].tgt);
		out->ev[i].code = dy_xstrdup(res.ev[i].code);
	}
	out->nev = res.nev;
	tb_state_release(&st);
	(void)w;
}
