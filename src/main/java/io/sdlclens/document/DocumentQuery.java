package io.sdlclens.document;

import io.sdlclens.error.QueryParams;
import io.sdlclens.format.DocumentIdentity;
import java.util.Map;
import java.util.Set;

/** A validated documents-list request. {@code status} null = any; {@link #NO_STATUS} = documents without one. */
public record DocumentQuery(String type, String status, String sortColumn, boolean descending, int page, int perPage) {

    public static final String NO_STATUS = "none";
    public static final int DEFAULT_PER_PAGE = 50;
    public static final int MAX_PER_PAGE = 100;

    /** API sort keys to columns; a whitelist, so no request text ever reaches the SQL. */
    private static final Map<String, String> SORT_COLUMNS =
            Map.of("title", "title", "type", "doc_type", "status", "status", "updated_at", "modified_at");

    public static DocumentQuery of(String type, String status, String sort, String order, String page, String perPage) {
        QueryParams.notBlank("status", status);
        String sortKey = QueryParams.oneOf("sort", sort, "updated_at", SORT_COLUMNS.keySet());
        String direction = QueryParams.oneOf("order", order, "desc", Set.of("asc", "desc"));
        return new DocumentQuery(
                QueryParams.oneOf("type", type, null, DocumentIdentity.TYPES),
                status,
                SORT_COLUMNS.get(sortKey),
                direction.equals("desc"),
                QueryParams.wholeNumber("page", page, 1, 1, Integer.MAX_VALUE),
                QueryParams.wholeNumber("per_page", perPage, DEFAULT_PER_PAGE, 1, MAX_PER_PAGE));
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }
}
