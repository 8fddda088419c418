package io.sdlclens.events;

/**
 * One frame of the event stream, already rendered: {@code name} and JSON {@code data}, or a comment alone (a
 * heartbeat). Rendered once per change and shared by every client that gets it.
 */
public record StreamEvent(String name, String data, String comment) {

    static StreamEvent of(String name, String json) {
        return new StreamEvent(name, json, null);
    }

    static StreamEvent comment(String text) {
        return new StreamEvent(null, null, text);
    }
}
