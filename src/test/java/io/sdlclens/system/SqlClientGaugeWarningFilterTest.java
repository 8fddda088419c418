package io.sdlclens.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** Only Micrometer's duplicate-gauge warning for the SQL client is dropped; everything else still logs. */
class SqlClientGaugeWarningFilterTest {

    private final SqlClientGaugeWarningFilter filter = new SqlClientGaugeWarningFilter();

    private static ExtLogRecord record(String logger, Level level, String format, Object... parameters) {
        ExtLogRecord record = new ExtLogRecord(level, format, ExtLogRecord.FormatStyle.PRINTF, logger);
        record.setLoggerName(logger);
        record.setParameters(parameters);
        return record;
    }

    @Test
    void dropsTheSqlClientGaugeWarningAsMicrometerLogsIt() {
        assertThat(filter.isLoggable(record(
                        SqlClientGaugeWarningFilter.LOGGER,
                        Level.WARNING,
                        "This Gauge has been already registered (%s), the registration will be ignored. Note that"
                                + " subsequent logs will be logged at debug level.",
                        "MeterId{name='postgresql.queue.size', tags=[tag(clientName=<default>),tag(clientType=sql)]}")))
                .isFalse();
    }

    @Test
    void keepsOtherDuplicateGaugesOtherLoggersAndOtherMessages() {
        assertThat(filter.isLoggable(record(
                        SqlClientGaugeWarningFilter.LOGGER,
                        Level.WARNING,
                        "This Gauge has been already registered (%s), the registration will be ignored.",
                        "MeterId{name='http.client.active.connections', tags=[tag(clientName=github)]}")))
                .isTrue();
        assertThat(filter.isLoggable(record(
                        "io.sdlclens.Other",
                        Level.WARNING,
                        "This Gauge has been already registered (MeterId{name='x', tags=[tag(clientType=sql)]})")))
                .isTrue();
        assertThat(filter.isLoggable(record(SqlClientGaugeWarningFilter.LOGGER, Level.WARNING, "anything else")))
                .isTrue();
    }
}
