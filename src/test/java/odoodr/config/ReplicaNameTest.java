package odoodr.config;

import static odoodr.config.ConfigFixture.FILE;
import static odoodr.config.ConfigFixture.MINIMAL;
import static odoodr.config.ConfigFixture.load;
import static odoodr.config.ConfigFixture.loadFailsAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import odoodr.DrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** replica.name and what is derived from it: slot name and application_name (runbook Section 1, gotcha 15). */
class ReplicaNameTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            prd-vnic,     replica_prd_vnic,     prd-vnic_replica
            dr_2,         replica_dr_2,         dr_2_replica
            2nd-site,     replica_2nd_site,     2nd-site_replica
            """)
    void slotAndApplicationNameAreDerived(String name, String slot, String applicationName) {
        Config c = load(MINIMAL + "replica:\n  name: " + name + "\n");
        assertThat(c.slotName()).isEqualTo(slot);
        assertThat(c.applicationName()).isEqualTo(applicationName);
    }

    @Test
    void defaultNameIsTheShortHostname() {
        Config c = new ConfigLoader(() -> "prd-vnic").parse(MINIMAL, FILE);
        assertThat(c.replica().name()).isEqualTo("prd-vnic");
        assertThat(c.slotName()).isEqualTo("replica_prd_vnic");
        assertThat(c.source().lineOf(ConfigKeys.REPLICA_NAME)).isEmpty();
    }

    /** Finding 10: the slot lower-cases the name, so names differing only in case would share a slot; refused. */
    @Test
    void upperCaseIsRefusedSinceTheSlotWouldLowerCaseIt() {
        DrException e = loadFailsAt(MINIMAL + "replica:\n  name: PRD-Vnic\n", "replica.name", 5);
        assertThat(e.getMessage()).contains("`PRD-Vnic` has upper-case letters, but its slot `replica_prd_vnic` is lower case");
        assertThat(e.hint()).contains("write replica.name in lower case: prd-vnic");
    }

    @Test
    void anUpperCaseHostnameGivesALowerCaseDefaultName() {
        Config c = new ConfigLoader(() -> "PRD-VNIC").parse(MINIMAL, FILE);
        assertThat(c.replica().name()).isEqualTo("prd-vnic");
        assertThat(c.slotName()).isEqualTo("replica_prd_vnic");
    }

    @Test
    void longestNameThatFits() {
        String name = "n".repeat(ReplicationNames.MAX_REPLICA_NAME_LENGTH);
        assertThat(load(MINIMAL + "replica:\n  name: " + name + "\n").slotName()).hasSize(63);
    }

    @Test
    void tooLongNameNamesTheKeyLineAndWhy() {
        String yaml = MINIMAL + "replica:\n  name: " + "n".repeat(56) + "\n";
        DrException e = loadFailsAt(yaml, "replica.name", 5);
        assertThat(e.getMessage()).contains("gives slot name `replica_nnn").contains("64 bytes").contains("NAMEDATALEN");
        assertThat(e.hint()).contains("at most 55 characters");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            prd.vnic   | contains `.`
            prd vnic   | contains a space
            -prd       | starts with -
            _prd       | starts with `_`
            prd/vnic   | contains `/`
            """)
    void nameWithOtherCharactersIsRefused(String name, String problem) {
        String yaml = MINIMAL + "replica:\n  name: \"" + name + "\"\n";
        DrException e = loadFailsAt(yaml, "replica.name", 5);
        assertThat(e.getMessage()).contains(problem);
        assertThat(e.hint()).contains("letters, digits, - and _");
    }

    @Test
    void unusableHostnameAsDefaultSaysToSetReplicaName() {
        DrException e = catchThrowableOfType(DrException.class,
                () -> new ConfigLoader(() -> "web+1").parse(MINIMAL
                        + "replica:\n  tunnel_port: 40000\n", FILE));
        assertThat(e.getMessage()).startsWith(FILE + ":4: replica.name is not set")
                .contains("this host's short name").contains("`web+1`");
        assertThat(e.hint()).startsWith("set replica.name");
    }

    @Test
    void unknownHostnameSaysToSetReplicaName() {
        DrException e = catchThrowableOfType(DrException.class, () -> new ConfigLoader(() -> "").parse(MINIMAL, FILE));
        assertThat(e.getMessage()).startsWith(FILE + ": replica.name is not set").contains("cannot be determined");
    }

    @Test
    void shortHostnameIsTheFirstLabelLowerCased() {
        assertThat(ShortHostname.shorten("PRD-VNIC.example.com")).isEqualTo("prd-vnic");
        assertThat(ShortHostname.shorten("db1")).isEqualTo("db1");
        assertThat(ShortHostname.detect()).doesNotContain(".").isEqualTo(ShortHostname.detect().toLowerCase());
    }
}
