package io.sdlclens.source;

import io.sdlclens.source.GitSourceException.Reason;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * The bounds of one git operation, enforced where JGit talks HTTP: a deadline for the whole operation, a cap
 * on the bytes received, and no redirect to another host. JGit has none of these for fetches (its timeout is
 * per socket read, in whole seconds, and it follows redirects to any host), so every connection JGit opens
 * for the operation goes through this factory. It only decorates JGit's own JDK connections: the protocol
 * stays JGit's.
 */
final class GitHttp implements HttpConnectionFactory {

    /** A bound of the operation was hit; JGit wraps it, {@link GitSource} finds it in the cause chain. */
    static final class Tripped extends IOException {
        final Reason reason;

        Tripped(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        GitSourceException asFailure() {
            return new GitSourceException(reason, getMessage());
        }
    }

    private static final HttpConnectionFactory JDK = new JDKHttpConnectionFactory();

    private final URI origin;
    private final GitUrlPolicy policy;
    private final long deadlineNanos;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final long maxBytes;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong advertised = new AtomicLong();
    private volatile int lastStatus = -1;

    GitHttp(URI origin, GitUrlPolicy policy, Duration timeout, Duration connectTimeout, long maxBytes) {
        this.origin = origin;
        this.policy = policy;
        this.timeout = timeout;
        this.connectTimeout = connectTimeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.maxBytes = maxBytes;
    }

    /** The status of the last response JGit looked at, or -1 before any. */
    int lastStatus() {
        return lastStatus;
    }

    long bytesReceived() {
        return received.get();
    }

    /** Bytes of the {@code info/refs} responses of the operation: the remote's ref advertisement. */
    long advertisementBytes() {
        return advertised.get();
    }

    boolean pastDeadline() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    Tripped timedOut() {
        return new Tripped(
                Reason.TIMED_OUT,
                "the git server did not finish within " + seconds(timeout)
                        + ": it may be stalled or the repository too large (SDLC_LENS_GIT_FETCH_TIMEOUT)");
    }

    private Tripped tooLarge() {
        return new Tripped(
                Reason.TOO_LARGE,
                "the fetch exceeded " + maxBytes + " bytes and was stopped (SDLC_LENS_GIT_MAX_FETCH_SIZE)");
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return create(url, null);
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
        long remainingMillis =
                Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis();
        if (remainingMillis <= 0) {
            throw timedOut();
        }
        HttpConnection delegate = proxy == null ? JDK.create(url) : JDK.create(url, proxy);
        delegate.setConnectTimeout((int) Math.max(1, Math.min(connectTimeout.toMillis(), remainingMillis)));
        // A read blocked on a stalled server wakes up at the operation's deadline at the latest.
        delegate.setReadTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, remainingMillis)));
        delegate.setInstanceFollowRedirects(false);
        return new Guarded(delegate, url.getPath().endsWith("/info/refs"));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Refuses a redirect that leaves the original host or the URL policy (JGit would follow it). */
    private void checkRedirect(HttpConnection connection, int status) throws IOException {
        String location = connection.getHeaderField("Location");
        if (location == null) {
            return;
        }
        URI target;
        try {
            target = connection.getURL().toURI().resolve(location.trim());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new Tripped(Reason.REDIRECT_REFUSED, "the git server answered with an invalid redirect");
        }
        String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        if (!host.equals(origin.getHost().toLowerCase(Locale.ROOT))) {
            throw new Tripped(
                    Reason.REDIRECT_REFUSED,
                    "the git server redirected to another host (" + (host.isEmpty() ? "unknown" : host)
                            + "), which is not followed: use the repository's final URL as repo_url");
        }
        try {
            policy.check(target.toString());
        } catch (GitSourceException e) {
            throw new Tripped(
                    Reason.REDIRECT_REFUSED, "the git server redirected to a URL that is refused: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new Tripped(Reason.REDIRECT_REFUSED, "the git server answered with an invalid redirect");
        }
    }

    private final class Counting extends FilterInputStream {
        private final boolean advertisement;

        Counting(InputStream in, boolean advertisement) {
            super(in);
            this.advertisement = advertisement;
        }

        @Override
        public int read() throws IOException {
            guard();
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            guard();
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            guard();
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void guard() throws IOException {
            // A server that trickles bytes never trips the read timeout; the deadline catches it here.
            if (pastDeadline()) {
                throw timedOut();
            }
        }

        private void count(long n) throws IOException {
            if (advertisement) {
                advertised.addAndGet(n);
            }
            if (received.addAndGet(n) > maxBytes) {
                throw tooLarge();
            }
        }
    }

    private final class Guarded implements HttpConnection {
        private final HttpConnection delegate;
        private final boolean advertisement;

        Guarded(HttpConnection delegate, boolean advertisement) {
            this.delegate = delegate;
            this.advertisement = advertisement;
        }

        @Override
        public int getResponseCode() throws IOException {
            int status = delegate.getResponseCode();
            lastStatus = status;
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                checkRedirect(delegate, status);
            }
            return status;
        }

        @Override
        public URL getURL() {
            return delegate.getURL();
        }

        @Override
        public String getResponseMessage() throws IOException {
            return delegate.getResponseMessage();
        }

        @Override
        public Map<String, List<String>> getHeaderFields() {
            return delegate.getHeaderFields();
        }

        @Override
        public void setRequestProperty(String key, String value) {
            delegate.setRequestProperty(key, value);
        }

        @Override
        public void setRequestMethod(String method) throws ProtocolException {
            delegate.setRequestMethod(method);
        }

        @Override
        public void setUseCaches(boolean useCaches) {
            delegate.setUseCaches(useCaches);
        }

        @Override
        public void setConnectTimeout(int timeoutMillis) {
            // The operation's own bounds, set at creation, win over JGit's whole-second timeout.
        }

        @Override
        public void setReadTimeout(int timeoutMillis) {
            // As above.
        }

        @Override
        public String getContentType() {
            return delegate.getContentType();
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new Counting(delegate.getInputStream(), advertisement);
        }

        @Override
        public String getHeaderField(String name) {
            return delegate.getHeaderField(name);
        }

        @Override
        public List<String> getHeaderFields(String name) {
            return delegate.getHeaderFields(name);
        }

        @Override
        public int getContentLength() {
            return delegate.getContentLength();
        }

        @Override
        public void setInstanceFollowRedirects(boolean followRedirects) {
            // Never: JGit follows redirects itself, through getResponseCode() above.
        }

        @Override
        public void setDoOutput(boolean doOutput) {
            delegate.setDoOutput(doOutput);
        }

        @Override
        public void setFixedLengthStreamingMode(int contentLength) {
            delegate.setFixedLengthStreamingMode(contentLength);
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return delegate.getOutputStream();
        }

        @Override
        public void setChunkedStreamingMode(int chunkLength) {
            delegate.setChunkedStreamingMode(chunkLength);
        }

        @Override
        public String getRequestMethod() {
            return delegate.getRequestMethod();
        }

        @Override
        public boolean usingProxy() {
            return delegate.usingProxy();
        }

        @Override
        public void connect() throws IOException {
            delegate.connect();
        }

        @Override
        public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            // JGit calls this only to switch certificate checks off (http.sslVerify=false in a git config
            // file); the service always verifies the server's certificate.
        }

        @Override
        public void setHostnameVerifier(HostnameVerifier hostnameVerifier) {
            // As above: the JDK's host name check always applies.
        }
    }
}
