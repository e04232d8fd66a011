package odoodr.runbook;

/**
 * Where steps report the progress of a long copy; the CLI renders it (as {@code StepPrinter} renders the steps), so
 * domain code never prints. Called from the thread that reads the copying program's output.
 */
public interface ProgressListener {
    /** Reports nothing: for runs nobody watches. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void onProgress(Progress p) {
        }

        @Override
        public void onEnd(String task) {
        }
    };

    void onProgress(Progress p);

    /** The copy of {@code task} has ended, done or not: no more records for it. */
    void onEnd(String task);
}
