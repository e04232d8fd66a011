package odoodr.postgres;

import odoodr.DrException;
import odoodr.ExitCode;
import odoodr.config.Secret;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * A JDBC session with a PostgreSQL server reached on this machine's loopback (prod through a tunnel, or the
 * standby). The password goes to the driver in memory only: never on a command line, never in a URL.
 */
public final class PrimarySession implements AutoCloseable {
    private final Connection connection;
    private final String describe;

    private PrimarySession(Connection connection, String describe) {
        this.connection = connection;
        this.describe = describe;
    }

    public static PrimarySession connect(int port, String user, Secret password, String database) {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password.reveal());
        }
        p.setProperty("ApplicationName", "odoo-dr");
        p.setProperty("connectTimeout", "15");
        p.setProperty("socketTimeout", "120");
        p.setProperty("sslmode", "disable"); // the tunnel already encrypts; loopback otherwise
        String describe = user + "@127.0.0.1:" + port + "/" + database;
        try {
            return new PrimarySession(DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p), describe);
        } catch (SQLException e) {
            throw connectFailure(describe, e);
        }
    }

    static DrException connectFailure(String describe, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String hint = switch (state) {
            case "28P01" -> "wrong password: check prod.superuser_password_file or ODOO_DR_PROD_PASSWORD";
            case "28000" -> "the server's pg_hba.conf refuses this role or address";
            case "3D000" -> "that database does not exist on the server";
            case "08001", "08006" -> "nothing answers on the tunnel: is prod's PostgreSQL running and prod.pg_port right?";
            default -> null;
        };
        return new DrException(ExitCode.DATABASE, "PostgreSQL " + describe + ": " + e.getMessage(), hint, e);
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
