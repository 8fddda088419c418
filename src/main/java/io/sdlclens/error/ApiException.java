package io.sdlclens.error;

/**
 * A failure with a place in the API contract: an HTTP status, a stable code and a message safe to show a client.
 * Services throw it; {@link ApiExceptionMappers} turns it into the error envelope.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final java.util.Map<String, String> headers;

    public ApiException(int status, String code, String message) {
        // No stack trace: these are expected outcomes, not bugs, and they are thrown on hot paths.
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = java.util.Map.of();
    }

    private ApiException(ApiException base, java.util.Map<String, String> headers) {
        super(base.getMessage(), null, false, false);
        this.status = base.status;
        this.code = base.code;
        this.headers = headers;
    }

    /** The same refusal with a response header the client needs (e.g. {@code Retry-After}). */
    public ApiException withHeader(String name, String value) {
        java.util.Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiException(this, java.util.Map.copyOf(more));
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, ErrorCode.NOT_FOUND, message);
    }

    public static ApiException validation(String message) {
        return new ApiException(422, ErrorCode.VALIDATION_ERROR, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, ErrorCode.CONFLICT, message);
    }

    public static ApiException pathNotFound(String message) {
        return new ApiException(400, ErrorCode.PATH_NOT_FOUND, message);
    }
}
