package io.sdlclens.search;

import io.sdlclens.error.ApiException;
import io.sdlclens.error.QueryParams;
import io.sdlclens.format.DocumentIdentity;

/** A validated search request; {@code project} and {@code type} are null when not filtered on. */
public record SearchQuery(String text, String project, String type, int page, int perPage) {

    public static final int MAX_QUERY_LENGTH = 500;
    public static final int DEFAULT_PER_PAGE = 20;
    public static final int MAX_PER_PAGE = 50;

    public static SearchQuery of(String q, String project, String type, String page, String perPage) {
        if (q == null || q.isBlank()) {
            throw ApiException.validation("q: must not be blank");
        }
        if (q.codePointCount(0, q.length()) > MAX_QUERY_LENGTH) {
            throw ApiException.validation("q: must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        if (q.indexOf('\0') >= 0) {
            throw ApiException.validation("q: must not contain NUL characters");
        }
        return new SearchQuery(
                q,
                QueryParams.notBlank("project", project),
                QueryParams.oneOf("type", type, null, DocumentIdentity.TYPES),
                QueryParams.wholeNumber("page", page, 1, 1, Integer.MAX_VALUE),
                QueryParams.boundedNumber("per_page", perPage, DEFAULT_PER_PAGE, 1, MAX_PER_PAGE));
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }
}
