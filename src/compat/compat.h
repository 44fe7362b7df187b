/* compat.h - coding with TABARI and PETRARCH dictionaries, inputs and
 * validation suites: the layer between the event coder and the pipeline.
 *
 * dyad codes its own dictionaries with its own coder (pipeline.c). This
 * layer lets a researcher switch from TABARI or PETRARCH without touching
 * decades of curated dictionaries:
 *
 *  - dy_dict_sniff() tells a dictionary's format by its content (TABARI
 *    .actors .agents .verbs .options .project; PETRARCH verbs, actors,
 *    agents, discards, issues; dyad's own files).
 *  - dy_compat_load() reads a TABARI .project (paths relative to it) or a
 *    list of dictionary files into a coder that follows TABARI's
 *    documented semantics (tabari.h); PETRARCH records that carry a
 *    TreeBank <Parse> are coded over the parse tree (tb_code_tree in
 *    tabari.h) with the same dictionaries.
 *  - dy_compat_code() codes one dy_doc into the same dy_result the native
 *    coder returns, so every writer works unchanged; with a PETRARCH
 *    issues dictionary its events carry their sentence's issues.
 *  - dy_coder_load() (pipeline.c) loads this coder when dy_compat_wanted()
 *    says the dictionaries are TABARI's or PETRARCH's, and dy_worker_code()
 *    dispatches to dy_compat_code(): every command codes through dyad.h.
 *  - dy_validate_*() run TABARI's and PETRARCH's own validation suites.
 *  - dy_dict_check() lints a dictionary set.
 *
 * Lifetimes as in dyad.h: a dy_compat is loaded once and then only read
 * (share it between threads); each thread codes with its own
 * dy_compat_worker, whose result lives until the next call.
 */
#ifndef DY_COMPAT_H
#define DY_COMPAT_H

#include <stddef.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/error.h"
#include "dyad.h"

/* ---- dictionary formats ---------------------------------------------------- */

enum dy_dict_kind {
	DY_DK_UNKNOWN,
	DY_DK_DYAD_ACTORS,   /* dyad: "actor CODE Name" blocks, "agent ..." lines */
	DY_DK_DYAD_VERBS,    /* dyad: "== CODE" blocks */
	DY_DK_CAMEO_TSV,     /* dyad's cameo.tsv */
	DY_DK_TABARI_ACTORS, /* PHRASE [CODE], +synonyms, dated codes */
	DY_DK_TABARI_AGENTS, /* PHRASE [~CODE] */
	DY_DK_TABARI_VERBS,  /* ROOT [CODE] then "- pattern [CODE]" lines */
	DY_DK_TABARI_OPTIONS,/* COMPLEX: SET: LABEL: ... */
	DY_DK_TABARI_PROJECT,/* <actorsfile> <verbsfile> <textfile> ... */
	DY_DK_PETR_VERBS,    /* "--- NAME [CODE] ---" blocks */
	DY_DK_PETR_ACTORS,   /* as TABARI, '#' comments, no stemming */
	DY_DK_PETR_AGENTS,   /* PHRASE {plurals} [~CODE], !SUBST! = ... */
	DY_DK_PETR_DISCARDS, /* one phrase a line, '+' for whole stories */
	DY_DK_PETR_ISSUES,   /* <ISSUE CATEGORY=...> n:word [CODE] */
	DY_DK_PETR_XML,      /* PETRARCH <Sentences> input or unit-test records */
	DY_DK_TABARI_TEXT,   /* TABARI text records: "YYMMDD ID" line, text, blank line */
};

/* The format of the file at path, by its content (name only breaks ties);
 * DY_DK_UNKNOWN when it cannot be read or recognised. */
int dy_dict_sniff(const char *path);
/* The same from the first bytes of a file (64 KB is plenty). */
int dy_dict_sniff_buf(const char *buf, size_t n);
/* "TABARI verbs", "PETRARCH actors", ... */
const char *dy_dict_kind_name(int kind);

/* ---- the coder ---------------------------------------------------------------- */

typedef struct dy_compat dy_compat;
typedef struct dy_compat_worker dy_compat_worker;

typedef struct dy_compat_config {
	const char *project;        /* a TABARI .project file, or NULL */
	const char *const *dicts;   /* dictionary files in any format above (not with project) */
	size_t ndicts;
	const char *data_dir;       /* dyad's data (cameo.tsv for names, Goldstein, quad); NULL: default */
} dy_compat_config;

/* Loads the dictionaries; NULL with err (file:line:column and the line)
 * on failure. */
