package com.ezscale.billing.customer.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.customer.CustomerDetails;
import com.ezscale.billing.customer.CustomerStatus;
import com.ezscale.billing.customer.PostalAddress;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.testing.MapperTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

class CustomerMapperTest extends MapperTest {

    @Autowired
    CustomerMapper customers;

    static CustomerRow carol(boolean creditOptOut) {
        return new CustomerRow(
                3,
                "Carol Jones",
                "Jones Ltd",
                "carol@example.co.uk",
                "2 High St",
                "Flat 3",
                "Leeds",
                "LS1 1AA",
                "West Yorkshire",
                "GB",
                Currency.getInstance("GBP"),
                "GB123456789",
                CustomerStatus.ACTIVE,
                false,
                creditOptOut);
    }

    @Test
    void aCustomerReadsBackAsWrittenAndItsAddressCanChange() {
        customers.insert(carol(true), Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(customers.selectMaxId()).isEqualTo(3);
        assertThat(customers.selectCustomerCountry(3)).isEqualTo("GB");
        assertThat(customers.selectCustomerCurrency(3)).isEqualTo("GBP");
        assertThat(customers.selectContact(3)).isEqualTo(new Contact("Carol Jones", "carol@example.co.uk"));
        assertThat(customers.selectCreditOptOut(3)).isTrue();
        assertThat(customers.selectCreditOptOut(1)).isFalse();
        assertThat(customers.selectPreferredGateway(3))
                .as("Stripe unless chosen otherwise")
                .isEqualTo("STRIPE");
        assertThat(customers.updatePreferredGateway(3, "PAYPAL")).isEqualTo(1);
        assertThat(customers.selectPreferredGateway(3)).isEqualTo("PAYPAL");
        assertThat(customers.selectPreferredGateway(99)).isNull();

        CustomerRow moved = new CustomerRow(
                3,
                "Carol Jones",
                "Jones Ltd",
                "carol@example.co.uk",
                "9 Low Rd",
                null,
                "York",
                "YO1 1AA",
                null,
                "GB",
                Currency.getInstance("GBP"),
                "GB123456789",
                CustomerStatus.ACTIVE,
                false,
                true);
        assertThat(customers.updateAddress(moved)).isEqualTo(1);
        assertThat(sql(
                        String.class,
                        "SELECT CONCAT_WS('|', address_line1, city, postal_code) FROM customer WHERE id = 3"))
                .isEqualTo("9 Low Rd|York|YO1 1AA");
    }

    @Test
    void customersDueAreThoseWithAServiceDueByTheHorizonPagedById() {
        assertThat(customers.selectDuePage(0, LocalDate.parse("2026-12-01"), 10, null, false))
                .extracting(CustomerRow::id)
                .as("Bruno's next period starts on the 5th")
                .containsExactly(1L);
        List<CustomerRow> both = customers.selectDuePage(0, LocalDate.parse("2026-12-05"), 10, null, false);
        assertThat(both).extracting(CustomerRow::id).containsExactly(1L, 2L);
        assertThat(both.get(1).billingCurrency()).isEqualTo(Currency.getInstance("EUR"));
        assertThat(both.get(1).vatNumber()).isEqualTo("DE123456789");
        assertThat(customers.selectDuePage(1, LocalDate.parse("2026-12-05"), 10, null, false))
                .extracting(CustomerRow::id)
                .containsExactly(2L);
        assertThat(customers.selectDuePage(0, LocalDate.parse("2026-12-05"), 1, null, false))
                .hasSize(1);
        assertThat(customers.selectDuePage(0, LocalDate.parse("2026-12-05"), 10, 2L, false))
                .extracting(CustomerRow::id)
                .containsExactly(2L);
    }

    @Test
    void thePageMergesDueServicesPlanChangesToBillAndUnbilledUsageEachReadUpToThePage() {
        // only the fixture's customers and their ids: an insert here would move the tables' counters,
        // which a rollback does not restore
        LocalDate horizon = LocalDate.parse("2026-12-05");
        assertThat(customers.selectDueServiceCustomerIds(new DueRange(0, null, 10, null, false), horizon))
                .containsExactly(1L, 2L);
        assertThat(customers.selectDueServiceCustomerIds(new DueRange(0, null, 1, null, false), horizon))
                .as("one customer, however many of its services are due")
                .containsExactly(1L);
        assertThat(customers.selectDueServiceCustomerIds(new DueRange(0, 1L, 10, null, false), horizon))
                .as("up to the page's end")
                .containsExactly(1L);

        // Ada: nothing due, but an upgrade of vps-ada to bill; Bruno: nothing due, but a rating not invoiced
        update("UPDATE subscription SET next_period_start = '2027-01-01' WHERE id IN (21, 23)");
        update("UPDATE subscription SET next_period_start = '2027-01-05' WHERE id = 22");
        update("INSERT INTO plan_change (subscription_id, kind, timing, effective_date, from_plan_id, to_plan_id,"
                + " status, requested_by, requested_at) VALUES (21, 'UPGRADE', 'IMMEDIATE', '2026-11-20', 1, 2,"
                + " 'ACTIVE', 'test', '2026-11-20 10:00:00')");
        update("INSERT INTO rated_usage (subscription_id, period_start, period_end_exclusive, revision, currency,"
                + " active_buckets, period_buckets, rank_index, p95_in_bytes, p95_in_bucket, p95_out_bytes, p95_out_bucket,"
                + " p95_sum_bytes, direction_mode, billed_mbps, bytes_in, bytes_out, samples_fingerprint, rated_at)"
                + " VALUES (22, '2026-11-05', '2026-12-05', 0, 'EUR', 10, 8640, 9, 1, 1, 1, 1, 2, 'MAX_OF_IN_AND_OUT',"
                + " 120, 5, 5, 'f', '2026-12-05 01:00:00')");
        assertThat(customers.selectDueServiceCustomerIds(new DueRange(0, null, 10, null, false), horizon))
                .isEmpty();
        assertThat(customers.selectPlanChangeCustomerIds(new DueRange(0, null, 10, null, false)))
                .containsExactly(1L);
        assertThat(customers.selectPlanChangeCustomerIds(new DueRange(1, null, 10, null, false)))
                .isEmpty();
        assertThat(customers.selectUnbilledUsageCustomerIds(new DueRange(0, null, 10, null, false)))
                .containsExactly(2L);
        assertThat(customers.selectUnbilledUsageCustomerIds(new DueRange(0, 1L, 10, null, false)))
                .as("beyond the page's end")
                .isEmpty();
        assertThat(customers.selectUnbilledUsageCustomerIds(new DueRange(0, null, 10, null, true)))
                .as("Bruno is not in the parallel run")
                .isEmpty();
        assertThat(customers.selectCustomersByIds(List.of(2L, 1L)))
                .extracting(CustomerRow::id)
                .containsExactly(1L, 2L);
        assertThat(customers.selectDuePage(0, horizon, 10, null, false))
                .as("each from its own source")
                .extracting(CustomerRow::id)
                .containsExactly(1L, 2L);

        update("UPDATE subscription SET next_period_start = '2026-12-01' WHERE id = 21");
        assertThat(customers.selectDuePage(0, horizon, 1, null, false))
                .as("a full page of due services ends the page")
                .extracting(CustomerRow::id)
                .containsExactly(1L);
        assertThat(customers.selectDuePage(1, horizon, 1, null, false))
                .as("no service due after Ada: the rating is found past her")
                .extracting(CustomerRow::id)
                .containsExactly(2L);

        update(
                "INSERT INTO invoice_line (invoice_id, line_no, subscription_id, charge_kind, period_start,"
                        + " period_end_exclusive, description, quantity, unit_price, amount, rated_usage_id)"
                        + " SELECT 8, 2, 22, 'USAGE_COMMIT', '2026-11-05', '2026-12-05', 'usage', 1, 1, 1, id FROM rated_usage");
        assertThat(customers.selectUnbilledUsageCustomerIds(new DueRange(0, null, 10, null, false)))
                .as("the rating billed")
                .isEmpty();
        update("UPDATE subscription SET next_period_start = '2026-12-05' WHERE id = 22");
        update("UPDATE customer SET status = 'CLOSED' WHERE id = 2");
        assertThat(customers.selectDuePage(0, horizon, 10, null, false))
                .as("a closed customer is not billed")
                .extracting(CustomerRow::id)
                .containsExactly(1L);
    }

    @Test
    void aCustomerWhmcsStillBillsIsDueOnlyForTheParallelRunsProposals() {
        update("UPDATE customer SET shadow = TRUE WHERE id = 2");

        assertThat(customers.selectDuePage(0, LocalDate.parse("2026-12-05"), 10, null, false))
                .as("the invoice run")
                .extracting(CustomerRow::id)
                .containsExactly(1L);
        assertThat(customers.selectDuePage(0, LocalDate.parse("2026-12-05"), 10, 2L, false))
                .as("even for that customer alone")
                .isEmpty();
        assertThat(customers.selectDuePage(0, LocalDate.parse("2026-12-05"), 10, null, true))
                .as("the parallel run's proposals")
                .extracting(CustomerRow::id)
                .containsExactly(2L);
        assertThat(customers.selectDuePage(0, LocalDate.parse("2026-12-05"), 10, null, null))
                .as("preview")
                .extracting(CustomerRow::id)
                .containsExactly(1L, 2L);
    }

    @Test
    void theBillingCurrencyIsFixedOnceInvoicedUnlessAConversionIsDeclared() {
        assertThatThrownBy(() -> customers.updateBillingCurrency(1, "EUR"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("billing currency is fixed once an invoice is issued");
        customers.declareCurrencyConversion("finance: customer moved to the EU");
        try {
            customers.updateBillingCurrency(1, "EUR");
        } finally {
            customers.endCurrencyConversion();
        }
        assertThat(customers.selectCustomerCurrency(1)).isEqualTo("EUR");
        assertThatThrownBy(() -> customers.updateBillingCurrency(1, "USD"))
                .as("the declaration ends with the conversion")
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void locksAndTenure() {
        assertThat(customers.lockCustomer(2)).isEqualTo(2L);
        assertThat(customers.lockCustomer(99)).isNull();
        assertThat(customers.lockCustomers(List.of(2L, 1L, 99L))).containsExactly(1L, 2L);
        assertThat(customers.selectCustomerSince(List.of(1L, 2L)))
                .extracting(s -> s.customerId() + " since " + s.since())
                .containsExactlyInAnyOrder("1 since 2026-10-01", "2 since 2026-01-05");
    }

    @Test
    void anAdminsCustomerGetsItsIdFromTheDatabaseAndItsDetailsAndStatusChange() {
        CustomerDetails details = CustomerDetails.of(
                "Carol Jones",
                "Jones Ltd",
                "carol@example.co.uk",
                new PostalAddress("2 High St", null, "Leeds", "LS1 1AA"),
                "GB",
                null,
                "USD",
                "GB123456789",
                false,
                null);
        GeneratedKey key = new GeneratedKey();
        customers.insertCustomer(details, Instant.parse("2026-11-30T10:00:00Z"), key);
        assertThat(key.value()).isEqualTo(3);
        CustomerView view = customers.selectCustomerView(key.value());
        assertThat(view.row().name()).isEqualTo("Carol Jones");
        assertThat(view.row().status()).isEqualTo(CustomerStatus.ACTIVE);
        assertThat(view.row().vatNumber()).isEqualTo("GB123456789");
        assertThat(view.createdAt()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(view.group()).isNull();

        customers.upsertGroup(new CustomerGroup("partners", true, "resellers"));
        customers.upsertGroup(new CustomerGroup("partners", false, "resellers, dunned"));
        customers.upsertGroup(new CustomerGroup("agencies", false, null));
        assertThat(customers.selectGroups())
                .containsExactly(
                        new CustomerGroup("agencies", false, null),
                        new CustomerGroup("partners", false, "resellers, dunned"));
        assertThat(customers.selectGroup("partners").dunningExempt()).isFalse();
        assertThat(customers.selectGroup("nobody")).isNull();

        CustomerDetails moved = CustomerDetails.of(
                "Carol Jones",
                null,
                "carol@jones.example",
                new PostalAddress("9 Low Rd", null, "York", "YO1 1AA"),
                "GB",
                "North Yorkshire",
                "USD",
                null,
                true,
                "partners");
        assertThat(customers.updateDetails(key.value(), moved)).isEqualTo(1);
        CustomerView edited = customers.selectCustomerView(key.value());
        assertThat(edited.row().email()).isEqualTo("carol@jones.example");
        assertThat(edited.row().company()).isNull();
        assertThat(edited.row().taxExempt()).isTrue();
        assertThat(edited.group()).isEqualTo("partners");

        assertThat(customers.updateStatus(key.value(), CustomerStatus.CLOSED)).isEqualTo(1);
        assertThat(customers.selectCustomerViews(0, 10, null))
                .extracting(v -> v.row().id())
                .containsExactly(1L, 2L, 3L);
        assertThat(customers.selectCustomerViews(1, 1, null))
                .extracting(v -> v.row().id())
                .containsExactly(2L);
        assertThat(customers.selectCustomerViews(0, 10, CustomerStatus.CLOSED))
                .extracting(v -> v.row().id())
                .containsExactly(3L);
        assertThat(customers.selectCustomerView(99)).isNull();

        assertThat(customers.searchCustomerViews("jones", "%jones%", null, null, 0, 10))
                .as("name, company or e-mail, any case")
                .extracting(v -> v.row().id())
                .containsExactly(3L);
        assertThat(customers.searchCustomerViews("DE123456789", "%DE123456789%", null, null, 0, 10))
                .as("the VAT number")
                .extracting(v -> v.row().id())
                .containsExactly(2L);
        assertThat(customers.searchCustomerViews("2", "%2%", 2L, null, 0, 10))
                .as("the id")
                .extracting(v -> v.row().id())
                .contains(2L);
        assertThat(customers.searchCustomerViews("jones", "%jones%", null, CustomerStatus.ACTIVE, 0, 10))
                .as("of one status")
                .isEmpty();
        assertThat(customers.searchCustomerViews("x\\_", "%x\\_%", null, null, 0, 10))
                .as("an escaped wildcard matches itself only")
                .isEmpty();
        assertThat(customers.searchCustomerViews(null, null, null, null, 1, 1))
                .extracting(v -> v.row().id())
                .containsExactly(2L);
    }
}
