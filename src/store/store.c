/* store.c - opening the store, migrations, storing documents and keeping
 * the deduplicated events right (store.h says what; this file says how).
 *
 * Deduplication, concretely. A key is (source code, target code, family).
 * The events of a key partition its dated mentions: sorted by date, the
 * earliest date d opens an event holding the mentions dated d and d+1,
 * the first date after d+1 opens the next, and so on; an event's date is
 * its opening date. Adding or removing mentions dated x can only change
 * the partition from the event containing x onwards, and only as long as
 * the new openings differ from the old ones: recluster() walks forward
 * from there, reusing the event that already opens at a date, creating
 * the missing ones, moving mentions, and stops at the first old opening
 * past x (from there on the partition is what it was). Events left
 * without mentions are deleted. The common cases, a date inside an
 * existing event or far from any, take two or three indexed look-ups.
 */
#include "store/store-int.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/mem.h"
#include "io/write.h"

/* The schema, compiled in from src/store/schema.sql by the Makefile. */
static const char schema_sql[] =
#include "schema-sql.h"
	;

static const char *const stmt_sql[ST_COUNT] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_DOC_LOOKUP] = "SELECT id, hash FROM documents WHERE doc_id = ?1",
	[ST_DOC_INSERT] = "INSERT INTO documents (doc_id, date, source, title, url, hash, origin, nsents, "
			  "nevents, coded_by, ingested) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[ST_DOC_KEYS] = "SELECT DISTINCT source_code, target_code, family, date FROM event_mentions "
			"WHERE doc = ?1 AND date IS NOT NULL ORDER BY 1, 2, 3, 4",
	[ST_DOC_DELETE] = "DELETE FROM documents WHERE id = ?1",
	[ST_SENT_INSERT] = "INSERT INTO sentences (doc, sent, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_SENT_DELETE_DOC] = "DELETE FROM sentences WHERE doc = ?1",
	[ST_FTS_INSERT_DOCS] = "INSERT INTO sentences_fts (rowid, text) SELECT s.id, s.text FROM sentences s "
			       "WHERE s.doc IN (SELECT value FROM json_each(?1))",
	[ST_FTS_DELETE_DOC] = "INSERT INTO sentences_fts (sentences_fts, rowid, text) SELECT 'delete', id, text "
			      "FROM sentences WHERE doc = ?1",
	[ST_AM_INSERT] = "INSERT INTO actor_mentions (doc, sent, start, end, code, name, text, via, rule) "
			 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[ST_AM_DELETE_DOC] = "DELETE FROM actor_mentions WHERE doc = ?1",
	[ST_QUOTE_INSERT] = "INSERT INTO quotes (doc, sent, kind, text, start, end, speaker_code, "
			    "speaker_name, speaker_text, speaker_via, speaker_start, speaker_end) VALUES "
			    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[ST_QUOTE_DELETE_DOC] = "DELETE FROM quotes WHERE doc = ?1",
	[ST_PLACE_INSERT] = "INSERT INTO places (doc, sent, name, text, country, admin1, kind, lat, lon, "
			    "start, end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[ST_PLACE_DELETE_DOC] = "DELETE FROM places WHERE doc = ?1",
	[ST_EM_INSERT] =
		"INSERT INTO event_mentions (doc, event, sent, date, date_precision, date_text, "
		"source_code, source_name, source_text, source_via, source_start, source_end, source_rule, "
		"target_code, target_name, target_text, target_via, target_start, target_end, target_rule, "
		"code, root, family, quad, goldstein, plover, name, sent_start, sent_end, trigger_text, "
		"trigger_start, trigger_end, rule, pattern, place_name, place_text, place_country, "
		"place_admin1, place_kind, place_lat, place_lon, place_start, place_end, killed, injured, "
		"arrested, size_qualifier, id, issues) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
		"?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, "
		"?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48, ?49)",
	[ST_EM_DELETE_DOC] = "DELETE FROM event_mentions WHERE doc = ?1",
	[ST_EM_MIN_DATE] = "SELECT min(date) FROM event_mentions WHERE source_code = ?1 AND target_code = ?2 "
			   "AND family = ?3 AND date >= ?4 AND length(date) = 10",
	[ST_EM_AT] = "SELECT 1 FROM event_mentions WHERE source_code = ?1 AND target_code = ?2 AND family = ?3 "
		     "AND date = ?4 LIMIT 1",
	[ST_EM_ASSIGN] = "UPDATE event_mentions SET event = ?6 WHERE source_code = ?1 AND target_code = ?2 "
			 "AND family = ?3 AND date >= ?4 AND date <= ?5 AND length(date) = 10 AND event IS NOT ?6",
	[ST_EM_ASSIGN_EXACT] = "UPDATE event_mentions SET event = ?5 WHERE source_code = ?1 AND target_code = ?2 "
			       "AND family = ?3 AND date = ?4 AND event IS NOT ?5",
	[ST_EM_ASSIGN_UNDATED] = "UPDATE event_mentions SET event = ?5 WHERE doc = ?4 AND source_code = ?1 "
				 "AND target_code = ?2 AND family = ?3 AND date IS NULL",
	[ST_EV_CONTAINING] = "SELECT id, date FROM events WHERE source_code = ?1 AND target_code = ?2 AND "
			     "family = ?3 AND date <= ?4 AND date >= ?5 AND length(date) = 10 ORDER BY date DESC LIMIT 1",
	[ST_EV_AT] = "SELECT id FROM events WHERE source_code = ?1 AND target_code = ?2 AND family = ?3 "
		     "AND date = ?4",
	[ST_EV_NEXT] = "SELECT date FROM events WHERE source_code = ?1 AND target_code = ?2 AND family = ?3 "
		       "AND date > ?4 AND length(date) = 10 ORDER BY date LIMIT 1",
	[ST_EV_INSERT] = "INSERT INTO events (source_code, target_code, family, date, scope, code, root, quad, "
			 "goldstein, plover, name, source_name, target_name, nmentions, narticles, nsources, lede, "
			 "first_mention, evidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
			 "?15, ?16, ?17, ?18, ?19)",
	[ST_EV_UNDATED] = "SELECT id FROM events WHERE source_code = ?1 AND target_code = ?2 AND family = ?3 "
			  "AND date IS NULL AND scope = ?4",
	[ST_EV_DELETE_EMPTY] = "DELETE FROM events WHERE source_code = ?1 AND target_code = ?2 AND family = ?3 "
			       "AND date >= ?4 AND date < ?5 AND length(date) = 10 AND NOT EXISTS (SELECT 1 FROM event_mentions m "
			       "WHERE m.event = events.id) RETURNING source_code, target_code, date, quad, goldstein, "
			       "nmentions",
	[ST_EV_DELETE_SCOPE] = "DELETE FROM events WHERE scope = ?1 RETURNING source_code, target_code, date, quad, "
			       "goldstein, nmentions",
	[ST_EV_MENTIONS] = "SELECT m.id, m.doc, coalesce(d.source, '#' || d.id), m.sent, m.code, m.date, "
			   "d.doc_id, m.root, m.quad, m.goldstein, m.plover, m.name, m.source_name, m.target_name "
			   "FROM event_mentions m JOIN documents d ON d.id = m.doc WHERE m.event = ?1",
	/* The code only when it changed (an index covers it), the counts always. */
	[ST_EV_UPDATE_CODE] = "UPDATE events SET code = ?2, root = ?3, quad = ?4, goldstein = ?5, plover = ?6, "
			      "name = ?7 WHERE id = ?1 AND (code IS NOT ?2 OR root IS NOT ?3 OR quad IS NOT ?4 OR "
			      "goldstein IS NOT ?5 OR plover IS NOT ?6 OR name IS NOT ?7)",
	[ST_EV_UPDATE] = "UPDATE events SET source_name = ?2, target_name = ?3, nmentions = ?4, narticles = ?5, "
			 "nsources = ?6, lede = ?7, first_mention = ?8, evidence = (SELECT text FROM sentences "
			 "WHERE doc = ?9 AND sent = ?10) WHERE id = ?1",
	[ST_EV_DELETE] = "DELETE FROM events WHERE id = ?1",
	[ST_EV_REDATE] = "UPDATE events SET date = ?2 WHERE id = ?1 RETURNING quad, goldstein, nmentions",
	[ST_EV_OLD] = "SELECT source_code, target_code, date, quad, goldstein, nmentions FROM events WHERE id = ?1",
	[ST_SUM_MONTH] = "INSERT INTO dyad_months VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO UPDATE SET "
			 "events = events + excluded.events, goldstein10 = goldstein10 + excluded.goldstein10, "
			 "mentions = mentions + excluded.mentions",
	[ST_SUM_TOTAL] = "INSERT INTO dyad_totals VALUES (?1, ?2, ?4, ?5, ?6, ?7) ON CONFLICT DO UPDATE SET "
			 "events = events + excluded.events, goldstein10 = goldstein10 + excluded.goldstein10, "
			 "mentions = mentions + excluded.mentions",
	[ST_SUM_MONTH_CLEAN] = "DELETE FROM dyad_months WHERE source_code = ?1 AND target_code = ?2 AND month = ?3 "
			       "AND quad = ?4 AND events <= 0",
	[ST_SUM_TOTAL_CLEAN] = "DELETE FROM dyad_totals WHERE source_code = ?1 AND target_code = ?2 AND quad = ?4 "
			       "AND events <= 0",
	[ST_EV_STATE] = "SELECT e.code, e.nmentions, e.narticles, e.nsources, e.lede, m.date, d.doc_id, m.sent, m.id, "
			"e.date, e.quad, e.goldstein "
			"FROM events e LEFT JOIN event_mentions m ON m.id = e.first_mention LEFT JOIN documents d "
			"ON d.id = m.doc WHERE e.id = ?1",
	[ST_EV_HAS_SOURCE] = "SELECT 1 FROM event_mentions m JOIN documents d ON d.id = m.doc WHERE m.event = ?1 "
			     "AND m.doc <> ?2 AND d.source = ?3 LIMIT 1",
	[ST_EM_CODE_COUNT] = "SELECT count(*) FROM event_mentions WHERE event = ?1 AND code = ?2",
	[ST_EM_MAX_ID] = "SELECT coalesce(max(id), 0) FROM event_mentions",
	[ST_EV_MERGE] = "UPDATE events SET nmentions = ?2, narticles = ?3, nsources = ?4, lede = ?5, "
			"source_name = iif(?6, ?7, source_name), target_name = iif(?6, ?8, target_name), "
			"first_mention = iif(?6, ?9, first_mention), evidence = iif(?6, ?10, evidence) WHERE id = ?1",
	[ST_MENTIONS_OF] = "SELECT " DY_MENTION_COLS DY_MENTION_FROM
			   " WHERE m.event = ?1 ORDER BY m.date, d.doc_id, m.sent, m.id",
};

