-- Resources and topics are kept as validated JSON documents (the domain types' own encoding)
-- keyed by id: reads load the whole directory into memory, and revisions (a later migration)
-- keep whole-document snapshots, so a table per nested HSDS object would add joins for nothing.
CREATE TABLE resources (
	id         TEXT PRIMARY KEY,
	position   INTEGER NOT NULL,
	doc        TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE TABLE topics (
	id       TEXT PRIMARY KEY,
	position INTEGER NOT NULL,
	doc      TEXT NOT NULL
);

CREATE TABLE holidays (
	calendar TEXT NOT NULL,
	date     TEXT NOT NULL,
	name     TEXT NOT NULL,
	source   TEXT NOT NULL DEFAULT '',
	verified INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (calendar, date)
);

CREATE TABLE terms (
	name       TEXT NOT NULL,
	start_date TEXT NOT NULL,
	end_date   TEXT NOT NULL,
	label      TEXT NOT NULL DEFAULT '',
	source     TEXT NOT NULL DEFAULT '',
	verified   INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (name, start_date)
);
