package io.sdlclens.sync;

import io.sdlclens.format.FormatVersion;
import io.sdlclens.format.StatusVocabulary;

/**
 * What a stored document must have been parsed with to be current: the parser epoch and the fingerprint of the
 * project's status vocabulary. A document whose bytes are unchanged is still re-parsed when either differs, so
 * a parser change or an edited {@code status_vocab} reaches every document once.
 */
record ParseKey(int parserEpoch, String vocabularyFingerprint) {

    static ParseKey of(StatusVocabulary vocabulary) {
        return new ParseKey(FormatVersion.PARSER_EPOCH, vocabulary.fingerprint());
    }

    boolean isCurrent(StoredFile stored) {
        return stored.parserEpoch() == parserEpoch && stored.statusVocabHash().equals(vocabularyFingerprint);
    }
}