const char *dy_store_default_path(void)
{
	const char *p = getenv("DYAD_DB");
	return p && *p ? p : "dyad.db";
}

int dy_store_fail(dy_store *s, dy_error *err, const char *what)
{
	const char *msg = s && s->db ? sqlite3_errmsg(s->db) : "out of memory";
	if (what)
		return dy_error_set(err, DY_EDB, "store '%s': %s: %s", s ? s->path : "?", what, msg);
	return dy_error_set(err, DY_EDB, "store '%s': %s", s ? s->path : "?", msg);
}

sqlite3_stmt *dy_store_stmt(dy_store *s, int id, dy_error *err)
{
	if (!s->st[id]) {
		if (sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s->st[id], NULL) !=
		    SQLITE_OK) {
			dy_store_fail(s, err, "cannot prepare a statement");
			return NULL;
		}
	} else {
		sqlite3_reset(s->st[id]);
		sqlite3_clear_bindings(s->st[id]);
	}
	return s->st[id];
}

static int exec(dy_store *s, const char *sql, dy_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		dy_error_set(err, DY_EDB, "store '%s': %s", s->path, msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return DY_EDB;
	}
	return 0;
}

/* ---- migrations ---------------------------------------------------------- */

/* A migration: its number, title and SQL (pointers into schema_sql). */
typedef struct migration {
	int version;
	const char *title;
	size_t title_len;
	const char *sql;
	size_t sql_len;
} migration;

#define MAX_MIGRATIONS 64

/* Splits schema_sql at its "-- migration N: title" lines. */
static size_t migrations(migration *out)
{
	static const char mark[] = "-- migration ";
	size_t n = 0;
	const char *p = schema_sql;
	while ((p = strstr(p, mark)) != NULL) {
		if (p != schema_sql && p[-1] != '\n') {
			p++;
			continue;
		}
		const char *q = p + sizeof(mark) - 1;
		char *end;
		long v = strtol(q, &end, 10);
		const char *eol = strchr(q, '\n');
		if (!eol)
			eol = q + strlen(q);
		if (n == MAX_MIGRATIONS)
			break;
		migration *m = &out[n++];
		m->version = (int)v;
		m->title = *end == ':' ? end + 1 : end;
		while (*m->title == ' ')
			m->title++;
		m->title_len = (size_t)(eol - m->title);
		m->sql = eol;
		p = eol;
	}
	for (size_t i = 0; i < n; i++) {
		const char *next = i + 1 < n ? out[i + 1].title : NULL;
		/* The SQL ends where the next migration's line starts. */
		if (next) {
			const char *line = next;
			while (line > out[i].sql && line[-1] != '\n')
				line--;
			out[i].sql_len = (size_t)(line - out[i].sql);
		} else {
			out[i].sql_len = strlen(out[i].sql);
		}
	}
	return n;
}

int dy_store_schema_latest(void)
{
	migration m[MAX_MIGRATIONS];
	size_t n = migrations(m);
	return n ? m[n - 1].version : 0;
}

int dy_store_version(const dy_store *s)
{
	return s->version;
}

static void utc_now(char out[20])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/* Reads the schema version: 0 for an empty database, -1 (err filled) for
 * a database that is not a dyad store. */
static int read_version(dy_store *s, dy_error *err)
{
	sqlite3_stmt *st;
	int tables = 0, has_version = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT name FROM sqlite_master", -1, &st, NULL) != SQLITE_OK) {
		int rc = sqlite3_errcode(s->db);
		if (rc == SQLITE_NOTADB)
			return dy_error_set(err, DY_EDB, "'%s' is not a dyad store (not an SQLite database)",
					    s->path), -1;
		return dy_store_fail(s, err, NULL), -1;
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		tables++;
		const char *name = (const char *)sqlite3_column_text(st, 0);
		if (name && strcmp(name, "schema_version") == 0)
			has_version = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		if (sqlite3_errcode(s->db) == SQLITE_NOTADB)
			return dy_error_set(err, DY_EDB, "'%s' is not a dyad store (not an SQLite database)",
					    s->path), -1;
		return dy_store_fail(s, err, NULL), -1;
	}
	if (!tables)
		return 0;
	if (!has_version)
		return dy_error_set(err, DY_EDB, "'%s' is not a dyad store (an SQLite database without dyad's tables)",
				    s->path), -1;
	if (sqlite3_prepare_v2(s->db, "SELECT max(version) FROM schema_version", -1, &st, NULL) != SQLITE_OK)
		return dy_store_fail(s, err, NULL), -1;
	int v = -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (v < 0)
		return dy_store_fail(s, err, NULL), -1;
	return v;
}

/* Applies the migrations above s->version, each in a transaction. */
static int migrate(dy_store *s, dy_error *err)
{
	migration m[MAX_MIGRATIONS];
	size_t n = migrations(m);
	for (size_t i = 0; i < n; i++) {
		if (m[i].version <= s->version)
			continue;
		if (s->readonly)
			return dy_error_set(err, DY_EDB,
					    "store '%s' has schema version %d and needs migrating to %d: open it "
					    "once for writing (dyad ingest)",
					    s->path, s->version, dy_store_schema_latest());
		if (exec(s, "BEGIN IMMEDIATE", err) < 0)
			return DY_EDB;
		char *sql = dy_xstrndup(m[i].sql, m[i].sql_len);
		int rc = exec(s, sql, err);
		free(sql);
		if (rc == 0) {
			char now[20];
			utc_now(now);
			char *ins = sqlite3_mprintf("INSERT INTO schema_version VALUES (%d, %Q, %.*Q)", m[i].version,
						    now, (int)m[i].title_len, m[i].title);
			rc = exec(s, ins, err);
			sqlite3_free(ins);
		}
		if (rc == 0)
			rc = exec(s, "COMMIT", err);
		if (rc < 0) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return rc;
		}
		s->version = m[i].version;
	}
	return 0;
}

/* SQLite counts the memory it allocates under a global mutex unless told
 * not to; dyad does not read the counts. Possible only before SQLite is
 * initialised (else SQLite refuses, harmlessly). */
static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

dy_store *dy_store_open(const char *path, enum dy_store_mode mode, dy_error *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sqlite_setup);
	struct stat sb;
	if (!path || !*path) {
		dy_error_set(err, DY_EINVAL, "no store given (an empty path)");
		return NULL;
	}
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT || mode != DY_STORE_CREATE) {
			if (errno == ENOENT)
				dy_error_set(err, DY_ENOENT, "store '%s' does not exist (make it with 'dyad ingest')",
					     path);
			else
				dy_error_set(err, DY_EIO, "cannot open store '%s': %s", path, strerror(errno));
			return NULL;
		}
	} else if (S_ISDIR(sb.st_mode)) {
		dy_error_set(err, DY_EIO, "cannot open store '%s': Is a directory", path);
		return NULL;
	}
	dy_store *s = dy_xcalloc(1, sizeof(*s));
	s->path = dy_xstrdup(path);
	dy_arena_init(&s->arena);
	dy_arena_init(&s->sum_arena);
	s->readonly = mode == DY_STORE_READ;
	int flags = s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (mode == DY_STORE_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		dy_error_set(err, DY_EIO, "cannot open store '%s': %s", path,
			     s->db ? sqlite3_errmsg(s->db) : "out of memory");
		dy_store_close(s);
		return NULL;
	}
	sqlite3_busy_timeout(s->db, 30000);
	sqlite3_extended_result_codes(s->db, 0);
	s->version = read_version(s, err);
	if (s->version < 0)
		goto fail;
	int latest = dy_store_schema_latest();
	if (s->version > latest) {
		dy_error_set(err, DY_EDB, "store '%s' has schema version %d but this dyad knows only up to %d",
			     path, s->version, latest);
		goto fail;
	}
	if (s->readonly) {
		if (exec(s, "PRAGMA foreign_keys = ON", err) < 0)
			goto fail;
	} else if (exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON",
			err) < 0) {
		goto fail;
	}
	/* A checkpoint copies the WAL into the database and syncs both; every
	 * 10,000 pages (40 MB) rather than SQLite's 1,000 makes long ingests
	 * markedly faster, and the WAL is cut back to 64 MB after each. */
	if (!s->readonly && exec(s, "PRAGMA wal_autocheckpoint = 10000; PRAGMA journal_size_limit = 67108864; PRAGMA temp_store = MEMORY", err) < 0)
		goto fail;
	/* A page cache of 64 MB (SQLite's default is 2 MB): a document touches
	 * some thirty B-trees, whose pages would otherwise be read again and
	 * again (the memory is taken only as pages are read); and the file
	 * mapped for reading, up to 4 GB. */
	if (exec(s, "PRAGMA cache_size = -65536; PRAGMA mmap_size = 4294967296", err) < 0)
		goto fail;
	if (s->version == 0 && s->readonly) {
		dy_error_set(err, DY_EDB, "'%s' is not a dyad store (an empty database)", path);
		goto fail;
	}
	if (migrate(s, err) < 0)
		goto fail;
	return s;
fail:
	dy_store_close(s);
	return NULL;
}

