package odoodr.preflight;

import odoodr.lab.ProdLab;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code docker} on the lab's prod host that answers {@code inspect} and {@code ps} (by compose labels, or all
 * containers as {@code NAME<tab>IMAGE} whatever the format) from files (no Docker engine
 * runs here). It lives on a tmpfs mounted over /usr/local/sbin inside the lab's own mount namespace only: sudo's
 * secure_path finds it first there, and the host's /usr/local/sbin stays untouched. Every call is logged with the
 * caller's uid, so a test can see that preflight really ran {@code sudo docker inspect} on prod.
 *
 * <p>The containers are the runbook's deployment from odoodr.prod's inspect samples
 * (odoo-compose-loopback-db-constructed.json: Odoo with its data volume, PostgreSQL published on 127.0.0.1:5432),
 * with the Odoo volume's source moved to where the lab keeps its filestore.
 */
final class FakeDocker {
    static final String DIR = "/usr/local/sbin/.fake-docker";
    static final String CALLS = DIR + "/calls.log";
    static final String ODOO = "odoo-prod";
    static final String DB = "deploy-db-1";
    private static final String SAMPLE = "/odoodr/prod/odoo-compose-loopback-db-constructed.json";
    private static final String SAMPLE_VOLUME = "/var/lib/docker/volumes/deploy_odoo-web-data/_data";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final String SCRIPT = """
            #!/bin/sh
            # fake docker of the odoo-dr prod lab: answers from files, logs every call
            dir=%s
            echo "$(id -u) $*" >> "$dir/calls.log"
            case "$1" in
              inspect)
                for last; do :; done
                if [ -f "$dir/inspect/$last.json" ]; then cat "$dir/inspect/$last.json"; exit 0; fi
                echo "[]"; echo "Error: No such container: $last" >&2; exit 1 ;;
              ps)
                project=; service=
                for a; do
                  case "$a" in
                    label=com.docker.compose.project=*) project=${a#label=com.docker.compose.project=} ;;
                    label=com.docker.compose.service=*) service=${a#label=com.docker.compose.service=} ;;
                  esac
                done
                if [ -z "$project$service" ]; then cat "$dir/ps/all"; exit 0; fi
                [ -f "$dir/ps/$project.$service" ] && cat "$dir/ps/$project.$service"
                exit 0 ;;
              *) echo "fake docker: unsupported: $*" >&2; exit 1 ;;
            esac
            """.formatted(DIR);

    private FakeDocker() {
    }

    /** Installs it once per lab; later calls only clear the call log. */
    static synchronized void install(ProdLab lab) {
        if (lab.exec("test", "-x", "/usr/local/sbin/docker").ok()) {
            lab.exec("sh", "-c", ": > " + CALLS).requireOk();
            return;
        }
        lab.exec("mount", "-t", "tmpfs", "-o", "mode=0755", "odrlab-" + lab.id() + "-fakedocker", "/usr/local/sbin")
                .requireOk();
        lab.exec("mkdir", "-p", DIR + "/inspect", DIR + "/ps").requireOk();
        put(lab, "/usr/local/sbin/docker", SCRIPT);
        lab.exec("chmod", "0755", "/usr/local/sbin/docker").requireOk();
        String volume = Path.of(lab.filestorePath()).getParent().toString();
        StringBuilder ps = new StringBuilder(); // docker ps --format '{{.Names}}\t{{.Image}}' (any other format too)
        for (Object o : sample()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> c = (Map<String, Object>) o;
            String name = String.valueOf(c.get("Name")).replaceFirst("^/", "");
            String id = String.valueOf(c.get("Id"));
            String json = "[" + Json.write(c) + "]";
            json = json.replace(SAMPLE_VOLUME, volume);
            put(lab, DIR + "/inspect/" + name + ".json", json);
            put(lab, DIR + "/inspect/" + id + ".json", json);
            if (name.equals(DB)) {
                put(lab, DIR + "/ps/deploy.db", id + "\n");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) c.get("Config");
            ps.append(name).append('\t').append(config.get("Image")).append('\n');
        }
        put(lab, DIR + "/ps/all", ps.toString());
        lab.exec("sh", "-c", ": > " + CALLS).requireOk();
        // the host side must not see any of it
        assertThat(Files.exists(Path.of("/usr/local/sbin/docker"))).isFalse();
    }

    static String calls(ProdLab lab) {
        return lab.exec("cat", CALLS).requireOk().stdout();
    }

    private static void put(ProdLab lab, String path, String content) {
        lab.execWithInput(content, TIMEOUT, "sh", "-c", "cat > \"$1\"", "sh", path).requireOk();
    }

    private static List<?> sample() {
        try (InputStream in = FakeDocker.class.getResourceAsStream(SAMPLE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace('\t', ' ');
            return (List<?>) new Load(LoadSettings.builder().build()).loadFromString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Enough JSON for docker inspect's values: maps, lists, strings, numbers, booleans, null. */
    static final class Json {
        static String write(Object v) {
            StringBuilder out = new StringBuilder();
            write(v, out);
            return out.toString();
        }

        private static void write(Object v, StringBuilder out) {
            if (v == null) {
                out.append("null");
            } else if (v instanceof Map<?, ?> m) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.append(first ? "" : ",");
                    first = false;
                    string(String.valueOf(e.getKey()), out);
                    out.append(':');
                    write(e.getValue(), out);
                }
                out.append('}');
            } else if (v instanceof List<?> l) {
                out.append('[');
                for (int i = 0; i < l.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(l.get(i), out);
                }
                out.append(']');
            } else if (v instanceof Number || v instanceof Boolean) {
                out.append(v);
            } else {
                string(String.valueOf(v), out);
            }
        }

        private static void string(String s, StringBuilder out) {
            out.append('"');
            for (char ch : s.toCharArray()) {
                switch (ch) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    case '\r' -> out.append("\\r");
                    default -> {
                        if (ch < 0x20) {
                            out.append(String.format("\\u%04x", (int) ch));
                        } else {
                            out.append(ch);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
