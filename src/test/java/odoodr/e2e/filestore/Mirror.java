package odoodr.e2e.filestore;

import odoodr.lab.ProdLab;
import odoodr.process.Command;
import odoodr.process.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** What the filestore tests compare and watch: sha1 listings of prod's and the mirror's trees, and local rsyncs. */
final class Mirror {
    /** sha1 of every regular file below the directory, by relative path; rsync's partial-dir not included. */
    private static final String SHA1_LIST = "cd \"$0\" && find . -type f ! -path '*/.rsync-partial/*' -print0"
            + " | sort -z | xargs -0r sha1sum";

    private Mirror() {
    }

    static Map<String, String> prodFiles(ProdLab lab, String db) {
        return parse(lab.exec(Duration.ofMinutes(2), "sh", "-c", SHA1_LIST, lab.filestorePath() + "/" + db)
                .requireOk().stdout());
    }

    static Map<String, String> localFiles(Path dir) {
        return parse(new ProcessRunner().run(Command.of("sh", "-c", SHA1_LIST, dir.toString())
                .timeout(Duration.ofMinutes(2)).build()).stdout());
    }

    private static Map<String, String> parse(String sha1sumOutput) {
        Map<String, String> files = new TreeMap<>();
        sha1sumOutput.lines().filter(l -> !l.isBlank()).forEach(l -> {
            String sha = l.substring(0, 40);
            String path = l.substring(42);
            files.put(path.startsWith("./") ? path.substring(2) : path, sha);
        });
        return files;
    }

    /** Files named after a sha1 (not Odoo's empty checklist markers) whose content has another sha1. */
    static Map<String, String> wrongContent(Map<String, String> files) {
        Map<String, String> wrong = new TreeMap<>();
        files.forEach((path, sha) -> {
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (!path.startsWith("checklist/") && name.matches("[0-9a-f]{40}") && !name.equals(sha)) {
                wrong.put(path, sha);
            }
        });
        return wrong;
    }

    /** Watches this JVM's descendants and records the user each local rsync ran as. */
    static final class RsyncUsers implements AutoCloseable {
        private final Set<String> users = ConcurrentHashMap.newKeySet();
        private final Thread thread;
        private volatile boolean running = true;

        RsyncUsers() {
            thread = new Thread(() -> {
                while (running) {
                    ProcessHandle.current().descendants()
                            .filter(p -> p.info().command().orElse("").endsWith("/rsync"))
                            .forEach(p -> p.info().user().ifPresent(users::add));
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rsync-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        Set<String> users() {
            return Set.copyOf(users);
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
