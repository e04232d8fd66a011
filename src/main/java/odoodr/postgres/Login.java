package odoodr.postgres;

import odoodr.config.PgEndpoint;
import odoodr.config.Secret;

/**
 * Who connects to which database of a PostgreSQL server reached from this machine (prod through a tunnel's Unix
 * socket, or the standby on loopback), with which {@link ConnectionProfile}. The password goes to the driver in
 * memory only: never on a command line, never in a URL. Made by {@link ConnectionProfile#login}, opened by
 * {@link ConnectionFactory}.
 *
 * @param password null to offer none (the server then says what it wants, and the failure names the role)
 */
public record Login(ConnectionProfile profile, PgEndpoint endpoint, String user, Secret password, String database) {
    /**
     * pgjdbc's URL names a TCP host; for a socket endpoint {@link UnixSocketFactory} connects to the socket instead
     * and the host in the URL is never contacted.
     */
    String url() {
        return "jdbc:postgresql://" + PgEndpoint.LOOPBACK + ":" + endpoint.port() + "/" + database;
    }

    /** How errors name this connection: {@code role@<socket file or 127.0.0.1:port>/database}. */
    public String describe() {
        return user + "@" + endpoint + "/" + database;
    }
}
