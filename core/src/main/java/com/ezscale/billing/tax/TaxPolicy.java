package com.ezscale.billing.tax;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which tax an invoice carries, decided once per invoice from the seller, the customer and the
 * rules in force on the invoice date:
 * <ol>
 *   <li>a tax-exempt customer: EXEMPT, 0%;</li>
 *   <li>a business customer (it has a VAT number, which must have its member state's format) in
 *       an EU member state other than the seller's: REVERSE_CHARGE, 0%, with the legal note;</li>
 *   <li>otherwise the rule of the customer's country and region (a region's rule wins over the
 *       country's): STANDARD at that rate;</li>
 *   <li>no rule: NONE.</li>
 * </ol>
 */
public final class TaxPolicy {

    public static final String REVERSE_CHARGE_NOTE =
            "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC)";

    private final List<TaxRule> rules;

    public TaxPolicy(List<TaxRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** @throws InvalidVatNumberException when the customer's VAT number is malformed */
    public TaxDecision decide(TaxParty seller, TaxParty customer, LocalDate date) {
        Optional<String> vat = VatNumbers.normalise(customer.country(), customer.vatNumber());
        if (customer.taxExempt()) {
            return new TaxDecision(TaxMode.EXEMPT, "Exempt", BigDecimal.ZERO, "Tax exempt customer");
        }
        if (vat.isPresent() && !customer.country().equals(seller.country())) {
            return new TaxDecision(
                    TaxMode.REVERSE_CHARGE,
                    "VAT reverse charge",
                    BigDecimal.ZERO,
                    REVERSE_CHARGE_NOTE + ". Customer VAT number: " + vat.get());
        }
        return ruleFor(customer.country(), customer.region(), date)
                .map(rule -> new TaxDecision(TaxMode.STANDARD, rule.name(), rule.ratePercent(), null))
                .orElse(TaxDecision.none());
    }

    private Optional<TaxRule> ruleFor(String country, String region, LocalDate date) {
        String wantedRegion = region == null ? "" : region;
        return rules.stream()
                .filter(r -> r.country().equals(country) && r.validOn(date))
                .filter(r -> r.region().isEmpty() || r.region().equalsIgnoreCase(wantedRegion))
                .max(Comparator.comparing((TaxRule r) -> !r.region().isEmpty()).thenComparing(TaxRule::validFrom));
    }
}
