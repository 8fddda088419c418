-- Search cost independent of the number of hits.
--
-- 1. A narrow table: the search vectors move out of line (TOAST, lz4 where the server has it), so the exact count of
--    a common word, a bitmap heap scan over its hits, reads a few thousand narrow pages instead of every vector.
--    Reading a vector now costs a TOAST fetch, which only the few ranked candidates pay.
-- 2. A rank tier per row (tier_vector): the row's vector with only the lexemes that occur in the title or at least
--    12 times, with all their positions. For one word, ts_rank ranks any title hit above every body hit and more
--    occurrences above fewer, so every row outside the tier ranks below every row inside it, and inside it
--    ts_rank(tier_vector) equals ts_rank(search_vector). The tier is small and inline, with its own GIN index:
--    searching ranks the tier's hits cheaply, then ranks exactly only the best few hundred of them.
CREATE FUNCTION document_search_tier(v TSVECTOR) RETURNS TSVECTOR
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT ts_delete(v, ARRAY(SELECT u.lexeme FROM unnest(v) u
                           WHERE NOT ('A' = ANY (u.weights)) AND cardinality(u.positions) < 12))
$$;

ALTER TABLE document_search RENAME TO document_search_before;

CREATE TABLE document_search (
    document_id   BIGINT   NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    chunk         INTEGER  NOT NULL DEFAULT 0,
    whole         BOOLEAN  NOT NULL DEFAULT true,
    char_start    INTEGER,
    char_len      INTEGER,
    project_id    BIGINT   NOT NULL,
    doc_type      TEXT     NOT NULL,
    tier_vector   TSVECTOR NOT NULL,
    search_vector TSVECTOR NOT NULL
) WITH (toast_tuple_target = 128);
ALTER TABLE document_search ALTER COLUMN tier_vector SET STORAGE MAIN;

DO $$
BEGIN
    ALTER TABLE document_search ALTER COLUMN search_vector SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    NULL; -- a server built without lz4 keeps its default compression
END
$$;

-- the concatenation makes a fresh value, so it is compressed anew and moved out of line
INSERT INTO document_search (document_id, chunk, whole, char_start, char_len, project_id, doc_type, tier_vector,
                             search_vector)
SELECT document_id, chunk, whole, char_start, char_len, project_id, doc_type, document_search_tier(search_vector),
       search_vector || ''::tsvector
  FROM document_search_before;

DROP TABLE document_search_before;

ALTER TABLE document_search ADD PRIMARY KEY (document_id, chunk);
CREATE INDEX document_search_whole_idx ON document_search USING GIN (search_vector) WHERE whole;
CREATE INDEX document_search_chunk_idx ON document_search USING GIN (search_vector) WHERE NOT whole;
CREATE INDEX document_search_tier_idx ON document_search USING GIN (tier_vector) WHERE whole;

CREATE OR REPLACE FUNCTION document_search_write() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    title_vector TSVECTOR := setweight(to_tsvector('english'::regconfig, NEW.title), 'A');
BEGIN
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM document_search WHERE document_id = NEW.id;
    END IF;
    INSERT INTO document_search (document_id, chunk, whole, char_start, char_len, project_id, doc_type, tier_vector,
                                 search_vector)
    SELECT NEW.id, v.chunk, v.whole, v.char_start, v.char_len, NEW.project_id, NEW.doc_type,
           document_search_tier(v.search_vector), v.search_vector
      FROM (SELECT c.chunk, c.whole, c.char_start, c.char_len,
                   title_vector || setweight(to_tsvector('english'::regconfig, c.body), 'B') AS search_vector
              FROM document_search_chunks(NEW.content) c
            OFFSET 0) v; -- OFFSET 0: the vector is computed once, not once per use
    RETURN NULL;
END
$$;

ANALYZE document_search;
