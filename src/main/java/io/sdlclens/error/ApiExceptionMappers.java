package io.sdlclens.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP responses. Every error body is the {@link ErrorBody} envelope; nothing
 * of a stack trace, a class name or SQL text reaches a client.
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(e.code(), e.getMessage()));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        return switch (status) {
            case 400 -> respond(422, ErrorCode.VALIDATION_ERROR, describeBadRequest(e));
            case 401 -> respond(401, ErrorCode.UNAUTHORIZED, "Authentication required");
            case 404 -> respond(404, ErrorCode.NOT_FOUND, "Resource not found");
            case 405 -> respond(405, ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed");
            case 406 -> respond(406, ErrorCode.NOT_ACCEPTABLE, "Only application/json responses are available");
            case 413 -> respond(413, ErrorCode.PAYLOAD_TOO_LARGE, "Request body too large");
            case 415 -> respond(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
            default -> respond(status, ErrorCode.VALIDATION_ERROR, "Invalid request");
        };
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e) {
        return respond(422, ErrorCode.VALIDATION_ERROR, "Malformed JSON body");
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e) {
        return respond(422, ErrorCode.VALIDATION_ERROR, describe(e));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return respond(422, ErrorCode.VALIDATION_ERROR, describe(e));
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        return respond(422, ErrorCode.VALIDATION_ERROR, describe(e));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DatabaseFailures.isUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", e.toString());
            return respond(503, ErrorCode.SERVICE_UNAVAILABLE, "The database cannot be reached; try again shortly");
        }
        if (DatabaseFailures.isUniqueViolation(e)) {
            return respond(409, ErrorCode.CONFLICT, "Resource already exists");
        }
        if (DatabaseFailures.isUnstorableText(e)) {
            return respond(422, ErrorCode.VALIDATION_ERROR, "Text must not contain NUL characters");
        }
        if (isBodyTooLarge(e)) {
            return respond(413, ErrorCode.PAYLOAD_TOO_LARGE, "Request body too large");
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure (incident %s)", incident);
        return respond(500, ErrorCode.INTERNAL, "Internal server error (incident " + incident + ")");
    }

    /** A chunked body that grew past the limit while being read (no Content-Length to refuse it up front). */
    private static boolean isBodyTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException && "Request too large".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    public static Response respond(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(code, message))
                .build();
    }

    /** The body reader reports unreadable JSON as a 400 whose cause says what was wrong. */
    private static String describeBadRequest(WebApplicationException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonMappingException mapping) {
                return describe(mapping);
            }
            if (t instanceof JsonProcessingException) {
                return "Malformed JSON body";
            }
        }
        return "Malformed request";
    }

    /** Names the offending field(s) by their JSON path, never echoing Jackson's internals. */
    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? "Malformed JSON body" : path + ": has the wrong type or format";
    }
}
