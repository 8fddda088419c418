-- Every word of a document is findable, however long it is. PostgreSQL caps a tsvector at 1 MB and positions at
-- 16383, so a long body is indexed as several bounded vectors (chunks), one row each in document_search. A body of
-- at most 16,000 bytes (every normal document) keeps exactly one row, with the same vector as before (whole = true),
-- so its searches cost what they did. Longer bodies are cut after a whitespace byte into chunks of at most 16,000
-- bytes (at most ~16,000 positions: phrases stay exact inside a chunk), each overlapping the previous one by at
-- least 2,000 bytes, so a phrase (a query is at most 500 characters) that spans a cut lies whole in one chunk.
-- Every chunk carries the title too, so a title hit ranks above a body hit wherever the body match is.
ALTER TABLE document_search DROP CONSTRAINT document_search_pkey;
ALTER TABLE document_search
    ADD COLUMN chunk      INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN whole      BOOLEAN NOT NULL DEFAULT true,
    -- where the chunk's text lies in the body (characters), for snippets; null for a whole body
    ADD COLUMN char_start INTEGER,
    ADD COLUMN char_len   INTEGER;
ALTER TABLE document_search ADD PRIMARY KEY (document_id, chunk);

-- The largest cut in (floor, limit] that falls right after a whitespace byte (so the next piece starts a token);
-- without one, the largest cut on a character boundary. ASCII whitespace never occurs inside a UTF-8 sequence.
CREATE FUNCTION document_search_cut(bytes BYTEA, lim INTEGER, floor INTEGER) RETURNS INTEGER
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    p INTEGER := lim;
    b INTEGER;
BEGIN
    WHILE p > floor LOOP
        b := get_byte(bytes, p - 1);
        IF b = 32 OR b = 10 OR b = 9 OR b = 13 THEN
            RETURN p;
        END IF;
        p := p - 1;
    END LOOP;
    p := lim;
    WHILE p > floor + 1 AND (get_byte(bytes, p) & 192) = 128 LOOP
        p := p - 1;
    END LOOP;
    RETURN p;
END
$$;

-- A body's chunks: its number, whether it is the whole body, where it lies (characters) and its text.
-- Works on the UTF-8 bytes so that each cut costs O(1) and a 10 MB body is split in linear time.
CREATE FUNCTION document_search_chunks(content TEXT)
    RETURNS TABLE (chunk INTEGER, whole BOOLEAN, char_start INTEGER, char_len INTEGER, body TEXT)
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    chunk_bytes   CONSTANT INTEGER := 16000;
    overlap_bytes CONSTANT INTEGER := 2000;
    bytes   BYTEA;
    total   INTEGER;
    start_b INTEGER := 0;
    start_c INTEGER := 0;
    end_b   INTEGER;
    next_b  INTEGER;
    n       INTEGER := 0;
BEGIN
    IF octet_length(content) <= chunk_bytes THEN
        chunk := 0; whole := true; char_start := NULL; char_len := NULL; body := content;
        RETURN NEXT;
        RETURN;
    END IF;
    bytes := convert_to(content, 'UTF8');
    total := length(bytes);
    whole := false;
    LOOP
        IF total - start_b <= chunk_bytes THEN
            end_b := total;
        ELSE
            end_b := document_search_cut(bytes, start_b + chunk_bytes, start_b + chunk_bytes / 2);
        END IF;
        body := convert_from(substring(bytes FROM start_b + 1 FOR end_b - start_b), 'UTF8');
        chunk := n; char_start := start_c; char_len := length(body);
        RETURN NEXT;
        EXIT WHEN end_b >= total;
        next_b := document_search_cut(bytes, end_b - overlap_bytes, end_b - overlap_bytes - chunk_bytes / 4);
        start_c := start_c + length(convert_from(substring(bytes FROM start_b + 1 FOR next_b - start_b), 'UTF8'));
        start_b := next_b;
        n := n + 1;
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION document_search_write() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    title_vector TSVECTOR := setweight(to_tsvector('english'::regconfig, NEW.title), 'A');
BEGIN
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM document_search WHERE document_id = NEW.id;
    END IF;
    INSERT INTO document_search (document_id, chunk, whole, char_start, char_len, project_id, doc_type, search_vector)
    SELECT NEW.id, c.chunk, c.whole, c.char_start, c.char_len, NEW.project_id, NEW.doc_type,
           title_vector || setweight(to_tsvector('english'::regconfig, c.body), 'B')
      FROM document_search_chunks(NEW.content) c;
    RETURN NULL;
END
$$;

-- Existing rows: a body within one chunk already has the right vector; longer ones are indexed again, whole.
DELETE FROM document_search s USING document d
 WHERE d.id = s.document_id AND octet_length(d.content) > 16000;
INSERT INTO document_search (document_id, chunk, whole, char_start, char_len, project_id, doc_type, search_vector)
SELECT d.id, c.chunk, c.whole, c.char_start, c.char_len, d.project_id, d.doc_type,
       setweight(to_tsvector('english'::regconfig, d.title), 'A')
           || setweight(to_tsvector('english'::regconfig, c.body), 'B')
  FROM document d, document_search_chunks(d.content) c
 WHERE octet_length(d.content) > 16000;

DROP FUNCTION document_search_vector(TEXT, TEXT);

-- Two partial indexes: searching whole bodies (nearly every document) reads an index of exactly those, as before;
-- the chunks of long bodies have a small index of their own, so looking for them costs nothing when there are none.
DROP INDEX document_search_vector_idx;
CREATE INDEX document_search_whole_idx ON document_search USING GIN (search_vector) WHERE whole;
CREATE INDEX document_search_chunk_idx ON document_search USING GIN (search_vector) WHERE NOT whole;
