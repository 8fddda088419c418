package io.sdlclens.error;

/**
 * A failure with a place in the API contract: an HTTP status, a stable code and a message safe to show a client.
 * Services throw it; {@link ApiExceptionMappers} turns it into the error envelope.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        // No stack trace: these are expected outcomes, not bugs, and they are thrown on hot paths.
        super(message, null, false, false);
        this.status = status;
        this.code = code;
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
