package odoodr.preflight;

import odoodr.DrException;
import odoodr.postgres.PrimarySession;
import odoodr.runbook.SetupContext;

import java.sql.SQLException;

/**
 * The one superuser session every database check of a preflight run shares (one temporary tunnel, one login). A
 * failed login is remembered, so a wrong password is tried once and reported once, not once per check.
 */
final class ProdDatabase implements AutoCloseable {
    /** Always there after initdb; template1 when an operator dropped it. */
    private static final String DATABASE = "postgres";
    private static final String FALLBACK_DATABASE = "template1";

    private PrimarySession session;
    private DrException failure;

    synchronized PrimarySession session(SetupContext ctx) {
        if (failure != null) {
            throw failure;
        }
        if (session == null) {
            try {
                session = connect(ctx);
            } catch (DrException e) {
                failure = e;
                throw e;
            }
        }
        return session;
    }

    private static PrimarySession connect(SetupContext ctx) {
        try {
            return ctx.superuserSession(DATABASE);
        } catch (DrException e) {
            if (e.getCause() instanceof SQLException sql && "3D000".equals(sql.getSQLState())) {
                return ctx.superuserSession(FALLBACK_DATABASE);
            }
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
