/* cmd-code.c - `dyad code`: read documents, code them, write the events.
 *
 * With --threads N > 1 the documents are read in batches and copied (a
 * reader's strings last only until its next call), N threads each with its
 * own dy_worker code a batch and render each document's output into its
 * slot, and the main thread writes the slots, messages included, in input
 * order; it reads the next batch while the threads code. With one thread
 * the same code runs without copies.
 *
 * TABARI and PETRARCH: dy_coder_load chooses the TABARI/PETRARCH coder by
 * itself when the --dict files are theirs (as for every command). What is
 * particular to `dyad code` is the input: an operand that is a TABARI
 * .project is replaced by its <textfile>s and its dictionaries are loaded;
 * a PETRARCH XML file whose <Environment> names its dictionaries uses
 * those when no --dict is given. Each document carries what that coder
 * needs from the reader (dy_doc.parse, dy_doc.record): TABARI records are
 * coded whole, PETRARCH records over their <Parse> tree.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "cli/cli.h"
#include "compat/compat.h"
#include "io/reader.h"
#include "io/write.h"
#include "pipeline/pipeline.h"

enum {
	OPT_FORMAT = OPT_FIRST_OWN,
	OPT_EXPLAIN,
	OPT_THREADS,
	OPT_QUIET,
	OPT_VERBOSE,
	OPT_OUTPUT,
	OPT_QUOTES,
};

const cli_option cmd_code_options[] = {
	{OPT_FORMAT, 'f', "format", "FMT", "output format: jsonl (default), tsv or table"},
	{OPT_EXPLAIN, 0, "explain", NULL, "print how each document was coded before its events"},
	CLI_OPT_DATA,
	CLI_OPT_DICT,
	{OPT_THREADS, 'j', "threads", "N", "code with N threads (default 1); output stays in input order"},
	{OPT_OUTPUT, 'o', "output", "FILE", "write the events to FILE instead of standard output"},
	{OPT_QUOTES, 0, "quotes", NULL, "with --format tsv, write the quotations instead of the events"},
	{OPT_QUIET, 'q', "quiet", NULL, "do not print warnings"},
	{OPT_VERBOSE, 'v', "verbose", NULL, "print documents, sentences, events and seconds at the end"},
	CLI_OPT_HELP,
	{0, 0, NULL, NULL, NULL},
};

#define MAX_THREADS 256
#define BATCH_DOCS_PER_THREAD 32
#define BATCH_BYTES (8u << 20)

/* One document on its way through: read, coded, rendered, written. */
typedef struct slot {
	dy_doc doc;
	char *mem;          /* the copied strings of doc (threads > 1) */
	size_t memcap;
	int status;         /* 1 a document; < 0 the reader could not use it */
	int rc;             /* what dy_worker_code returned */
	dy_error err;       /* the reader's or the coder's message */
	dy_buf out;         /* the rendered events (and trace) */
	size_t nsents, nevents, repairs, first_repair;
} slot;

typedef struct code_ctx {
	enum dy_out_format fmt;
	int quotes;         /* TSV: the quotations instead of the events */
	unsigned flags;
	int quiet, verbose;
	FILE *out;
	const char *out_name;
	size_t coded, skipped, sents, events;
	size_t written;     /* documents that produced output */
} code_ctx;

/* Codes the slot's document with w and renders its output into the slot;
 * keeps nothing that points into the worker's result. */
static void code_slot(const code_ctx *ctx, dy_worker *w, slot *s)
{
	const dy_result *r = NULL;
	dy_buf_clear(&s->out);
	s->nsents = s->nevents = s->repairs = s->first_repair = 0;
	if (s->status < 0)
		return;
	dy_error_clear(&s->err);
	s->rc = dy_worker_code(w, &s->doc, ctx->flags, &r, &s->err);
	if (s->rc < 0 || !r)
		return;
	s->nsents = r->nsents;
	s->nevents = r->nevents;
	s->repairs = r->repairs;
	s->first_repair = r->first_repair;
	if ((ctx->flags & DY_CODE_EXPLAIN) && r->trace) {
		dy_buf_adds(&s->out, r->trace);
		if (s->out.len && s->out.s[s->out.len - 1] != '\n')
			dy_buf_addc(&s->out, '\n');
	}
	dy_writer wr;
	dy_writer_init(&wr, ctx->fmt);
	wr.quotes = ctx->quotes;
	dy_write_result(&wr, &s->out, r);
}

