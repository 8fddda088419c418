-- Search vectors move to a narrow table of their own, stored inline (STORAGE MAIN). Ranking a common word
-- reads the vector of every document that contains it; out of line (TOAST) each read is an index lookup plus
-- chunk fetches, two thirds of the whole query. Inline in the document table they would make every other scan
-- of documents (lists sorted by title, statistics, the health check) four times larger.
CREATE TABLE document_search (
    document_id   BIGINT   PRIMARY KEY REFERENCES document (id) ON DELETE CASCADE,
    project_id    BIGINT   NOT NULL,
    doc_type      TEXT     NOT NULL,
    search_vector TSVECTOR NOT NULL
);
ALTER TABLE document_search ALTER COLUMN search_vector SET STORAGE MAIN;

-- Title outranks body. PostgreSQL refuses a tsvector over 1 MB, so only the first 250,000 characters of a body
-- are indexed (a bounded part: a huge document still syncs and is found).
CREATE FUNCTION document_search_vector(title TEXT, content TEXT) RETURNS TSVECTOR
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT setweight(to_tsvector('english'::regconfig, title), 'A')
           || setweight(to_tsvector('english'::regconfig, left(content, 250000)), 'B')
$$;

-- Kept by the database itself, in the writing transaction: whatever writes a document, its vector follows.
CREATE FUNCTION document_search_write() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO document_search (document_id, project_id, doc_type, search_vector)
    VALUES (NEW.id, NEW.project_id, NEW.doc_type, document_search_vector(NEW.title, NEW.content))
    ON CONFLICT (document_id) DO UPDATE
        SET project_id = EXCLUDED.project_id, doc_type = EXCLUDED.doc_type,
            search_vector = EXCLUDED.search_vector;
    RETURN NULL;
END
$$;

CREATE TRIGGER document_search_insert
    AFTER INSERT ON document
    FOR EACH ROW EXECUTE FUNCTION document_search_write();

CREATE TRIGGER document_search_update
    AFTER UPDATE OF title, content, doc_type, project_id ON document
    FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.content IS DISTINCT FROM NEW.content
          OR OLD.doc_type IS DISTINCT FROM NEW.doc_type OR OLD.project_id IS DISTINCT FROM NEW.project_id)
    EXECUTE FUNCTION document_search_write();

INSERT INTO document_search (document_id, project_id, doc_type, search_vector)
SELECT id, project_id, doc_type, search_vector FROM document;

DROP INDEX document_search_idx;
ALTER TABLE document DROP COLUMN search_vector;
CREATE INDEX document_search_vector_idx ON document_search USING GIN (search_vector);
