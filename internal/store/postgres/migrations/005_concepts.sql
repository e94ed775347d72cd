-- Concepts of the concern vocabulary that editors changed or added (see the SQLite store).
CREATE TABLE concepts (
	id       TEXT PRIMARY KEY,
	position INTEGER NOT NULL,
	doc      JSONB NOT NULL
);
