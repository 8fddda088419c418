-- Every committed change to what a project read shows (the project row, its runs) notifies the replicas, which
-- hold project reads in memory between changes. Row-level, so a statement that changes nothing (the reaper's
-- periodic UPDATE, a fenced write that lost its lease) notifies nobody; PostgreSQL folds the identical,
-- payload-free notifications of one transaction into one, and sends them only if it commits.
CREATE FUNCTION notify_project_change() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_notify('sdlc_lens_project_change', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER project_change
    AFTER INSERT OR UPDATE OR DELETE ON project
    FOR EACH ROW EXECUTE FUNCTION notify_project_change();

CREATE TRIGGER project_truncate
    AFTER TRUNCATE ON project
    FOR EACH STATEMENT EXECUTE FUNCTION notify_project_change();

CREATE TRIGGER sync_run_change
    AFTER INSERT OR UPDATE OR DELETE ON sync_run
    FOR EACH ROW EXECUTE FUNCTION notify_project_change();

CREATE TRIGGER sync_run_truncate
    AFTER TRUNCATE ON sync_run
    FOR EACH STATEMENT EXECUTE FUNCTION notify_project_change();
