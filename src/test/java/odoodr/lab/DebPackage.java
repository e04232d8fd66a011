package odoodr.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Debian package of the current tree, as {@code make deb} makes it: {@code scripts/build-deb} from
 * {@code target/odoo-dr.jar}. The jar is Maven's package phase, which comes after the tests, so it must be built
 * first ({@code make test} does); a jar older than any file under src/main would put yesterday's code in the
 * package, so that fails the test instead of testing something else.
 */
public final class DebPackage {
    private DebPackage() {
    }

    /** Builds the package and returns its path. */
    public static Path build() {
        Path project = ProdLab.projectDir();
        Path jar = project.resolve("target/odoo-dr.jar");
        if (!Files.isRegularFile(jar)) {
            throw new ProdLabException(jar + " is missing: build it first with ./mvnw -o -q -DskipTests package "
                    + "(make test does)");
        }
        Optional<Path> newer = newestSource(project.resolve("src/main"));
        FileTime jarTime = modified(jar);
        if (newer.isPresent() && modified(newer.get()).compareTo(jarTime) > 0) {
            throw new ProdLabException(jar + " is older than " + newer.get() + ": rebuild it with "
                    + "./mvnw -o -q -DskipTests package (make test does)");
        }
        CommandResult result = LabCommand.run(List.of(project.resolve("scripts/build-deb").toString()), null,
                Duration.ofMinutes(3)).requireOk();
        Path deb = Path.of(result.stdout().strip());
        if (!Files.isRegularFile(deb)) {
            throw new ProdLabException("scripts/build-deb printed no package path: " + result.stdout());
        }
        return deb;
    }

    private static Optional<Path> newestSource(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).max((a, b) -> modified(a).compareTo(modified(b)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