void dy_store_close(dy_store *s)
{
	if (!s)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	if (s->db)
		sqlite3_close(s->db);
	dy_arena_release(&s->arena);
	free(s->touched);
	free(s->fresh);
	free(s->fts_docs);
	dy_buf_release(&s->fts_list);
	free(s->sums);
	dy_map_release(&s->sum_map);
	dy_arena_release(&s->sum_arena);
	dy_buf_release(&s->sum_key);
	free(s->path);
	free(s);
}

/* ---- dates ------------------------------------------------------------------- */

/* Days from civil, after Howard Hinnant's algorithm. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

long dy_date_days(const char *date)
{
	long y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
	unsigned m = (unsigned)((date[5] - '0') * 10 + (date[6] - '0'));
	unsigned d = (unsigned)((date[8] - '0') * 10 + (date[9] - '0'));
	return days_from_civil(y, m, d);
}

void dy_date_from_days(long z, char out[11])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	if (y < 0)
		y = 0;
	if (y > 9999)
		y = 9999;
	snprintf(out, 11, "%04ld-%02u-%02u", y, m, d);
}

/* 10 when s is a real calendar day written YYYY-MM-DD, 7 for a month
 * (YYYY-MM), 4 for a year (YYYY), 0 for anything else. Dates of month or
 * year precision (the dates stage gives them) are deduplicated by equality
 * only: the two-day rule applies to days. */
static int date_kind(const char *s)
{
	size_t n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	if (n == 7 && (strcmp(s + 5, "01") < 0 || strcmp(s + 5, "12") > 0))
		return 0;
	if (n == 10) {
		char back[11];
		dy_date_from_days(dy_date_days(s), back);
		if (strcmp(back, s) != 0)
			return 0;
	}
	return (int)n;
}

static void date_add(const char *date, long days, char out[11])
{
	dy_date_from_days(dy_date_days(date) + days, out);
}

/* ---- hashing -------------------------------------------------------------------- */

typedef struct sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t n;
} sha256;

static const uint32_t sha_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha_block(sha256 *c, const unsigned char *p)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
		       p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = c->h[0], b = c->h[1], cc = c->h[2], d = c->h[3], e = c->h[4], f = c->h[5], g = c->h[6],
		 h = c->h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + sha_k[i] + w[i];
		uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & cc) ^ (b & cc));
		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = cc;
		cc = b;
		b = a;
		a = t1 + t2;
	}
	c->h[0] += a;
	c->h[1] += b;
	c->h[2] += cc;
	c->h[3] += d;
	c->h[4] += e;
	c->h[5] += f;
	c->h[6] += g;
	c->h[7] += h;
}

static void sha_init(sha256 *c)
{
	static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
				       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	memcpy(c->h, h0, sizeof(h0));
	c->len = 0;
	c->n = 0;
}

static void sha_add(sha256 *c, const void *data, size_t len)
{
	const unsigned char *p = data;
	c->len += len;
	if (c->n) {
		size_t k = 64 - c->n < len ? 64 - c->n : len;
		memcpy(c->buf + c->n, p, k);
		c->n += k;
		p += k;
		len -= k;
		if (c->n < 64)
			return;
		sha_block(c, c->buf);
		c->n = 0;
	}
	for (; len >= 64; p += 64, len -= 64)
		sha_block(c, p);
	memcpy(c->buf, p, len);
	c->n = len;
}

static void sha_hex(sha256 *c, char out[65])
{
	uint64_t bits = c->len * 8;
	unsigned char pad[72];
	size_t padn = (c->n < 56 ? 56 : 120) - c->n;
	memset(pad, 0, sizeof(pad));
	pad[0] = 0x80;
	for (int i = 0; i < 8; i++)
		pad[padn + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
	sha_add(c, pad, padn + 8);
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 4; j++) {
			unsigned char byte = (unsigned char)(c->h[i] >> (24 - 8 * j));
			out[8 * i + 2 * j] = hex[byte >> 4];
			out[8 * i + 2 * j + 1] = hex[byte & 15];
		}
	out[64] = '\0';
}

void dy_store_hash_doc(const dy_doc *d, char out[DY_STORE_HASH_HEX + 1])
{
	sha256 c;
	sha_init(&c);
	const char *fields[4] = {d->date, d->source, d->title, d->url};
	for (int i = 0; i < 4; i++) {
		if (fields[i])
			sha_add(&c, fields[i], strlen(fields[i]));
		sha_add(&c, "", 1);
	}
	if (d->text)
		sha_add(&c, d->text, d->len);
	sha_add(&c, "", 1);
	sha_hex(&c, out);
}

