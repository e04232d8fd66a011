package odoodr.cli;

import odoodr.ExitCode;
import odoodr.config.Config;
import odoodr.config.ConfigLoader;
import odoodr.config.Secret;
import odoodr.config.SuperuserPasswordSource;
import odoodr.config.ValidationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.Console;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The root command: global options, the list of subcommands, and how errors become exit codes. */
@Command(name = "odoo-dr",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Disaster recovery for Odoo: a read-only streaming PostgreSQL standby and a mirror of the "
                + "filestore, from a production host reachable only over SSH.",
        subcommands = {InitCommand.class, PreflightCommand.class, SetupCommand.class, StatusCommand.class,
                VerifyCommand.class, SyncCommand.class, AgentCommand.class, PromoteCommand.class, RestoreCommand.class,
                DrillCommand.class, DecommissionCommand.class, DemoCommand.class, TunnelCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n")
public final class OdooDrCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("odoo-dr");
    static final String DEFAULT_CONFIG = "/etc/odoo-dr/odoo-dr.yaml";

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            defaultValue = "${env:ODOO_DR_CONFIG:-" + DEFAULT_CONFIG + "}",
            description = "configuration file (default: ${DEFAULT-VALUE}; env ODOO_DR_CONFIG)")
    Path configPath;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "log what odoo-dr does (debug level) and show stack traces of errors")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public Path configPath() {
        return configPath;
    }

    public boolean verbose() {
        return verbose;
    }

    /** The config of --config, loaded and validated: fatal problems stop here, warnings are logged. */
    public Config loadConfig() {
        Config config = ConfigLoader.load(configPath);
        ValidationResult result = config.validate();
        result.warnings().forEach(w -> LOG.warn("config: {}", w));
        result.requireValid();
        return config;
    }

    /** Prod's superuser password: file, then environment, then a no-echo prompt when a terminal is attached. */
    public static Supplier<Secret> superuserPassword(Config config) {
        return () -> new SuperuserPasswordSource(System.getenv()).find(config).orElseGet(() -> {
            Console console = System.console();
            if (console == null) {
                return null;
            }
            char[] typed = console.readPassword("Password of prod's PostgreSQL superuser %s: ", config.prod().superuser());
            return typed == null ? null : Secret.of(new String(typed));
        });
    }

    public static CommandLine newCommandLine() {
        OdooDrCommand root = new OdooDrCommand();
        CommandLine cl = new CommandLine(root);
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode c : ExitCode.values()) {
            codes.put(String.format("%3d", c.code()), c.meaning());
        }
        cl.getCommandSpec().usageMessage().exitCodeList(codes);
        cl.setExecutionStrategy(parseResult -> {
            Logging.configure(root.verbose);
            return new CommandLine.RunLast().execute(parseResult);
        });
        ErrorHandler errors = new ErrorHandler(() -> root.verbose);
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setExitCodeExceptionMapper(errors);
        return cl;
    }
}
