-- The lease's columns become key columns of the project row. PostgreSQL lets an UPDATE that changes no key
-- column take a weaker row lock (FOR NO KEY UPDATE) that does not conflict with FOR KEY SHARE; an UPDATE that
-- changes a column of a unique index takes FOR UPDATE, which does. A sync batch holds FOR KEY SHARE on its
-- project (SyncLease), so: every change of run_id or sync_status (a takeover, the reaper, the run's own finish,
-- any replica) waits until the batches in flight have committed, and then fails their successors' fence; while
-- the heartbeat, progress, follow-up requests, poll claims and edits of other columns go on beside the batches
-- instead of queueing behind them (and making new batches queue behind themselves).
-- run_id is a fresh UUID per run, so the pair is unique anyway; NULLs (never synced) do not collide.
CREATE UNIQUE INDEX project_lease_key ON project (run_id, sync_status);
