package io.sdlclens.events;

import io.sdlclens.project.ProjectService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Refuses a stream for an unknown project (404 in the envelope) before it opens. A check in the resource method
 * could not: the stream's 200 and headers are written before its first event.
 */
public class EventStreamAdmission {

    private final ProjectService projects;

    public EventStreamAdmission(ProjectService projects) {
        this.projects = projects;
    }

    @ServerRequestFilter
    public Uni<Response> knownProject(SimpleResourceInfo resource, UriInfo uri) {
        if (resource.getResourceClass() != EventResource.class) {
            return Uni.createFrom().nullItem();
        }
        String slug = uri.getQueryParameters().getFirst("project");
        if (slug == null) {
            return Uni.createFrom().nullItem();
        }
        // a failure (404, database down) is answered by the exception mappers
        return projects.get(slug).replaceWith((Response) null);
    }
}
