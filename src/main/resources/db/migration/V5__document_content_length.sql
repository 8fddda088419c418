-- The body's length without surrounding whitespace, computed when a document is written. The health check reads
-- it for every document of a project; computing it there meant reading every body (all of the TOASTed text).
ALTER TABLE document
    ADD COLUMN content_length INTEGER GENERATED ALWAYS AS (char_length(btrim(content, E' \t\r\n'))) STORED;