/* Prints the slot's messages and writes its output, in input order. */
static void emit_slot(code_ctx *ctx, slot *s)
{
	if (s->status < 0) {
		cli_error("%s", s->err.msg[0] ? s->err.msg : dy_strerror(s->status));
		ctx->skipped++;
		return;
	}
	const dy_doc *d = &s->doc;
	const char *origin = d->origin ? d->origin : "-";
	if (s->rc < 0) {
		if (s->rc == DY_EEMPTY)
			cli_error("%s:%ld: document '%s' has no words", origin, d->line, d->id);
		else
			cli_error("%s:%ld: document '%s': %s", origin, d->line, d->id,
				  s->err.msg[0] ? s->err.msg : dy_strerror(s->rc));
		ctx->skipped++;
		return;
	}
	if (!ctx->quiet && !d->date)
		cli_warning("%s:%ld: document '%s' has no date; events are coded without dates", origin,
			    d->line, d->id);
	if (!ctx->quiet && s->repairs)
		cli_warning("%s:%ld: document '%s': %zu invalid UTF-8 sequence%s replaced (first at byte %zu)",
			    origin, d->line, d->id, s->repairs, s->repairs == 1 ? "" : "s", s->first_repair);
	ctx->coded++;
	ctx->sents += s->nsents;
	ctx->events += s->nevents;
	if (!s->out.len)
		return;
	if (ctx->fmt == DY_OUT_TABLE && ctx->written)
		fputc('\n', ctx->out);
	fwrite(s->out.s, 1, s->out.len, ctx->out);
	ctx->written++;
}

/* ---- copying documents ---------------------------------------------------- */

static size_t str_size(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

/* Copies a reader's document into the slot's own memory. */
static void copy_doc(slot *s, const dy_doc *d)
{
	const char *strs[7] = {d->id, d->date, d->source, d->title, d->url, d->origin, d->parse};
	size_t need = d->len + 1;
	for (int i = 0; i < 7; i++)
		need += str_size(strs[i]);
	if (need > s->memcap) {
		free(s->mem);
		s->memcap = need + need / 4;
		s->mem = dy_xmalloc(s->memcap);
	}
	char *p = s->mem;
	const char *copies[7];
	for (int i = 0; i < 7; i++) {
		if (!strs[i]) {
			copies[i] = NULL;
			continue;
		}
		size_t n = strlen(strs[i]) + 1;
		memcpy(p, strs[i], n);
		copies[i] = p;
		p += n;
	}
	if (d->len)
		memcpy(p, d->text, d->len);
	p[d->len] = '\0';
	s->doc = *d;
	s->doc.id = copies[0];
	s->doc.date = copies[1];
	s->doc.source = copies[2];
	s->doc.title = copies[3];
	s->doc.url = copies[4];
	s->doc.origin = copies[5];
	s->doc.parse = copies[6];
	s->doc.text = p;
}

/* ---- the thread pool -------------------------------------------------------- */

typedef struct pool pool;

typedef struct pool_thread {
	pool *pl;
	dy_worker *worker;
	pthread_t tid;
} pool_thread;

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t go, done;
	unsigned long gen; /* bumped for each batch */
	int quit;
	int busy;          /* threads still working on the batch */
	atomic_size_t next;
	size_t n;
	slot *slots;
	const code_ctx *ctx;
	int nthreads;
	pool_thread *threads;
};

static void *pool_main(void *arg)
{
	pool_thread *t = arg;
	pool *pl = t->pl;
	unsigned long seen = 0;
	for (;;) {
		pthread_mutex_lock(&pl->mu);
		while (pl->gen == seen && !pl->quit)
			pthread_cond_wait(&pl->go, &pl->mu);
		if (pl->quit) {
			pthread_mutex_unlock(&pl->mu);
			return NULL;
		}
		seen = pl->gen;
		size_t n = pl->n;
		pthread_mutex_unlock(&pl->mu);
		for (;;) {
			size_t i = atomic_fetch_add(&pl->next, 1);
			if (i >= n)
				break;
			code_slot(pl->ctx, t->worker, &pl->slots[i]);
		}
		pthread_mutex_lock(&pl->mu);
		if (--pl->busy == 0)
			pthread_cond_signal(&pl->done);
		pthread_mutex_unlock(&pl->mu);
	}
}

/* Starts nthreads threads with a worker each; returns -1 (after printing)
 * when a thread cannot be started. */
