package odoodr.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import odoodr.config.Config;
import odoodr.config.ConfigLoader;
import odoodr.process.ProcessRunner;
import odoodr.runbook.Check;
import odoodr.runbook.SetupContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real config files side by side in one directory, as /etc/odoo-dr/ holds one per prod. */
class NeighbourConfigsCheckTest {
    @TempDir
    Path dir;

    private Path write(String file, String name, int tunnelPort, String cluster, int port, int agentPort)
            throws IOException {
        Path p = dir.resolve(file);
        Files.writeString(p, """
                replica: {name: %s, tunnel_port: %d}
                prod: {ssh: {host: prod-%s.example.com}}
                postgres: {cluster: %s, port: %d}
                agent: {listen: "127.0.0.1:%d"}
                """.formatted(name, tunnelPort, name, cluster, port, agentPort));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    private Check check(Path configFile) {
        Config config = ConfigLoader.load(configFile);
        try (SetupContext ctx = new SetupContext(config, configFile, new ProcessRunner(), () -> null)) {
            return new NeighbourConfigsCheck(new Findings()).check(ctx);
        }
    }

    @Test
    void aloneOrWithDistinctNeighboursItIsSatisfied() throws IOException {
        Path a = write("shop-a.yaml", "dr-a", 40000, "shop_a", 5433, 9187);
        assertThat(check(a).state()).isEqualTo(Check.State.SATISFIED);
        assertThat(check(a).detail()).contains("no other config in " + dir);
        write("shop-b.yaml", "dr-b", 40001, "shop_b", 5434, 9188);
        Files.writeString(dir.resolve("notes.txt"), "not a config");
        Check c = check(a);
        assertThat(c.state()).isEqualTo(Check.State.SATISFIED);
        assertThat(c.detail()).contains("1 other config(s)", "nothing shared");
    }

    @Test
    void aCollisionBlocksAndNamesTheOtherFileAndEveryKey() throws IOException {
        Path a = write("shop-a.yaml", "dr-a", 40000, "shop_a", 5433, 9187);
        write("shop-b.yaml", "dr-b", 40000, "shop_a", 5434, 9188);
        Check c = check(a);
        assertThat(c.state()).isEqualTo(Check.State.BLOCKED);
        assertThat(c.detail()).contains(dir.resolve("shop-b.yaml").toString(), "replica.tunnel_port 40000",
                "postgres.cluster 15/shop_a");
        assertThat(c.hint()).contains("replica.tunnel_port", "postgres.cluster");
    }

    @Test
    void aNeighbourThatDoesNotLoadIsNamedNotABlocker() throws IOException {
        Path a = write("shop-a.yaml", "dr-a", 40000, "shop_a", 5433, 9187);
        Path broken = dir.resolve("shop-c.yaml");
        Files.writeString(broken, "replica: {nmae: x}\n");
        Check c = check(a);
        assertThat(c.state()).isEqualTo(Check.State.SATISFIED);
        assertThat(c.detail()).contains("not compared (they do not load): shop-c.yaml");
    }
}
