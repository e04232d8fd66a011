package odoodr.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import odoodr.DrException;
import odoodr.ExitCode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads the config file strictly: the YAML is composed into nodes (not bound to objects), so every key and value keeps
 * its line, unknown and duplicate keys are caught, and each error names the key, file and line. Throws a
 * {@link DrException} with {@link ExitCode#CONFIG} at the first problem; then {@link Config#validate()} reports the
 * cross-field ones together.
 */
public final class ConfigLoader {
    public static final Path DEFAULT_PATH = Path.of("/etc/odoo-dr/odoo-dr.yaml");
    /** Environment variable naming the config file when --config is not given. */
    public static final String PATH_ENV = "ODOO_DR_CONFIG";

    private static final String INIT_HINT = "write a commented config with `odoo-dr init`, or point --config (or "
            + PATH_ENV + ") at yours";

    private final Supplier<String> shortHostname;

    public ConfigLoader() {
        this(ShortHostname::detect);
    }

    /** @param shortHostname the default replica.name (this host's short name); tests pass a fixed one */
    /** No odoo-dr config comes near this; a bigger file is the wrong file (or a device), not read whole. */
    static final int MAX_BYTES = 1024 * 1024;

    public ConfigLoader(Supplier<String> shortHostname) {
        this.shortHostname = shortHostname;
    }

    public static Config load(Path file) {
        return new ConfigLoader().read(file);
    }

    /** Loads YAML text; {@code sourceName} stands for the file in messages. */
    public static Config loadString(String yaml, String sourceName) {
        return new ConfigLoader().parse(yaml, sourceName);
    }

    /** The file to read: --config if given, else $ODOO_DR_CONFIG if set, else {@link #DEFAULT_PATH}. */
    public static Path resolvePath(Path option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        String fromEnv = env.get(PATH_ENV);
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT_PATH : Path.of(fromEnv);
    }

    public Config read(Path file) {
        return parse(readText(file), file.toString());
    }

    public Config parse(String yaml, String sourceName) {
        String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
        if (text.isBlank()) {
            throw new DrException(ExitCode.CONFIG, "config file " + sourceName + " is empty",
                    "at least prod.ssh.host must be set; " + INIT_HINT);
        }
        Node root = compose(text, sourceName).orElseThrow(() -> new DrException(ExitCode.CONFIG,
                "config file " + sourceName + " has no settings, only comments",
                "at least prod.ssh.host must be set (uncomment or add it)"));
        if (!(root instanceof MappingNode mapping)) {
            throw new ConfigProblem("(top level)", sourceName, YamlValue.lineOf(root, 1),
                    "the top level must be sections (replica:, prod:, postgres:, databases:, filestore:, agent:), found "
                            + YamlValue.describe(root), INIT_HINT).toException();
        }
        try {
            return new ConfigBinder(shortHostname).bind(mapping, sourceName);
        } catch (StackOverflowError e) {
            throw tooDeep(sourceName);
        }
    }

    private static DrException tooDeep(String sourceName) {
        // the composer and the binder recurse once per nesting level; an odoo-dr config is three levels deep
        return new DrException(ExitCode.CONFIG, sourceName + ": YAML nested too deeply: not an odoo-dr config",
                "an odoo-dr config has sections with keys and short lists; " + INIT_HINT);
    }

    private static String readText(Path file) {
        if (Files.isDirectory(file)) {
            throw new DrException(ExitCode.CONFIG, "config file " + file + " is a directory", INIT_HINT);
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a FIFO would block the read for ever, a device (/dev/zero) would fill the memory
            throw new DrException(ExitCode.CONFIG, "config file " + file + " is not a regular file",
                    "point --config (or ODOO_DR_CONFIG) at the YAML file itself; " + INIT_HINT);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new DrException(ExitCode.CONFIG, "config file " + file + " is larger than " + MAX_BYTES / 1024
                        + " KiB: not an odoo-dr config", "check --config (or ODOO_DR_CONFIG); " + INIT_HINT);
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new DrException(ExitCode.CONFIG, "config file " + file + " does not exist", INIT_HINT, e);
        } catch (AccessDeniedException e) {
            throw new DrException(ExitCode.CONFIG, "cannot read config file " + file + ": permission denied",
                    "run odoo-dr as root (sudo), or let this user read the file", e);
        } catch (CharacterCodingException e) {
            throw new DrException(ExitCode.CONFIG, "config file " + file + " is not UTF-8 text",
                    "save it as UTF-8; " + INIT_HINT, e);
        } catch (IOException e) {
            throw new DrException(ExitCode.CONFIG, "cannot read config file " + file + ": " + e.getMessage(),
                    "check that it is a readable file", e);
        }
    }

    private static Optional<Node> compose(String text, String sourceName) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(sourceName)
                .setSchema(new CoreSchema())   // YAML 1.2: only true/false are booleans, `on`/`no` stay text
                .setUseMarks(true)
                .setCodePointLimit(MAX_BYTES)
                .build();
        try {
            return new Compose(settings).composeString(text);
        } catch (StackOverflowError e) {
            throw tooDeep(sourceName);
        } catch (MarkedYamlEngineException e) {
            throw new DrException(ExitCode.CONFIG, syntaxError(e, sourceName),
                    "fix the YAML there: indent with spaces (not tabs), put a space after each colon, and quote values"
                            + " that contain `: ` or ` #`", e);
        } catch (YamlEngineException e) {
            throw new DrException(ExitCode.CONFIG, sourceName + ": YAML error: " + oneLine(e.getMessage()),
                    "fix the YAML (a file may hold only one document, and only printable characters)", e);
        }
    }

    /** {@code file:line:column: YAML syntax error: problem (context at line N)} on one line. */
    private static String syntaxError(MarkedYamlEngineException e, String sourceName) {
        String where = e.getProblemMark().map(m -> sourceName + ":" + position(m)).orElse(sourceName);
        StringBuilder message = new StringBuilder(where).append(": YAML syntax error: ")
                .append(oneLine(e.getProblem() == null ? e.getMessage() : e.getProblem()));
        if (e.getContext() != null) {
            message.append(" (").append(oneLine(e.getContext()));
            e.getContextMark().ifPresent(m -> message.append(" at line ").append(m.getLine() + 1));
            message.append(")");
        }
        return message.toString();
    }

    private static String position(Mark mark) {
        return (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    private static String oneLine(String text) {
        return ValueDisplay.escape(text.strip().replaceAll("\\s*\\n\\s*", " "));
    }
}
