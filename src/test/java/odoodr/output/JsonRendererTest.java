package odoodr.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonRendererTest {
    @Test
    void stableSchemaWithEveryKeyPresent() {
        assertThat(new JsonRenderer().render(Reports.broken())).isEqualTo("""
                {
                  "schema": 1,
                  "replica": "prd-vnic",
                  "time": "2025-11-25T19:40:12Z",
                  "status": "CRITICAL",
                  "status_code": 2,
                  "checks": [
                    {
                      "id": "tunnel_up",
                      "database": null,
                      "label": "tunnel to prod's PostgreSQL",
                      "status": "CRITICAL",
                      "status_code": 2,
                      "value": 0,
                      "unit": "boolean",
                      "thresholds": null,
                      "detail": "nothing answers | on 127.0.0.1:40000",
                      "hint": "start it"
                    },
                    {
                      "id": "replay_lag",
                      "database": null,
                      "label": "replay lag",
                      "status": "WARNING",
                      "status_code": 1,
                      "value": 95.5,
                      "unit": "seconds",
                      "thresholds": {
                        "warning": 30,
                        "critical": 300,
                        "low_is_bad": false
                      },
                      "detail": "not streaming",
                      "hint": "restore streaming"
                    },
                    {
                      "id": "slot_retained",
                      "database": null,
                      "label": "WAL kept on prod for the slot",
                      "status": "UNKNOWN",
                      "status_code": 3,
                      "value": null,
                      "unit": null,
                      "thresholds": null,
                      "detail": "not measured: no tunnel",
                      "hint": null
                    },
                    {
                      "id": "slot_safe_wal_size",
                      "database": null,
                      "label": "slot WAL safety (prod)",
                      "status": "OK",
                      "status_code": 0,
                      "value": null,
                      "unit": null,
                      "thresholds": null,
                      "detail": "unlimited",
                      "hint": "set \\"max_slot_wal_keep_size\\""
                    },
                    {
                      "id": "filestore_sync_age",
                      "database": "odoo",
                      "label": "filestore odoo: last successful sync",
                      "status": "UNKNOWN",
                      "status_code": 3,
                      "value": null,
                      "unit": null,
                      "thresholds": null,
                      "detail": "filestore sync has not run",
                      "hint": "the agent runs it"
                    }
                  ]
                }
                """);
    }

    @Test
    void ratiosAndLargeByteCountsAreNumbers() {
        String json = new JsonRenderer().render(Reports.healthy());
        assertThat(json).contains("\"value\": 16777216,", "\"value\": 0.245,", "\"warning\": 1073741824,",
                "\"critical\": 0.05,", "\"low_is_bad\": true", "\"status\": \"OK\",", "\"database\": \"odoo\",");
    }
}
