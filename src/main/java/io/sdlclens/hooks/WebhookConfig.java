package io.sdlclens.hooks;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The webhooks' shared secret ({@code SDLC_LENS_WEBHOOK_SECRET}). */
@ConfigMapping(prefix = "sdlc-lens.webhook")
public interface WebhookConfig {

    /**
     * The secret configured in the GitHub or Gitea webhook (it keys the HMAC-SHA256 of each delivery) and the
     * secret token of a GitLab webhook. Unset or blank: every webhook delivery is refused with 403.
     */
    Optional<String> secret();
}
