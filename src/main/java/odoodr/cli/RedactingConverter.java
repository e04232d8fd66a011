package odoodr.cli;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import odoodr.process.Redactor;

/** Logback's %msg, with every registered secret replaced by {@code <masked>}: the last line of defence for logs. */
public final class RedactingConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redactor.redact(super.convert(event));
    }
}
