package odoodr.config;

import java.util.List;
import java.util.stream.Collectors;
import odoodr.DrException;
import odoodr.ExitCode;

/**
 * Everything {@link Config#validate()} found, all at once: errors stop any command that uses the config; warnings are
 * shown and the command goes on.
 */
public record ValidationResult(List<ConfigProblem> errors, List<ConfigProblem> warnings) {

    public ValidationResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /**
     * Throws one {@link DrException} (exit code CONFIG) listing every error, one per line, when there is any. The hint
     * is the first error's (each error's own hint is in {@link #errors()} for a renderer that shows them all).
     */
    public void requireValid() {
        if (errors.isEmpty()) {
            return;
        }
        if (errors.size() == 1) {
            throw errors.get(0).toException();
        }
        String all = errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
        throw new DrException(ExitCode.CONFIG, errors.size() + " configuration errors:\n" + all, errors.get(0).hint());
    }
}
