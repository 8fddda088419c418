package io.sdlclens.source;

import io.sdlclens.source.GitSourceException.Reason;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which repository URLs the service may fetch from, and the one normal form used to match them.
 *
 * <p>Pure: no DNS, no I/O. A URL the service fetches is chosen by whoever registers a project, so this is
 * the guard against server-side request forgery: https only (http when explicitly allowed), no user-info (a
 * credential in a URL ends up in logs and on disk), a host from the allow-list, and no loopback, link-local
 * or private address literal unless that literal is itself named in the list.
 */
public final class GitUrlPolicy {

    private static final String ANY_HOST = "*";
    private static final Pattern DOTTED_QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    // Hosts a resolver may read as an IPv4 address in a shorter, octal or hexadecimal form (2130706433, 0x7f.1).
    private static final Pattern NUMERIC_HOST = Pattern.compile("(?i)(\\d+|0x[0-9a-f]*)(\\.(\\d+|0x[0-9a-f]*))*");
    private static final Pattern DNS_NAME =
            Pattern.compile("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private final Set<String> allowedHosts;
    private final boolean anyHost;
    private final boolean allowHttp;

    public GitUrlPolicy(List<String> allowedHosts, boolean allowHttp) {
        this.allowedHosts = allowedHosts.stream()
                .map(String::trim)
                .filter(h -> !h.isEmpty())
                .map(GitUrlPolicy::canonicalHost)
                .collect(Collectors.toUnmodifiableSet());
        this.anyHost = this.allowedHosts.contains(ANY_HOST);
        this.allowHttp = allowHttp;
    }

    public static GitUrlPolicy of(GitConfig config) {
        return new GitUrlPolicy(config.allowedHosts(), config.allowHttp());
    }

    /**
     * Returns the URL to fetch, or throws with a message that says what to change.
     *
     * @throws GitSourceException {@code INVALID_URL}, {@code SCHEME_NOT_ALLOWED} or {@code HOST_NOT_ALLOWED}
     */
    public URI check(String url) {
        URI uri = parse(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            if (!allowHttp) {
                throw new GitSourceException(
                        Reason.SCHEME_NOT_ALLOWED,
                        "repository URL must use https:// (http:// needs SDLC_LENS_GIT_ALLOW_HTTP=true)");
            }
        } else if (!scheme.equals("https")) {
            throw new GitSourceException(
                    Reason.SCHEME_NOT_ALLOWED,
                    "repository URL must use https://, not " + scheme + ": (file, ssh and git URLs are not supported)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new GitSourceException(
                    Reason.INVALID_URL,
                    "repository URL must not contain a user name or password: give the token as access_token");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new GitSourceException(Reason.INVALID_URL, "repository URL must not have a query or a fragment");
        }
        String host = canonicalHost(uri.getHost());
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.isEmpty() || path.equals("/")) {
            throw new GitSourceException(
                    Reason.INVALID_URL, "repository URL must name a repository, e.g. https://github.com/owner/repo");
        }
        checkHost(host);
        return uri;
    }

    /** True when {@code url} passes {@link #check(String)}. */
    public boolean allows(String url) {
        try {
            check(url);
            return true;
        } catch (GitSourceException e) {
            return false;
        }
    }

    private void checkHost(String host) {
        boolean named = allowedHosts.contains(host);
        if (!named && !anyHost) {
            throw new GitSourceException(
                    Reason.HOST_NOT_ALLOWED, "host " + host + " is not allowed: add it to SDLC_LENS_GIT_ALLOWED_HOSTS");
        }
        InetAddress literal = addressLiteral(host);
        if (literal == null) {
            if (NUMERIC_HOST.matcher(host).matches() && !named) {
                throw new GitSourceException(
                        Reason.HOST_NOT_ALLOWED, "host " + host + " is not allowed: write an IP address as a.b.c.d");
            }
            if (isLocalName(host) && !named) {
                throw new GitSourceException(
                        Reason.HOST_NOT_ALLOWED,
                        "host " + host + " is a local address: name it in SDLC_LENS_GIT_ALLOWED_HOSTS to allow it");
            }
            return;
        }
        if (isInternal(literal) && !named) {
            throw new GitSourceException(
                    Reason.HOST_NOT_ALLOWED,
                    "host " + host + " is a loopback, link-local or private address: name it in"
                            + " SDLC_LENS_GIT_ALLOWED_HOSTS to allow it");
        }
    }

