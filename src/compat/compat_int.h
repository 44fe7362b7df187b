/* compat_int.h - what the files of src/compat share beyond compat.h. */
#ifndef DY_COMPAT_INT_H
#define DY_COMPAT_INT_H

#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/error.h"
#include "compat/compat.h"
#include "compat/tabari.h"
#include "event/event.h"

/* A TABARI .project file: the files it names, resolved against its directory. */
typedef struct dy_project {
	char *actors[8];
	size_t nactors;
	char *verbs, *agents, *options, *issues;
	char *text[64];
	size_t ntext;
} dy_project;

int dy_project_read(const char *path, dy_project *pr, dy_error *err);
void dy_project_release(dy_project *pr);
int dy_project_load(tb_dict *d, const dy_project *pr, dy_error *err);

/* Loads one file of a known kind into d. */
int dy_compat_load_file(tb_dict *d, const char *path, int kind, dy_error *err);
int dy_cameo_table_load(dy_verbs *v, const char *data_dir, dy_error *err);
const tb_dict *dy_compat_dict(const dy_compat *c);
void dy_compat_cameo(const dy_compat *c, dy_event *e, const char *code);

/* ---- PETRARCH XML (petr_xml.c) ---------------------------------------------- */

typedef struct petr_expect {
	char *src, *tgt, *code;  /* as in the file ('"INJURY TOLL"' keeps its quotes) */
} petr_expect;

/* A <Config option="..." value="..."> between records (unit tests). */
typedef struct petr_config {
	char *option, *value;
} petr_config;

typedef struct petr_rec {
	char *id, *date;         /* date as "YYYYMMDD" (or NULL) */
	char *category;
	char *text, *parse;      /* may be NULL */
	petr_expect *ev;
	size_t nev;
	int noevents;            /* <EventCoding noevents="True"> */
	char *error;             /* <EventCoding error="..."> */
	int has_coding;          /* any <EventCoding> */
	petr_config *cfg;        /* the <Config>s just before this record */
	size_t ncfg;
	long line;
} petr_rec;

typedef struct petr_file {
	petr_rec *r;
	size_t n;
	/* <Environment> of a unit-test file */
	char *verbfile, *actorfile, *agentfile, *discardfile, *include;
	int stopped;             /* a <Stop> record ended the file */
} petr_file;

/* Parses PETRARCH XML (buf[0..n), named path for messages). */
int petr_xml_load(const char *path, const char *buf, size_t n, petr_file *out, dy_error *err);
void petr_file_release(petr_file *f);

#endif
