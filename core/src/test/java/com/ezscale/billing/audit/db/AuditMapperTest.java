package com.ezscale.billing.audit.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.testing.MapperTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AuditMapperTest extends MapperTest {

    @Autowired
    AuditMapper audit;

    @Test
    void anActionIsRecordedWithWhoWhenAndWhatToTheMicrosecond() {
        Instant at = Instant.parse("2026-11-20T10:15:30.123456Z");
        audit.insert(at, "finance@ezscale", "payment.record", "invoice INV-2026-000007", "BANK-001 60.00 USD");
        assertThat(jdbc.queryForMap("SELECT at, actor, action, target, detail FROM audit_log"))
                .containsEntry("actor", "finance@ezscale")
                .containsEntry("action", "payment.record")
                .containsEntry("target", "invoice INV-2026-000007")
                .containsEntry("detail", "BANK-001 60.00 USD");
        assertThat(sql(String.class, "SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f') FROM audit_log"))
                .isEqualTo("2026-11-20 10:15:30.123456");
    }

    @Test
    void theLogReadsNewestFirstFilteredByActorAndActionWithItsOrigin() {
        com.ezscale.billing.audit.AuditOrigin.set("portal 203.0.113.7");
        try {
            audit.insert(Instant.parse("2026-11-20T10:00:00Z"), "adam", "job.request", "invoiceRun", "RUN");
            audit.insert(Instant.parse("2026-11-20T10:01:00Z"), "fiona", "report.download", "report aging", "x");
            audit.insert(Instant.parse("2026-11-20T10:02:00Z"), "adam", "job.restart", "nightly", "execution=4");
        } finally {
            com.ezscale.billing.audit.AuditOrigin.clear();
        }
        List<AuditEntry> all = audit.select(null, null, null, 10);
        assertThat(all).extracting(AuditEntry::action).containsExactly("job.restart", "report.download", "job.request");
        assertThat(all).extracting(AuditEntry::origin).containsOnly("portal 203.0.113.7");
        assertThat(audit.select("adam", "job.", null, 10))
                .extracting(AuditEntry::action)
                .containsExactly("job.restart", "job.request");
        assertThat(audit.select("", "", all.get(0).id(), 1))
                .as("the page after the newest")
                .extracting(AuditEntry::action)
                .containsExactly("report.download");
    }
}