    /**
     * The form two URLs of the same repository share, used to match webhook payloads to projects: scheme and
     * user-info dropped (a payload may carry the https, ssh or git URL of the repository), host lower-cased
     * with a trailing dot and a default port removed, trailing slashes and one {@code .git} suffix removed.
     * The path keeps its case: only the host is case-insensitive by definition. Returns e.g.
     * {@code github.com/Owner/repo}; {@code git@github.com:Owner/repo.git} gives the same.
     *
     * @throws GitSourceException {@code INVALID_URL} when no host and path can be read from {@code url}
     */
    public static String normalise(String url) {
        String trimmed = url == null ? "" : url.trim();
        String host;
        String path;
        int port = -1;
        String scheme = "";
        if (!trimmed.contains("://") && trimmed.matches("[^/@:]+@[^/:]+:.+")) {
            // scp-like ssh syntax: user@host:path
            host = trimmed.substring(trimmed.indexOf('@') + 1, trimmed.indexOf(':'));
            path = "/" + trimmed.substring(trimmed.indexOf(':') + 1);
        } else {
            URI uri = parse(trimmed);
            scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            host = uri.getHost();
            port = uri.getPort();
            path = uri.getRawPath() == null ? "" : uri.getRawPath();
        }
        String canonical = canonicalHost(host);
        boolean defaultPort = port == -1
                || (scheme.equals("https") && port == 443)
                || (scheme.equals("http") && port == 80)
                || (scheme.equals("ssh") || scheme.equals("git"));
        String p = path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.endsWith(".git")) {
            p = p.substring(0, p.length() - ".git".length());
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            throw new GitSourceException(Reason.INVALID_URL, "repository URL must name a repository");
        }
        return canonical + (defaultPort ? "" : ":" + port) + p;
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new GitSourceException(Reason.INVALID_URL, "repository URL is required");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new GitSourceException(
                    Reason.INVALID_URL, "repository URL is not a valid URL, e.g. https://github.com/owner/repo");
        }
        if (uri.getScheme() == null || uri.isOpaque()) {
            throw new GitSourceException(
                    Reason.INVALID_URL, "repository URL must be absolute, e.g. https://github.com/owner/repo");
        }
        if (uri.getHost() == null) {
            // file:, a registry-based authority with odd characters, or no authority at all
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new GitSourceException(
                        Reason.SCHEME_NOT_ALLOWED,
                        "repository URL must use https://, not " + scheme
                                + ": (file, ssh and git URLs are not supported)");
            }
            throw new GitSourceException(Reason.INVALID_URL, "repository URL has no valid host name");
        }
        return uri;
    }

    /** Lower case, IPv6 brackets kept, one trailing dot dropped ({@code localhost.} is {@code localhost}). */
    private static String canonicalHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".") && h.length() > 1) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    /** The address when {@code host} is an IP literal, parsed without any name lookup; else null. */
    private static InetAddress addressLiteral(String host) {
        try {
            if (host.startsWith("[") && host.endsWith("]")) {
                return InetAddress.getByName(host.substring(1, host.length() - 1));
            }
            var quad = DOTTED_QUAD.matcher(host);
            if (quad.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    String digits = quad.group(i + 1);
                    int part = Integer.parseInt(digits);
                    // A leading zero reads as octal to some resolvers (0177.0.0.1 is 127.0.0.1).
                    if (part > 255 || (digits.length() > 1 && digits.startsWith("0"))) {
                        throw new GitSourceException(Reason.INVALID_URL, "repository URL has an invalid IP address");
                    }
                    bytes[i] = (byte) part;
                }
                return InetAddress.getByAddress(bytes);
            }
        } catch (UnknownHostException e) {
            throw new GitSourceException(Reason.INVALID_URL, "repository URL has an invalid IP address");
        }
        if (!DNS_NAME.matcher(host).matches()) {
            throw new GitSourceException(Reason.INVALID_URL, "repository URL has no valid host name");
        }
        return null;
    }

    private static boolean isLocalName(String host) {
        return host.equals("localhost") || host.endsWith(".localhost");
    }

    private static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 0.0.0.0/8 "this network", 100.64.0.0/10 carrier-grade NAT, 198.18.0.0/15 benchmarking
            return first == 0
                    || (first == 100 && second >= 64 && second < 128)
                    || (first == 198 && (second & 0xfe) == 18);
        }
        if (address instanceof Inet6Address) {
            // fc00::/7 unique local addresses (the IPv6 private ranges)
            if ((b[0] & 0xfe) == 0xfc) {
                return true;
            }
            // an IPv4 address embedded in IPv6 (::ffff:a.b.c.d mapped, or ::a.b.c.d compatible)
            boolean embedded = true;
            for (int i = 0; i < 10; i++) {
                embedded &= b[i] == 0;
            }
            if (embedded && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
