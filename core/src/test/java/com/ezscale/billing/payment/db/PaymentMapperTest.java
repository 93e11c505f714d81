package com.ezscale.billing.payment.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.testing.MapperTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

class PaymentMapperTest extends MapperTest {

    static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

    @Autowired
    PaymentMapper payments;

    long pay(String method, String reference, String amount) {
        GeneratedKey key = new GeneratedKey();
        payments.insertPayment(
                new PaymentInsert(
                        1,
                        7L,
                        "USD",
                        new BigDecimal(amount),
                        new BigDecimal(amount),
                        method,
                        reference,
                        "SUCCEEDED",
                        LocalDate.parse("2026-11-20"),
                        "finance",
                        AT),
                key);
        return key.value();
    }

    @Test
    void aPaymentIsFoundByItsReferenceOnceOnly() {
        long id = pay("BANK_TRANSFER", "BANK-001", "60.00");
        assertThat(payments.selectPaymentIdByReference("BANK_TRANSFER", "BANK-001"))
                .isEqualTo(id);
        assertThat(payments.selectPaymentIdByReference("CARD", "BANK-001")).isNull();
        assertThatThrownBy(() -> pay("BANK_TRANSFER", "BANK-001", "60.00")).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aGatewaysFeeIsKeptWithItsPaymentAndNeverMoreThanIt() {
        long id = pay("PAYPAL", "CAPTURE-1", "60.00");
        assertThat(sql(BigDecimal.class, "SELECT fee FROM payment WHERE id = ?", id))
                .isNull();
        assertThat(payments.updateFee(id, new BigDecimal("2.58"))).isEqualTo(1);
        assertThat(sql(BigDecimal.class, "SELECT fee FROM payment WHERE id = ?", id))
                .isEqualByComparingTo("2.58");
        assertThatThrownBy(() -> payments.updateFee(id, new BigDecimal("60.01")))
                .as("the database refuses a fee above the payment")
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }

    @Test
    void aRefundComesFromTheLatestCardPaymentThatStillCoversItAndCompletesOnce() {
        long older = pay("CARD", "pi_1", "100.00");
        long newer = pay("CARD", "pi_2", "60.00");
        assertThat(payments.selectRefundablePayment(7, "CARD", new BigDecimal("50.00")))
                .isEqualTo(new RefundablePayment(newer, "pi_2", "USD"));
        payments.addRefunded(newer, new BigDecimal("20.00"));
        assertThat(payments.selectRefundedAmount(newer)).isEqualByComparingTo("20.00");
        assertThat(payments.selectRefundablePayment(7, "CARD", new BigDecimal("50.00"))
                        .id())
                .as("40.00 left on the newer payment")
                .isEqualTo(older);
        assertThat(payments.selectRefundablePayment(7, "CARD", new BigDecimal("100.01")))
                .isNull();

        update(
                "INSERT INTO credit_note (id, seller_entity_id, customer_id, invoice_id, currency, series_key, sequence_value,"
                        + " number, kind, reason, settlement, balance_reduction, issue_date, subtotal, tax_total, total, issued_by, issued_at)"
                        + " VALUES (1, 1, 1, 7, 'USD', 'CN-2026', 1, 'CN-2026-000001', 'AMOUNT', 'goodwill', 'REFUND', 0, '2026-11-21',"
                        + " 50, 0, 50, 'finance', NOW(6))");
        payments.insertRefund(older, 1, "USD", new BigDecimal("50.00"), "refund-cn-1", "goodwill", "finance", AT);
        assertThat(payments.selectPendingRefunds(1L)).singleElement().satisfies(r -> {
            assertThat(r.paymentId()).isEqualTo(older);
            assertThat(r.reference()).isEqualTo("pi_1");
            assertThat(r.method()).isEqualTo("CARD");
            assertThat(r.idempotencyKey()).isEqualTo("refund-cn-1");
            assertThat(r.amount()).isEqualByComparingTo("50.00");
        });
        assertThat(payments.selectPendingRefunds(null)).hasSize(1);
        long refund = payments.selectPendingRefunds(null).get(0).id();
        assertThat(payments.completeRefund(refund, "re_1")).isEqualTo(1);
        assertThat(payments.completeRefund(refund, "re_1")).isZero();
        assertThat(payments.selectPendingRefunds(null)).isEmpty();
    }

    @Test
    void aDisputedPaymentIsMarked() {
        long id = pay("CARD", "pi_3", "160.00");
        payments.markDisputed(id);
        assertThat(sql(Boolean.class, "SELECT disputed FROM payment WHERE id = ?", id))
                .isTrue();
    }
}
