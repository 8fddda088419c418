package io.sdlclens.error;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.hibernate.JDBCException;
import org.hibernate.exception.ConstraintViolationException;

/** Classifies failures that come out of the database clients, whatever wrapped them on the way up. */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    /**
     * True when the failure means the database cannot be reached (refused, timed out, connection lost, server
     * shutting down) rather than that a statement was wrong: the client gets a 503 and may retry.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException
                    || t instanceof ClosedConnectionException
                    || t instanceof TimeoutException) {
                return true;
            }
            // The Vert.x SQL pool reports an acquire timeout as a bare "Timeout" throwable.
            if (t instanceof NoStackTraceThrowable
                    && String.valueOf(t.getMessage()).contains("Timeout")) {
                return true;
            }
            if (t instanceof PgException pg && isUnavailableState(pg.getSqlState())) {
                return true;
            }
            if (t.getClass().getName().equals("io.vertx.core.VertxException")
                    && String.valueOf(t.getMessage()).toLowerCase().contains("connection")) {
                return true;
            }
        }
        return false;
    }

    /** The SQLSTATE of the first PostgreSQL error in the chain, if any. */
    public static Optional<String> sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg) {
                return Optional.ofNullable(pg.getSqlState());
            }
            if (t instanceof JDBCException jdbc && jdbc.getSQLState() != null) {
                return Optional.of(jdbc.getSQLState());
            }
        }
        return Optional.empty();
    }

    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Hibernate Reactive reports the constraint's kind but not always the SQLSTATE.
            if (t instanceof ConstraintViolationException violation
                    && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
        }
        return sqlState(failure).filter("23505"::equals).isPresent();
    }

    /** The statement gave up waiting for a row lock ({@code lock_timeout}). */
    public static boolean isLockTimeout(Throwable failure) {
        return sqlState(failure).filter("55P03"::equals).isPresent();
    }

    /** Text the database cannot store: a NUL character, or bytes that are not valid in its encoding. */
    public static boolean isUnstorableText(Throwable failure) {
        return sqlState(failure)
                .filter(state -> state.equals("22021") || state.equals("22P05"))
                .isPresent();
    }

    private static boolean isUnavailableState(String state) {
        return state != null
                && (state.startsWith("08") // connection exception
                        || state.equals("57P01") // admin shutdown
                        || state.equals("57P02") // crash shutdown
                        || state.equals("57P03") // cannot connect now (starting up)
                        || state.equals("53300")); // too many connections
    }
}
