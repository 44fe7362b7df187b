-- schema.sql - dyad's store: the one description of its tables.
--
-- The file is a list of migrations, each starting with a line
-- "-- migration N: what it does" (N = 1, 2, ... in order). The build
-- compiles this file into the binary (src/store/store.c includes it as a C
-- string); dy_store_open() applies, in order and each in its own
-- transaction, every migration whose number is above the largest one in
-- schema_version, and records it there. Never edit a migration that has
-- been released: add a new one.
--
-- Conventions: dates are 'YYYY-MM-DD' text (or NULL when unknown), byte
-- offsets refer to the document text as dyad coded it, Goldstein values
-- are stored as given and summed in tenths (they have one decimal).

-- migration 1: documents, sentences, actor mentions, events and their mentions, quotes, places
CREATE TABLE schema_version (
	version INTEGER PRIMARY KEY,
	applied TEXT NOT NULL,           -- UTC, 'YYYY-MM-DD HH:MM:SS'
	what TEXT NOT NULL
);

-- One row per document (article). doc_id is the reader's id: ingesting a
-- document with a known doc_id and the same hash changes nothing; with
-- another hash its rows are replaced.
CREATE TABLE documents (
	id INTEGER PRIMARY KEY,
	doc_id TEXT NOT NULL UNIQUE,
	date TEXT,                       -- the document's date
	source TEXT,                     -- the news source ("Reuters"), not an actor
	title TEXT,
	url TEXT,
	hash TEXT NOT NULL,              -- SHA-256 (hex) of date, source, title, url and text
	origin TEXT,                     -- "file:line" it was read from
	nsents INTEGER NOT NULL,         -- sentences stored for it (all of them when coded by dyad)
	nevents INTEGER NOT NULL,        -- event mentions coded in it
	coded_by TEXT NOT NULL,          -- "dyad 0.1.0", or "events FILE" for pre-coded events
	ingested TEXT NOT NULL           -- UTC, 'YYYY-MM-DD HH:MM:SS'
);

CREATE TABLE sentences (
	id INTEGER PRIMARY KEY,
	doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	sent INTEGER NOT NULL,           -- 0-based index in the document
	start INTEGER NOT NULL,          -- byte offsets in the document text
	end INTEGER NOT NULL,
	text TEXT NOT NULL,
	UNIQUE (doc, sent)
);

-- Full text over sentences (external content: the text is kept once, in
-- sentences). The store indexes a document's sentences in one statement
-- after inserting them, and takes them out before deleting them: SQLite's
-- full-text index writes itself out at every statement inside a
-- transaction, so a trigger per sentence would make a segment per
-- sentence. `dyad check` verifies the index against its content.
CREATE VIRTUAL TABLE sentences_fts USING fts5(
	text, content = 'sentences', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);

-- Every actor found in the text, whether or not it took part in an event.
CREATE TABLE actor_mentions (
	id INTEGER PRIMARY KEY,
	doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	sent INTEGER NOT NULL,
	start INTEGER NOT NULL,
	end INTEGER NOT NULL,
	code TEXT NOT NULL,
	name TEXT,
	text TEXT,
	via TEXT,                        -- the antecedent, when text was a pronoun or description
	rule TEXT                        -- dictionary lines ("actors.txt:193")
);
CREATE INDEX actor_mentions_doc ON actor_mentions(doc);
CREATE INDEX actor_mentions_code ON actor_mentions(code, name);

