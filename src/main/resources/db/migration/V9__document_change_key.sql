-- What a sync compares to skip a document without reading it, for every kind of source in one column: a folder
-- stores 'stat:<size>:<mtime in µs>' (only once the file had been still for a while before it was read, the
-- racy-clean rule), a git tree 'blob:<blob id>' (the blob id changes exactly when the bytes do). NULL = read it.
ALTER TABLE document ADD COLUMN change_key TEXT;

UPDATE document
   SET change_key = 'stat:' || file_size || ':' || settled_mtime_us
 WHERE settled_mtime_us IS NOT NULL;

ALTER TABLE document DROP COLUMN settled_mtime_us;
