package odoodr.cli;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import odoodr.process.Redactor;

/**
 * Logback's stack trace (%ex), with every registered secret replaced by {@code <masked>}: an exception's message
 * (a JDBC error quoting a statement, a child's stderr) may carry a password, and without this converter in the
 * pattern logback appends the raw trace on its own.
 */
public final class RedactingThrowableConverter extends ThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redactor.redact(super.convert(event));
    }
}