static int pool_start(pool *pl, const dy_coder *coder, const code_ctx *ctx, int nthreads)
{
	memset(pl, 0, sizeof(*pl));
	pthread_mutex_init(&pl->mu, NULL);
	pthread_cond_init(&pl->go, NULL);
	pthread_cond_init(&pl->done, NULL);
	atomic_init(&pl->next, 0);
	pl->ctx = ctx;
	pl->threads = dy_xcalloc((size_t)nthreads, sizeof(pool_thread));
	for (int i = 0; i < nthreads; i++) {
		pool_thread *t = &pl->threads[i];
		t->pl = pl;
		t->worker = dy_worker_new(coder);
		int e = t->worker ? pthread_create(&t->tid, NULL, pool_main, t) : ENOMEM;
		if (e) {
			cli_error("cannot start thread %d: %s", i + 1, strerror(e));
			dy_worker_free(t->worker);
			pl->nthreads = i;
			return -1;
		}
		pl->nthreads = i + 1;
	}
	return 0;
}

/* Hands the threads a batch and returns at once; pool_wait waits for it. */
static void pool_begin(pool *pl, slot *slots, size_t n)
{
	pthread_mutex_lock(&pl->mu);
	pl->slots = slots;
	pl->n = n;
	atomic_store(&pl->next, 0);
	pl->busy = pl->nthreads;
	pl->gen++;
	pthread_cond_broadcast(&pl->go);
	pthread_mutex_unlock(&pl->mu);
}

static void pool_wait(pool *pl)
{
	pthread_mutex_lock(&pl->mu);
	while (pl->busy > 0)
		pthread_cond_wait(&pl->done, &pl->mu);
	pthread_mutex_unlock(&pl->mu);
}

static void pool_stop(pool *pl)
{
	pthread_mutex_lock(&pl->mu);
	pl->quit = 1;
	pthread_cond_broadcast(&pl->go);
	pthread_mutex_unlock(&pl->mu);
	for (int i = 0; i < pl->nthreads; i++) {
		pthread_join(pl->threads[i].tid, NULL);
		dy_worker_free(pl->threads[i].worker);
	}
	free(pl->threads);
	pthread_cond_destroy(&pl->go);
	pthread_cond_destroy(&pl->done);
	pthread_mutex_destroy(&pl->mu);
}

/* ---- the files ------------------------------------------------------------------ */

/* Codes all files with one worker in this thread. */
static void run_single(code_ctx *ctx, const dy_coder *coder, char **files, size_t nfiles)
{
	dy_worker *w = dy_worker_new(coder);
	slot s;
	memset(&s, 0, sizeof(s));
	for (size_t f = 0; f < nfiles; f++) {
		dy_error err;
		dy_error_clear(&err);
		dy_reader *rd = dy_reader_open(files[f], DY_FMT_AUTO, &err);
		if (!rd) {
			cli_error("%s", err.msg[0] ? err.msg : dy_strerror(err.code));
			ctx->skipped++;
			continue;
		}
		for (;;) {
			dy_error_clear(&s.err);
			int st = dy_reader_next(rd, &s.doc, &s.err);
			if (st == 0)
				break;
			s.status = st;
			code_slot(ctx, w, &s);
			emit_slot(ctx, &s);
		}
		dy_reader_close(rd);
	}
	dy_buf_release(&s.out);
	dy_worker_free(w);
}

/* Where the main thread is in the list of files. */
typedef struct feed {
	char **files;
	size_t nfiles, next;
	dy_reader *rd;
} feed;

/* Reads up to cap documents (and at most about BATCH_BYTES of text) into
 * slots, copying them; a file that cannot be opened takes a slot of its
 * own so that its message comes out in order. Returns how many. */
static size_t read_batch(feed *fd, slot *slots, size_t cap)
{
	size_t n = 0, bytes = 0;
	while (n < cap && bytes < BATCH_BYTES) {
		slot *s = &slots[n];
		if (!fd->rd) {
			if (fd->next == fd->nfiles)
				break;
			dy_error_clear(&s->err);
			fd->rd = dy_reader_open(fd->files[fd->next++], DY_FMT_AUTO, &s->err);
			if (!fd->rd) {
				s->status = s->err.code < 0 ? s->err.code : DY_EIO;
				n++;
				continue;
			}
		}
		dy_doc d;
		dy_error_clear(&s->err);
		int st = dy_reader_next(fd->rd, &d, &s->err);
		if (st == 0) {
			dy_reader_close(fd->rd);
			fd->rd = NULL;
			continue;
		}
		s->status = st;
		if (st > 0) {
			copy_doc(s, &d);
			bytes += d.len;
		}
		n++;
	}
	return n;
}

