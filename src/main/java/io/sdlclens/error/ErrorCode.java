package io.sdlclens.error;

/** The error codes of the API contract. */
public final class ErrorCode {
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String PATH_NOT_FOUND = "PATH_NOT_FOUND";
    public static final String CONFLICT = "CONFLICT";
    public static final String SYNC_IN_PROGRESS = "SYNC_IN_PROGRESS";
    public static final String VALIDATION_ERROR = "VALIDATION_ERROR";
    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String INTERNAL = "INTERNAL";

    private ErrorCode() {}
}