/* ---- binding helpers -------------------------------------------------------------- */

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bind_textn(sqlite3_stmt *st, int i, const char *s, size_t n)
{
	if (s)
		sqlite3_bind_text(st, i, s, (int)n, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bind_key(sqlite3_stmt *st, const char *src, const char *tgt, const char *fam)
{
	bind_text(st, 1, src);
	bind_text(st, 2, tgt);
	bind_text(st, 3, fam);
}

/* Runs a statement that returns no rows. */
static int step_done(dy_store *s, sqlite3_stmt *st, dy_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return dy_store_fail(s, err, NULL);
	return 0;
}

int dy_store_lookup(dy_store *s, const char *doc_id, char hash[DY_STORE_HASH_HEX + 1], dy_error *err)
{
	sqlite3_stmt *st = dy_store_stmt(s, ST_DOC_LOOKUP, err);
	if (!st)
		return DY_EDB;
	bind_text(st, 1, doc_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (hash) {
			const char *h = (const char *)sqlite3_column_text(st, 1);
			snprintf(hash, DY_STORE_HASH_HEX + 1, "%s", h ? h : "");
		}
		sqlite3_reset(st);
		return 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dy_store_fail(s, err, NULL);
	return 0;
}

void dy_store_doc_from_result(dy_store_doc *d, const dy_result *r, dy_store_sent *sents, const char *hash,
			      const char *coded_by)
{
	memset(d, 0, sizeof(*d));
	d->doc = r->doc;
	d->hash = hash;
	d->coded_by = coded_by;
	for (size_t i = 0; i < r->nsents; i++) {
		uint32_t a = r->sent_offsets[2 * i], b = r->sent_offsets[2 * i + 1];
		if (a > r->len)
			a = (uint32_t)r->len;
		if (b > r->len || b < a)
			b = b < a ? a : (uint32_t)r->len;
		sents[i].sent = (uint32_t)i;
		sents[i].start = a;
		sents[i].end = b;
		sents[i].text = r->text + a;
		sents[i].len = b - a;
	}
	d->sents = sents;
	d->nsents = r->nsents;
	d->events = r->events;
	d->nevents = r->nevents;
	d->text = r->text;
	d->len = r->len;
	d->mentions = r->mentions;
	d->nmentions = r->nmentions;
	d->quotes = r->quotes;
	d->nquotes = r->nquotes;
	d->places = r->places;
	d->nplaces = r->nplaces;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* ---- the dyad summaries ------------------------------------------------------------ */

/* dyad_months and dyad_totals count the events that have mentions
 * (nmentions > 0) per dyad, month and quad class (schema.sql). The store
 * keeps them here, not with triggers: every change of an event's counted
 * fields calls sum_event() to take its old contribution away and add its
 * new one to a table of differences in memory, written once per
 * transaction, just before COMMIT (sum_flush). A trigger program per event
 * cost more than the event's own row. */
typedef struct sum_delta {
	const char *src, *tgt;
	char month[8];
	int quad;
	long events, goldstein10, mentions;
} sum_delta;

static void sum_event(dy_store *s, const char *src, const char *tgt, const char *date, int quad, double goldstein,
		      long nmentions, int sign)
{
	if (nmentions <= 0)
		return;
	char month[8];
	snprintf(month, sizeof(month), "%.7s", date ? date : "");
	dy_buf_clear(&s->sum_key);
	dy_buf_addf(&s->sum_key, "%s\x1f%s\x1f%s\x1f%d", src, tgt, month, quad);
	uintptr_t at = (uintptr_t)dy_map_get(&s->sum_map, s->sum_key.s, s->sum_key.len);
	if (!at) {
		/* The map keeps the key pointer: give it a lasting copy. */
		const char *key = dy_arena_strdup(&s->sum_arena, s->sum_key.s);
		DY_GROW(s->sums, s->sums_cap, s->nsums + 1);
		sum_delta *d = &s->sums[s->nsums++];
		memset(d, 0, sizeof(*d));
		d->src = dy_arena_strdup(&s->sum_arena, src);
		d->tgt = dy_arena_strdup(&s->sum_arena, tgt);
		memcpy(d->month, month, sizeof(month));
		d->quad = quad;
		at = s->nsums;
		dy_map_set(&s->sum_map, key, s->sum_key.len, (void *)at);
	}
	sum_delta *d = &s->sums[at - 1];
	d->events += sign;
	d->goldstein10 += sign * (long)llround(goldstein * 10);
	d->mentions += sign * nmentions;
}

static void sum_reset(dy_store *s)
{
	s->nsums = 0;
	dy_map_release(&s->sum_map);
	dy_map_init(&s->sum_map);
	dy_arena_reset(&s->sum_arena);
}

/* Adds the differences to the summary tables (rows left without events
 * go), and forgets them. */
static int sum_flush(dy_store *s, dy_error *err)
{
	int ret = 0;
	for (int pass = 0; pass < 2 && !ret; pass++) {
		for (size_t i = 0; i < s->nsums && !ret; i++) {
			const sum_delta *d = &s->sums[i];
			if (!d->events && !d->goldstein10 && !d->mentions)
				continue;
			if (pass == 1 && d->events >= 0)
				continue;
			static const int ids[2][2] = {{ST_SUM_MONTH, ST_SUM_TOTAL}, {ST_SUM_MONTH_CLEAN, ST_SUM_TOTAL_CLEAN}};
			for (int t = 0; t < 2 && !ret; t++) {
				sqlite3_stmt *st = dy_store_stmt(s, ids[pass][t], err);
				if (!st) {
					ret = DY_EDB;
					break;
				}
				bind_text(st, 1, d->src);
				bind_text(st, 2, d->tgt);
				bind_text(st, 3, d->month);
				sqlite3_bind_int(st, 4, d->quad);
				if (pass == 0) {
					sqlite3_bind_int64(st, 5, d->events);
					sqlite3_bind_int64(st, 6, d->goldstein10);
					sqlite3_bind_int64(st, 7, d->mentions);
				}
				ret = step_done(s, st, err);
			}
		}
	}
	sum_reset(s);
	return ret;
}

/* Steps a statement whose rows are (source_code, target_code, date, quad,
 * goldstein, nmentions) of events it deleted: their contributions go. */
static int sum_deleted(dy_store *s, sqlite3_stmt *st, dy_error *err)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sum_event(s, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			  (const char *)sqlite3_column_text(st, 2), sqlite3_column_int(st, 3),
			  sqlite3_column_double(st, 4), (long)sqlite3_column_int64(st, 5), -1);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : dy_store_fail(s, err, NULL);
}

/* ---- deduplication ------------------------------------------------------------- */

/* A deduplication key, and an event mention of it whose CAMEO fields a
 * new event starts with (recount() corrects them; starting right saves
 * rewriting the indexes on code). */
typedef struct key {
	const char *src, *tgt, *fam;
	const dy_event *hint;
} key;

static void touch(dy_store *s, int64_t ev)
{
	DY_GROW(s->touched, s->touched_cap, s->ntouched + 1);
	s->touched[s->ntouched++] = ev;
}

/* Statement `which` with key k bound to ?1..?3 and date to ?4. */
static sqlite3_stmt *key_stmt(dy_store *s, int which, const key *k, const char *date, dy_error *err)
{
	sqlite3_stmt *st = dy_store_stmt(s, which, err);
	if (st) {
		bind_key(st, k->src, k->tgt, k->fam);
		bind_text(st, 4, date);
	}
	return st;
}

/* 1 when k has mentions dated date, 0 when not, <0 on error. */
static int mentions_on(dy_store *s, const key *k, const char *date, dy_error *err)
{
	sqlite3_stmt *st = key_stmt(s, ST_EM_AT, k, date, err);
	if (!st)
		return DY_EDB;
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dy_store_fail(s, err, NULL);
	return rc == SQLITE_ROW;
}

/* Returns the id of the event of k opening at date, 0 when there is none, <0 on error. */
static int64_t event_at(dy_store *s, const key *k, const char *date, dy_error *err)
{
	sqlite3_stmt *st = key_stmt(s, ST_EV_AT, k, date, err);
	if (!st)
		return DY_EDB;
	int rc = sqlite3_step(st);
	int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dy_store_fail(s, err, NULL);
	return id;
}

/* What one document's mentions of an event say about it: how many, whether
 * one is in the lede, the earliest (its row id, sentence and text) and
 * the most frequent code (ties: the smallest). */
typedef struct summary {
	size_t n;
	int lede;
	const dy_event *first, *best;
	int64_t first_row;
	const char *evidence;
	size_t evidence_len;
} summary;

/* Inserts an event of k opening at date. With sum, it is complete: the
 * mentions sum describes are its only ones (they are inserted next, with
 * the row ids sum names). Without, it has no mentions yet (nmentions 0,
 * left out of the summary tables) and recount() fills it in. */
static int64_t event_new(dy_store *s, const key *k, const char *date, int64_t scope, const summary *sum,
			 dy_error *err)
{
	sqlite3_stmt *st = key_stmt(s, ST_EV_INSERT, k, date, err);
	if (!st)
		return DY_EDB;
	if (scope)
		sqlite3_bind_int64(st, 5, scope);
	else
		sqlite3_bind_null(st, 5);
	const dy_event *h = sum ? sum->best : k->hint;
	bind_text(st, 6, h && h->code ? h->code : "");
	bind_text(st, 7, h && h->root ? h->root : "");
	sqlite3_bind_int(st, 8, h ? h->quad : 0);
	sqlite3_bind_double(st, 9, h ? h->goldstein : 0);
	bind_text(st, 10, h && h->plover ? h->plover : "");
	bind_text(st, 11, h && h->name ? h->name : "");
	if (sum) {
		bind_text(st, 12, sum->first->source.name);
		bind_text(st, 13, sum->first->target.name);
		sqlite3_bind_int64(st, 14, (sqlite3_int64)sum->n);
		sqlite3_bind_int(st, 15, 1);
		sqlite3_bind_int(st, 16, 1);
		sqlite3_bind_int(st, 17, sum->lede);
		sqlite3_bind_int64(st, 18, sum->first_row);
		bind_textn(st, 19, sum->evidence, sum->evidence_len);
	} else {
		for (int i = 12; i <= 19; i++)
			sqlite3_bind_null(st, i);
		sqlite3_bind_int(st, 14, 0);
		sqlite3_bind_int(st, 15, 0);
		sqlite3_bind_int(st, 16, 0);
		sqlite3_bind_int(st, 17, 0);
	}
	if (step_done(s, st, err) < 0)
		return DY_EDB;
	if (sum)
		sum_event(s, k->src, k->tgt, date, h ? h->quad : 0, h ? h->goldstein : 0, (long)sum->n, +1);
	return sqlite3_last_insert_rowid(s->db);
}

/* Gives the mentions of k dated from..to (inclusive) to event ev. */
static int assign(dy_store *s, const key *k, const char *from, const char *to, int64_t ev, dy_error *err)
{
	sqlite3_stmt *st = key_stmt(s, ST_EM_ASSIGN, k, from, err);
	if (!st)
		return DY_EDB;
	bind_text(st, 5, to);
	sqlite3_bind_int64(st, 6, ev);
	return step_done(s, st, err);
}

/* Copies the first column of st's next row into out (11 bytes); returns 1
 * for a non-NULL date, 0 for none, <0 on error. */
static int step_date(dy_store *s, sqlite3_stmt *st, char out[11], dy_error *err)
{
	int rc = sqlite3_step(st);
	int found = 0;
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		const char *d = (const char *)sqlite3_column_text(st, 0);
		snprintf(out, 11, "%s", d ? d : "");
		found = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dy_store_fail(s, err, NULL);
	return found;
}

/* The event that a new mention of k dated x joins, the store being
 * canonical: the one containing x; else 0 and *made set: the caller makes
 * one opening at x; unless the next event opens the day after x: then
 * *walk is set, 0 is returned, and the caller inserts the mention without
 * an event and calls recluster(). */
static int64_t event_for(dy_store *s, const key *k, const char *x, int *walk, int *made, dy_error *err)
{
	char lo[11], next[11], x1[11];
	*walk = 0;
	*made = 0;
	date_add(x, -1, lo);
	sqlite3_stmt *st = key_stmt(s, ST_EV_CONTAINING, k, x, err);
	if (!st)
		return DY_EDB;
	bind_text(st, 5, lo);
	int rc = sqlite3_step(st);
	int64_t ev = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dy_store_fail(s, err, NULL);
	if (ev)
		return ev;
	if (!(st = key_stmt(s, ST_EV_NEXT, k, x, err)))
		return DY_EDB;
	int found = step_date(s, st, next, err);
	if (found < 0)
		return DY_EDB;
	date_add(x, 1, x1);
	if (found && strcmp(next, x1) <= 0) {
		/* The next event opens the day after x. Without mentions on
		 * its second day it simply opens at x now: the events before
		 * end before x, the ones after open after its second day. */
		char x2[11];
		date_add(x, 2, x2);
		int on = mentions_on(s, k, x2, err);
		if (on < 0)
			return on;
		if (on) {
			*walk = 1;
			return 0;
		}
		if ((ev = event_at(s, k, next, err)) <= 0)
			return ev < 0 ? ev : dy_error_set(err, DY_EDB, "store '%s': no event at %s", s->path, next);
		if (!(st = dy_store_stmt(s, ST_EV_REDATE, err)))
			return DY_EDB;
		sqlite3_bind_int64(st, 1, ev);
		bind_text(st, 2, x);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int quad = sqlite3_column_int(st, 0);
			double g = sqlite3_column_double(st, 1);
			long n = (long)sqlite3_column_int64(st, 2);
			sum_event(s, k->src, k->tgt, next, quad, g, n, -1);
			sum_event(s, k->src, k->tgt, x, quad, g, n, +1);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return dy_store_fail(s, err, NULL);
		return ev;
	}
	*made = 1;
	return 0;
}

/* Makes the partition of k canonical again after mentions dated x were
 * added (unassigned) or removed; see the comment at the top. */
static int recluster(dy_store *s, const key *k, const char *x, dy_error *err)
{
	char lo[11], start[11], d[11], d1[11];
	date_add(x, -1, lo);

	/* The event that contains x, if any: the latest opening in [x-1, x]. */
	sqlite3_stmt *st = key_stmt(s, ST_EV_CONTAINING, k, x, err);
	if (!st)
		return DY_EDB;
	bind_text(st, 5, lo);
	int64_t ev = 0;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		ev = sqlite3_column_int64(st, 0);
		snprintf(start, sizeof(start), "%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dy_store_fail(s, err, NULL);

	if (ev) {
		/* x is inside an event: nothing moves as long as mentions still
		 * open it on its date. */
		int on = mentions_on(s, k, start, err);
		if (on < 0)
			return on;
		if (on) {
			date_add(start, 1, d1);
			if (assign(s, k, start, d1, ev, err) < 0)
				return DY_EDB;
			touch(s, ev);
			return 0;
		}
	} else {
		/* x opens a new event unless the next one opens the day after x
		 * (then it moves and the ones after it may too). */
		snprintf(start, sizeof(start), "%s", x);
		st = key_stmt(s, ST_EV_NEXT, k, x, err);
		if (!st)
			return DY_EDB;
		int found = step_date(s, st, d, err);
		if (found < 0)
			return DY_EDB;
		date_add(x, 1, d1);
		if (!found || strcmp(d, d1) > 0) {
			int64_t e = event_new(s, k, x, 0, NULL, err);
			if (e < 0 || assign(s, k, x, d1, e, err) < 0)
				return DY_EDB;
			touch(s, e);
			return 0;
		}
	}

	/* The walk. */
	char cur[11], stop[11];
	snprintf(cur, sizeof(cur), "%s", start);
	snprintf(stop, sizeof(stop), "9999-99-99");
	for (;;) {
		st = key_stmt(s, ST_EM_MIN_DATE, k, cur, err);
		if (!st)
			return DY_EDB;
		int found = step_date(s, st, d, err);
		if (found < 0)
			return DY_EDB;
		if (!found)
			break;
		int64_t e = event_at(s, k, d, err);
		if (e < 0)
			return DY_EDB;
		if (e && strcmp(d, x) > 0) {
			/* An old opening past x: the rest is as it was. */
			snprintf(stop, sizeof(stop), "%s", d);
			break;
		}
		if (!e && (e = event_new(s, k, d, 0, NULL, err)) < 0)
			return DY_EDB;
		date_add(d, 1, d1);
		if (assign(s, k, d, d1, e, err) < 0)
			return DY_EDB;
		touch(s, e);
		date_add(d, 2, cur);
	}
	st = key_stmt(s, ST_EV_DELETE_EMPTY, k, start, err);
	if (!st)
		return DY_EDB;
	bind_text(st, 5, stop);
	return sum_deleted(s, st, err);
}

/* One mention as recount() sees it. */
typedef struct rc_row {
	int64_t id, doc;
	const char *source, *code, *date, *doc_id;
	uint32_t sent;
	int row; /* index of its row copy */
} rc_row;

static int cmp_str_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_rc_doc(const void *pa, const void *pb)
{
	const rc_row *a = pa, *b = pb;
	return (a->doc > b->doc) - (a->doc < b->doc);
}

static int cmp_rc_source(const void *pa, const void *pb)
{
	return strcmp(((const rc_row *)pa)->source, ((const rc_row *)pb)->source);
}

static int cmp_rc_code(const void *pa, const void *pb)
{
	return strcmp(((const rc_row *)pa)->code, ((const rc_row *)pb)->code);
}

/* Earliest first: date (undated last), document id, sentence, row id. */
static int rc_earlier(const rc_row *a, const rc_row *b)
{
	int c = cmp_str_null(a->date, b->date);
	if (a->date && !b->date)
		return 1;
	if (!a->date && b->date)
		return 0;
	if (!c)
		c = strcmp(a->doc_id, b->doc_id);
	if (!c)
		c = (a->sent > b->sent) - (a->sent < b->sent);
	if (!c)
		c = (a->id > b->id) - (a->id < b->id);
	return c < 0;
}

/* Recomputes an event's counts and representative fields from its
 * mentions (in C: sorting here needs no temporary tables); deletes the
 * event when it has no mentions left. */
static int recount(dy_store *s, int64_t ev, dy_error *err)
{
	/* The event as it is counted in the summaries now. */
	sqlite3_stmt *st = dy_store_stmt(s, ST_EV_OLD, err);
	if (!st)
		return DY_EDB;
	sqlite3_bind_int64(st, 1, ev);
	dy_arena_reset(&s->arena);
	int rc = sqlite3_step(st);
	const char *osrc = NULL, *otgt = NULL, *odate = NULL;
	int oquad = 0;
	double og = 0;
	long on = 0;
	if (rc == SQLITE_ROW) {
		const char *t;
		osrc = dy_arena_strdup(&s->arena, (t = (const char *)sqlite3_column_text(st, 0)) ? t : "");
		otgt = dy_arena_strdup(&s->arena, (t = (const char *)sqlite3_column_text(st, 1)) ? t : "");
		odate = (t = (const char *)sqlite3_column_text(st, 2)) ? dy_arena_strdup(&s->arena, t) : NULL;
		oquad = sqlite3_column_int(st, 3);
		og = sqlite3_column_double(st, 4);
		on = (long)sqlite3_column_int64(st, 5);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dy_store_fail(s, err, NULL);
	if (rc == SQLITE_DONE)
		return 0; /* deleted already */
	if (!(st = dy_store_stmt(s, ST_EV_MENTIONS, err)))
		return DY_EDB;
	sqlite3_bind_int64(st, 1, ev);
	rc_row *rows = NULL;
	size_t n = 0, cap = 0;
	int lede = 0;
	/* The representative values of each row: root, quad, goldstein,
	 * plover, name, source_name, target_name (copied). */
	typedef struct rep {
		const char *root, *plover, *name, *sname, *tname;
		int quad;
		double goldstein;
	} rep;
	rep *reps = NULL;
	size_t repcap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		DY_GROW(rows, cap, n + 1);
		DY_GROW(reps, repcap, n + 1);
		rc_row *r = &rows[n];
		r->id = sqlite3_column_int64(st, 0);
		r->doc = sqlite3_column_int64(st, 1);
		r->source = dy_arena_strdup(&s->arena, (const char *)sqlite3_column_text(st, 2));
		r->sent = (uint32_t)sqlite3_column_int64(st, 3);
		r->code = dy_arena_strdup(&s->arena, (const char *)sqlite3_column_text(st, 4));
		const char *date = (const char *)sqlite3_column_text(st, 5);
		r->date = date ? dy_arena_strdup(&s->arena, date) : NULL;
		r->doc_id = dy_arena_strdup(&s->arena, (const char *)sqlite3_column_text(st, 6));
		r->row = (int)n;
		rep *p = &reps[n];
		const char *t;
		p->root = dy_arena_strdup(&s->arena, (t = (const char *)sqlite3_column_text(st, 7)) ? t : "");
		p->quad = sqlite3_column_int(st, 8);
		p->goldstein = sqlite3_column_double(st, 9);
		p->plover = dy_arena_strdup(&s->arena, (t = (const char *)sqlite3_column_text(st, 10)) ? t : "");
		p->name = dy_arena_strdup(&s->arena, (t = (const char *)sqlite3_column_text(st, 11)) ? t : "");
		p->sname = (t = (const char *)sqlite3_column_text(st, 12)) ? dy_arena_strdup(&s->arena, t) : NULL;
		p->tname = (t = (const char *)sqlite3_column_text(st, 13)) ? dy_arena_strdup(&s->arena, t) : NULL;
		if (r->sent == 0)
			lede = 1;
		n++;
	}
	sqlite3_reset(st);
	int ret = 0;
	if (rc != SQLITE_DONE) {
		ret = dy_store_fail(s, err, NULL);
		goto out;
	}
	sum_event(s, osrc, otgt, odate, oquad, og, on, -1);
	if (n == 0) {
		if (!(st = dy_store_stmt(s, ST_EV_DELETE, err))) {
			ret = DY_EDB;
			goto out;
		}
		sqlite3_bind_int64(st, 1, ev);
		ret = step_done(s, st, err);
		goto out;
	}
	/* The earliest mention. */
	size_t first = 0;
	for (size_t i = 1; i < n; i++)
		if (rc_earlier(&rows[i], &rows[first]))
			first = i;
	rc_row earliest = rows[first];
	/* Documents and sources, distinct. */
	size_t ndocs = 0, nsources = 0;
	qsort(rows, n, sizeof(rc_row), cmp_rc_doc);
	for (size_t i = 0; i < n; i++)
		ndocs += !i || rows[i].doc != rows[i - 1].doc;
	qsort(rows, n, sizeof(rc_row), cmp_rc_source);
	for (size_t i = 0; i < n; i++)
		nsources += !i || strcmp(rows[i].source, rows[i - 1].source) != 0;
	/* The most frequent code; ties go to the smallest. */
	qsort(rows, n, sizeof(rc_row), cmp_rc_code);
	size_t best = 0, best_n = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && strcmp(rows[j].code, rows[i].code) == 0)
			j++;
		if (j - i > best_n) {
			best_n = j - i;
			best = i;
		}
		i = j;
	}
	const rep *code_rep = &reps[rows[best].row];
	const rep *first_rep = &reps[earliest.row];
	sum_event(s, osrc, otgt, odate, code_rep->quad, code_rep->goldstein, (long)n, +1);
	if (!(st = dy_store_stmt(s, ST_EV_UPDATE_CODE, err))) {
		ret = DY_EDB;
		goto out;
	}
	sqlite3_bind_int64(st, 1, ev);
	bind_text(st, 2, rows[best].code);
	bind_text(st, 3, code_rep->root);
	sqlite3_bind_int(st, 4, code_rep->quad);
	sqlite3_bind_double(st, 5, code_rep->goldstein);
	bind_text(st, 6, code_rep->plover);
	bind_text(st, 7, code_rep->name);
	if ((ret = step_done(s, st, err)) < 0)
		goto out;
	if (!(st = dy_store_stmt(s, ST_EV_UPDATE, err))) {
		ret = DY_EDB;
		goto out;
	}
	sqlite3_bind_int64(st, 1, ev);
	bind_text(st, 2, first_rep->sname);
	bind_text(st, 3, first_rep->tname);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)n);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)ndocs);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)nsources);
	sqlite3_bind_int(st, 7, lede);
	sqlite3_bind_int64(st, 8, earliest.id);
	sqlite3_bind_int64(st, 9, earliest.doc);
	sqlite3_bind_int64(st, 10, earliest.sent);
	ret = step_done(s, st, err);
