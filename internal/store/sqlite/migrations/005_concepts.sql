-- Concepts of the concern vocabulary that editors changed or added; the rest come from the
-- navigator's files.
CREATE TABLE concepts (
	id       TEXT PRIMARY KEY,
	position INTEGER NOT NULL,
	doc      TEXT NOT NULL
);
