package io.sdlclens.system;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Drops Micrometer's "This Gauge has been already registered (… clientType=sql …)" warning, and only that one.
 *
 * <p>Its cause is inside Quarkus and cannot be changed from here: the PostgreSQL client asks the metrics SPI for
 * client metrics once per connection, and Quarkus' Micrometer binder ({@code VertxClientMetrics}) registers its
 * {@code postgresql.queue.size} / {@code postgresql.current} gauges under the pool's name each time. The pool's
 * second connection (at every start: the readiness check and the first background job meet) repeats the
 * registration, Micrometer keeps the first gauge and warns (quarkusio/quarkus#47504, open). Nothing is lost that a
 * person could act on: the pool's own {@code vertx.pool.*} meters are unaffected. Any other duplicate
 * registration still warns.
 */
@LoggingFilter(name = "sql-client-gauge-warning")
public final class SqlClientGaugeWarningFilter implements Filter {

    static final String LOGGER = "io.micrometer.core.instrument.MeterRegistry";
    private static final String PREFIX = "This Gauge has been already registered (MeterId{name='";
    private static final String SQL_CLIENT_TAG = "tag(clientType=sql)";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!LOGGER.equals(record.getLoggerName()) || record.getLevel().intValue() < Level.WARNING.intValue()) {
            return true;
        }
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        return message == null || !(message.startsWith(PREFIX) && message.contains(SQL_CLIENT_TAG));
    }
}
