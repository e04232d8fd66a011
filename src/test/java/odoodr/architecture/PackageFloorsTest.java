package odoodr.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The floors of the code base (README, "Layout"): a package may use only packages on floors below its own, so no
 * import goes upward or sideways and no package cycle can form. A new package must be given a floor here.
 */
class PackageFloorsTest {
    static final List<List<String>> FLOORS = List.of(
            List.of("odoodr"),                                        // DrException, ExitCode
            List.of("odoodr.json", "odoodr.config", "odoodr.units"),  // neutral JSON writer; the config model; byte sizes, rates
            List.of("odoodr.process"),                                // the one way to run a program
            List.of("odoodr.host"),                                   // this machine: service users, files, locks, systemd
            List.of("odoodr.ssh", "odoodr.postgres"),                 // keys and tunnels; connections and clusters
            List.of("odoodr.runbook"),                                // the step engine and its run context
            List.of("odoodr.prod", "odoodr.archive"),                 // what prod's docker says; the recovery archive's layout
            List.of("odoodr.standby", "odoodr.filestore", "odoodr.health", "odoodr.preflight"),
            List.of("odoodr.filestore.sync"),
            List.of("odoodr.output", "odoodr.setup", "odoodr.failover", "odoodr.restore"),
            List.of("odoodr.drill"),                                  // the DR drill: a restore, neutralized and checked
            List.of("odoodr.agent"),
            List.of("odoodr.cli"));

    static final Path MAIN = Path.of("src/main/java");
    static final Pattern REFERENCE = Pattern.compile("\\b(odoodr(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");
    static final int MAX_CLASS_LINES = 300;

    @Test
    void everyPackageHasAFloor() {
        assertThat(floors().keySet()).containsAll(sources().keySet().stream().map(PackageFloorsTest::packageOf).toList());
    }

    @Test
    void noPackageUsesOneOnItsOwnFloorOrAbove() {
        Map<String, Integer> floor = floors();
        List<String> violations = new ArrayList<>();
        sources().forEach((file, code) -> {
            String from = packageOf(file);
            for (String to : references(code)) {
                if (!to.equals(from) && floor.containsKey(to) && floor.get(to) >= floor.getOrDefault(from, -1)) {
                    violations.add(MAIN.relativize(file) + ": " + from + " (floor " + floor.get(from) + ") uses "
                            + to + " (floor " + floor.get(to) + ")");
                }
            }
        });
        assertThat(violations).as("upward or sideways package references").isEmpty();
    }

    @Test
    void noClassIsLongerThanALimit() {
        List<String> tooLong = new ArrayList<>();
        sources().forEach((file, code) -> {
            long lines = code.lines().count();
            if (lines > MAX_CLASS_LINES) {
                tooLong.add(MAIN.relativize(file) + ": " + lines + " lines");
            }
        });
        assertThat(tooLong).as("classes over " + MAX_CLASS_LINES + " lines").isEmpty();
    }

    @Test
    void theCheckSeesAnUpwardReference() {
        String code = "package odoodr.process;\nimport odoodr.cli.Main; // in a comment: odoodr.agent.Agent\n"
                + "class X { String s = \"odoodr.health.HealthReport\"; odoodr.ssh.Tunnel t; }";
        assertThat(references(code)).containsExactlyInAnyOrder("odoodr.cli", "odoodr.ssh");
    }

    /** Packages named in code (imports and qualified names), not in comments or string literals. */
    static TreeSet<String> references(String code) {
        String stripped = code.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"")
                .replaceAll("//[^\\n]*", " ")
                .replaceAll("(?m)^package [^;]+;", "");
        TreeSet<String> out = new TreeSet<>();
        Matcher m = REFERENCE.matcher(stripped);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static Map<String, Integer> floors() {
        Map<String, Integer> out = new TreeMap<>();
        for (int i = 0; i < FLOORS.size(); i++) {
            for (String p : FLOORS.get(i)) {
                out.put(p, i);
            }
        }
        return out;
    }

    static String packageOf(Path file) {
        return MAIN.relativize(file.getParent()).toString().replace('/', '.');
    }

    static Map<Path, String> sources() {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                out.put(f, Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
