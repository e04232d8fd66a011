package odoodr.postgres;

/**
 * One pgpass line as libpq reads it (see {@link PgPassContent}): the four key fields with escapes removed, which of
 * them are wildcards, and the password.
 */
final class PgPassFields {
    final String[] fields;
    final boolean[] wildcard;
    final String password;

    PgPassFields(String[] fields, boolean[] wildcard, String password) {
        this.fields = fields;
        this.wildcard = wildcard;
        this.password = password;
    }

    static PgPassFields parse(String text) {
        String[] fields = new String[4];
        boolean[] wildcard = new boolean[4];
        int pos = 0;
        for (int f = 0; f < 4; f++) {
            if (text.startsWith("*:", pos)) {
                fields[f] = PgPassEntry.ANY;
                wildcard[f] = true;
                pos += 2;
                continue;
            }
            StringBuilder field = new StringBuilder();
            boolean terminated = false;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '\\') {
                    if (pos == text.length()) {
                        return null; // libpq: a key field cannot end in a lone backslash
                    }
                    field.append(text.charAt(pos++));
                } else if (c == ':') {
                    terminated = true;
                    break;
                } else {
                    field.append(c);
                }
            }
            if (!terminated) {
                return null; // no ':' after this field: libpq never matches the line
            }
            fields[f] = field.toString();
        }
        StringBuilder password = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ':') {
                break;
            }
            if (c == '\\' && pos + 1 < text.length()) {
                pos++;
                c = text.charAt(pos);
            }
            password.append(c);
            pos++;
        }
        return new PgPassFields(fields, wildcard, password.toString());
    }

    boolean matches(String[] lookup) {
        for (int i = 0; i < 4; i++) {
            if (!wildcard[i] && !fields[i].equals(lookup[i])) {
                return false;
            }
        }
        return true;
    }

    boolean hasKey(PgPassEntry.Key key) {
        String[] other = {key.host(), key.port(), key.database(), key.user()};
        for (int i = 0; i < 4; i++) {
            boolean otherWildcard = PgPassEntry.ANY.equals(other[i]);
            if (wildcard[i] != otherWildcard || !fields[i].equals(other[i])) {
                return false;
            }
        }
        return true;
    }

    boolean overlaps(PgPassFields other) {
        for (int i = 0; i < 4; i++) {
            if (!wildcard[i] && !other.wildcard[i] && !fields[i].equals(other.fields[i])) {
                return false;
            }
        }
        return true;
    }

    PgPassEntry entry() {
        return new PgPassEntry(fields[0], fields[1], fields[2], fields[3], password);
    }
}
