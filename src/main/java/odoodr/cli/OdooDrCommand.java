package odoodr.cli;

import odoodr.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The root command: global options, the list of subcommands, and how errors become exit codes. */
@Command(name = "odoo-dr",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Disaster recovery for Odoo: a read-only streaming PostgreSQL standby and a mirror of the filestore,",
                "from a production host reachable only over SSH."},
        subcommands = {InitCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n")
public final class OdooDrCommand implements Runnable {
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
