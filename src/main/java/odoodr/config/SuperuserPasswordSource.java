package odoodr.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import odoodr.DrException;
import odoodr.ExitCode;

/**
 * Where prod's superuser password comes from (DESIGN.md §6): {@code prod.superuser_password_file} (mode 0600, owned by
 * the user running odoo-dr), else the environment variable {@value #PASSWORD_ENV}, else nothing, and the CLI asks on
 * the terminal. The password is needed only during setup and never enters the config itself.
 */
public final class SuperuserPasswordSource {
    public static final String PASSWORD_ENV = "ODOO_DR_PROD_PASSWORD";

    private final Map<String, String> env;
    private final String currentUser;

    public SuperuserPasswordSource(Map<String, String> env) {
        this(env, System.getProperty("user.name"));
    }

    SuperuserPasswordSource(Map<String, String> env, String currentUser) {
        this.env = env;
        this.currentUser = currentUser;
    }

    /** The password from the file or the environment; empty when neither has it (then ask on a terminal). */
    public Optional<Secret> find(Config config) {
        Optional<Path> file = config.prod().superuserPasswordFile();
        if (file.isPresent() && Files.exists(file.get())) {
            return Optional.of(readFile(file.get(), config.source()));
        }
        String fromEnv = env.get(PASSWORD_ENV);
        return fromEnv == null || fromEnv.isEmpty() ? Optional.empty() : Optional.of(Secret.of(fromEnv));
    }

    private Secret readFile(Path file, SourceMap source) {
        List<ConfigProblem> problems = ConfigValidator.passwordFileProblems(file, currentUser, source);
        if (!problems.isEmpty()) {
            throw problems.get(0).toException();
        }
        String content;
        try {
            content = Files.readString(file);
        } catch (IOException e) {
            throw new DrException(ExitCode.CONFIG, "cannot read " + ConfigKeys.PROD_SUPERUSER_PASSWORD_FILE + " "
                    + file + ": " + e.getMessage(), "make it a readable UTF-8 file, mode 0600", e);
        }
        // editors add a final newline; it is not part of the password
        String password = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        if (password.isEmpty() || password.contains("\n")) {
            String why = password.isEmpty() ? "is empty" : "has more than one line";
            // the content is never shown: it is (part of) a password
            throw source.problem(ConfigKeys.PROD_SUPERUSER_PASSWORD_FILE, ConfigKeys.PROD_SUPERUSER_PASSWORD_FILE
                    + " " + file + " " + why + "; it must hold only the password, on one line",
                    "(umask 077; printf '%s' 'PASSWORD' > " + file + ")").toException();
        }
        return Secret.of(password);
    }
}
