-- The same shape as the SQLite store: validated JSON documents keyed by id (see its
-- migration for why), with JSONB so that operators can query them in SQL.
CREATE TABLE resources (
	id         TEXT PRIMARY KEY,
	position   INTEGER NOT NULL,
	doc        JSONB NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE topics (
	id       TEXT PRIMARY KEY,
	position INTEGER NOT NULL,
	doc      JSONB NOT NULL
);

CREATE TABLE holidays (
	calendar TEXT NOT NULL,
	date     TEXT NOT NULL,
	name     TEXT NOT NULL,
	source   TEXT NOT NULL DEFAULT '',
	verified BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (calendar, date)
);

CREATE TABLE terms (
	name       TEXT NOT NULL,
	start_date TEXT NOT NULL,
	end_date   TEXT NOT NULL,
	label      TEXT NOT NULL DEFAULT '',
	source     TEXT NOT NULL DEFAULT '',
	verified   BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (name, start_date)
);