out:
	free(rows);
	free(reps);
	return ret;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int recount_touched(dy_store *s, dy_error *err)
{
	if (s->ntouched > 1)
		qsort(s->touched, s->ntouched, sizeof(int64_t), cmp_i64);
	if (s->nfresh > 1)
		qsort(s->fresh, s->nfresh, sizeof(int64_t), cmp_i64);
	size_t f = 0;
	for (size_t i = 0; i < s->ntouched; i++) {
		if (i && s->touched[i] == s->touched[i - 1])
			continue;
		while (f < s->nfresh && s->fresh[f] < s->touched[i])
			f++;
		if (f < s->nfresh && s->fresh[f] == s->touched[i])
			continue; /* counted as it was stored (insert_doc) */
		if (recount(s, s->touched[i], err) < 0)
			return DY_EDB;
	}
	s->ntouched = 0;
	s->nfresh = 0;
	return 0;
}

/* ---- storing a document -------------------------------------------------------------- */

/* Deletes a stored document and everything that came from it. */
static int remove_doc(dy_store *s, int64_t doc, dy_error *err)
{
	/* The dated keys it had mentions for, copied: they are re-partitioned
	 * once the mentions are gone. */
	sqlite3_stmt *st = dy_store_stmt(s, ST_DOC_KEYS, err);
	if (!st)
		return DY_EDB;
	sqlite3_bind_int64(st, 1, doc);
	dy_arena keys;
	dy_arena_init(&keys);
	char **k4 = NULL;
	size_t nk = 0, kcap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		DY_GROW(k4, kcap, nk + 4);
		for (int i = 0; i < 4; i++)
			k4[nk++] = dy_arena_strdup(&keys, (const char *)sqlite3_column_text(st, i));
	}
	sqlite3_reset(st);
	int ret = 0;
	if (rc != SQLITE_DONE) {
		ret = dy_store_fail(s, err, NULL);
		goto out;
	}
	static const int deletes[] = {ST_EM_DELETE_DOC, ST_EV_DELETE_SCOPE};
	for (size_t i = 0; i < sizeof(deletes) / sizeof(deletes[0]); i++) {
		if (!(st = dy_store_stmt(s, deletes[i], err)) ||
		    (sqlite3_bind_int64(st, 1, doc),
		     deletes[i] == ST_EV_DELETE_SCOPE ? sum_deleted(s, st, err) : step_done(s, st, err)) < 0) {
			ret = DY_EDB;
			goto out;
		}
	}
	for (size_t i = 0; i < nk; i += 4) {
		key k = {k4[i], k4[i + 1], k4[i + 2], NULL};
		if (strlen(k4[i + 3]) != 10) {
			/* A month or a year: its event is recounted (and deleted
			 * when it has no mentions left). */
			int64_t e = event_at(s, &k, k4[i + 3], err);
			if (e < 0) {
				ret = DY_EDB;
				goto out;
			}
			if (e)
				touch(s, e);
			continue;
		}
		if (recluster(s, &k, k4[i + 3], err) < 0) {
			ret = DY_EDB;
			goto out;
		}
	}
	static const int rest[] = {ST_FTS_DELETE_DOC, ST_SENT_DELETE_DOC, ST_AM_DELETE_DOC, ST_QUOTE_DELETE_DOC, ST_PLACE_DELETE_DOC,
				   ST_DOC_DELETE};
	/* A document stored earlier in the open transaction is not in the
	 * full-text index yet: it leaves the list instead. */
	int indexed = 1;
	for (size_t i = 0; i < s->nfts_docs; i++) {
		if (s->fts_docs[i] == doc) {
			s->fts_docs[i] = s->fts_docs[--s->nfts_docs];
			indexed = 0;
			break;
		}
	}
	for (size_t i = indexed ? 0 : 1; i < sizeof(rest) / sizeof(rest[0]); i++) {
		if (!(st = dy_store_stmt(s, rest[i], err)) ||
		    (sqlite3_bind_int64(st, 1, doc), step_done(s, st, err)) < 0) {
			ret = DY_EDB;
			goto out;
		}
	}
