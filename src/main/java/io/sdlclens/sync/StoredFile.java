package io.sdlclens.sync;

/**
 * What a run needs to know of a stored document to decide whether its source changed.
 *
 * @param changeKey the source's change key recorded when it was last read ({@link DocumentSource.Entry}); null
 *     when it was not trusted then, so the document is read again
 */
record StoredFile(String filePath, String fileHash, int parserEpoch, String statusVocabHash, String changeKey) {}