/* Codes all files with nthreads threads. Two sets of slots take turns:
 * while the threads code one batch, the main thread reads the next, and
 * while they code that one, it writes the first. */
static int run_threads(code_ctx *ctx, const dy_coder *coder, char **files, size_t nfiles, int nthreads)
{
	pool pl;
	if (pool_start(&pl, coder, ctx, nthreads) < 0) {
		pool_stop(&pl);
		return -1;
	}
	size_t cap = (size_t)nthreads * BATCH_DOCS_PER_THREAD;
	slot *sets[2] = {dy_xcalloc(cap, sizeof(slot)), dy_xcalloc(cap, sizeof(slot))};
	feed fd = {files, nfiles, 0, NULL};
	int cur = 0;
	size_t n = read_batch(&fd, sets[cur], cap);
	if (n)
		pool_begin(&pl, sets[cur], n);
	while (n) {
		size_t n2 = read_batch(&fd, sets[!cur], cap);
		pool_wait(&pl);
		if (n2)
			pool_begin(&pl, sets[!cur], n2);
		for (size_t i = 0; i < n; i++)
			emit_slot(ctx, &sets[cur][i]);
		cur = !cur;
		n = n2;
	}
	pool_stop(&pl);
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < cap; i++) {
			free(sets[k][i].mem);
			dy_buf_release(&sets[k][i].out);
		}
		free(sets[k]);
	}
	return 0;
}

/* Loads the coder (see the top of this file). A .project operand is
 * replaced by its <textfile>s. Returns the coder, or NULL after printing. */
static dy_coder *load_coder(const cli_coder_opts *o, int quiet, char ***files, size_t *nfiles)
{
	const char *project = NULL;
	size_t pi = 0;
	char **env = NULL;
	long nenv = 0;
	dy_error err;
	dy_error_clear(&err);
	for (size_t i = 0; i < *nfiles; i++) {
		if (!strcmp((*files)[i], "-"))
			continue;
		int k = dy_dict_sniff((*files)[i]);
		if (k == DY_DK_TABARI_PROJECT) {
			if (project) {
				cli_error("more than one .project: '%s' and '%s'", project, (*files)[i]);
				goto fail;
			}
			project = (*files)[i];
			pi = i;
		} else if (k == DY_DK_PETR_XML && !o->ndicts && !nenv) {
			nenv = dy_petr_env_dicts((*files)[i], NULL, &env, &err);
			if (nenv < 0) {
				cli_error("%s", err.msg);
				goto fail;
			}
		}
	}
	if (project && o->ndicts) {
		cli_error("'%s' names its own dictionaries: drop --dict", project);
		goto fail;
	}
	dy_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	cfg.data_dir = o->data_dir;
	cfg.dicts = project ? &project : nenv > 0 ? (const char *const *)env : o->dicts;
	cfg.ndicts = project ? 1 : nenv > 0 ? (size_t)nenv : o->ndicts;
	dy_coder *c = dy_coder_load(&cfg, &err);
	if (!c) {
		cli_error("%s", err.msg[0] ? err.msg : dy_strerror(err.code ? err.code : DY_EDICT));
		goto fail;
	}
	const dy_compat *x = dy_coder_compat(c);
	const char *notes;
	size_t nnotes = x ? dy_compat_notes(x, &notes) : 0;
	if (nnotes && !quiet) {
		const char *nl = strchr(notes, '\n');
		cli_warning("%zu malformed dictionary line%s skipped, the first: %.*s", nnotes, nnotes == 1 ? "" : "s",
			    (int)(nl ? nl - notes : (long)strlen(notes)), notes);
		cli_warning("'dyad dict check' lists them all");
	}
	if (project && x) {
		const char *const *tf;
		size_t nt = dy_compat_textfiles(x, &tf);
		char **nf = dy_xcalloc(*nfiles + nt + 1, sizeof(char *));
		size_t k = 0;
		for (size_t i = 0; i < *nfiles; i++)
			if (i != pi)
				nf[k++] = (*files)[i];
			else
				for (size_t j = 0; j < nt; j++)
					nf[k++] = (char *)tf[j];
		free(*files);
		*files = nf;
		*nfiles = k;
	}
	for (long i = 0; i < nenv; i++)
		free(env[i]);
	free(env);
	return c;
fail:
	for (long i = 0; i < nenv; i++)
		free(env[i]);
	free(env);
	return NULL;
}

