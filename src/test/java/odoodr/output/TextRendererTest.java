package odoodr.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextRendererTest {
    @Test
    void healthyReportIsAnAlignedTable() {
        assertThat(new TextRenderer(false).render(Reports.healthy())).isEqualTo("""
                odoo-dr status of prd-vnic at 2025-11-25T19:40:12Z: OK

                STATUS    CHECK                                     VALUE  DETAIL
                OK        tunnel to prod's PostgreSQL               yes    answers, supervised
                OK        replay lag                                0s     everything received is replayed (0/3000148)
                OK        WAL kept on prod for the slot             16 MB  slot replica_prd_vnic
                OK        disk free for the standby's data          24.5%  12 GB free
                OK        filestore odoo: attachments not yet here  0      after the last pass
                """);
    }

    @Test
    void problemsShowTheirHintsAndAbsentValuesADash() {
        assertThat(new TextRenderer(false).render(Reports.broken())).isEqualTo("""
                odoo-dr status of prd-vnic at 2025-11-25T19:40:12Z: CRITICAL

                STATUS    CHECK                                 VALUE   DETAIL
                CRITICAL  tunnel to prod's PostgreSQL           no      nothing answers | on 127.0.0.1:40000
                          hint: start it
                WARNING   replay lag                            1m 36s  not streaming
                          hint: restore streaming
                UNKNOWN   WAL kept on prod for the slot         -       not measured: no tunnel
                OK        slot WAL safety (prod)                -       unlimited
                          hint: set "max_slot_wal_keep_size"
                UNKNOWN   filestore odoo: last successful sync  -       filestore sync has not run
                          hint: the agent runs it
                """);
    }

    @Test
    void colourOnlyWhenAskedAndOnlyOnTheStatusWords() {
        String coloured = new TextRenderer(true).render(Reports.broken());
        assertThat(coloured).contains("\u001b[1;31mCRITICAL\u001b[0m  tunnel", "\u001b[33mWARNING \u001b[0m  replay lag",
                "\u001b[35mUNKNOWN \u001b[0m  WAL kept", "\u001b[32mOK      \u001b[0m  slot WAL",
                ": \u001b[1;31mCRITICAL\u001b[0m\n");
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(new TextRenderer(false).render(Reports.broken()));
        assertThat(new TextRenderer(false).render(Reports.broken())).doesNotContain("\u001b");
    }
}
