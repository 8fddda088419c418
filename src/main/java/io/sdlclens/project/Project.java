package io.sdlclens.project;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A registered sdlc-studio folder. Its row also holds the sync lease ({@code runId}, {@code heartbeatAt}); the
 * lease columns are only ever changed by the conditional statements in {@link ProjectRepository} and the sync
 * package, never through entity updates.
 */
@Entity
@DynamicUpdate
@Table(name = "project")
public class Project extends PanacheEntityBase {

    public static final String SOURCE_TYPE_LOCAL = "local";
    public static final String SOURCE_TYPE_GIT = "git";
    public static final String SOURCE_TYPE_GITHUB = "github";
    public static final java.util.Set<String> SOURCE_TYPES =
            java.util.Set.of(SOURCE_TYPE_LOCAL, SOURCE_TYPE_GIT, SOURCE_TYPE_GITHUB);
    public static final String DEFAULT_BRANCH = "main";
    public static final String DEFAULT_REPO_PATH = "sdlc-studio";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;
    public String name;
    public String sourceType;
    public String sdlcPath;

    // git/github sources (API.md "Sources"); a local project keeps the defaults
    public String repoUrl;
    public String repoBranch = DEFAULT_BRANCH;
    public String repoPath = DEFAULT_REPO_PATH;
    public Long connectionId;

    /** The project's own token, only ever AES-GCM ciphertext ({@code TokenCipher}); responses show the mask. */
    public byte[] accessToken;

    public String maskedToken;
    public boolean autoSync;

    /** The commit the last completed run of a git/github project read; written by the sync's fenced final write. */
    @Column(insertable = false, updatable = false)
    public String lastSyncedCommitSha;

    // Sync state: read-only for Hibernate so that saving a renamed project can never overwrite a lease that a
    // sync changed in the meantime. New rows take the column defaults (never_synced, no lease).
    @Column(insertable = false, updatable = false)
    public SyncStatus syncStatus = SyncStatus.NEVER_SYNCED;

    @Column(insertable = false, updatable = false)
    public String syncError;

    @Column(insertable = false, updatable = false)
    public Instant lastSyncedAt;

    @Column(insertable = false, updatable = false)
    public UUID runId;

    @Column(insertable = false, updatable = false)
    public Instant syncStartedAt;

    @Column(insertable = false, updatable = false)
    public Instant heartbeatAt;

    /** From the source's {@code .config.yaml} / {@code .version}, as the last completed sync read them. */
    @Column(insertable = false, updatable = false)
    public String schemaVersion;

    @Column(insertable = false, updatable = false)
    public String profile;

    /** Maintained by the sync's document writes. */
    @Column(insertable = false, updatable = false)
    public int documentCount;

    public Instant createdAt;
    public Instant updatedAt;
}
