package com.ezscale.billing.portal;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.ezscale.billing.testing.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

@AutoConfigureMockMvc
class InvoiceSummaryApiTest extends DatabaseTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void invoices() {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM customer", Long.class) > 0) {
            return;
        }
        jdbc.update("""
                INSERT INTO customer (id, name, email, country, billing_currency, status, created_at)
                VALUES (1, 'Ada', 'ada@example.com', 'GB', 'GBP', 'ACTIVE', NOW(6)),
                       (2, 'Bo', 'bo@example.com', 'JP', 'JPY', 'ACTIVE', NOW(6))""");
        jdbc.update("""
                INSERT INTO invoice (seller_entity_id, customer_id, currency, status, number, series_key, sequence_value, due_date,
                                     issue_date, subtotal, tax_total, total, created_at)
                VALUES (1, 1, 'GBP', 'ISSUED', 'INV-2026-000001', 'INV-2026-{000001}', 1, '2026-12-01', '2026-11-20', 10.50, 0, 10.50, NOW(6)),
                       (1, 1, 'GBP', 'ISSUED', 'INV-2026-000002', 'INV-2026-{000001}', 2, '2027-01-01', '2026-12-18', 10.50, 0, 10.50, NOW(6)),
                       (1, 2, 'JPY', 'ISSUED', 'INV-2026-000003', 'INV-2026-{000001}', 3, '2026-12-01', '2026-11-20', 1800, 0, 1800, NOW(6))""");
        // 4.00 of the first paid, 1.50 of it credited: 5.00 still owed on it
        jdbc.update(
                "UPDATE invoice SET amount_paid = 4.00, status = 'PARTIALLY_PAID' WHERE number = 'INV-2026-000001'");
        jdbc.update("""
                INSERT INTO credit_note (seller_entity_id, customer_id, invoice_id, currency, series_key, sequence_value, number, kind, reason,
                                         settlement, balance_reduction, issue_date, subtotal, tax_total, total, issued_by, issued_at)
                SELECT 1, 1, id, 'GBP', 'CN-2026-{000001}', 1, 'CN-2026-000001', 'AMOUNT', 'goodwill', 'REDUCE_BALANCE', 1.50, '2026-11-21',
                       1.50, 0, 1.50, 'finance', NOW(6) FROM invoice WHERE number = 'INV-2026-000001'""");
    }

    @Test
    void financeSeesInvoicesByStatusAndCurrencyAndWhatIsStillOwedAtEachCurrencysScale() throws Exception {
        mvc.perform(get("/api/finance/invoice-summary").with(user("fiona").roles("FINANCE")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.invoices").value(3))
                .andExpect(jsonPath("$.rows[0].status").value("ISSUED"))
                .andExpect(jsonPath("$.rows[0].currency").value("GBP"))
                .andExpect(jsonPath("$.rows[0].invoices").value(1))
                .andExpect(jsonPath("$.rows[0].total").value("10.50"))
                .andExpect(jsonPath("$.rows[2].status").value("PARTIALLY_PAID"))
                .andExpect(jsonPath("$.rows[2].total").value("10.50"))
                .andExpect(jsonPath("$.rows[2].owed").value("5.00"))
                .andExpect(jsonPath("$.totalByCurrency.GBP").value("21.00"))
                .andExpect(jsonPath("$.owedByCurrency.GBP").value("15.50"))
                .andExpect(jsonPath("$.totalByCurrency.JPY").value("1800"))
                .andExpect(jsonPath("$.owedByCurrency.JPY").value("1800"));
    }

    @Test
    void noLoginAnotherRoleOrAMissingSecondFactorIsRefused() throws Exception {
        mvc.perform(get("/api/finance/invoice-summary")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/finance/invoice-summary").with(user("adam").roles("ADMIN")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/finance/invoice-summary")
                        .with(user("fiona").authorities(new SimpleGrantedAuthority("PASSWORD_OK"))))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void writesWithoutACsrfTokenAreRefused() throws Exception {
        mvc.perform(post("/api/finance/invoice-summary").with(user("fiona").roles("FINANCE")))
                .andExpect(status().isForbidden());
    }
}
