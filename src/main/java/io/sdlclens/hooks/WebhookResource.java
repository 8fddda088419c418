package io.sdlclens.hooks;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Push notifications from git hosts. The body is taken raw, whatever its content type: the signature covers the
 * bytes as sent, and only a verified body is parsed. No bearer token (system/ApiTokenFilter lets these paths
 * through): a delivery proves itself with the webhook secret.
 */
@Path("/api/v1/hooks")
@Tag(name = "Webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class WebhookResource {

    private final WebhookService service;

    public WebhookResource(WebhookService service) {
        this.service = service;
    }

    @POST
    @Path("/github")
    @Operation(
            summary = "A GitHub or Gitea webhook delivery (X-Hub-Signature-256); a push syncs the projects that"
                    + " follow the pushed repository and branch")
    @APIResponse(
            responseCode = "202",
            description = "Verified; the projects whose sync started, and those queued behind a running sync",
            content = @Content(schema = @Schema(implementation = Delivery.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "WebhooksDisabled")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "422", ref = "ValidationError")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<RestResponse<Delivery>> github(
            @HeaderParam("X-GitHub-Event") String githubEvent,
            @HeaderParam("X-Gitea-Event") String giteaEvent,
            @HeaderParam("X-Hub-Signature-256") String signature,
            byte[] body) {
        String event = githubEvent != null ? githubEvent : giteaEvent;
        return accepted(service.receive(Provider.GITHUB, event, signature, raw(body)));
    }

    @POST
    @Path("/gitlab")
    @Operation(
            summary = "A GitLab webhook delivery (X-Gitlab-Token); a push syncs the projects that follow the pushed"
                    + " repository and branch")
    @APIResponse(
            responseCode = "202",
            description = "Verified; the projects whose sync started, and those queued behind a running sync",
            content = @Content(schema = @Schema(implementation = Delivery.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "WebhooksDisabled")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "422", ref = "ValidationError")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<RestResponse<Delivery>> gitlab(
            @HeaderParam("X-Gitlab-Event") String event, @HeaderParam("X-Gitlab-Token") String token, byte[] body) {
        return accepted(service.receive(Provider.GITLAB, event, token, raw(body)));
    }

    private static Uni<RestResponse<Delivery>> accepted(Uni<Delivery> delivery) {
        return delivery.map(RestResponse::accepted);
    }

    private static byte[] raw(byte[] body) {
        return body == null ? new byte[0] : body;
    }
}
