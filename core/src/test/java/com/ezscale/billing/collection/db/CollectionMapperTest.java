package com.ezscale.billing.collection.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.testing.MapperTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

class CollectionMapperTest extends MapperTest {

    static final Instant SENT = Instant.parse("2026-11-16T02:00:00Z");

    @Autowired
    CollectionMapper collection;

    long attempt(int attemptNo) {
        GeneratedKey key = new GeneratedKey();
        collection.insertAttempt(
                PaymentAttempt.pending(
                        7,
                        1,
                        attemptNo,
                        "STRIPE",
                        "ezs-7-" + attemptNo,
                        "USD",
                        new BigDecimal("160.00"),
                        LocalDate.parse("2026-11-16"),
                        SENT),
                key);
        return key.value();
    }

    @Test
    void anAttemptIsFoundByIdKeyAndReferenceAndSettled() {
        long id = attempt(1);
        assertThat(collection.selectAttemptInvoiceId(id)).isEqualTo(7);
        PaymentAttempt pending = collection.lockAttempt(id);
        assertThat(pending.status()).isEqualTo("PENDING");
        assertThat(pending.amount()).isEqualByComparingTo("160.00");
        assertThat(pending.asOf()).isEqualTo(LocalDate.parse("2026-11-16"));
        assertThat(collection.selectAttemptByKey("ezs-7-1").id()).isEqualTo(id);
        assertThat(collection.selectMaxAttemptNo(7, 1)).isEqualTo(1);
        assertThat(collection.selectMaxAttemptNo(7, 1000))
                .as("no checkout attempt yet")
                .isNull();
        assertThat(collection.selectUnsettled(7)).extracting(PaymentAttempt::id).containsExactly(id);
        assertThat(collection.selectUnknown(SENT.plusSeconds(1), 10))
                .extracting(PaymentAttempt::id)
                .containsExactly(id);
        assertThat(collection.selectUnknown(SENT, 10))
                .as("not older than the cut-off")
                .isEmpty();

        Instant later = SENT.plusSeconds(5);
        collection.updateAttempt(pending.settled(
                "DECLINED", "pi_1", "insufficient_funds", "Your card has insufficient funds.", null, null, later));
        PaymentAttempt declined = collection.selectAttemptByRef("STRIPE", "pi_1");
        assertThat(declined.id()).isEqualTo(id);
        assertThat(declined.declineCode()).isEqualTo("insufficient_funds");
        assertThat(declined.updatedAt()).isEqualTo(later);
        assertThat(collection.selectUnsettled(7)).isEmpty();
        assertThat(collection.selectAttemptByRef("STRIPE", "pi_unknown")).isNull();
    }