out:
	free(k4);
	dy_arena_release(&keys);
	return ret;
}

/* The family of a CAMEO code: its first three characters. */
static void family_of(const char *code, char out[4])
{
	size_t n = code ? strlen(code) : 0;
	if (n > 3)
		n = 3;
	memcpy(out, code ? code : "", n);
	out[n] = '\0';
}

/* The row of sentences for sentence index sent (binary search over d->sents). */
static int64_t sent_row(const dy_store_doc *d, const int64_t *rows, uint32_t sent)
{
	size_t lo = 0, hi = d->nsents;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->sents[mid].sent < sent)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->nsents && d->sents[lo].sent == sent ? rows[lo] : 0;
}

static void bind_u32_or_null(sqlite3_stmt *st, int i, uint32_t v, int have)
{
	if (have)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static void bind_count(sqlite3_stmt *st, int i, long v)
{
	if (v >= 0)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

/* Statement `which`, an insert of a row of a document's sentence, with
 * the document's row id and the sentence bound to ?1 and ?2. */
static sqlite3_stmt *doc_row(dy_store *s, int which, int64_t doc, uint32_t sent, dy_error *err)
{
	sqlite3_stmt *st = dy_store_stmt(s, which, err);
	if (st) {
		sqlite3_bind_int64(st, 1, doc);
		sqlite3_bind_int64(st, 2, sent);
	}
	return st;
}

/* Binds a place's name, text, country, admin1, kind, lat, lon (NULL
 * without coordinates), start and end to parameters i .. i + 8. */
static void bind_place(sqlite3_stmt *st, int i, const dy_place *p)
{
	bind_text(st, i, p->name);
	bind_text(st, i + 1, p->text);
	bind_text(st, i + 2, p->country);
	bind_text(st, i + 3, p->admin1);
	bind_text(st, i + 4, p->kind);
	if (p->has_coords) {
		sqlite3_bind_double(st, i + 5, p->lat);
		sqlite3_bind_double(st, i + 6, p->lon);
	}
	sqlite3_bind_int64(st, i + 7, p->start);
	sqlite3_bind_int64(st, i + 8, p->end);
}

/* Inserts event mention i of d as row row, in event ev (0: none yet). */
static int insert_event_mention(dy_store *s, const dy_store_doc *d, size_t i, int64_t doc, int64_t ev,
				int64_t row, dy_error *err)
{
	const dy_event *e = &d->events[i];
	sqlite3_stmt *st = dy_store_stmt(s, ST_EM_INSERT, err);
	if (!st)
		return DY_EDB;
	const char *date = e->date ? e->date : d->doc->date;
	char fam[4];
	family_of(e->code, fam);
	sqlite3_bind_int64(st, 1, doc);
	if (ev)
		sqlite3_bind_int64(st, 2, ev);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int64(st, 3, e->sent);
	bind_text(st, 4, date);
	bind_text(st, 5, date ? (e->date_precision ? e->date_precision : "day") : NULL);
	bind_text(st, 6, date ? (e->date_text ? e->date_text : "") : NULL);
	const dy_actor_ref *a[2] = {&e->source, &e->target};
	for (int k = 0; k < 2; k++) {
		int b = 7 + 7 * k;
		bind_text(st, b, a[k]->code ? a[k]->code : "");
		bind_text(st, b + 1, a[k]->name);
		bind_text(st, b + 2, a[k]->text);
		bind_text(st, b + 3, a[k]->via);
		bind_u32_or_null(st, b + 4, a[k]->start, a[k]->end > 0);
		bind_u32_or_null(st, b + 5, a[k]->end, a[k]->end > 0);
		bind_text(st, b + 6, a[k]->rule);
	}
	bind_text(st, 21, e->code ? e->code : "");
	bind_text(st, 22, e->root ? e->root : "");
	bind_text(st, 23, fam);
	sqlite3_bind_int(st, 24, e->quad);
	sqlite3_bind_double(st, 25, e->goldstein);
	bind_text(st, 26, e->plover ? e->plover : "");
	bind_text(st, 27, e->name ? e->name : "");
	sqlite3_bind_int64(st, 28, e->sent_start);
	sqlite3_bind_int64(st, 29, e->sent_end);
	if (d->triggers)
		bind_text(st, 30, d->triggers[i]);
	else if (d->text && e->trig_start <= e->trig_end && e->trig_end <= d->len)
		bind_textn(st, 30, d->text + e->trig_start, e->trig_end - e->trig_start);
	else
		sqlite3_bind_null(st, 30);
	sqlite3_bind_int64(st, 31, e->trig_start);
	sqlite3_bind_int64(st, 32, e->trig_end);
	bind_text(st, 33, e->rule);
	bind_text(st, 34, e->pattern);
	if (e->location)
		bind_place(st, 35, e->location);
	bind_count(st, 44, e->size.killed);
	bind_count(st, 45, e->size.injured);
	bind_count(st, 46, e->size.arrested);
	bind_text(st, 47, e->size.qualifier);
	sqlite3_bind_int64(st, 48, row);
	/* The issues as `dyad code` writes them (NULL when none). */
	dy_buf issues = DY_BUF_INIT;
	if (e->nissues) {
		dy_write_json_issues(&issues, e->issues, e->nissues);
		bind_textn(st, 49, issues.s, issues.len);
	}
	int rc = step_done(s, st, err);
	dy_buf_release(&issues);
	return rc;
}

/* One (key, date) that a document's mentions fall on; date NULL when undated. */
typedef struct doc_key {
	const char *src, *tgt, *date;
	char fam[4];
	const dy_event *ev;
	size_t index; /* in d->events */
} doc_key;


static int cmp_doc_key(const void *pa, const void *pb)
{
	const doc_key *a = pa, *b = pb;
	int c = strcmp(a->src, b->src);
	if (!c)
		c = strcmp(a->tgt, b->tgt);
	if (!c)
		c = strcmp(a->fam, b->fam);
	if (!c)
		c = cmp_str_null(a->date, b->date);
	return c;
}

static const char *sent_text(const dy_store_doc *d, uint32_t sent, size_t *len)
{
	for (size_t lo = 0, hi = d->nsents; lo < hi;) {
		size_t mid = (lo + hi) / 2;
		if (d->sents[mid].sent < sent) {
			lo = mid + 1;
		} else if (d->sents[mid].sent > sent) {
			hi = mid;
		} else {
			*len = d->sents[mid].len;
			return d->sents[mid].text ? d->sents[mid].text : "";
		}
	}
	*len = 0;
	return "";
}

/* The summary of the mentions keys[i..j) of one (key, date), whose rows
 * are row0 + 1 + m for keys[m]. */
static void summarise(const dy_store_doc *d, const doc_key *keys, size_t i, size_t j, int64_t row0, summary *sum)
{
	memset(sum, 0, sizeof(*sum));
	sum->n = j - i;
	size_t first = i, best_n = 0;
	for (size_t k = i; k < j; k++) {
		const dy_event *e = keys[k].ev;
		if (e->sent < keys[first].ev->sent)
			first = k;
		if (e->sent == 0)
			sum->lede = 1;
		size_t same = 0;
		for (size_t m = i; m < j; m++)
			same += strcmp(nz(keys[m].ev->code), nz(e->code)) == 0;
		if (same > best_n || (same == best_n && strcmp(nz(e->code), nz(sum->best->code)) < 0)) {
			sum->best = e;
			best_n = same;
		}
	}
	sum->first = keys[first].ev;
	sum->first_row = row0 + 1 + (int64_t)first;
	sum->evidence = sent_text(d, sum->first->sent, &sum->evidence_len);
}

static int in_list(const int64_t *v, size_t n, int64_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

/* Counts the mentions sum describes (inserted already, dated date) into
 * event ev, whose counts are right without them: what recount() would
 * find, with a few indexed look-ups instead of reading every mention.
 * doc_in: the document has mentions in ev already (counted). */
static int merge(dy_store *s, int64_t ev, const dy_store_doc *d, int64_t doc, const char *date, const summary *sum,
		 const doc_key *keys, size_t i, size_t j, int doc_in, dy_error *err)
{
	sqlite3_stmt *st = dy_store_stmt(s, ST_EV_STATE, err);
	if (!st)
		return DY_EDB;
	sqlite3_bind_int64(st, 1, ev);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return dy_error_set(err, DY_EDB, "store '%s': event %lld vanished while storing '%s'", s->path,
					    (long long)ev, d->doc->id);
		return dy_store_fail(s, err, NULL);
	}
	char code[16];
	snprintf(code, sizeof(code), "%s", nz((const char *)sqlite3_column_text(st, 0)));
	int64_t nmentions = sqlite3_column_int64(st, 1) + (int64_t)sum->n;
	int64_t narticles = sqlite3_column_int64(st, 2) + !doc_in;
	int64_t nsources = sqlite3_column_int64(st, 3);
	int lede = sqlite3_column_int(st, 4) || sum->lede;
	char evdate[11];
	const char *ed = (const char *)sqlite3_column_text(st, 9);
	snprintf(evdate, sizeof(evdate), "%s", ed ? ed : "");
	int old_quad = sqlite3_column_int(st, 10);
	double old_g = sqlite3_column_double(st, 11);
	long old_n = (long)(nmentions - (int64_t)sum->n);
	/* Is the new first mention earlier than the event's (rc_earlier)? */
	int earlier = sqlite3_column_type(st, 8) == SQLITE_NULL;
	if (!earlier) {
		rc_row old = {.id = sqlite3_column_int64(st, 8),
			      .date = (const char *)sqlite3_column_text(st, 5),
			      .doc_id = (const char *)sqlite3_column_text(st, 6),
			      .sent = (uint32_t)sqlite3_column_int64(st, 7)};
		rc_row fresh = {.id = sum->first_row, .date = date, .doc_id = d->doc->id, .sent = sum->first->sent};
		if (!old.doc_id)
			old.doc_id = "";
		earlier = rc_earlier(&fresh, &old);
	}
	sqlite3_reset(st);
	if (!doc_in) {
		if (!d->doc->source) {
			nsources++;
		} else {
			if (!(st = dy_store_stmt(s, ST_EV_HAS_SOURCE, err)))
				return DY_EDB;
			sqlite3_bind_int64(st, 1, ev);
			sqlite3_bind_int64(st, 2, doc);
			bind_text(st, 3, d->doc->source);
			rc = sqlite3_step(st);
			sqlite3_reset(st);
			if (rc != SQLITE_ROW && rc != SQLITE_DONE)
				return dy_store_fail(s, err, NULL);
			nsources += rc == SQLITE_DONE;
		}
	}
	/* The most frequent code: only the counts of the codes just added
	 * grew, so it is the event's code or one of them. */
	const dy_event *best = NULL; /* NULL: the event's own code */
	int64_t best_n = 0;
	for (size_t k = i; k <= j; k++) {
		const char *c = k == i ? code : nz(keys[k - 1].ev->code);
		int seen = k > i && strcmp(c, code) == 0;
		for (size_t m = i; !seen && k > i && m < k - 1; m++)
			seen = strcmp(c, nz(keys[m].ev->code)) == 0;
		if (seen)
			continue;
		if (!(st = dy_store_stmt(s, ST_EM_CODE_COUNT, err)))
			return DY_EDB;
		sqlite3_bind_int64(st, 1, ev);
		bind_text(st, 2, c);
		rc = sqlite3_step(st);
		int64_t n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			return dy_store_fail(s, err, NULL);
		if (k == i) {
			best_n = n;
			continue;
		}
		const char *bc = best ? nz(best->code) : code;
		if (n > best_n || (n == best_n && strcmp(c, bc) < 0)) {
			best = keys[k - 1].ev;
			best_n = n;
		}
	}
	if (best) {
		if (!(st = dy_store_stmt(s, ST_EV_UPDATE_CODE, err)))
			return DY_EDB;
		sqlite3_bind_int64(st, 1, ev);
		bind_text(st, 2, nz(best->code));
		bind_text(st, 3, nz(best->root));
		sqlite3_bind_int(st, 4, best->quad);
		sqlite3_bind_double(st, 5, best->goldstein);
		bind_text(st, 6, nz(best->plover));
		bind_text(st, 7, nz(best->name));
		if (step_done(s, st, err) < 0)
			return DY_EDB;
	}
	sum_event(s, keys[i].src, keys[i].tgt, ed ? evdate : NULL, old_quad, old_g, old_n, -1);
	sum_event(s, keys[i].src, keys[i].tgt, ed ? evdate : NULL, best ? best->quad : old_quad,
		  best ? best->goldstein : old_g, (long)nmentions, +1);
	if (!(st = dy_store_stmt(s, ST_EV_MERGE, err)))
		return DY_EDB;
	sqlite3_bind_int64(st, 1, ev);
	sqlite3_bind_int64(st, 2, nmentions);
	sqlite3_bind_int64(st, 3, narticles);
	sqlite3_bind_int64(st, 4, nsources);
	sqlite3_bind_int(st, 5, lede);
	sqlite3_bind_int(st, 6, earlier);
	bind_text(st, 7, sum->first->source.name);
	bind_text(st, 8, sum->first->target.name);
	sqlite3_bind_int64(st, 9, sum->first_row);
	bind_textn(st, 10, sum->evidence, sum->evidence_len);
	return step_done(s, st, err);
}

static int insert_doc(dy_store *s, const dy_store_doc *d, dy_error *err)
{
	const dy_doc *doc = d->doc;
	char now[20], origin[600];
	utc_now(now);
	if (doc->origin)
		snprintf(origin, sizeof(origin), "%s:%ld", doc->origin, doc->line);
	sqlite3_stmt *st = dy_store_stmt(s, ST_DOC_INSERT, err);
	if (!st)
		return DY_EDB;
	bind_text(st, 1, doc->id);
	bind_text(st, 2, doc->date);
	bind_text(st, 3, doc->source);
	bind_text(st, 4, doc->title);
	bind_text(st, 5, doc->url);
	bind_text(st, 6, d->hash);
	bind_text(st, 7, doc->origin ? origin : NULL);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)d->nsents);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)d->nevents);
	bind_text(st, 10, d->coded_by ? d->coded_by : "dyad " DYAD_VERSION);
	bind_text(st, 11, now);
	if (step_done(s, st, err) < 0)
		return DY_EDB;
	int64_t id = sqlite3_last_insert_rowid(s->db);

	int64_t *rows = dy_xcalloc(d->nsents + 1, sizeof(int64_t));
	doc_key *keys = dy_xcalloc(d->nevents + 1, sizeof(doc_key));
	int64_t *dirty = NULL;
	size_t ndirty = 0, dirty_cap = 0;
	int ret = DY_EDB;
	for (size_t i = 0; i < d->nsents; i++) {
		const dy_store_sent *t = &d->sents[i];
		if (i && t->sent <= d->sents[i - 1].sent) {
			ret = dy_error_set(err, DY_EINVAL, "document '%s': sentences out of order (%u after %u)",
					   doc->id, t->sent, d->sents[i - 1].sent);
			goto out;
		}
		if (!(st = doc_row(s, ST_SENT_INSERT, id, t->sent, err)))
			goto out;
		sqlite3_bind_int64(st, 3, t->start);
		sqlite3_bind_int64(st, 4, t->end);
		bind_textn(st, 5, t->text ? t->text : "", t->text ? t->len : 0);
		if (step_done(s, st, err) < 0)
			goto out;
		rows[i] = sqlite3_last_insert_rowid(s->db);
	}
	if (d->nsents) {
		DY_GROW(s->fts_docs, s->fts_docs_cap, s->nfts_docs + 1);
		s->fts_docs[s->nfts_docs++] = id;
	}
	for (size_t i = 0; i < d->nmentions; i++) {
		const dy_mention *m = &d->mentions[i];
		if (!m->actor.code)
			continue;
		if (!(st = doc_row(s, ST_AM_INSERT, id, m->sent, err)))
			goto out;
		sqlite3_bind_int64(st, 3, m->actor.start);
		sqlite3_bind_int64(st, 4, m->actor.end);
		bind_text(st, 5, m->actor.code);
		bind_text(st, 6, m->actor.name);
		bind_text(st, 7, m->actor.text);
		bind_text(st, 8, m->actor.via);
		bind_text(st, 9, m->actor.rule);
		if (step_done(s, st, err) < 0)
			goto out;
	}
	for (size_t i = 0; i < d->nquotes; i++) {
		const dy_quote *q = &d->quotes[i];
		if (!(st = doc_row(s, ST_QUOTE_INSERT, id, q->sent, err)))
			goto out;
		bind_text(st, 3, q->kind);
		bind_text(st, 4, q->text ? q->text : "");
		sqlite3_bind_int64(st, 5, q->start);
		sqlite3_bind_int64(st, 6, q->end);
		bind_text(st, 7, q->speaker.code);
		bind_text(st, 8, q->speaker.name);
		bind_text(st, 9, q->speaker.text);
		bind_text(st, 10, q->speaker.via);
		bind_u32_or_null(st, 11, q->speaker.start, q->speaker.text != NULL);
		bind_u32_or_null(st, 12, q->speaker.end, q->speaker.text != NULL);
		if (step_done(s, st, err) < 0)
			goto out;
	}
	for (size_t i = 0; i < d->nplaces; i++) {
		const dy_place *p = &d->places[i];
		if (!(st = doc_row(s, ST_PLACE_INSERT, id, p->sent, err)))
			goto out;
		bind_place(st, 3, p);
		if (step_done(s, st, err) < 0)
			goto out;
	}
	for (size_t i = 0; i < d->nevents; i++) {
		const dy_event *e = &d->events[i];
		if (!sent_row(d, rows, e->sent)) {
			ret = dy_error_set(err, DY_EINVAL, "document '%s': an event in sentence %u, which is not stored",
					   doc->id, e->sent);
			goto out;
		}
		keys[i].src = e->source.code ? e->source.code : "";
		keys[i].tgt = e->target.code ? e->target.code : "";
		keys[i].date = e->date ? e->date : doc->date;
		keys[i].ev = e;
		keys[i].index = i;
		family_of(e->code, keys[i].fam);
	}
	/* The mentions' row ids: explicit, so that an event can name its
	 * first mention before the mention is inserted. */
	if (!(st = dy_store_stmt(s, ST_EM_MAX_ID, err)))
		goto out;
	int rc = sqlite3_step(st);
	int64_t row0 = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		dy_store_fail(s, err, NULL);
		goto out;
	}
	/* The mentions, a (key, date) at a time in order: the store is in its
	 * canonical state before each, so the event a mention joins is found
	 * first; a new one is inserted complete, an existing one has the
	 * mentions counted in (merge()); except when the day moves the
	 * events after it: then recluster() walks and every event the
	 * document touched is recounted at the end. s->fresh lists the
	 * events whose counts include the document. */
	if (d->nevents > 1)
		qsort(keys, d->nevents, sizeof(doc_key), cmp_doc_key);
	for (size_t i = 0, j; i < d->nevents; i = j) {
		for (j = i + 1; j < d->nevents && cmp_doc_key(&keys[j], &keys[i]) == 0; j++)
			;
		key k = {keys[i].src, keys[i].tgt, keys[i].fam, keys[i].ev};
		const char *date = keys[i].date;
		summary sum;
		summarise(d, keys, i, j, row0 + (int64_t)i, &sum);
		sum.first_row -= (int64_t)i; /* rows are row0 + 1 + m for keys[m] */
		int64_t ev = 0;
		int walk = 0;
		int made = 0;
		if (date && strlen(date) == 10) {
			if ((ev = event_for(s, &k, date, &walk, &made, err)) < 0)
				goto out;
		} else if (date) {
			/* A month or a year: one event per exact date. */
			if ((ev = event_at(s, &k, date, err)) < 0)
				goto out;
			made = !ev;
		} else {
			if (!(st = dy_store_stmt(s, ST_EV_UNDATED, err)))
				goto out;
			bind_key(st, k.src, k.tgt, k.fam);
			sqlite3_bind_int64(st, 4, id);
			rc = sqlite3_step(st);
			ev = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
			sqlite3_reset(st);
			if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
				dy_store_fail(s, err, NULL);
				goto out;
			}
			made = !ev;
		}
		if (made && (ev = event_new(s, &k, date, date ? 0 : id, &sum, err)) < 0)
			goto out;
		for (size_t m = i; m < j; m++)
			if (insert_event_mention(s, d, keys[m].index, id, ev, row0 + 1 + (int64_t)m, err) < 0)
				goto out;
		if (walk) {
			/* The walk changes events of k opening at date or later
			 * only, none counted before (they open earlier): what
			 * it touches is recounted at the end (dirty). */
			size_t from = s->ntouched;
			if (recluster(s, &k, date, err) < 0)
				goto out;
			DY_GROW(dirty, dirty_cap, ndirty + (s->ntouched - from));
			for (size_t t = from; t < s->ntouched; t++)
				dirty[ndirty++] = s->touched[t];
			continue;
		}
		touch(s, ev);
		if (in_list(dirty, ndirty, ev))
			continue;
		if (!made && merge(s, ev, d, id, date, &sum, keys, i, j, in_list(s->fresh, s->nfresh, ev), err) < 0)
			goto out;
		DY_GROW(s->fresh, s->fresh_cap, s->nfresh + 1);
		s->fresh[s->nfresh++] = ev;
	}
	ret = 0;
