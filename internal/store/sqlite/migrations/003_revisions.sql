-- revisions keeps every version of every resource and topic: the whole document after each
-- change, who made it and which fields changed. Nothing is deleted from it.
CREATE TABLE revisions (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	kind      TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	author    TEXT NOT NULL,
	action    TEXT NOT NULL,
	note      TEXT NOT NULL DEFAULT '',
	at        TEXT NOT NULL,
	changed   TEXT NOT NULL,
	doc       TEXT NOT NULL
);
CREATE INDEX revisions_entity ON revisions (kind, entity_id, id);

-- A database from before revisions gets a first revision of what it holds, so that the first
-- edit of each entity has something to compare with and to restore.
INSERT INTO revisions (kind, entity_id, author, action, note, at, changed, doc)
SELECT 'resource', id, 'signpost', 'create', 'state when revisions began', updated_at, '[]', doc FROM resources ORDER BY position;
INSERT INTO revisions (kind, entity_id, author, action, note, at, changed, doc)
SELECT 'topic', id, 'signpost', 'create', 'state when revisions began', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), '[]', doc FROM topics ORDER BY position;
