package odoodr.drill;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** odoo-dr's own neutralization: what it does to the tables a database has, and nothing to those it lacks. */
class NeutralizationPlanTest {
    private static final Set<String> ODOO = Set.of("ir_mail_server", "ir_cron", "fetchmail_server",
            "ir_config_parameter", "ir_model_data");

    @Test
    void aFullOdooDatabaseGetsEveryChangeInOneTransaction() {
        var plan = NeutralizationPlan.forTables(ODOO);
        assertThat(plan).extracting(NeutralizationPlan.Statement::table).containsExactly("ir_mail_server",
                "ir_mail_server", "ir_cron", "fetchmail_server", "ir_config_parameter");
        String script = NeutralizationPlan.script(plan);
        assertThat(script).startsWith("BEGIN;\n").endsWith("COMMIT;\n")
                .contains("UPDATE ir_mail_server SET active = false")
                .contains("INSERT INTO ir_mail_server").contains("'invalid'")
                .contains("UPDATE ir_cron SET active = false WHERE active;")
                .contains("UPDATE fetchmail_server SET active = false")
                .contains("'database.is_neutralized', 'true') ON CONFLICT (key) DO UPDATE SET value = 'true'");
        assertThat(script).as("autovacuum too: no exception in our plan").doesNotContain("autovacuum");
    }

    @Test
    void absentTablesAreNotTouched() {
        var plan = NeutralizationPlan.forTables(Set.of("ir_config_parameter", "res_partner"));
        assertThat(plan).extracting(NeutralizationPlan.Statement::table).containsExactly("ir_config_parameter");
        assertThat(NeutralizationPlan.script(plan)).doesNotContain("ir_mail_server", "ir_cron", "fetchmail_server");
        assertThat(NeutralizationPlan.forTables(Set.of())).isEmpty();
    }

    @Test
    void theProofCountsOnlyTablesThatExistAndSparesOnlyOdoosAutovacuum() {
        String full = NeutralizationPlan.proof(ODOO);
        assertThat(full).contains("FROM ir_mail_server WHERE active AND smtp_host <> 'invalid'")
                .contains("name = 'autovacuum_job'").contains("FROM fetchmail_server WHERE active")
                .contains("key = 'database.is_neutralized'");
        String none = NeutralizationPlan.proof(Set.of());
        assertThat(none).doesNotContain("FROM ").isEqualTo("SELECT -1 || '|' || -1 || '|' || -1 || '|' || ''");
        assertThat(NeutralizationPlan.proof(Set.of("ir_cron"))).contains("FROM ir_cron WHERE active)")
                .doesNotContain("ir_model_data");
        assertThat(NeutralizationPlan.tablesQuery()).contains("'ir_mail_server'").contains("'ir_model_data'");
    }
}
