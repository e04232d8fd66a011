package odoodr.filestore.sync;

import odoodr.filestore.TransferResult;

import java.util.Collection;

/** Brings exactly these files of one database from prod (production: {@code FilestoreTransport#fetch}). */
@FunctionalInterface
public interface FileFetcher {
    TransferResult fetch(String database, Collection<String> storeFnames);
}
