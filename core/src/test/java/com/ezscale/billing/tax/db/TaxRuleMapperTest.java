package com.ezscale.billing.tax.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.testing.MapperTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TaxRuleMapperTest extends MapperTest {

    @Autowired
    TaxRuleMapper rules;

    @Test
    void ratesReadBackByCountryRegionAndDate() {
        update("DELETE FROM tax_rule");
        update("INSERT INTO tax_rule (country, region, name, rate, valid_from, valid_until) VALUES"
                + " ('DE', '', 'VAT', 19.00, '2007-01-01', NULL),"
                + " ('CA', 'QC', 'QST', 9.975, '2000-01-01', NULL),"
                + " ('CA', '', 'GST', 5.00, '2000-01-01', NULL),"
                + " ('DE', '', 'VAT', 16.00, '2020-07-01', '2021-01-01')");
        assertThat(rules.selectTaxRules())
                .containsExactly(
                        new TaxRuleRow("CA", "", "GST", new BigDecimal("5.0000"), LocalDate.parse("2000-01-01"), null),
                        new TaxRuleRow(
                                "CA", "QC", "QST", new BigDecimal("9.9750"), LocalDate.parse("2000-01-01"), null),
                        new TaxRuleRow("DE", "", "VAT", new BigDecimal("19.0000"), LocalDate.parse("2007-01-01"), null),
                        new TaxRuleRow(
                                "DE",
                                "",
                                "VAT",
                                new BigDecimal("16.0000"),
                                LocalDate.parse("2020-07-01"),
                                LocalDate.parse("2021-01-01")));
    }

    @Test
    void aRuleIsAddedAndEndedOnce() {
        update("DELETE FROM tax_rule");
        rules.insertTaxRule(
                new TaxRuleRow("NL", "", "BTW", new BigDecimal("21.0000"), LocalDate.parse("2012-10-01"), null));
        assertThat(rules.endTaxRule("NL", "", LocalDate.parse("2012-10-01"), LocalDate.parse("2012-09-01")))
                .as("an end before its start")
                .isZero();
        assertThat(rules.endTaxRule("NL", "", LocalDate.parse("2012-10-01"), LocalDate.parse("2027-01-01")))
                .isEqualTo(1);
        assertThat(rules.endTaxRule("NL", "", LocalDate.parse("2012-10-01"), LocalDate.parse("2028-01-01")))
                .as("already ended")
                .isZero();
        assertThat(rules.selectTaxRules())
                .containsExactly(new TaxRuleRow(
                        "NL",
                        "",
                        "BTW",
                        new BigDecimal("21.0000"),
                        LocalDate.parse("2012-10-01"),
                        LocalDate.parse("2027-01-01")));
    }
}