int cmd_code(int argc, char **argv)
{
	code_ctx ctx;
	cli_coder_opts copts;
	cli_args a;
	char **files;
	size_t nfiles = 0;
	long nthreads = 1;
	const char *out_path = NULL;
	int id, rc = CLI_OK;

	memset(&ctx, 0, sizeof(ctx));
	ctx.fmt = DY_OUT_JSONL;
	cli_coder_opts_init(&copts);
	files = dy_xcalloc((size_t)argc + 1, sizeof(char *));
	cli_args_init(&a, argc, argv, cmd_code_options);
	while ((id = cli_next(&a)) != CLI_END) {
		switch (id) {
		case CLI_ERROR:
			rc = cli_usage_error("code");
			goto out;
		case CLI_OPERAND:
			files[nfiles++] = (char *)a.value;
			break;
		case OPT_HELP:
			rc = cli_help("code");
			goto out;
		case OPT_FORMAT:
			if (dy_out_format_parse(a.value, &ctx.fmt) < 0) {
				cli_error("unknown format '%s' (use jsonl, tsv or table)", a.value);
				rc = cli_usage_error("code");
				goto out;
			}
			break;
		case OPT_EXPLAIN:
			ctx.flags |= DY_CODE_EXPLAIN;
			break;
		case OPT_THREADS:
			nthreads = cli_parse_count(a.value, MAX_THREADS);
			if (!nthreads) {
				cli_error("invalid thread count '%s' (use 1 to %d)", a.value, MAX_THREADS);
				rc = cli_usage_error("code");
				goto out;
			}
			break;
		case OPT_QUIET:
			ctx.quiet = 1;
			break;
		case OPT_VERBOSE:
			ctx.verbose = 1;
			break;
		case OPT_OUTPUT:
			out_path = a.value;
			break;
		case OPT_QUOTES:
			ctx.quotes = 1;
			break;
		default:
			cli_coder_opt(&copts, id, a.value);
		}
	}
	if (nfiles == 0)
		files[nfiles++] = "-";

	double t0 = cli_now();
	dy_coder *coder = load_coder(&copts, ctx.quiet, &files, &nfiles);
	if (!coder) {
		rc = CLI_FAIL;
		goto out;
	}
	double t1 = cli_now();
	ctx.out = stdout;
	ctx.out_name = "standard output";
	if (out_path && strcmp(out_path, "-") != 0) {
		ctx.out = fopen(out_path, "w");
		ctx.out_name = out_path;
		if (!ctx.out) {
			cli_error("cannot open '%s' for writing: %s", out_path, strerror(errno));
			dy_coder_free(coder);
			rc = CLI_FAIL;
			goto out;
		}
	}

	dy_buf head = DY_BUF_INIT;
	dy_writer wr;
	dy_writer_init(&wr, ctx.fmt);
	wr.quotes = ctx.quotes;
	dy_write_begin(&wr, &head);
	if (head.len)
		fwrite(head.s, 1, head.len, ctx.out);
	dy_buf_release(&head);

	if (nthreads == 1)
		run_single(&ctx, coder, files, nfiles);
	else if (run_threads(&ctx, coder, files, nfiles, (int)nthreads) < 0)
		rc = CLI_FAIL;
	dy_coder_free(coder);

	int werr = fflush(ctx.out) != 0 || ferror(ctx.out);
	int wer_no = errno;
	if (ctx.out != stdout && fclose(ctx.out) != 0 && !werr) {
		werr = 1;
		wer_no = errno;
	}
	if (werr) {
		cli_error("cannot write '%s': %s", ctx.out_name, strerror(wer_no));
		rc = CLI_FAIL;
	}
	if (ctx.verbose)
		fprintf(stderr, "dyad: %zu documents, %zu sentences, %zu events in %.3f s (dictionaries %.3f s)\n",
			ctx.coded, ctx.sents, ctx.events, cli_now() - t1, t1 - t0);
	if (ctx.skipped) {
		fprintf(stderr, "dyad: %zu document%s coded, %zu skipped\n", ctx.coded,
			ctx.coded == 1 ? "" : "s", ctx.skipped);
		rc = CLI_FAIL;
	}
out:
	free(files);
	cli_coder_opts_release(&copts);
	return rc;
}
