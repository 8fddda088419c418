package io.sdlclens.error;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The one error envelope: {@code {"error": {"code": "…", "message": "…"}}}. */
@RegisterForReflection
public record ErrorBody(Detail error) {

    @RegisterForReflection
    public record Detail(String code, String message) {}

    public static ErrorBody of(String code, String message) {
        return new ErrorBody(new Detail(code, message));
    }
}
