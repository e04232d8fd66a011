package odoodr.lab;

import java.util.List;

/** Outcome of one external command. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    /** Returns this result, or throws with the command, exit code and stderr if it failed. */
    public CommandResult requireOk() {
        if (!ok()) {
            throw new ProdLabException(LabCommand.describe(command) + " exited " + exitCode + ": " + stderr.strip());
        }
        return this;
    }
}
