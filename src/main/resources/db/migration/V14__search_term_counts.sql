-- Per-word document counts kept at write time, so that the total of a one-word search costs a few index rows
-- instead of a visit to each of its hits (31-47 ms for a word in 93 % of 100,000 documents).
--
-- A count is kept per (lexeme, project, type) over the whole-body rows of document_search: the number of those
-- rows whose vector holds the lexeme, which is the number of whole-body hits of a query of that one lexeme.
-- Writers only append: each statement that changes documents appends its net change per key to
-- search_term_delta (one row per key and statement, no lock on a shared row, so the parallel writers of a sync
-- never wait for each other). search_term_fold(project) moves a project's deltas into search_term_count in one
-- statement, keeping every sum; a search adds both tables. Folding is safe at any moment, from any process and
-- concurrently with writers or with another fold: each delta row it deletes is added exactly once, in the same
-- transaction, and rows it cannot see yet stay where they are.
-- Besides, the rank tier (V11) is kept per word too: search_term_top holds, for every whole-body row and every
-- lexeme of its tier vector, ts_rank of the tier vector for that lexeme, the very score by which the two-stage
-- search picks a one-word query's best tier hits. That pick becomes an index scan of the best few hundred entries
-- instead of ranking every tier hit (7,296 for a word in 93 % of 100,000 documents). A lexeme holding a quote or a
-- backslash is left out: a query of such a word is never answered from these tables (QueryShape.countedLexeme).
CREATE TABLE search_term_top (
    lexeme      TEXT COLLATE "C" NOT NULL,
    score       REAL             NOT NULL,
    document_id BIGINT           NOT NULL,
    project_id  BIGINT           NOT NULL,
    doc_type    TEXT             NOT NULL
);

