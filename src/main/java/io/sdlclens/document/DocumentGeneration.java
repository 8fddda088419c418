package io.sdlclens.document;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A number that moves forward whenever stored documents change, shared by all replicas through the database.
 * Writers advance it only after their change has committed, so a reader that sees the old number may have
 * read the old data, but a reader that sees the new one always reads the new data.
 */
@ApplicationScoped
public class DocumentGeneration {

    private final Pool pool;

    public DocumentGeneration(Pool pool) {
        this.pool = pool;
    }

    public Uni<Long> current() {
        return pool.query("SELECT last_value FROM document_generation")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Void> advance() {
        return pool.query("SELECT nextval('document_generation')").execute().replaceWithVoid();
    }
}
