package odoodr.process;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment a child of odoo-dr starts with: an explicit list of what it may inherit, never the caller's whole
 * environment (DESIGN.md §11). odoo-dr runs as root from an operator's shell, whose environment may hold prod's
 * superuser password ({@code ODOO_DR_PROD_PASSWORD}), other {@code ODOO_DR_*} settings, and libpq's {@code PG*}
 * variables (a stray {@code PGHOST} or {@code PGPASSWORD} would redirect or authenticate a {@code pg_basebackup}
 * behind the argv we built). Processes that run as a service user go through {@code setpriv --reset-env} as well.
 */
public final class ChildEnvironment {
    /**
     * What every child may inherit: the search path, the locale (programs decode their argv and messages with it),
     * the time zone, who runs it, and the operator's ssh agent (the operator's own access to prod may be a key in
     * it; service-user processes lose it to setpriv's reset).
     */
    public static final List<String> INHERITED = List.of("PATH", "LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TZ",
            "HOME", "USER", "LOGNAME", "SSH_AUTH_SOCK");

    private ChildEnvironment() {
    }

    /** The caller's values of {@link #INHERITED}, plus the command's own {@code extra} settings. */
    public static Map<String, String> of(Map<String, String> caller, Map<String, String> extra) {
        Map<String, String> env = keep(caller, INHERITED);
        env.putAll(extra);
        return env;
    }

    /** Only the caller's values of {@code keys}, for a child that needs even less than {@link #INHERITED}. */
    public static Map<String, String> keep(Map<String, String> caller, Collection<String> keys) {
        Map<String, String> env = new TreeMap<>();
        for (String key : keys) {
            if (caller.containsKey(key)) {
                env.put(key, caller.get(key));
            }
        }
        return env;
    }

    /** Replaces {@code builder}'s inherited environment with {@code env}. */
    public static ProcessBuilder apply(ProcessBuilder builder, Map<String, String> env) {
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder;
    }
}