CREATE FUNCTION search_term_top_rows(document BIGINT, project BIGINT, type TEXT, tier TSVECTOR)
    RETURNS SETOF search_term_top
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT l, ts_rank(tier, format('''%s''', l)::tsquery), document, project, type
  FROM unnest(tsvector_to_array(tier)) AS l
 WHERE strpos(l, '''') = 0 AND strpos(l, '\') = 0
$$;

CREATE TABLE search_term_count (
    lexeme     TEXT COLLATE "C" NOT NULL,
    project_id BIGINT           NOT NULL,
    doc_type   TEXT             NOT NULL,
    documents  INTEGER          NOT NULL,
    PRIMARY KEY (lexeme, project_id, doc_type)
);

CREATE TABLE search_term_delta (
    project_id BIGINT           NOT NULL,
    doc_type   TEXT             NOT NULL,
    lexeme     TEXT COLLATE "C" NOT NULL,
    documents  INTEGER          NOT NULL
);
CREATE INDEX search_term_delta_lexeme_idx ON search_term_delta (lexeme);
CREATE INDEX search_term_delta_project_idx ON search_term_delta (project_id);

CREATE FUNCTION search_term_fold(project BIGINT) RETURNS INTEGER
    LANGUAGE plpgsql
AS $$
DECLARE
    zero_lexemes TEXT[];
    zero_types   TEXT[];
    keys         INTEGER;
BEGIN
    WITH moved AS (
        DELETE FROM search_term_delta WHERE project_id = project RETURNING doc_type, lexeme, documents),
    summed AS (
        SELECT lexeme, doc_type, sum(documents)::integer AS documents
          FROM moved GROUP BY lexeme, doc_type HAVING sum(documents) <> 0
         ORDER BY lexeme, doc_type), -- one lock order for every fold: two folds of a project never deadlock
    folded AS (
        INSERT INTO search_term_count AS c (lexeme, project_id, doc_type, documents)
        SELECT lexeme, project, doc_type, documents FROM summed
            ON CONFLICT (lexeme, project_id, doc_type) DO UPDATE SET documents = c.documents + EXCLUDED.documents
        RETURNING c.lexeme, c.doc_type, c.documents)
    SELECT array_agg(lexeme) FILTER (WHERE documents = 0), array_agg(doc_type) FILTER (WHERE documents = 0),
           count(*)
      INTO zero_lexemes, zero_types, keys
      FROM folded;
    -- a word no document of the key holds any more leaves no row behind (unless a concurrent fold just added)
    DELETE FROM search_term_count c
     USING unnest(zero_lexemes, zero_types) AS z(lexeme, doc_type)
     WHERE c.lexeme = z.lexeme AND c.project_id = project AND c.doc_type = z.doc_type AND c.documents = 0;
    RETURN keys;
END
$$;

-- The search rows and the counts follow every statement that writes documents, set-based: one INSERT of the
-- search rows and one append of deltas per statement (a sync batch is one statement), where the row triggers of
-- V4-V11 ran one INSERT per document. The vectors are as in V11. An UPDATE rewrites only the documents whose
-- title, body, type or project changed. The rows a statement removes are read for their lexemes first, so
-- document_search no longer cascades from document (a cascade would delete them before this trigger sees them):
-- its foreign key is checked at commit instead, when this trigger has removed them.
CREATE OR REPLACE FUNCTION document_search_write() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    stale BIGINT[] := '{}'; -- documents whose search rows go
    fresh BIGINT[] := '{}'; -- documents whose search rows are written
BEGIN
    IF TG_OP = 'INSERT' THEN
        fresh := ARRAY(SELECT id FROM new_rows);
    ELSIF TG_OP = 'UPDATE' THEN
        stale := ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                        WHERE o.title IS DISTINCT FROM n.title OR o.content IS DISTINCT FROM n.content
                           OR o.doc_type IS DISTINCT FROM n.doc_type OR o.project_id IS DISTINCT FROM n.project_id);
        fresh := stale;
    ELSE
        stale := ARRAY(SELECT id FROM old_rows);
    END IF;
    IF cardinality(stale) > 0 THEN
        DELETE FROM search_term_top WHERE document_id = ANY (stale);
        INSERT INTO search_term_delta (project_id, doc_type, lexeme, documents)
        SELECT project_id, doc_type, lexeme, -count(*)
          FROM (SELECT project_id, doc_type, unnest(tsvector_to_array(search_vector)) AS lexeme
                  FROM document_search WHERE document_id = ANY (stale) AND whole) w
         -- a deleted project's counts are dropped whole (search_term_forget_projects)
         WHERE EXISTS (SELECT 1 FROM project p WHERE p.id = w.project_id)
         GROUP BY project_id, doc_type, lexeme;
        DELETE FROM document_search WHERE document_id = ANY (stale);
    END IF;
    IF cardinality(fresh) > 0 THEN
        INSERT INTO document_search (document_id, chunk, whole, char_start, char_len, project_id, doc_type,
                                     tier_vector, search_vector)
        SELECT n.id, v.chunk, v.whole, v.char_start, v.char_len, n.project_id, n.doc_type,
               document_search_tier(v.search_vector), v.search_vector
          FROM new_rows n
         CROSS JOIN LATERAL (
               SELECT c.chunk, c.whole, c.char_start, c.char_len,
                      setweight(to_tsvector('english'::regconfig, n.title), 'A')
                          || setweight(to_tsvector('english'::regconfig, c.body), 'B') AS search_vector
                 FROM document_search_chunks(n.content) c
               OFFSET 0) v -- OFFSET 0: the vector is computed once, not once per use
         WHERE n.id = ANY (fresh);
        -- read back from the table: a data-modifying CTE's RETURNING of the new vectors measured 1.6 x slower
        INSERT INTO search_term_top
        SELECT t.* FROM document_search s,
               search_term_top_rows(s.document_id, s.project_id, s.doc_type, s.tier_vector) t
         WHERE s.document_id = ANY (fresh) AND s.whole;
        INSERT INTO search_term_delta (project_id, doc_type, lexeme, documents)
        SELECT project_id, doc_type, lexeme, count(*)
          FROM (SELECT project_id, doc_type, unnest(tsvector_to_array(search_vector)) AS lexeme
                  FROM document_search WHERE document_id = ANY (fresh) AND whole) w
         GROUP BY project_id, doc_type, lexeme;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER document_search_insert ON document;
DROP TRIGGER document_search_update ON document;

CREATE TRIGGER document_search_insert
    AFTER INSERT ON document REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION document_search_write();

CREATE TRIGGER document_search_update
    AFTER UPDATE ON document REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION document_search_write();

CREATE TRIGGER document_search_delete
    AFTER DELETE ON document REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION document_search_write();

DO $$
DECLARE
    fk NAME;
BEGIN
    FOR fk IN SELECT conname FROM pg_constraint WHERE conrelid = 'document_search'::regclass AND contype = 'f' LOOP
        EXECUTE format('ALTER TABLE document_search DROP CONSTRAINT %I', fk);
    END LOOP;
END
$$;
ALTER TABLE document_search
    ADD CONSTRAINT document_search_document_fk FOREIGN KEY (document_id) REFERENCES document (id)
        DEFERRABLE INITIALLY DEFERRED;

-- A deleted project's documents went through the trigger above (their deltas net to zero): its counts go too.
CREATE FUNCTION search_term_forget_projects() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM search_term_count WHERE project_id IN (SELECT id FROM old_rows);
    DELETE FROM search_term_delta WHERE project_id IN (SELECT id FROM old_rows);
    RETURN NULL;
END
$$;

CREATE TRIGGER search_term_forget
    AFTER DELETE ON project REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_term_forget_projects();

INSERT INTO search_term_top
SELECT t.* FROM document_search s, search_term_top_rows(s.document_id, s.project_id, s.doc_type, s.tier_vector) t
 WHERE s.whole;
CREATE INDEX search_term_top_rank_idx ON search_term_top (lexeme, score DESC, document_id)
    INCLUDE (project_id, doc_type);
CREATE INDEX search_term_top_document_idx ON search_term_top (document_id);

INSERT INTO search_term_count (lexeme, project_id, doc_type, documents)
SELECT lexeme, project_id, doc_type, count(*)
  FROM (SELECT project_id, doc_type, unnest(tsvector_to_array(search_vector)) AS lexeme
          FROM document_search WHERE whole) w
 GROUP BY lexeme, project_id, doc_type;

ANALYZE search_term_count;
ANALYZE search_term_top;
