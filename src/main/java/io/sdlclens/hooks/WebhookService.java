package io.sdlclens.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sdlclens.error.ApiException;
import io.sdlclens.error.ErrorCode;
import io.sdlclens.freshness.FreshnessService;
import io.sdlclens.freshness.FreshnessService.Outcome;
import io.sdlclens.hooks.WebhookRepository.Candidate;
import io.sdlclens.source.GitSourceException;
import io.sdlclens.source.GitUrlPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A webhook delivery from verification to the syncs it starts. Each step that refuses or ends the delivery counts
 * its outcome; the payload only says which projects to look at, never what they contain.
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    private final WebhookConfig config;
    private final WebhookRepository repository;
    private final FreshnessService freshness;
    private final WebhookMetrics metrics;
    private final ObjectMapper json;

    public WebhookService(
            WebhookConfig config,
            WebhookRepository repository,
            FreshnessService freshness,
            WebhookMetrics metrics,
            ObjectMapper json) {
        this.config = config;
        this.repository = repository;
        this.freshness = freshness;
        this.metrics = metrics;
        this.json = json;
    }

    /**
     * @param event the event header ({@code push}, {@code Push Hook}, …), possibly null
     * @param credential the signature or token header, possibly null
     * @param body the raw body, as signed
     */
    public Uni<Delivery> receive(Provider provider, String event, String credential, byte[] body) {
        Optional<String> secret = config.secret().filter(s -> !s.isBlank());
        if (secret.isEmpty()) {
            return refuse(
                    provider,
                    WebhookMetrics.Outcome.DISABLED,
                    new ApiException(
                            403,
                            ErrorCode.FORBIDDEN,
                            "Webhooks are disabled: set SDLC_LENS_WEBHOOK_SECRET on the service and the same secret"
                                    + " in the webhook"));
        }
        if (!provider.verifies(secret.get(), credential, body)) {
            return refuse(
                    provider,
                    WebhookMetrics.Outcome.BAD_SIGNATURE,
                    new ApiException(
                            401,
                            ErrorCode.UNAUTHORIZED,
                            provider.credentialHeader() + " is missing or does not verify: the webhook's secret must"
                                    + " be the service's SDLC_LENS_WEBHOOK_SECRET"));
        }
        if (!provider.isPush(event)) {
            LOG.debugf("Webhook (%s): event %s ignored", provider.wireName(), event);
            metrics.delivered(provider, WebhookMetrics.Outcome.IGNORED);
            return Uni.createFrom().item(Delivery.NOTHING);
        }
        Optional<Push> push;
        try {
            push = provider.readPush(parse(body));
        } catch (ApiException invalid) {
            return refuse(provider, WebhookMetrics.Outcome.INVALID, invalid);
        }
        if (push.isEmpty()) {
            metrics.delivered(provider, WebhookMetrics.Outcome.IGNORED);
            return Uni.createFrom().item(Delivery.NOTHING);
        }
        return start(push.get()).invoke(delivery -> {
            LOG.debugf(
                    "Webhook (%s): push to %s, triggered %s, queued %s",
                    provider.wireName(), push.get().branch(), delivery.triggered(), delivery.queued());
            metrics.delivered(
                    provider,
                    delivery.startedNothing() ? WebhookMetrics.Outcome.IGNORED : WebhookMetrics.Outcome.TRIGGERED);
        });
    }

    /** Requests a sync of every repository project on the pushed branch whose URL names the pushed repository. */
    private Uni<Delivery> start(Push push) {
        Set<String> pushed = new HashSet<>();
        for (String url : push.repositoryUrls()) {
            normalised(url).ifPresent(pushed::add);
        }
        return repository.onBranch(push.branch()).flatMap(candidates -> {
            List<String> slugs = candidates.stream()
                    .filter(candidate -> normalised(candidate.repoUrl())
                            .map(pushed::contains)
                            .orElse(false))
                    .map(Candidate::slug)
                    .toList();
            if (slugs.isEmpty()) {
                return Uni.createFrom().item(Delivery.NOTHING);
            }
            List<Uni<Map.Entry<String, Outcome>>> requests = slugs.stream()
                    .map(slug -> freshness.requestSync(slug, "webhook").map(outcome -> Map.entry(slug, outcome)))
                    .toList();
            return Uni.join().all(requests).andFailFast().map(WebhookService::delivery);
        });
    }

    private static Delivery delivery(List<Map.Entry<String, Outcome>> outcomes) {
        List<String> triggered = new ArrayList<>();
        List<String> queued = new ArrayList<>();
        for (Map.Entry<String, Outcome> entry : outcomes) {
            // NOT_FOUND: the project was deleted since it was matched, nothing to report
            switch (entry.getValue()) {
                case STARTED -> triggered.add(entry.getKey());
                case QUEUED -> queued.add(entry.getKey());
                case NOT_FOUND -> {}
            }
        }
        return new Delivery(List.copyOf(triggered), List.copyOf(queued));
    }

    /** A stored URL the policy cannot read, or a payload URL in an odd form, simply matches nothing. */
    private static Optional<String> normalised(String url) {
        try {
            return Optional.of(GitUrlPolicy.normalise(url));
        } catch (GitSourceException e) {
            return Optional.empty();
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode payload = body.length == 0 ? null : json.readTree(body);
            if (payload == null || payload.isMissingNode()) {
                throw new IOException("no JSON document");
            }
            return payload;
        } catch (IOException e) {
            throw ApiException.validation("Malformed JSON body: the webhook must send its payload as application/json"
                    + " (content type application/json in the webhook's settings)");
        }
    }

    private <T> Uni<T> refuse(Provider provider, WebhookMetrics.Outcome outcome, ApiException refusal) {
        metrics.delivered(provider, outcome);
        // the message names headers and settings, never the secret or what was presented
        LOG.infof("Webhook (%s) refused with %d: %s", provider.wireName(), refusal.status(), refusal.getMessage());
        return Uni.createFrom().failure(refusal);
    }
}
