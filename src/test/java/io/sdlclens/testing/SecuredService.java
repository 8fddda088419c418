package io.sdlclens.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The service as an operator secures it: an API token for writes and a webhook secret. One profile for every test
 * that needs either, so the suite restarts the application once for them. The service-wide body limit is raised
 * above the webhooks' own 1 MB here, so that the webhooks' limit shows as theirs, and repository projects may
 * name {@link #UNREACHABLE_GIT} (nothing listens there: a sync of one fails at once, without the network).
 */
public class SecuredService implements QuarkusTestProfile {

    public static final String API_TOKEN = "test-token";
    public static final String WEBHOOK_SECRET = "test-only-webhook-secret";
    public static final String UNREACHABLE_GIT = "https://127.0.0.1:1";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "sdlc-lens.api-token",
                API_TOKEN,
                "sdlc-lens.webhook.secret",
                WEBHOOK_SECRET,
                "quarkus.http.limits.max-body-size",
                "3M",
                "sdlc-lens.git.allowed-hosts",
                "github.com,gitlab.com,127.0.0.1");
    }
}
