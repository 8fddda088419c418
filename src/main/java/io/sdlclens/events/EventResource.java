package io.sdlclens.events;

import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /api/v1/events}: Server-Sent Events {@code project}, {@code project-deleted} and {@code sync-progress},
 * a comment line as heartbeat. An unknown {@code ?project=} is refused before the stream opens
 * ({@link EventStreamAdmission}): once it is open, the status can no longer change.
 */
@Path("/api/v1/events")
@Tag(name = "Events")
public class EventResource {

    private final EventHub hub;

    public EventResource(EventHub hub) {
        this.hub = hub;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Stream project changes and sync progress as Server-Sent Events, from every replica")
    @APIResponse(responseCode = "200", description = "The stream (text/event-stream)")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Multi<OutboundSseEvent> stream(
            @Parameter(in = ParameterIn.QUERY, description = "only this project's events") @RestQuery String project,
            @Context Sse sse,
            HttpServerRequest request) {
        // Closing the connection is how a client that fell behind is let go: ending the stream would queue
        // behind the very bytes it does not read.
        return hub.open(project, () -> request.response().reset()).map(event -> frame(sse, event));
    }

    private static OutboundSseEvent frame(Sse sse, StreamEvent event) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder();
        if (event.comment() != null) {
            return builder.comment(event.comment()).build();
        }
        // already JSON: written as it is, not serialised again
        return builder.name(event.name())
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, event.data())
                .build();
    }
}
