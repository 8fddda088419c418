package io.sdlclens.sync;

import io.sdlclens.format.DocumentIdentity;
import io.sdlclens.format.ParsedDocument;
import java.util.List;
import java.util.Map;

/** One parsed document file, ready to be stored; {@code changeKey} null = read it again next run. */
record DocumentRow(
        String filePath,
        DocumentIdentity identity,
        ParsedDocument parsed,
        String fileHash,
        long fileSize,
        String changeKey,
        long modifiedMicros) {

    List<String> dependsOn() {
        return parsed.dependsOn();
    }

    List<String> aliases() {
        return parsed.aliases();
    }

    Map<String, String> metadata() {
        return parsed.metadata();
    }
}
