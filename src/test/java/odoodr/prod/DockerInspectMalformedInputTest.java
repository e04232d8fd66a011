package odoodr.prod;

import odoodr.DrException;
import odoodr.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Output that is not a list of containers fails with a precondition error saying what to do. */
class DockerInspectMalformedInputTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\n"})
    void missingOutput(String json) {
        assertThatThrownBy(() -> DockerInspect.parse(json))
                .isInstanceOfSatisfying(DrException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.PRECONDITION);
                    assertThat(e.getMessage()).contains("printed nothing");
                    assertThat(e.hint()).contains("docker ps -a");
                });
    }

    @Test
    void emptyArrayMeansNoSuchContainer() {
        // docker inspect prints "[]" on stdout and "Error: No such object: odoo" on stderr, exit status 1
        assertThatThrownBy(() -> DockerInspect.parse("[]\n"))
                .isInstanceOfSatisfying(DrException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.PRECONDITION);
                    assertThat(e.getMessage()).contains("no such container");
                    assertThat(e.hint()).contains("prod.container");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"Id\": \"abc\", \"State\": {\"Running\": true}",
            "[1, 2] trailing",
            "[{\"Id\": \"abc\",, }]",
            "[{\"Id\": \"a\\qb\"}]",
    })
    void notJson(String output) {
        assertThatThrownBy(() -> DockerInspect.parse(output))
                .isInstanceOfSatisfying(DrException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.PRECONDITION);
                    assertThat(e.getMessage()).contains("not valid JSON");
                    assertThat(e.hint()).contains("docker inspect");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Error: No such object: odoo", "Error response from daemon: ...", "odoo: 1", "42"})
    void textIsNotAnArray(String stderrLikeOutput) {
        assertThatThrownBy(() -> DockerInspect.parse(stderrLikeOutput))
                .isInstanceOfSatisfying(DrException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.PRECONDITION);
                    assertThat(e.getMessage()).contains("not a JSON array").contains("text");
                });
    }

    @Test
    void singleObjectIsNotWhatDockerInspectPrints() {
        String array = InspectSamples.read(InspectSamples.SPRING_BOOT_BRIDGE).strip();
        String single = array.substring(1, array.length() - 1); // the spring-boot fixture as stored upstream

        assertThatThrownBy(() -> DockerInspect.parse(single))
                .isInstanceOfSatisfying(DrException.class, e ->
                        assertThat(e.getMessage()).contains("not a JSON array").contains("single object"));
    }

    @Test
    void syntaxErrorNamesThePlaceButNeverQuotesTheInput() {
        String broken = "[{\"Id\": \"abc\", \"Config\": {\"Env\": [\"PASSWORD=hunter2-secret\" \"HOST=db\"]}}]";

        assertThatThrownBy(() -> DockerInspect.parse(broken))
                .isInstanceOfSatisfying(DrException.class, e -> {
                    assertThat(e.getMessage()).contains("line 1").doesNotContain("hunter2");
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void imageOrVolumeInspectIsNotAContainer() {
        String volume = """
                [{"CreatedAt": "2024-01-02T10:00:00Z", "Driver": "local", "Labels": null,
                  "Mountpoint": "/var/lib/docker/volumes/odoo_odoo-web-data/_data",
                  "Name": "odoo_odoo-web-data", "Options": null, "Scope": "local"}]""";
        String image = """
                [{"Id": "sha256:87fb9d6c9a92", "RepoTags": ["odoo:18.0"], "Config": {"Env": []}}]""";

        for (String json : new String[] {volume, image}) {
            assertThatThrownBy(() -> DockerInspect.parse(json))
                    .isInstanceOfSatisfying(DrException.class, e -> {
                        assertThat(e.getMessage()).contains("element 1 is not a container");
                        assertThat(e.hint()).contains("--type container");
                    });
        }
    }

    @Test
    void arrayOfScalarsIsNotContainers() {
        assertThatThrownBy(() -> DockerInspect.parse("[\"odoo\"]"))
                .isInstanceOf(DrException.class).hasMessageContaining("not a container");
    }

    @Test
    void unknownAndMistypedFieldsAreTolerated() {
        ContainerInfo c = InspectSamples.inline(true, """
                "Mounts": "not-a-list", "Config": {"Env": "x", "Image": 7}, "NetworkSettings": {"Ports": [],
                "Networks": {"n": null}}, "FutureField": {"nested": [1, 2]}""");

        assertThat(c.mounts()).isEmpty();
        assertThat(c.env()).isEmpty();
        assertThat(c.image()).isEqualTo("7");
        assertThat(c.publishedPorts()).isEmpty();
        assertThat(c.networks()).containsExactly(new NetworkAttachment("n", "", 0, ""));
    }

    @Test
    void crlfAndTabIndentedOutputParses() {
        String crlf = InspectSamples.read(InspectSamples.WATCHTOWER_STOPPED).replace("\n", "\r\n").replace("  ", "\t");

        assertThat(DockerInspect.parse(crlf)).extracting(ContainerInfo::name).containsExactly("watchtower-stopped");
        assertThat(DockerInspect.parse("\uFEFF" + crlf)).as("leading byte order mark").hasSize(1);
    }
}
