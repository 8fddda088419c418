package io.sdlclens.freshness;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** What keeping projects current does, for Prometheus: head checks by outcome, automatic starts by reason. */
@ApplicationScoped
public class FreshnessMetrics {

    private final MeterRegistry registry;

    public FreshnessMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param outcome {@code changed}, {@code unchanged} or {@code failed} */
    public void polled(String outcome) {
        Counter.builder("sdlc.lens.poll.checks")
                .description("Head checks of polled projects by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** An automatic sync request and what came of it ({@code started}, {@code queued}, {@code not_found}). */
    public void requested(String reason, FreshnessService.Outcome outcome) {
        Counter.builder("sdlc.lens.sync.requests")
                .description("Automatic sync requests (watch, rescan, poll, follow-up) by outcome")
                .tag("reason", reason)
                .tag("outcome", outcome.wireName())
                .register(registry)
                .increment();
    }
}
