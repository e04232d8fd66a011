package odoodr.filestore.sync;

import java.time.Instant;

/**
 * A file some row references that the mirror does not hold (yet): what it must be, and how fetching it went.
 * Mutable, owned by one {@link DatabaseMirror}.
 */
final class PendingFile {
    enum Failure { MISSING_ON_PROD, CHECKSUM_MISMATCH, NOT_RECEIVED, TRANSFER_FAILED }

    final String storeFname;
    final long attachmentId;
    final String expectedSha1;
    final Instant firstSeen;
    int failures;
    Failure lastFailure;
    Instant nextAttempt;
    String lastError;

    PendingFile(AttachmentRow row, Instant now) {
        this.storeFname = row.storeFname();
        this.attachmentId = row.id();
        this.expectedSha1 = row.expectedSha1();
        this.firstSeen = now;
        this.nextAttempt = now;
    }

    boolean isDue(Instant now) {
        return !now.isBefore(nextAttempt);
    }

    void failed(Failure failure, Instant now, RetryBackoff backoff) {
        failed(failure, null, now, backoff);
    }

    void failed(Failure failure, String error, Instant now, RetryBackoff backoff) {
        failures++;
        lastFailure = failure;
        lastError = error;
        nextAttempt = now.plus(backoff.delayAfter(failures));
    }
}
