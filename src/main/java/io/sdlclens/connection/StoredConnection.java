package io.sdlclens.connection;

import java.time.Instant;

/** A connection row, with its token still encrypted. */
public record StoredConnection(
        long id,
        String label,
        String login,
        byte[] tokenCiphertext,
        String maskedToken,
        Instant createdAt,
        Instant lastValidatedAt) {

    ConnectionViews.Connection view() {
        return new ConnectionViews.Connection(id, label, login, maskedToken, createdAt, lastValidatedAt);
    }
}
