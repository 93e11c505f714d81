package com.ezscale.billing.credit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.testing.MapperTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;

class CreditLedgerMapperTest extends MapperTest {

    static final Currency USD = Currency.getInstance("USD");
    static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

    @Autowired
    CreditLedgerMapper ledger;

    @Test
    void theBalanceIsTheSumOfAnAppendOnlyLedgerKeyedByItsSource() {
        ledger.insertLedgerEntry(new LedgerEntryRow(
                1, USD, new BigDecimal("25.00"), "OVERPAYMENT", "PAYMENT", 5, "bank line", "finance", AT));
        ledger.insertLedgerEntry(
                new LedgerEntryRow(1, USD, new BigDecimal("-10.00"), "APPLIED", "INVOICE", 7, null, "system", AT));
        ledger.insertLedgerEntry(new LedgerEntryRow(
                1, Currency.getInstance("EUR"), new BigDecimal("3.00"), "MANUAL", "ADMIN", 1, null, "admin", AT));

        assertThat(ledger.selectCreditBalance(1, "USD")).isEqualByComparingTo("15.00");
        assertThat(ledger.selectCreditBalance(2, "USD")).isEqualByComparingTo("0");
        assertThat(ledger.selectCreditBalances(List.of(1L, 2L)))
                .extracting(b -> b.customerId() + " " + b.currency() + " "
                        + b.balance().stripTrailingZeros().toPlainString())
                .containsExactlyInAnyOrder("1 USD 15", "1 EUR 3");
        assertThat(ledger.selectCreditBalances(List.of(1L, 2L, 1L)))
                .as("an id given twice counts once, as in an IN list, not its entries twice")
                .extracting(b -> b.customerId() + " " + b.currency() + " "
                        + b.balance().stripTrailingZeros().toPlainString())
                .containsExactlyInAnyOrder("1 USD 15", "1 EUR 3");
        assertThat(ledger.selectCreditBalances(List.of())).as("no ids, no rows").isEmpty();
        assertThat(ledger.countLedger("PAYMENT", 5, "OVERPAYMENT")).isEqualTo(1);
        assertThat(ledger.countLedger("PAYMENT", 5, "APPLIED")).isZero();

        assertThatThrownBy(() -> ledger.insertLedgerEntry(new LedgerEntryRow(
                        1, USD, new BigDecimal("25.00"), "OVERPAYMENT", "PAYMENT", 5, null, "finance", AT)))
                .as("the same source credits once")
                .isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> jdbc.update("UPDATE credit_ledger SET amount = 0"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
    }

    @Test
    void aReferrerIsDueARewardOnceWhenTheReferredCustomersFirstInvoiceIsPaid() {
        update("UPDATE customer SET referred_by = 1 WHERE id = 2");
        assertThat(ledger.selectReferralRewardsDue("USD"))
                .as("Bruno has not paid an invoice yet")
                .isEmpty();
        update("UPDATE invoice SET status = 'ISSUED', number = 'INV-2026-000008', series_key = 'INV-2026',"
                + " sequence_value = 8, issue_date = '2026-12-05' WHERE id = 8");
        update("UPDATE invoice SET status = 'PAID', amount_paid = total WHERE id = 8");
        assertThat(ledger.selectReferralRewardsDue("EUR"))
                .as("rewards are granted in the referrer's currency")
                .isEmpty();
        assertThat(ledger.selectReferralRewardsDue("USD")).containsExactly(new ReferralRewardDue(1, 2));

        ledger.insertLedgerEntry(new LedgerEntryRow(
                1, USD, new BigDecimal("10.00"), "REFERRAL", "REFERRED_CUSTOMER", 2, "referral", "system", AT));
        assertThat(ledger.selectReferralRewardsDue("USD"))
                .as("granted: due no more")
                .isEmpty();
        assertThatThrownBy(() -> ledger.insertLedgerEntry(new LedgerEntryRow(
                        1, USD, new BigDecimal("10.00"), "REFERRAL", "REFERRED_CUSTOMER", 2, "again", "system", AT)))
                .as("a second reward for the same referred customer")
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(ledger.selectCreditBalance(1, "USD")).isEqualByComparingTo("10.00");
        assertThat(ledger.countLedger("REFERRED_CUSTOMER", 2, "REFERRAL")).isEqualTo(1);
    }
}