    @Test
    void theDatabaseRefusesASecondUnsettledAttemptAndASecondEvent() {
        attempt(1);
        assertThatThrownBy(() -> attempt(2)).isInstanceOf(DuplicateKeyException.class);

        collection.insertEvent(
                "STRIPE", "evt_1", "payment_intent.succeeded", "pi_1", "attempt ezs-7-1 SUCCEEDED", SENT);
        assertThatThrownBy(() ->
                        collection.insertEvent("STRIPE", "evt_1", "payment_intent.succeeded", "pi_1", "again", SENT))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aCustomersSavedCardIsReplacedNotDuplicated() {
        collection.upsertGatewayCustomer(new GatewayCustomer(1, "STRIPE", "cus_1", "pm_old"), SENT);
        collection.upsertGatewayCustomer(new GatewayCustomer(1, "STRIPE", "cus_1", "pm_new"), SENT.plusSeconds(60));
        collection.upsertGatewayCustomer(new GatewayCustomer(2, "STRIPE", "cus_2", null), SENT);
        assertThat(collection.selectGatewayCustomers("STRIPE", List.of(1L, 2L)))
                .containsExactlyInAnyOrder(
                        new GatewayCustomer(1, "STRIPE", "cus_1", "pm_new"),
                        new GatewayCustomer(2, "STRIPE", "cus_2", null));
        assertThat(collection.selectGatewayCustomers("PAYPAL", List.of(1L))).isEmpty();

        collection.upsertGatewayCustomer(new GatewayCustomer(1, "PAYPAL", "PPCUS-1", "tok-1"), SENT);
        assertThat(collection.selectGatewayCustomers(null, List.of(1L, 2L)))
                .as("each customer at the gateway it chose: Stripe unless it chose otherwise")
                .containsExactlyInAnyOrder(
                        new GatewayCustomer(1, "STRIPE", "cus_1", "pm_new"),
                        new GatewayCustomer(2, "STRIPE", "cus_2", null));
        update("UPDATE customer SET preferred_gateway = 'PAYPAL' WHERE id = 1");
        update("UPDATE customer SET preferred_gateway = 'MANUAL' WHERE id = 2");
        assertThat(collection.selectGatewayCustomers(null, List.of(1L, 2L)))
                .containsExactly(new GatewayCustomer(1, "PAYPAL", "PPCUS-1", "tok-1"));
        assertThat(collection.selectCustomerByPaymentMethod("PAYPAL", "tok-1")).isEqualTo(1L);
        assertThat(collection.selectCustomerByPaymentMethod("STRIPE", "tok-1")).isNull();
    }

    @Test
    void aCryptoChargeIsHandedOutWhileLiveAndFollowsItsStatus() {
        CryptoChargeRow first = new CryptoChargeRow(
                "AAA111",
                7,
                1,
                "USD",
                new BigDecimal("160.0000"),
                "https://commerce.coinbase.com/charges/AAA111",
                "NEW",
                SENT.plusSeconds(3600),
                null,
                SENT,
                SENT);
        collection.insertCryptoCharge(first);
        assertThat(collection.selectLiveCryptoCharge(7, SENT)).isEqualTo(first);
        assertThat(collection.selectLiveCryptoCharge(7, SENT.plusSeconds(3600)))
                .as("expired by then")
                .isNull();
        assertThat(collection.updateCryptoCharge("AAA111", "PENDING", null, SENT.plusSeconds(60)))
                .isEqualTo(1);
        assertThat(collection.selectLiveCryptoCharge(7, SENT).status()).isEqualTo("PENDING");
        collection.updateCryptoCharge("AAA111", "EXPIRED", null, SENT.plusSeconds(3601));
        assertThat(collection.selectLiveCryptoCharge(7, SENT)).isNull();
        assertThat(collection.lockCryptoCharge("AAA111").status()).isEqualTo("EXPIRED");
        assertThat(collection.lockCryptoCharge("NOPE")).isNull();
        assertThatThrownBy(() -> collection.insertCryptoCharge(first)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aPayPalApprovalBelongsToTheCustomerThatStartedItAndCompletesOnce() {
        assertThat(collection.lockPayPalSetup("SETUP-1")).isNull();
        collection.insertPayPalSetup("SETUP-1", 1, SENT);
        assertThat(collection.lockPayPalSetup("SETUP-1")).isEqualTo(new PayPalSetup("SETUP-1", 1, SENT, null, null));
        assertThat(collection.completePayPalSetup("SETUP-1", "tok-1", SENT.plusSeconds(30)))
                .isEqualTo(1);
        assertThat(collection.completePayPalSetup("SETUP-1", "tok-2", SENT.plusSeconds(60)))
                .as("once")
                .isZero();
        assertThat(collection.lockPayPalSetup("SETUP-1"))
                .isEqualTo(new PayPalSetup("SETUP-1", 1, SENT, SENT.plusSeconds(30), "tok-1"));
        assertThatThrownBy(() -> collection.insertPayPalSetup("SETUP-1", 2, SENT))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aSavedCardIsDescribedAsTheGatewayReportsItAndForgottenByItsPaymentMethod() {
        assertThat(collection.selectSavedCard(1, "STRIPE"))
                .as("no customer at Stripe")
                .isNull();
        collection.upsertGatewayCustomer(new GatewayCustomer(1, "STRIPE", "cus_1", null), SENT);
        collection.upsertGatewayCustomer(new GatewayCustomer(2, "STRIPE", "cus_2", "pm_bruno"), SENT);
        assertThat(collection.selectSavedCard(1, "STRIPE").describe()).isEqualTo("no card saved");

        assertThat(collection.updateSavedCard(
                        "STRIPE", "cus_1", "pm_ada", "amex", "0005", 7, 2029, SENT.plusSeconds(5)))
                .isEqualTo(1);
        assertThat(collection.updateSavedCard("STRIPE", "cus_unknown", "pm_x", "visa", "4242", 1, 2030, SENT))
                .isZero();
        SavedCard ada = collection.selectSavedCard(1, "STRIPE");
        assertThat(ada)
                .isEqualTo(new SavedCard(1, "STRIPE", "cus_1", "pm_ada", "amex", "0005", 7, 2029, SENT.plusSeconds(5)));
        assertThat(ada.describe()).isEqualTo("American Express •••• 0005, expires 07/2029");
        assertThat(collection.selectGatewayCustomers("STRIPE", List.of(1L)))
                .as("the card the ladder charges")
                .containsExactly(new GatewayCustomer(1, "STRIPE", "cus_1", "pm_ada"));

        assertThat(collection.clearSavedCard("STRIPE", "pm_ada", SENT.plusSeconds(9)))
                .isEqualTo(1);
        assertThat(collection.clearSavedCard("STRIPE", "pm_ada", SENT.plusSeconds(9)))
                .isZero();
        assertThat(collection.selectSavedCard(1, "STRIPE"))
                .isEqualTo(new SavedCard(1, "STRIPE", "cus_1", null, null, null, null, null, SENT.plusSeconds(9)));
        assertThat(collection.selectSavedCard(2, "STRIPE").paymentMethodId())
                .as("Bruno's untouched")
                .isEqualTo("pm_bruno");
    }
}
