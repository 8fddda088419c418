package io.sdlclens.format;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Short, log-friendly reasons for I/O failures, shared by the walker and the reader. */
final class IoFailures {

    static final String VANISHED = "vanished";

    private static final int MAX_REASON_LENGTH = 200;

    private IoFailures() {}

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return VANISHED;
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop";
        }
        // FileSystemException's message repeats the (possibly long) path; its reason is the useful part.
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) {
            reason = e.getClass().getSimpleName();
        }
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH) + "…";
    }
}
