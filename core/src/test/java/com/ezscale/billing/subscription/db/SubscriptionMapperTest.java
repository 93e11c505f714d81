package com.ezscale.billing.subscription.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.invoice.SubscriptionAdvance;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.subscription.IpAssignment;
import com.ezscale.billing.subscription.IpPrefix;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.SubscriptionStatus;
import com.ezscale.billing.testing.MapperTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SubscriptionMapperTest extends MapperTest {

    static final Instant AT = Instant.parse("2026-12-06T02:00:00Z");

    @Autowired
    SubscriptionMapper subscriptions;

    @Test
    void aServiceReadsBackAsWrittenAndIsDueUntilItsNextPeriodStartsAfterTheHorizon() {
        subscriptions.insert(
                new Subscription(
                        24,
                        2,
                        2,
                        BillingCycle.ANNUALLY,
                        SubscriptionStatus.PENDING,
                        10,
                        LocalDate.parse("2026-12-10"),
                        null,
                        null,
                        "vps-bruno-2",
                        LocalDate.parse("2026-12-17")),
                AT);
        assertThat(subscriptions.selectMaxId()).isEqualTo(24);
        assertThat(subscriptions.lockSubscription(24))
                .isEqualTo(new Subscription(
                        24,
                        2,
                        2,
                        BillingCycle.ANNUALLY,
                        SubscriptionStatus.PENDING,
                        10,
                        LocalDate.parse("2026-12-10"),
                        null,
                        null,
                        "vps-bruno-2",
                        LocalDate.parse("2026-12-17")));

        assertThat(subscriptions.selectDueForCustomers(List.of(1L, 2L), LocalDate.parse("2026-12-01")))
                .extracting(Subscription::id)
                .as("never billed (24) or due by the horizon (21, 23); 22 starts its next period on the 5th")
                .containsExactly(21L, 23L, 24L);
        assertThat(subscriptions.updateNextPeriodStarts(
                        List.of(new SubscriptionAdvance(21, LocalDate.parse("2027-01-01")))))
                .isEqualTo(1);
        assertThat(subscriptions.selectDueForCustomers(List.of(1L), LocalDate.parse("2026-12-01")))
                .extracting(Subscription::id)
                .containsExactly(23L);
        assertThat(subscriptions.updateNextPeriodStarts(List.of(
                        new SubscriptionAdvance(23, LocalDate.parse("2026-12-15")),
                        new SubscriptionAdvance(22, LocalDate.parse("2027-01-05")),
                        new SubscriptionAdvance(23, LocalDate.parse("2027-01-01")))))
                .as("one statement; a service named twice takes its last cursor")
                .isEqualTo(2);
        assertThat(subscriptions.selectDueForCustomers(List.of(1L, 2L), LocalDate.parse("2026-12-31")))
                .extracting(Subscription::id)
                .as("no cursor of 1 or 2 left before the new year")
                .containsExactly(24L);
        assertThat(sql(
                        String.class,
                        "SELECT GROUP_CONCAT(next_period_start ORDER BY id) FROM subscription WHERE id IN (22, 23)"))
                .isEqualTo("2027-01-05,2027-01-01");
        assertThat(subscriptions.updateCursors("[[99, \"2027-01-01\"]]"))
                .as("a service that is not there")
                .isZero();
        assertThat(subscriptions.updateNextPeriodStarts(List.of())).isZero();

        subscriptions.updateSubscriptionPlan(21, 2);
        subscriptions.updateSubscriptionEnd(21, LocalDate.parse("2027-01-01"), "CANCELLED");
        Subscription changed = subscriptions.lockSubscription(21);
        assertThat(changed.planId()).isEqualTo(2);
        assertThat(changed.endDate()).isEqualTo(LocalDate.parse("2027-01-01"));
        assertThat(changed.status()).isEqualTo(SubscriptionStatus.CANCELLED);
    }

    @Test
    void dunningSuspendsOnceUnsuspendsOnlyWhatItSuspendedAndTerminationEndsTheService() {
        assertThat(subscriptions.suspend(21, AT)).isEqualTo(1);
        assertThat(subscriptions.suspend(21, AT)).as("already suspended").isZero();
        assertThat(sql(String.class, "SELECT CONCAT(status, ' ', suspended_by) FROM subscription WHERE id = 21"))
                .isEqualTo("SUSPENDED DUNNING");
        assertThat(subscriptions.unsuspend(21)).isEqualTo(1);
        assertThat(subscriptions.lockSubscription(21).status()).isEqualTo(SubscriptionStatus.ACTIVE);

        update("UPDATE subscription SET status = 'SUSPENDED', suspended_by = 'ADMIN' WHERE id = 22");
        assertThat(subscriptions.unsuspend(22))
                .as("an admin's suspension is not dunning's to lift")
                .isZero();

        assertThat(subscriptions.terminate(23, LocalDate.parse("2026-12-20"))).isEqualTo(1);
        assertThat(subscriptions.terminate(23, LocalDate.parse("2026-12-21"))).isZero();
        Subscription ended = subscriptions.lockSubscription(23);
        assertThat(ended.status()).isEqualTo(SubscriptionStatus.TERMINATED);
        assertThat(ended.endDate()).isEqualTo(LocalDate.parse("2026-12-20"));
    }

    @Test
    void ipAssignmentsAndTheirFingerprintChangeTogether() {
        String empty = subscriptions.selectIpAssignmentsFingerprint();
        Instant from = Instant.parse("2026-10-01T00:00:00Z");
        subscriptions.insertIpAssignment(
                IpAssignmentRow.of(new IpAssignment(0, 21, IpPrefix.parse("203.0.113.0/24"), from, null)));
        subscriptions.insertIpAssignment(
                IpAssignmentRow.of(new IpAssignment(0, 23, IpPrefix.parse("2001:db8::/48"), from, null)));
        String two = subscriptions.selectIpAssignmentsFingerprint();
        assertThat(two).isNotEqualTo(empty);

        List<IpAssignmentRow> rows = subscriptions.selectIpAssignments();
        assertThat(rows)
                .extracting(r -> r.subscriptionId() + " " + r.cidr() + " v" + r.ipFamily() + " /" + r.prefixLength()
                        + " " + r.network().length + " bytes")
                .containsExactly(
                        "21 203.0.113.0/24 v4 /24 4 bytes",
                        "23 " + IpPrefix.parse("2001:db8::/48") + " v6 /48 16 bytes");
        assertThat(rows.get(0).validFrom()).isEqualTo(from);

        update("UPDATE ip_assignment SET valid_until = '2026-12-01 00:00:00' WHERE subscription_id = 21");
        assertThat(subscriptions.selectIpAssignmentsFingerprint()).isNotEqualTo(two);
    }

    @Test
    void anOrderedServiceGetsItsIdFromTheDatabaseWithItsPanelAndIsShownWithItsPlan() {
        GeneratedKey key = new GeneratedKey();
        subscriptions.insertService(
                new Subscription(
                        0,
                        2,
                        2,
                        BillingCycle.MONTHLY,
                        SubscriptionStatus.ACTIVE,
                        10,
                        LocalDate.parse("2026-12-10"),
                        null,
                        null,
                        "vps-bruno-2",
                        LocalDate.parse("2026-12-17")),
                "PTERODACTYL",
                "44",
                AT,
                key);
        assertThat(key.value()).isEqualTo(24);
        ServiceView view = subscriptions.selectServiceView(24);
        assertThat(view.planCode()).isEqualTo("vps-m");
        assertThat(view.panel() + " " + view.panelRef()).isEqualTo("PTERODACTYL 44");
        assertThat(view.subscription().trialEnd()).isEqualTo(LocalDate.parse("2026-12-17"));
        assertThat(subscriptions.selectServiceViews(2))
                .extracting(v -> v.subscription().id())
                .containsExactly(22L, 24L);
        assertThat(subscriptions.selectServiceView(99)).isNull();

        assertThat(subscriptions.updatePanel(24, "ENHANCE", "abc-1")).isEqualTo(1);
        assertThat(subscriptions.selectServiceView(24).panel()).isEqualTo("ENHANCE");
        assertThat(subscriptions.countLiveServices(2)).isEqualTo(2);
        subscriptions.terminate(24, LocalDate.parse("2026-12-20"));
        assertThat(subscriptions.countLiveServices(2)).isEqualTo(1);
    }

    @Test
    void anAdminsSuspensionIsLiftedOnlyByAnAdminAndDunningsOnlyByDunning() {
        assertThat(subscriptions.suspendByAdmin(21, AT)).isEqualTo(1);
        assertThat(subscriptions.suspendByAdmin(21, AT)).isZero();
        ServiceView suspended = subscriptions.selectServiceView(21);
        assertThat(suspended.suspendedBy() + " " + suspended.suspendedAt()).isEqualTo("ADMIN " + AT);
        assertThat(subscriptions.unsuspend(21))
                .as("dunning does not lift an admin's suspension")
                .isZero();
        assertThat(subscriptions.unsuspendByAdmin(21)).isEqualTo(1);

        assertThat(subscriptions.suspend(23, AT)).isEqualTo(1);
        assertThat(subscriptions.unsuspendByAdmin(23))
                .as("an admin does not lift dunning's")
                .isZero();
    }

    @Test
    void aPrefixIsAssignedOnceAtATimeAndItsAssignmentEnds() {
        IpPrefix prefix = IpPrefix.parse("198.51.100.0/24");
        Instant nov = Instant.parse("2026-11-01T00:00:00Z");
        Instant dec = Instant.parse("2026-12-01T00:00:00Z");
        subscriptions.insertIpAssignment(IpAssignmentRow.of(new IpAssignment(0, 21, prefix, nov, null)));
        assertThat(subscriptions.countOverlappingAssignments(prefix.network(), 24, dec, null))
                .isEqualTo(1);
        assertThat(subscriptions.countOverlappingAssignments(prefix.network(), 25, dec, null))
                .as("another prefix length is another prefix")
                .isZero();
        assertThat(subscriptions.countOverlappingAssignments(prefix.network(), 24, nov.minusSeconds(86400 * 30), nov))
                .as("ending when it starts does not overlap")
                .isZero();

        assertThat(subscriptions.endIpAssignment(23, prefix.network(), 24, dec))
                .as("not service 23's")
                .isZero();
        assertThat(subscriptions.endIpAssignment(21, prefix.network(), 24, dec)).isEqualTo(1);
        assertThat(subscriptions.endIpAssignment(21, prefix.network(), 24, dec))
                .as("already ended")
                .isZero();
        assertThat(subscriptions.countOverlappingAssignments(prefix.network(), 24, dec, null))
                .isZero();
        assertThat(subscriptions.selectIpAssignmentsOf(21))
                .singleElement()
                .satisfies(a -> assertThat(a.validUntil()).isEqualTo(dec));
        assertThat(subscriptions.selectIpAssignmentsOf(23)).isEmpty();
    }
}
