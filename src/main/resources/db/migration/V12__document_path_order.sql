-- A sync reads a project's stored documents page by page in path order and merges them with the source's listing,
-- which is sorted by code point (the byte order of UTF-8). That is the "C" collation's order; an index on the
-- column's default collation cannot serve it (even in a C database the planner needs the collations to match).
CREATE INDEX document_path_order_idx ON document (project_id, file_path COLLATE "C");
