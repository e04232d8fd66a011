package odoodr.filestore.sync;

import odoodr.filestore.TransferResult;

import java.util.function.Supplier;

/**
 * The filestore's one transfer lock (runbook gotcha 8: the seed, the full pass and this sync never write at once),
 * held only around the rsync itself: reading the standby and checking sha1s happen outside it.
 */
@FunctionalInterface
public interface TransferLock {
    TransferResult holding(Supplier<TransferResult> transfer);

    /** For tests and for callers that already hold the lock. */
    TransferLock NONE = Supplier::get;
}
