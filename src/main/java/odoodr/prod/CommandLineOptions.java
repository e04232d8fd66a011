package odoodr.prod;

import java.util.List;
import java.util.Optional;

/**
 * Reads option values out of a container's argv ({@code docker inspect}'s top-level {@code Args}), the way Python's
 * optparse (Odoo) and PostgreSQL read them: {@code --name value}, {@code --name=value}, {@code -x value},
 * {@code -xvalue}. The last occurrence wins, as it does for both programs.
 */
final class CommandLineOptions {
    private CommandLineOptions() {
    }

    /**
     * @param longNames  e.g. "--db_host"; several spellings allowed
     * @param shortName  e.g. "-D", or null when the option has no short form
     */
    static Optional<String> lastValue(List<String> args, List<String> longNames, String shortName) {
        String found = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            for (String name : longNames) {
                if (arg.equals(name) && i + 1 < args.size()) {
                    found = args.get(i + 1);
                } else if (arg.startsWith(name + "=")) {
                    found = arg.substring(name.length() + 1);
                }
            }
            if (shortName != null && !arg.startsWith("--")) {
                if (arg.equals(shortName) && i + 1 < args.size()) {
                    found = args.get(i + 1);
                } else if (arg.startsWith(shortName) && arg.length() > shortName.length()) {
                    found = arg.substring(shortName.length());
                }
            }
        }
        return Optional.ofNullable(found).map(String::strip).filter(v -> !v.isEmpty());
    }

    /**
     * A PostgreSQL server setting given on the postgres command line: {@code -c name=value}, {@code -cname=value} or
     * {@code --name=value}. Last occurrence wins.
     */
    static Optional<String> postgresSetting(List<String> args, String setting) {
        String found = null;
        String assignment = setting + "=";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-c") && i + 1 < args.size() && args.get(i + 1).startsWith(assignment)) {
                found = args.get(i + 1).substring(assignment.length());
            } else if (arg.startsWith("-c" + assignment)) {
                found = arg.substring(2 + assignment.length());
            } else if (arg.startsWith("--" + assignment)) {
                found = arg.substring(2 + assignment.length());
            }
        }
        return Optional.ofNullable(found).map(String::strip).filter(v -> !v.isEmpty());
    }
}
