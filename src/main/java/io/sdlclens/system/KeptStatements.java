package io.sdlclens.system;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statements each pooled connection prepares once and keeps (when {@code sdlc-lens.database.keep-statements}
 * is on). Every other statement is sent one-shot, parsed and planned by PostgreSQL on each execution. A kept
 * statement is planned once per connection after its first executions (PostgreSQL's generic plan), which for the
 * search's long statement costs more than a rare word's whole execution. Only fixed texts of hot, read-only
 * statements belong here: texts built per call would fill the cache with one-use entries.
 */
public final class KeptStatements {

    private static final Set<String> KEPT = ConcurrentHashMap.newKeySet();

    private KeptStatements() {}

    /** Registers {@code sql} as kept, and returns it. */
    public static String keep(String sql) {
        KEPT.add(sql);
        return sql;
    }

    static boolean isKept(String sql) {
        return KEPT.contains(sql);
    }
}
