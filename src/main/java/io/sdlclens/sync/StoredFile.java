package io.sdlclens.sync;

/** What a run needs to know of a stored document to decide whether its file changed. */
record StoredFile(String fileHash, int parserEpoch, String statusVocabHash, long fileSize, Long settledMtimeMicros) {}
