package odoodr.postgres;

import odoodr.DrException;
import odoodr.ExitCode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A JDBC session with a PostgreSQL server reached on this machine's loopback (prod through a tunnel, or the
 * standby), with the query helpers every caller uses. Opened by {@link ConnectionFactory#session}.
 */
public final class PrimarySession implements AutoCloseable {
    private final Connection connection;
    private final String describe;

    /** Made by {@link ConnectionFactory}, the one place connections come from. */
    PrimarySession(Connection connection, String describe) {
        this.connection = connection;
        this.describe = describe;
    }

    public Connection connection() {
        return connection;
    }

    public String describe() {
        return describe;
    }

    /** The first column of the first row, or empty when there is no row. */
    public Optional<String> queryValue(String sql, Object... params) {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    public String requireValue(String sql, Object... params) {
        return queryValue(sql, params).orElseThrow(() -> new DrException(ExitCode.DATABASE,
                describe + ": no result for " + sql, null));
    }

    public String setting(String name) {
        return requireValue("SELECT setting FROM pg_settings WHERE name = ?", name);
    }

    public int intSetting(String name) {
        return Integer.parseInt(setting(name));
    }

    public int serverMajor() {
        return intSetting("server_version_num") / 10000;
    }

    public void execute(String sql, Object... params) {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.execute();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    DrException failure(String sql, SQLException e) {
        return new DrException(ExitCode.DATABASE, describe + ": " + e.getMessage(), "the statement was: " + sql, e);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a broken connection: nothing left to release
        }
    }
}
