package odoodr.prod;

import odoodr.process.ProcessResult;

import java.util.List;

/**
 * Runs one program on prod and hands back what it did, whatever its exit code: the seam between what odoo-dr reads
 * off prod (pure functions of these results, testable with canned outputs) and how it gets there (ssh). A connection
 * that cannot be made at all is not a result: the implementation throws (exit 11, with ssh's hint).
 */
@FunctionalInterface
public interface ProdCommands {
    ProcessResult run(List<String> argv);
}
