package io.sdlclens.hooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Webhook deliveries for Prometheus: {@code sdlc_lens_webhook_deliveries_total{provider, outcome}}. */
@ApplicationScoped
@Startup // the counters exist (at zero) from the start, not from the first delivery
public class WebhookMetrics {

    /** What came of a delivery. */
    public enum Outcome {
        /** a push that started or queued a sync of at least one project */
        TRIGGERED,
        /** verified, but nothing to do: another event, a tag, a push no project follows */
        IGNORED,
        /** the signature or token is missing or does not verify */
        BAD_SIGNATURE,
        /** no webhook secret is configured */
        DISABLED,
        /** the body is over the webhooks' limit */
        TOO_LARGE,
        /** a verified push whose payload cannot be read */
        INVALID;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Provider, Map<Outcome, Counter>> counters = new EnumMap<>(Provider.class);

    public WebhookMetrics(MeterRegistry registry) {
        // every pair up front, so that a rate over "bad_signature" exists before the first attack
        for (Provider provider : Provider.values()) {
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(
                        outcome,
                        Counter.builder("sdlc.lens.webhook.deliveries")
                                .description("Webhook deliveries by sender and outcome")
                                .tag("provider", provider.wireName())
                                .tag("outcome", outcome.wireName())
                                .register(registry));
            }
            counters.put(provider, byOutcome);
        }
    }

    public void delivered(Provider provider, Outcome outcome) {
        counters.get(provider).get(outcome).increment();
    }
}
