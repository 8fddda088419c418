package io.sdlclens.sync;

/** A file a run could not sync, and why. */
public record FileError(String filePath, String reason) {}
