package com.ezscale.billing.subscription.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.subscription.PlanChangeKind;
import com.ezscale.billing.subscription.PlanChangeTiming;
import com.ezscale.billing.testing.MapperTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PlanChangeMapperTest extends MapperTest {

    static final Instant AT = Instant.parse("2026-11-10T09:00:00Z");

    @Autowired
    PlanChangeMapper changes;

    long upgrade(long subscriptionId, long from, long to) {
        GeneratedKey key = new GeneratedKey();
        changes.insertPlanChange(
                new PlanChangeInsert(
                        subscriptionId,
                        "UPGRADE",
                        "IMMEDIATE",
                        LocalDate.parse("2026-11-10"),
                        from,
                        to,
                        "admin",
                        AT,
                        "more memory"),
                key);
        return key.value();
    }

    @Test
    void anUpgradeIsLinkedToTheInvoiceThatBilledItAndExpiresUnpaid() {
        long id = upgrade(21, 1, 2);
        assertThat(changes.selectPlanChanges(List.of(1L))).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(id);
            assertThat(c.customerId()).isEqualTo(1);
            assertThat(c.kind()).isEqualTo(PlanChangeKind.UPGRADE);
            assertThat(c.timing()).isEqualTo(PlanChangeTiming.IMMEDIATE);
            assertThat(c.toPlanId()).isEqualTo(2L);
            assertThat(c.status()).isEqualTo("ACTIVE");
            assertThat(c.invoiceId()).isNull();
        });
        assertThat(changes.selectPlanChanges(List.of(2L))).isEmpty();

        // the run that billed the upgrade: a draft of run 77 with the proration line, then issued
        update(
                "INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, run_id, due_date, subtotal,"
                        + " tax_total, total, created_at) VALUES (9, 1, 1, 'USD', 'DRAFT', 77, '2026-11-17', 6.67, 0, 6.67, NOW(6))");
        update(
                "INSERT INTO invoice_line (invoice_id, line_no, subscription_id, charge_kind, period_start,"
                        + " period_end_exclusive, description, quantity, unit_price, amount, plan_id, plan_change_id)"
                        + " VALUES (9, 1, 21, 'PRORATION_CHARGE', '2026-11-10', '2026-12-01', 'Upgrade', 1, 6.67, 6.67, 2, ?)",
                id);
        changes.linkUpgradeInvoices(77, List.of(1L), LocalDate.parse("2026-11-24"));
        assertThat(changes.selectPlanChanges(List.of(1L)).get(0))
                .satisfies(c -> assertThat(c.invoiceId()).isEqualTo(9L))
                .satisfies(c -> assertThat(c.expiresOn()).isEqualTo(LocalDate.parse("2026-11-24")));
        update("UPDATE invoice SET status = 'ISSUED', number = 'INV-2026-000009', series_key = 'INV-2026',"
                + " sequence_value = 9, issue_date = '2026-11-10' WHERE id = 9");

        assertThat(changes.selectExpiredUpgrades(LocalDate.parse("2026-11-23"))).isEmpty();
        assertThat(changes.selectExpiredUpgrades(LocalDate.parse("2026-11-24")))
                .containsExactly(new ExpiredUpgrade(id, 21, 1, 9));

        assertThat(sql(Boolean.class, "SELECT needs_billing FROM plan_change WHERE id = ?", id))
                .isTrue();
        changes.settlePlanChanges(List.of(id));
        assertThat(sql(Boolean.class, "SELECT needs_billing FROM plan_change WHERE id = ?", id))
                .isFalse();

        // unpaid past expiry: reverted, and the reversal needs billing again
        changes.revertPlanChange(id, AT.plusSeconds(86400 * 14));
        assertThat(changes.selectPlanChanges(List.of(1L)).get(0).status()).isEqualTo("REVERTED");
        assertThat(changes.selectExpiredUpgrades(LocalDate.parse("2026-11-24"))).isEmpty();
        assertThat(sql(Boolean.class, "SELECT needs_billing FROM plan_change WHERE id = ?", id))
                .isTrue();
    }
}
