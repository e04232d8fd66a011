package odoodr;

/**
 * The process exit codes of odoo-dr (DESIGN.md §5). Scripts rely on these numbers: add new ones, never renumber.
 */
public enum ExitCode {
    OK(0, "success"),
    INTERNAL(1, "unexpected internal error (run with -v and report it)"),
    USAGE(2, "usage error: unknown command, option or argument"),
    CONFIG(10, "configuration invalid or unreadable"),
    SSH(11, "prod host unreachable over SSH, or SSH refused"),
    DATABASE(12, "PostgreSQL error (connection, authentication, query)"),
    RSYNC(13, "rsync (filestore transfer) failed"),
    BASE_BACKUP(14, "pg_basebackup failed"),
    PRECONDITION(15, "a precondition is not met (preflight found a blocker)"),
    VERIFY(16, "a step's verification failed after it was applied"),
    FAILOVER(17, "promote or decommission refused or failed"),
    PROCESS(18, "a local program failed, timed out or is missing"),
    RESTORE(19, "restore refused: TIME, archive, name, port or disk"),
    RESTORE_INCOMPLETE(20, "restore could not reach TIME: WAL missing or damaged"),
    DRILL(21, "drill refused (no archive or base backup) or failed");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
