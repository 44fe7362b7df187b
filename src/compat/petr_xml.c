/* petr_xml.c - PETRARCH's XML input (docs/inputs.rst): <Sentences> of
 * <Sentence date id ...> with <Text> and an optional TreeBank <Parse>;
 * unit-test files add <EventCoding> expectations, <Config> settings
 * between records and an <Environment> naming the dictionaries. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/mem.h"
#include "compat/compat_int.h"

static char *attr(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = dy_xstrdup((const char *)v);
	xmlFree(v);
	/* trim */
	size_t k = strlen(s);
	while (k && isspace((unsigned char)s[k - 1]))
		s[--k] = 0;
	size_t b = 0;
	while (s[b] && isspace((unsigned char)s[b]))
		b++;
	if (b)
		memmove(s, s + b, k - b + 1);
	return s;
}

static char *content(xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	if (!v)
		return NULL;
	char *s = dy_xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static int is(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !xmlStrcasecmp(n->name, (const xmlChar *)name);
}

/* "19950101" or "1995-01-01" -> "19950101"; NULL when malformed. */
static char *norm_date(char *d)
{
	if (!d)
		return NULL;
	char out[9];
	size_t k = 0;
	for (const char *p = d; *p && k < 8; p++)
		if (isdigit((unsigned char)*p))
			out[k++] = *p;
		else if (*p != '-')
			break;
	free(d);
	if (k != 8)
		return NULL;
	out[8] = 0;
	return dy_xstrdup(out);
}

static void add_record(petr_file *f, size_t *cap, xmlNode *s, petr_config *cfg, size_t *ncfg)
{
	if (f->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		f->r = dy_xrealloc(f->r, *cap * sizeof(*f->r));
	}
	petr_rec *r = &f->r[f->n++];
	memset(r, 0, sizeof(*r));
	r->id = attr(s, "id");
	if (!r->id)
		r->id = dy_xstrdup("");
	char *d = attr(s, "date");
	r->date = norm_date(d);
	r->category = attr(s, "category");
	r->line = xmlGetLineNo(s);
	r->cfg = cfg;
	r->ncfg = *ncfg;
	*ncfg = 0;
	size_t cap_ev = 0;
	for (xmlNode *c = s->children; c; c = c->next) {
		if (is(c, "Text")) {
			free(r->text);
			r->text = content(c);
		} else if (is(c, "Parse")) {
			free(r->parse);
			r->parse = content(c);
		} else if (is(c, "EventCoding")) {
			r->has_coding = 1;
			char *ne = attr(c, "noevents");
			if (ne && (ne[0] == 'T' || ne[0] == 't'))
				r->noevents = 1;
			free(ne);
			char *e = attr(c, "error");
			if (e) {
				free(r->error);
				r->error = e;
			}
			char *sc = attr(c, "sourcecode"), *tc = attr(c, "targetcode"), *ec = attr(c, "eventcode");
			if (sc && tc && ec) {
				if (r->nev == cap_ev) {
					cap_ev = cap_ev ? cap_ev * 2 : 4;
					r->ev = dy_xrealloc(r->ev, cap_ev * sizeof(*r->ev));
				}
				r->ev[r->nev].src = sc;
				r->ev[r->nev].tgt = tc;
				r->ev[r->nev].code = ec;
				r->nev++;
			} else {
				free(sc);
				free(tc);
				free(ec);
			}
		}
	}
}

/* Walks a <Sentences> element (or the root). */
static void walk(petr_file *f, xmlNode *parent, size_t *cap, petr_config **cfg, size_t *ncfg, size_t *capcfg)
{
	for (xmlNode *c = parent->children; c && !f->stopped; c = c->next) {
		if (is(c, "Sentence")) {
			add_record(f, cap, c, *cfg, ncfg);
			*cfg = NULL;
			*capcfg = 0;
		} else if (is(c, "Config")) {
			if (*ncfg == *capcfg) {
				*capcfg = *capcfg ? *capcfg * 2 : 4;
				*cfg = dy_xrealloc(*cfg, *capcfg * sizeof(**cfg));
			}
			(*cfg)[*ncfg].option = attr(c, "option");
			(*cfg)[*ncfg].value = attr(c, "value");
			if (!(*cfg)[*ncfg].option)
				(*cfg)[*ncfg].option = dy_xstrdup("");
			if (!(*cfg)[*ncfg].value)
				(*cfg)[*ncfg].value = dy_xstrdup("");
			(*ncfg)++;
		} else if (is(c, "Stop")) {
			f->stopped = 1;
		} else if (is(c, "Sentences")) {
			walk(f, c, cap, cfg, ncfg, capcfg);
		} else if (is(c, "Environment")) {
			for (xmlNode *e = c->children; e; e = e->next) {
				char **slot = is(e, "Verbfile") ? &f->verbfile : is(e, "Actorfile") ? &f->actorfile
					      : is(e, "Agentfile") ? &f->agentfile : is(e, "Discardfile") ? &f->discardfile
					      : is(e, "Include") ? &f->include : NULL;
				if (slot) {
					free(*slot);
					*slot = content(e);
					size_t k = strlen(*slot);
					while (k && isspace((unsigned char)(*slot)[k - 1]))
						(*slot)[--k] = 0;
					size_t b = 0;
					while ((*slot)[b] && isspace((unsigned char)(*slot)[b]))
						b++;
					memmove(*slot, *slot + b, k - b + 1);
				}
			}
		}
	}
}

int petr_xml_load(const char *path, const char *buf, size_t n, petr_file *out, dy_error *err)
{
	memset(out, 0, sizeof(*out));
	xmlDoc *doc = xmlReadMemory(buf, (int)n, path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
				    XML_PARSE_HUGE);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		if (e)
			return dy_error_set(err, DY_EFORMAT, "%s:%d: malformed XML: %s", path, e->line,
					    e->message ? e->message : "parse error");
		return dy_error_set(err, DY_EFORMAT, "%s: malformed XML", path);
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	size_t cap = 0, ncfg = 0, capcfg = 0;
	petr_config *cfg = NULL;
	if (root) {
		if (is(root, "Sentence")) {
			add_record(out, &cap, root, cfg, &ncfg);
			cfg = NULL;
		} else {
			walk(out, root, &cap, &cfg, &ncfg, &capcfg);
		}
	}
	for (size_t i = 0; i < ncfg; i++) {
		free(cfg[i].option);
		free(cfg[i].value);
	}
	free(cfg);
	xmlFreeDoc(doc);
	return 0;
}

void petr_file_release(petr_file *f)
{
	for (size_t i = 0; i < f->n; i++) {
		petr_rec *r = &f->r[i];
		free(r->id);
		free(r->date);
		free(r->category);
		free(r->text);
		free(r->parse);
		free(r->error);
		for (size_t k = 0; k < r->nev; k++) {
			free(r->ev[k].src);
			free(r->ev[k].tgt);
			free(r->ev[k].code);
		}
		free(r->ev);
		for (size_t k = 0; k < r->ncfg; k++) {
			free(r->cfg[k].option);
			free(r->cfg[k].value);
		}
		free(r->cfg);
	}
	free(f->r);
	free(f->verbfile);
	free(f->actorfile);
	free(f->agentfile);
	free(f->discardfile);
	free(f->include);
	memset(f, 0, sizeof(*f));
}

/* ---- dictionaries named by an <Environment> ------------------------------------ */

static char *find_beside(const char *xml_path, const char *dict_dir, const char *name)
{
	char buf[4096];
	const char *slash = strrchr(xml_path, '/');
	int dl = slash ? (int)(slash - xml_path) : 1;
	const char *dir = slash ? xml_path : ".";
	const char *tries[3][2] = {{dict_dir, ""}, {NULL, ""}, {NULL, "/../dictionaries"}};
	for (int i = 0; i < 3; i++) {
		if (i == 0) {
			if (!dict_dir)
				continue;
			snprintf(buf, sizeof(buf), "%s/%s", dict_dir, name);
		} else {
			snprintf(buf, sizeof(buf), "%.*s%s/%s", dl, dir, tries[i][1], name);
		}
		FILE *f = fopen(buf, "rb");
		if (f) {
			fclose(f);
			return dy_xstrdup(buf);
		}
		if (dict_dir)
			break; /* a directory given is the only place to look */
	}
	return NULL;
}

long dy_petr_env_dicts(const char *xml_path, const char *dict_dir, char ***out, dy_error *err)
{
	*out = NULL;
	FILE *f = fopen(xml_path, "rb");
	if (!f)
		return dy_error_set(err, DY_ENOENT, "cannot open '%s': %s", xml_path, "No such file or directory");
	/* The <Environment> is at the top: the first 64 KB will do. */
	char *buf = dy_xmalloc(65536 + 1);
	size_t n = fread(buf, 1, 65536, f);
	fclose(f);
	buf[n] = 0;
	const char *names[4] = {"Verbfile", "Actorfile", "Agentfile", "Discardfile"};
	char **v = dy_xcalloc(5, sizeof(char *));
	long nv = 0;
	for (int i = 0; i < 4; i++) {
		char open[32], close[32];
		snprintf(open, sizeof(open), "<%s>", names[i]);
		snprintf(close, sizeof(close), "</%s>", names[i]);
		const char *a = strstr(buf, open);
		const char *b = a ? strstr(a, close) : NULL;
		if (!a || !b)
			continue;
		a += strlen(open);
		while (a < b && isspace((unsigned char)*a))
			a++;
		size_t k = (size_t)(b - a);
		while (k && isspace((unsigned char)a[k - 1]))
			k--;
		char name[1024];
		snprintf(name, sizeof(name), "%.*s", (int)k, a);
		char *path = find_beside(xml_path, dict_dir, name);
		if (!path) {
			for (long j = 0; j < nv; j++)
				free(v[j]);
			free(v);
			free(buf);
			if (dict_dir)
				return dy_error_set(err, DY_ENOENT, "%s: its <Environment> names '%s', not found in %s",
						    xml_path, name, dict_dir);
			return dy_error_set(err, DY_ENOENT,
					    "%s: its <Environment> names '%s', found neither beside it nor in ../dictionaries",
					    xml_path, name);
		}
		v[nv++] = path;
	}
	free(buf);
	if (!nv) {
		free(v);
		return 0;
	}
	*out = v;
	return nv;
}
