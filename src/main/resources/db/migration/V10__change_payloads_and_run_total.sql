-- How many files a run listed, recorded once after listing (null until then), so a client can draw a bar.
ALTER TABLE sync_run
    ADD COLUMN total INTEGER;

-- The change notifications of V3 now say what changed, so a replica can tell its event stream clients without
-- reading everything: {"kind": …, "slug": …[, "run_id": …]} with kind
--   project          a project row was inserted or updated
--   project-deleted  a project row was deleted
--   run              a sync run was inserted or updated (its counts, status, total)
--   heartbeat        only a heartbeat moved (a row still changed: caches that show heartbeat_at drop it)
--   reset            a truncate, or a run deleted with its project: anything may have changed
-- Whoever only needs "something changed" (the project read cache) still drops everything on any notification.
-- Notifications of one transaction with the same payload are still folded into one.
CREATE OR REPLACE FUNCTION notify_project_change() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    kind    TEXT;
    slug    TEXT;
    run_id  UUID;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        kind := 'reset';
    ELSIF TG_TABLE_NAME = 'project' THEN
        IF TG_OP = 'DELETE' THEN
            kind := 'project-deleted';
            slug := OLD.slug;
        ELSE
            slug := NEW.slug;
            kind := CASE
                        WHEN TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'heartbeat_at') = (to_jsonb(OLD) - 'heartbeat_at')
                            THEN 'heartbeat'
                        ELSE 'project' END;
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        -- the project row may already be gone (ON DELETE CASCADE), and its own notification names it; no run id,
        -- so that the deletions of one transaction fold into one notification
        kind := 'reset';
    ELSE
        run_id := NEW.run_id;
        SELECT p.slug INTO slug FROM project p WHERE p.id = NEW.project_id;
        kind := CASE
                    WHEN TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'heartbeat_at') = (to_jsonb(OLD) - 'heartbeat_at')
                        THEN 'heartbeat'
                    ELSE 'run' END;
    END IF;
    PERFORM pg_notify('sdlc_lens_project_change',
                      json_build_object('kind', kind, 'slug', slug, 'run_id', run_id)::text);
    RETURN NULL;
END
$$;
