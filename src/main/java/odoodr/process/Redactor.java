package odoodr.process;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces secrets by {@code <masked>}. Secrets registered globally (passwords generated or read by odoo-dr) are
 * masked in every log line through {@link odoodr.cli.RedactingConverter}; per-command secrets in that command's
 * output and errors.
 */
public final class Redactor {
    public static final String MASK = "<masked>";
    private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

    private Redactor() {
    }

    /** From now on, mask this value wherever odoo-dr logs or reports. */
    public static void register(String secret) {
        if (secret != null && !secret.isEmpty()) {
            REGISTERED.add(secret);
        }
    }

    public static String redact(String text) {
        return redact(text, Set.of());
    }

    public static String redact(String text, Collection<String> extraSecrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : REGISTERED) {
            out = out.replace(s, MASK);
        }
        for (String s : extraSecrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }
}
