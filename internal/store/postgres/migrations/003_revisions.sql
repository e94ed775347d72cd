-- Every version of every resource and topic (see the SQLite store's migration for why).
CREATE TABLE revisions (
	id        BIGSERIAL PRIMARY KEY,
	kind      TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	author    TEXT NOT NULL,
	action    TEXT NOT NULL,
	note      TEXT NOT NULL DEFAULT '',
	at        TIMESTAMPTZ NOT NULL,
	changed   JSONB NOT NULL,
	doc       JSONB NOT NULL
);
CREATE INDEX revisions_entity ON revisions (kind, entity_id, id);

INSERT INTO revisions (kind, entity_id, author, action, note, at, changed, doc)
SELECT 'resource', id, 'signpost', 'create', 'state when revisions began', updated_at, '[]', doc FROM resources ORDER BY position;
INSERT INTO revisions (kind, entity_id, author, action, note, at, changed, doc)
SELECT 'topic', id, 'signpost', 'create', 'state when revisions began', now(), '[]', doc FROM topics ORDER BY position;