dy_compat *dy_compat_load(const dy_compat_config *cfg, dy_error *err);
void dy_compat_free(dy_compat *c);
/* The <textfile>s of the project (paths resolved against the project's
 * directory); 0 when loaded from dictionaries. */
size_t dy_compat_textfiles(const dy_compat *c, const char *const **files);
void dy_compat_stats(const dy_compat *c, dy_coder_stats *out);
/* The dictionary files loaded, in order (a project's own files for a
 * project), each with its DY_DK_* kind; both arrays live as long as c. */
size_t dy_compat_files(const dy_compat *c, const char *const **paths, const int **kinds);
/* Whether c was loaded with PETRARCH's verb dictionary (its coding rules
 * then: no 8-word floor; over the parse tree when a record has one). */
int dy_compat_petrarch(const dy_compat *c);
/* Dictionary lines that were skipped as malformed (TABARI skips them too,
 * after asking): how many, and their messages (file:line:column, the line,
 * a caret), one after another. */
size_t dy_compat_notes(const dy_compat *c, const char **msgs);
/* Whether any of the files is a TABARI or PETRARCH dictionary (then
 * dy_compat_load, not dy_coder_load, reads them). */
int dy_compat_wanted(const char *const *dicts, size_t ndicts);

/* For a PETRARCH XML file whose <Environment> names its dictionaries (the
 * unit-test records do): those files, found in dict_dir, beside the XML
 * file or in ../dictionaries, as malloc'ed paths in *out (free each and the
 * array). Returns how many (0: none named), or a negative DY_E* with err
 * when a named file cannot be found. */
long dy_petr_env_dicts(const char *xml_path, const char *dict_dir, char ***out, dy_error *err);

dy_compat_worker *dy_compat_worker_new(const dy_compat *c);
void dy_compat_worker_free(dy_compat_worker *w);

enum {
	/* flags for dy_compat_code, beside DY_CODE_EXPLAIN */
	DY_COMPAT_RECORD = 1 << 8, /* the text is one TABARI record: code it as one unit */
};

/* Codes doc (for a PETRARCH record, parse is its <Parse> tree, else NULL).
 * Returns 0 and sets *out (owned by the worker until its next call), or
 * DY_EEMPTY for a text without words. */
int dy_compat_code(dy_compat_worker *w, const dy_doc *doc, const char *parse, unsigned flags,
		   const dy_result **out, dy_error *err);

/* ---- validation suites ---------------------------------------------------------- */

typedef struct dy_validate_opts {
	FILE *out;           /* the report */
	int verbose;         /* also list the records that pass */
	const char *data_dir;
	const char *dict_dir;/* PETRARCH: where PETR.Validate.* are (default: beside the file, or ../dictionaries) */
} dy_validate_opts;

typedef struct dy_validate_sum {
	size_t records;      /* records read */
	size_t checked;      /* records with expectations that were compared */
	size_t passed, failed, skipped;
	size_t expected_events, matched_events;
	size_t with_events, with_events_passed;   /* records expecting events */
	size_t no_events, no_events_passed;       /* records expecting none */
	size_t nondyadic;    /* PETRARCH: expected events with a null actor (not emitted, require_dyad) */
	size_t strict_passed;/* PETRARCH: records passed counting those too */
} dy_validate_sum;

/* Runs TABARI's Validate.project (or a .text file beside its dictionaries):
 * per record PASS/FAIL with expected and produced events, and a summary.
 * Returns 0, or a negative DY_E* when the suite cannot be read. */
int dy_validate_tabari(const char *path, const dy_validate_opts *o, dy_validate_sum *sum, dy_error *err);
/* Runs PETRARCH's unit-test records (PETR.UnitTest.records.xml). */
int dy_validate_petrarch(const char *path, const dy_validate_opts *o, dy_validate_sum *sum, dy_error *err);

/* ---- dictionary check ----------------------------------------------------------------- */

/* Lints dictionaries (any format above): every problem as
 * "file:line:column: what is wrong" with the line and a caret, appended to
 * msgs. Returns the number of errors (0: clean), or a negative DY_E* when a
 * file cannot be read. */
long dy_dict_check(const char *const *files, size_t nfiles, const char *data_dir, dy_buf *msgs, size_t *nentries);
/* The same with warnings (legal but doubtful: overlapping date ranges, a
 * default code that is not last) in their own buffer and count. */
long dy_dict_check2(const char *const *files, size_t nfiles, const char *data_dir, dy_buf *msgs, size_t *nentries,
		    dy_buf *warnings, size_t *nwarnings);

#endif
