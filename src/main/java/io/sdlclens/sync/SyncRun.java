package io.sdlclens.sync;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.sdlclens.project.SyncStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One sync run's record. Written by {@link SyncLease} (fenced SQL), read through {@link SyncRunRepository}. */
@Entity
@Table(name = "sync_run")
public class SyncRun extends PanacheEntityBase {

    @Id
    public UUID runId;

    public Long projectId;
    public SyncStatus status;
    public Instant startedAt;
    public Instant finishedAt;
    public Instant heartbeatAt;
    public int added;
    public int updated;
    public int skipped;
    public int deleted;
    public int errors;
    public boolean completed;
    public String error;

    /** Never null: a run without warnings has an empty array. */
    public String[] warnings = new String[0];
}
