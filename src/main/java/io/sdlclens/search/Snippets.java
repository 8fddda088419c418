package io.sdlclens.search;

/** Turns a highlighted snippet into safe HTML: all document text escaped, matches in {@code <mark>}. */
public final class Snippets {

    private Snippets() {}

    public static String toSafeHtml(String marked) {
        if (marked == null) {
            return "";
        }
        StringBuilder html = new StringBuilder(marked.length() + 32);
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            switch (c) {
                case SearchRepository.MARK_START -> html.append("<mark>");
                case SearchRepository.MARK_END -> html.append("</mark>");
                case '&' -> html.append("&amp;");
                case '<', SearchRepository.LESS_THAN -> html.append("&lt;");
                case '>', SearchRepository.GREATER_THAN -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.append(c);
            }
        }
        return html.toString();
    }
}
