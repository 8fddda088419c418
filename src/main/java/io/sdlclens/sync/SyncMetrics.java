package io.sdlclens.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** What the sync does, for Prometheus: runs by outcome, their duration, and what they did to documents. */
@ApplicationScoped
public class SyncMetrics {

    private final MeterRegistry registry;
    private final Counter added;
    private final Counter updated;
    private final Counter deleted;
    private final Counter skipped;
    private final Counter fileErrors;

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.added = documents("added");
        this.updated = documents("updated");
        this.deleted = documents("deleted");
        this.skipped = documents("skipped");
        this.fileErrors = Counter.builder("sdlc.lens.sync.file.errors")
                .description("Files a sync could not read, decode or store")
                .register(registry);
    }

    /**
     * @param outcome {@code synced}, {@code error}, or {@code lease_lost} when the end could not be recorded
     * @param counts what the run did; null when it stopped without a final count
     */
    public void runEnded(String outcome, Duration duration, SyncCounts counts) {
        Counter.builder("sdlc.lens.sync.runs")
                .description("Sync runs by how they ended")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        Timer.builder("sdlc.lens.sync.duration")
                .description("Time from a run's start to its end")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(duration);
        if (counts != null) {
            added.increment(counts.added());
            updated.increment(counts.updated());
            deleted.increment(counts.deleted());
            skipped.increment(counts.skipped());
            fileErrors.increment(counts.errors());
        }
    }

    private Counter documents(String change) {
        return Counter.builder("sdlc.lens.sync.documents")
                .description("Documents by what a sync did to them")
                .tag("change", change)
                .register(registry);
    }
}
