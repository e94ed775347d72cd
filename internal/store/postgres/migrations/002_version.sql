-- directory_version counts writes, so that every instance and process reading this database
-- can tell cheaply that the directory changed and reload it.
CREATE TABLE directory_version (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	version BIGINT NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (1, 0);
