package odoodr.postgres;

import odoodr.config.Secret;

/**
 * Who connects to which database of a PostgreSQL server on this machine's loopback (prod through a tunnel, or the
 * standby), with which {@link ConnectionProfile}. The password goes to the driver in memory only: never on a command
 * line, never in a URL. Made by {@link ConnectionProfile#login}, opened by {@link ConnectionFactory}.
 *
 * @param password null to offer none (the server then says what it wants, and the failure names the role)
 */
public record Login(ConnectionProfile profile, int port, String user, Secret password, String database) {
    static final String HOST = "127.0.0.1";

    String url() {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** How errors name this connection: {@code role@127.0.0.1:port/database}. */
    public String describe() {
        return user + "@" + HOST + ":" + port + "/" + database;
    }
}
