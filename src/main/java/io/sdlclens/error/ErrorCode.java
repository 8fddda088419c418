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
    public static final String INVALID_TOKEN = "INVALID_TOKEN";
    public static final String AUTH_FAILED = "AUTH_FAILED";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String GITHUB_ERROR = "GITHUB_ERROR";
    public static final String LABEL_EXISTS = "LABEL_EXISTS";
    public static final String CONNECTION_IN_USE = "CONNECTION_IN_USE";
    public static final String SECRET_KEY_MISSING = "SECRET_KEY_MISSING";

    private ErrorCode() {}
}
