-- What the project's .config.yaml / .version say, as the last completed sync read them (null until known).
-- Text, not numbers: a schema version is an identifier ("3", "3.10", "2026.1"), kept exactly as written.
ALTER TABLE project
    ADD COLUMN schema_version TEXT,
    ADD COLUMN profile        TEXT;

-- Fingerprint of the project-defined statuses a document was parsed with ('' = the built-in vocabulary only).
-- With parser_epoch it decides whether a stored document is current: a changed status_vocab re-parses it.
ALTER TABLE document
    ADD COLUMN status_vocab_hash TEXT NOT NULL DEFAULT '';

-- Things a run wants a person to know that are not errors (an empty folder, a malformed config).
ALTER TABLE sync_run
    ADD COLUMN warnings TEXT[] NOT NULL DEFAULT '{}';