-- One row per event after deduplication: the mentions (event_mentions)
-- with the same source, target and code family (the first three digits of
-- the CAMEO code) whose dates fall within two consecutive days. date is
-- the earliest mention's date; undated mentions make events of their own
-- document only (scope). The other columns are computed from the
-- mentions: code is the most frequent code (ties: the smallest), the
-- names come from the earliest mention (first_mention), nmentions counts
-- mentions, narticles documents and nsources distinct news sources (a
-- document without a source counts as its own).
CREATE TABLE events (
	id INTEGER PRIMARY KEY,
	source_code TEXT NOT NULL,
	target_code TEXT NOT NULL,
	family TEXT NOT NULL,            -- "190", "054", "021"
	date TEXT,
	scope INTEGER REFERENCES documents(id) ON DELETE CASCADE, -- the document of an undated event, else NULL
	code TEXT NOT NULL DEFAULT '',
	root TEXT NOT NULL DEFAULT '',
	quad INTEGER NOT NULL DEFAULT 0,
	goldstein REAL NOT NULL DEFAULT 0,
	plover TEXT NOT NULL DEFAULT '',
	name TEXT NOT NULL DEFAULT '',   -- the CAMEO name of code
	source_name TEXT,
	target_name TEXT,
	nmentions INTEGER NOT NULL DEFAULT 0,
	narticles INTEGER NOT NULL DEFAULT 0,
	nsources INTEGER NOT NULL DEFAULT 0,
	lede INTEGER NOT NULL DEFAULT 0, -- 1 when a mention is its document's first sentence
	first_mention INTEGER,           -- event_mentions.id of the earliest mention
	evidence TEXT                    -- the earliest mention's sentence (kept here for listings)
);
CREATE INDEX events_key ON events(source_code, target_code, family, date);
CREATE INDEX events_source ON events(source_code, date);
CREATE INDEX events_target ON events(target_code, date);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_code ON events(code);
CREATE INDEX events_scope ON events(scope) WHERE scope IS NOT NULL;

