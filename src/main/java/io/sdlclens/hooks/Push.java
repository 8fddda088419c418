package io.sdlclens.hooks;

import java.util.List;

/**
 * What a push event says, as far as matching projects goes: the repository's URLs (as the sender spells them)
 * and the branch pushed to. Only a hint: the sync reads the repository itself.
 */
record Push(List<String> repositoryUrls, String branch) {}
