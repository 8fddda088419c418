package io.sdlclens.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client as a browser's EventSource reads a stream: frames of {@code event:}, {@code data:}
 * and comment lines, each handed over as soon as its blank line arrives.
 */
public final class EventStreamClient implements AutoCloseable {

    /** One frame: an event with its data, or a comment alone. */
    public record Frame(String event, String data, String comment) {
        public JsonPath json() {
            return JsonPath.from(data);
        }

        public boolean is(String name) {
            return name.equals(event);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final List<Frame> seen = new ArrayList<>();
    private final Thread reader;

    private EventStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a stream and waits for its headers; the caller checks {@link #status()}. */
    public static EventStreamClient open(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build();
            return new EventStreamClient(HTTP.send(request, HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a stream, checks it is one, and waits for its first frame (the stream is registered then). */
    public static EventStreamClient connect(URI uri) {
        EventStreamClient client = open(uri);
        assertThat(client.status()).as("status of %s", uri).isEqualTo(200);
        assertThat(client.response.headers().firstValue("content-type").orElse(""))
                .startsWith("text/event-stream");
        client.next(frame -> frame.comment() != null, Duration.ofSeconds(10));
        return client;
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of a refused (non-stream) response. */
    public String body() {
        try {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StringBuilder body = new StringBuilder();
        frames.forEach(frame -> body.append(frame.data() == null ? "" : frame.data()));
        return body.toString();
    }

    /** The next frame that matches, skipping others; fails after {@code timeout}. */
    public Frame next(Predicate<Frame> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Frame frame = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
                if (frame == null) {
                    throw new AssertionError("no matching frame within " + timeout + "; seen: " + seen);
                }
                seen.add(frame);
                if (wanted.test(frame)) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next {@code event} frame whose JSON data satisfies {@code wanted}. */
    public JsonPath nextEvent(String event, Predicate<JsonPath> wanted, Duration timeout) {
        return next(frame -> frame.is(event) && wanted.test(frame.json()), timeout)
                .json();
    }

    /** Frames taken by {@link #next} so far, matching or not. */
    public List<Frame> seen() {
        return List.copyOf(seen);
    }

    /** Frames received but not yet taken by {@link #next}. */
    public List<Frame> pending() {
        return List.copyOf(frames);
    }

    private void read() {
        String event = null;
        StringBuilder data = null;
        Iterator<String> lines = response.body().iterator();
        try {
            while (lines.hasNext()) {
                String line = lines.next();
                if (response.statusCode() != 200) {
                    frames.add(new Frame(null, line, null));
                } else if (line.isEmpty()) {
                    if (event != null || data != null) {
                        frames.add(new Frame(event, data == null ? null : data.toString(), null));
                    }
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    frames.add(new Frame(null, null, line.substring(1).strip()));
                } else if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    String value = line.substring("data:".length());
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                }
            }
        } catch (UncheckedIOException closed) {
            // the stream was closed (by the test or the server)
        }
    }

    @Override
    public void close() {
        response.body().close();
    }
}