-- One row per coded event in a document: every field of `dyad code`'s
-- JSON output, with its provenance.
CREATE TABLE event_mentions (
	id INTEGER PRIMARY KEY,
	event INTEGER REFERENCES events(id),  -- set in the same transaction as the row
	doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	sent INTEGER NOT NULL,           -- the sentence (evidence): sentences(doc, sent)
	date TEXT,
	date_precision TEXT,             -- "day", "month", "year"
	date_text TEXT,                  -- the words the date came from ("" = the document's date)
	source_code TEXT NOT NULL,
	source_name TEXT,
	source_text TEXT,
	source_via TEXT,
	source_start INTEGER,
	source_end INTEGER,
	source_rule TEXT,
	target_code TEXT NOT NULL,
	target_name TEXT,
	target_text TEXT,
	target_via TEXT,
	target_start INTEGER,
	target_end INTEGER,
	target_rule TEXT,
	code TEXT NOT NULL,
	root TEXT NOT NULL,
	family TEXT NOT NULL,
	quad INTEGER NOT NULL,
	goldstein REAL NOT NULL,
	plover TEXT NOT NULL,
	name TEXT NOT NULL,
	sent_start INTEGER NOT NULL,     -- the evidence: the sentence's offsets
	sent_end INTEGER NOT NULL,
	trigger_text TEXT,
	trigger_start INTEGER,
	trigger_end INTEGER,
	rule TEXT,
	pattern TEXT,
	place_name TEXT,                 -- where it happened (the places stage), or NULL
	place_text TEXT,
	place_country TEXT,
	place_admin1 TEXT,
	place_kind TEXT,
	place_lat REAL,                  -- NULL when unknown
	place_lon REAL,
	place_start INTEGER,
	place_end INTEGER,
	killed INTEGER,                  -- counts reported, NULL when none
	injured INTEGER,
	arrested INTEGER,
	size_qualifier TEXT,
	FOREIGN KEY (doc, sent) REFERENCES sentences(doc, sent) ON DELETE CASCADE
);
CREATE INDEX event_mentions_event ON event_mentions(event);
CREATE INDEX event_mentions_doc ON event_mentions(doc, sent);
CREATE INDEX event_mentions_key ON event_mentions(source_code, target_code, family, date);

CREATE TABLE quotes (
	id INTEGER PRIMARY KEY,
	doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	sent INTEGER NOT NULL,
	kind TEXT,                       -- "direct" or "reported"
	text TEXT NOT NULL,
	start INTEGER NOT NULL,
	end INTEGER NOT NULL,
	speaker_code TEXT,               -- NULL when the speaker is no dictionary actor
	speaker_name TEXT,
	speaker_text TEXT,
	speaker_via TEXT,
	speaker_start INTEGER,
	speaker_end INTEGER
);
CREATE INDEX quotes_doc ON quotes(doc);
CREATE INDEX quotes_speaker ON quotes(speaker_code);

CREATE TABLE places (
	id INTEGER PRIMARY KEY,
	doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	sent INTEGER NOT NULL,
	name TEXT,
	text TEXT,
	country TEXT,
	admin1 TEXT,
	kind TEXT,
	lat REAL,
	lon REAL,
	start INTEGER NOT NULL,
	end INTEGER NOT NULL
);
CREATE INDEX places_doc ON places(doc);
CREATE INDEX places_country ON places(country);

-- Events per dyad and quad class over all dates, for `dyad dyads` without
-- dates: a few rows per dyad instead of one per month.
CREATE TABLE dyad_totals (
	source_code TEXT NOT NULL,
	target_code TEXT NOT NULL,
	quad INTEGER NOT NULL,
	events INTEGER NOT NULL,
	goldstein10 INTEGER NOT NULL,
	mentions INTEGER NOT NULL,
	PRIMARY KEY (source_code, target_code, quad)
) WITHOUT ROWID;

-- Events per dyad, month and quad class, kept (as dyad_totals) by the
-- triggers below so that `dyad dyads` and `dyad timeline` need not scan
-- the events.
-- month is 'YYYY-MM', or '' for undated events; goldstein10 is the sum of
-- the events' Goldstein values in tenths (exact).
CREATE TABLE dyad_months (
	source_code TEXT NOT NULL,
	target_code TEXT NOT NULL,
	month TEXT NOT NULL,
	quad INTEGER NOT NULL,
	events INTEGER NOT NULL,
	goldstein10 INTEGER NOT NULL,
	mentions INTEGER NOT NULL,
	PRIMARY KEY (source_code, target_code, month, quad)
) WITHOUT ROWID;

-- An event is inserted with no mentions (nmentions 0) and counted once its
-- mentions are: rows with nmentions 0 are left out of the summary.
CREATE TRIGGER events_count_insert AFTER INSERT ON events WHEN new.nmentions > 0 BEGIN
	INSERT INTO dyad_months VALUES (new.source_code, new.target_code, coalesce(substr(new.date, 1, 7), ''),
		new.quad, 1, CAST(round(new.goldstein * 10) AS INTEGER), new.nmentions)
	ON CONFLICT DO UPDATE SET events = events + 1, goldstein10 = goldstein10 + excluded.goldstein10,
		mentions = mentions + excluded.mentions;
	INSERT INTO dyad_totals VALUES (new.source_code, new.target_code, new.quad, 1,
		CAST(round(new.goldstein * 10) AS INTEGER), new.nmentions)
	ON CONFLICT DO UPDATE SET events = events + 1, goldstein10 = goldstein10 + excluded.goldstein10,
		mentions = mentions + excluded.mentions;
END;
CREATE TRIGGER events_count_delete AFTER DELETE ON events WHEN old.nmentions > 0 BEGIN
	UPDATE dyad_months SET events = events - 1,
		goldstein10 = goldstein10 - CAST(round(old.goldstein * 10) AS INTEGER),
		mentions = mentions - old.nmentions
	WHERE source_code = old.source_code AND target_code = old.target_code
		AND month = coalesce(substr(old.date, 1, 7), '') AND quad = old.quad;
	DELETE FROM dyad_months WHERE source_code = old.source_code AND target_code = old.target_code
		AND month = coalesce(substr(old.date, 1, 7), '') AND quad = old.quad AND events <= 0;
	UPDATE dyad_totals SET events = events - 1,
		goldstein10 = goldstein10 - CAST(round(old.goldstein * 10) AS INTEGER),
		mentions = mentions - old.nmentions
	WHERE source_code = old.source_code AND target_code = old.target_code AND quad = old.quad;
	DELETE FROM dyad_totals WHERE source_code = old.source_code AND target_code = old.target_code
		AND quad = old.quad AND events <= 0;
END;
CREATE TRIGGER events_count_update_old AFTER UPDATE OF source_code, target_code, date, quad, goldstein, nmentions ON events
WHEN old.nmentions > 0 AND (old.source_code IS NOT new.source_code OR old.target_code IS NOT new.target_code
	OR old.date IS NOT new.date OR old.quad IS NOT new.quad OR old.goldstein IS NOT new.goldstein
	OR old.nmentions IS NOT new.nmentions)
BEGIN
	UPDATE dyad_months SET events = events - 1,
		goldstein10 = goldstein10 - CAST(round(old.goldstein * 10) AS INTEGER),
		mentions = mentions - old.nmentions
	WHERE source_code = old.source_code AND target_code = old.target_code
		AND month = coalesce(substr(old.date, 1, 7), '') AND quad = old.quad;
	DELETE FROM dyad_months WHERE source_code = old.source_code AND target_code = old.target_code
		AND month = coalesce(substr(old.date, 1, 7), '') AND quad = old.quad AND events <= 0;
	UPDATE dyad_totals SET events = events - 1,
		goldstein10 = goldstein10 - CAST(round(old.goldstein * 10) AS INTEGER),
		mentions = mentions - old.nmentions
	WHERE source_code = old.source_code AND target_code = old.target_code AND quad = old.quad;
	DELETE FROM dyad_totals WHERE source_code = old.source_code AND target_code = old.target_code
		AND quad = old.quad AND events <= 0;
END;
CREATE TRIGGER events_count_update_new AFTER UPDATE OF source_code, target_code, date, quad, goldstein, nmentions ON events
WHEN new.nmentions > 0 AND (old.source_code IS NOT new.source_code OR old.target_code IS NOT new.target_code
	OR old.date IS NOT new.date OR old.quad IS NOT new.quad OR old.goldstein IS NOT new.goldstein
	OR old.nmentions IS NOT new.nmentions)
BEGIN
	INSERT INTO dyad_months VALUES (new.source_code, new.target_code, coalesce(substr(new.date, 1, 7), ''),
		new.quad, 1, CAST(round(new.goldstein * 10) AS INTEGER), new.nmentions)
	ON CONFLICT DO UPDATE SET events = events + 1, goldstein10 = goldstein10 + excluded.goldstein10,
		mentions = mentions + excluded.mentions;
	INSERT INTO dyad_totals VALUES (new.source_code, new.target_code, new.quad, 1,
		CAST(round(new.goldstein * 10) AS INTEGER), new.nmentions)
	ON CONFLICT DO UPDATE SET events = events + 1, goldstein10 = goldstein10 + excluded.goldstein10,
		mentions = mentions + excluded.mentions;
END;

-- migration 2: faster counting: the event index also covers the code; a change of nmentions alone adjusts the summary's mentions
-- The most frequent code of an event is kept up to date by counting one
-- code's mentions of the event: (event, code) answers that from the index.
DROP INDEX event_mentions_event;
CREATE INDEX event_mentions_event ON event_mentions(event, code);
-- A mention joining an event changes its nmentions only: the summary's
-- mentions move by the difference, in place, instead of the event being
-- taken out of it and put back.
DROP TRIGGER events_count_update_old;
DROP TRIGGER events_count_update_new;
CREATE TRIGGER events_count_update_old AFTER UPDATE OF source_code, target_code, date, quad, goldstein, nmentions ON events
WHEN old.nmentions > 0 AND (old.source_code IS NOT new.source_code OR old.target_code IS NOT new.target_code
	OR old.date IS NOT new.date OR old.quad IS NOT new.quad OR old.goldstein IS NOT new.goldstein
	OR new.nmentions <= 0)
BEGIN
	UPDATE dyad_months SET events = events - 1,
		goldstein10 = goldstein10 - CAST(round(old.goldstein * 10) AS INTEGER),
		mentions = mentions - old.nmentions
	WHERE source_code = old.source_code AND target_code = old.target_code
		AND month = coalesce(substr(old.date, 1, 7), '') AND quad = old.quad;
	DELETE FROM dyad_months WHERE source_code = old.source_code AND target_code = old.target_code
		AND month = coalesce(substr(old.date, 1, 7), '') AND quad = old.quad AND events <= 0;
	UPDATE dyad_totals SET events = events - 1,
		goldstein10 = goldstein10 - CAST(round(old.goldstein * 10) AS INTEGER),
		mentions = mentions - old.nmentions
	WHERE source_code = old.source_code AND target_code = old.target_code AND quad = old.quad;
	DELETE FROM dyad_totals WHERE source_code = old.source_code AND target_code = old.target_code
		AND quad = old.quad AND events <= 0;
END;
CREATE TRIGGER events_count_update_new AFTER UPDATE OF source_code, target_code, date, quad, goldstein, nmentions ON events
WHEN new.nmentions > 0 AND (old.source_code IS NOT new.source_code OR old.target_code IS NOT new.target_code
	OR old.date IS NOT new.date OR old.quad IS NOT new.quad OR old.goldstein IS NOT new.goldstein
	OR old.nmentions <= 0)
BEGIN
	INSERT INTO dyad_months VALUES (new.source_code, new.target_code, coalesce(substr(new.date, 1, 7), ''),
		new.quad, 1, CAST(round(new.goldstein * 10) AS INTEGER), new.nmentions)
	ON CONFLICT DO UPDATE SET events = events + 1, goldstein10 = goldstein10 + excluded.goldstein10,
		mentions = mentions + excluded.mentions;
	INSERT INTO dyad_totals VALUES (new.source_code, new.target_code, new.quad, 1,
		CAST(round(new.goldstein * 10) AS INTEGER), new.nmentions)
	ON CONFLICT DO UPDATE SET events = events + 1, goldstein10 = goldstein10 + excluded.goldstein10,
		mentions = mentions + excluded.mentions;
END;
CREATE TRIGGER events_count_mentions AFTER UPDATE OF nmentions ON events
WHEN old.nmentions > 0 AND new.nmentions > 0 AND old.nmentions <> new.nmentions
	AND old.source_code IS new.source_code AND old.target_code IS new.target_code AND old.date IS new.date
	AND old.quad IS new.quad AND old.goldstein IS new.goldstein
BEGIN
	UPDATE dyad_months SET mentions = mentions + new.nmentions - old.nmentions
	WHERE source_code = new.source_code AND target_code = new.target_code
		AND month = coalesce(substr(new.date, 1, 7), '') AND quad = new.quad;
	UPDATE dyad_totals SET mentions = mentions + new.nmentions - old.nmentions
	WHERE source_code = new.source_code AND target_code = new.target_code AND quad = new.quad;
END;

-- migration 3: drop events_source, which events_key serves
-- A source filter is a range over source_code (a code and the codes it
-- prefixes), so events_key (source_code, target_code, family, date)
-- answers it as well as (source_code, date) did, one index fewer to
-- write per event.
DROP INDEX events_source;

-- migration 4: the store keeps the dyad summaries itself, not with triggers
-- dyad_months and dyad_totals keep their meaning (events with mentions
-- per dyad, month and quad class); store.c (sum_event, sum_flush) adds
-- each transaction's differences before it commits. A trigger program run
-- for every event cost more than the event's own row.
DROP TRIGGER events_count_insert;
DROP TRIGGER events_count_delete;
DROP TRIGGER events_count_update_old;
DROP TRIGGER events_count_update_new;
DROP TRIGGER events_count_mentions;

-- migration 5: event mentions keep their PETRARCH issues
-- issues: the issues of the mention's sentence (dy_event.issues, set when
-- the coder had PETRARCH's issues dictionary, Phoenix.IssueCoding.txt),
-- as the JSON array `dyad code` writes under "issues" (io/write.c,
-- dy_write_json_issues): [{"code":"OIL","category":"ENERGY","count":1,
-- "text":"oil","offsets":[55,58]}, ...], in text order; NULL when none.
-- Mentions stored before this migration have NULL.
ALTER TABLE event_mentions ADD COLUMN issues TEXT;