out:
	free(rows);
	free(keys);
	free(dirty);
	return ret;
}

/* Puts the sentences of the documents stored in the open transaction into
 * the full-text index, in one statement just before COMMIT. FTS5 writes
 * its pending terms out as a segment at every later statement of the
 * transaction (its savepoint hook), so indexing each document as it came
 * would cost a segment, and a merge, per document. */
static int fts_flush(dy_store *s, dy_error *err)
{
	if (!s->nfts_docs)
		return 0;
	dy_buf_clear(&s->fts_list);
	dy_buf_addc(&s->fts_list, '[');
	for (size_t i = 0; i < s->nfts_docs; i++)
		dy_buf_addf(&s->fts_list, "%s%lld", i ? "," : "", (long long)s->fts_docs[i]);
	dy_buf_addc(&s->fts_list, ']');
	s->nfts_docs = 0;
	sqlite3_stmt *st = dy_store_stmt(s, ST_FTS_INSERT_DOCS, err);
	if (!st)
		return DY_EDB;
	bind_textn(st, 1, s->fts_list.s, s->fts_list.len);
	return step_done(s, st, err);
}

/* COMMIT, after the full-text index is brought up to date. */
static int commit(dy_store *s, dy_error *err)
{
	sqlite3_stmt *st;
	if (sum_flush(s, err) < 0 || fts_flush(s, err) < 0 || !(st = dy_store_stmt(s, ST_COMMIT, err)) ||
	    step_done(s, st, err) < 0)
		return DY_EDB;
	return 0;
}

