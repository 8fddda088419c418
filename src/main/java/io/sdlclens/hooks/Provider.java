package io.sdlclens.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.sdlclens.error.ApiException;
import io.sdlclens.secret.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The senders of webhooks: how each proves a delivery, names a push event, and spells its repository. */
public enum Provider {

    /** GitHub, and Gitea/Forgejo, which send the same signature header and push payload. */
    GITHUB("X-Hub-Signature-256") {
        private static final String PREFIX = "sha256=";

        @Override
        boolean verifies(String secret, String signature, byte[] body) {
            if (signature == null || !signature.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                return false;
            }
            byte[] presented;
            try {
                presented = HexFormat.of()
                        .parseHex(signature.substring(PREFIX.length()).strip());
            } catch (IllegalArgumentException e) {
                return false;
            }
            // constant time: a timing difference would let a sender find a valid signature byte by byte
            return MessageDigest.isEqual(hmacSha256(secret, body), presented);
        }

        @Override
        boolean isPush(String event) {
            return "push".equals(event);
        }

        @Override
        Optional<Push> readPush(JsonNode payload) {
            // ssh_url and git_url are not the URLs a project is registered with (https only)
            return push(payload, "repository", "clone_url", "html_url");
        }
    },

    /** GitLab: the webhook's secret token, sent as it is. */
    GITLAB("X-Gitlab-Token") {
        @Override
        boolean verifies(String secret, String token, byte[] body) {
            return Secrets.matches(Secrets.digest(secret), token);
        }

        @Override
        boolean isPush(String event) {
            return "Push Hook".equals(event);
        }

        @Override
        Optional<Push> readPush(JsonNode payload) {
            JsonNode kind = payload.path("object_kind");
            if (kind.isTextual() && !kind.asText().equals("push")) {
                return Optional.empty();
            }
            return push(payload, "project", "git_http_url", "web_url");
        }
    };

    private static final String BRANCH_REF = "refs/heads/";

    private final String credentialHeader;

    Provider(String credentialHeader) {
        this.credentialHeader = credentialHeader;
    }

    /** {@code github} or {@code gitlab}: the last path segment of the hook and the metrics tag. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The header that carries the signature or token. */
    String credentialHeader() {
        return credentialHeader;
    }

    /** Whether {@code credential} (the header's value, possibly null) proves the delivery came from the sender. */
    abstract boolean verifies(String secret, String credential, byte[] body);

    /** Whether the event header names a push. */
    abstract boolean isPush(String event);

    /**
     * The push in the payload; empty for a push the service has nothing to do with (a tag).
     *
     * @throws ApiException 422 when the payload lacks what a push event always has
     */
    abstract Optional<Push> readPush(JsonNode payload);

    private static Optional<Push> push(JsonNode payload, String repositoryField, String... urlFields) {
        if (!payload.isObject()) {
            throw ApiException.validation("The push event must be a JSON object");
        }
        JsonNode ref = payload.path("ref");
        if (!ref.isTextual() || ref.asText().isBlank()) {
            throw ApiException.validation("ref: missing from the push event");
        }
        JsonNode repository = payload.path(repositoryField);
        List<String> urls = new ArrayList<>();
        for (String field : urlFields) {
            JsonNode url = repository.path(field);
            if (url.isTextual() && !url.asText().isBlank()) {
                urls.add(url.asText());
            }
        }
        if (urls.isEmpty()) {
            throw ApiException.validation(repositoryField + "." + urlFields[0] + ": missing from the push event");
        }
        String name = ref.asText();
        if (!name.startsWith(BRANCH_REF) || name.length() == BRANCH_REF.length()) {
            return Optional.empty();
        }
        return Optional.of(new Push(List.copyOf(urls), name.substring(BRANCH_REF.length())));
    }

    private static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