int dy_store_put(dy_store *s, const dy_store_doc *d, int force, dy_error *err)
{
	if (s->readonly)
		return dy_error_set(err, DY_EDB, "store '%s' is open read-only", s->path);
	if (!d->doc || !d->doc->id)
		return dy_error_set(err, DY_EINVAL, "a document without an id cannot be stored");
	for (size_t i = 0; i < d->nevents; i++) {
		const char *date = d->events[i].date ? d->events[i].date : d->doc->date;
		if (date && !date_kind(date))
			return dy_error_set(err, DY_EDATE, "malformed date '%s' (want YYYY-MM-DD, YYYY-MM or YYYY)",
					    date);
	}
	/* In a batch, no savepoint: SQLite's full-text index writes itself out
	 * at every savepoint, which would cost most of what batching saves. A
	 * document that fails rolls the batch back (dy_store_put says so). */
	sqlite3_stmt *st = s->batch ? NULL : dy_store_stmt(s, ST_BEGIN, err);
	if (!s->batch && (!st || step_done(s, st, err) < 0))
		return DY_EDB;
	s->ntouched = 0;
	s->nfresh = 0;
	char hash[DY_STORE_HASH_HEX + 1];
	int ret;
	int64_t old = 0;
	if (!(st = dy_store_stmt(s, ST_DOC_LOOKUP, err)))
		goto fail;
	bind_text(st, 1, d->doc->id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		old = sqlite3_column_int64(st, 0);
		snprintf(hash, sizeof(hash), "%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		dy_store_fail(s, err, NULL);
		goto fail;
	}
	if (old && !force && strcmp(hash, d->hash) == 0) {
		ret = DY_STORE_UNCHANGED;
		if (!s->batch && (!(st = dy_store_stmt(s, ST_ROLLBACK, err)) || step_done(s, st, err) < 0))
			return DY_EDB;
		return ret;
	}
	/* The old version's events are recounted before the new one is
	 * counted into them. */
	if (old && (remove_doc(s, old, err) < 0 || recount_touched(s, err) < 0))
		goto fail;
	if (insert_doc(s, d, err) < 0)
		goto fail;
	if (recount_touched(s, err) < 0)
		goto fail;
	if (!s->batch && commit(s, err) < 0)
		goto fail;
	return old ? DY_STORE_CHANGED : DY_STORE_NEW;
fail:
	ret = err && err->code ? err->code : DY_EDB;
	s->ntouched = 0;
	s->nfresh = 0;
	s->nfts_docs = 0;
	sum_reset(s);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	if (s->batch) {
		s->batch = 0;
		ret = DY_EDB;
		char msg[sizeof(err->msg)];
		snprintf(msg, sizeof(msg), "%.900s (the batch of documents it was in is rolled back)", err->msg);
		dy_error_set(err, DY_EDB, "%s", msg);
	}
	return ret;
}

int dy_store_begin(dy_store *s, dy_error *err)
{
	if (s->batch)
		return 0;
	sqlite3_stmt *st = dy_store_stmt(s, ST_BEGIN, err);
	if (!st || step_done(s, st, err) < 0)
		return DY_EDB;
	s->batch = 1;
	return 0;
}

int dy_store_commit(dy_store *s, dy_error *err)
{
	if (!s->batch)
		return 0;
	s->batch = 0;
	if (commit(s, err) < 0) {
		s->nfts_docs = 0;
		sum_reset(s);
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return DY_EDB;
	}
	return 0;
}
