package com.ezscale.billing.app.tax;

import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.tax.db.TaxRuleMapper;
import com.ezscale.billing.tax.db.TaxRuleRow;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tax rates by country (and region, where tax depends on it), each valid over dates: a new rate is
 * added from its first day after the old one is ended the day before, so a period is never taxed
 * by two rules. Issued invoices keep the rate they were issued with. Audited.
 */
@Service
public class TaxRules {

    /** A rule with no start date applies from this day (the column's default). */
    public static final LocalDate SINCE_EVER = LocalDate.of(2000, 1, 1);

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final TaxRuleMapper rules;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public TaxRules(
            TaxRuleMapper rules, AuditMapper audit, PlatformTransactionManager transactionManager, Clock clock) {
        this.rules = rules;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Adds a rate; refused if it overlaps a rule of the same country and region. */
    public TaxRuleRow add(
            String country,
            String region,
            String name,
            BigDecimal rate,
            LocalDate from,
            LocalDate until,
            String actor) {
        String cc = country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(cc)) {
            throw new BillingRuleViolation("country '" + country + "' is not an ISO 3166 country code");
        }
        String r = region == null ? "" : region.strip();
        if (r.length() > 64) {
            throw new BillingRuleViolation("the region is " + r.length() + " characters long; at most 64");
        }
        if (name == null || name.isBlank() || name.strip().length() > 64) {
            throw new BillingRuleViolation("a tax needs a name of 1 to 64 characters (e.g. VAT, GST)");
        }
        if (rate == null || rate.signum() < 0 || rate.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw new BillingRuleViolation("--rate must be at least 0 and below 100 (a percentage)");
        }
        if (rate.stripTrailingZeros().scale() > 4) {
            throw new BillingRuleViolation("--rate has more than 4 decimals");
        }
        LocalDate start = from == null ? SINCE_EVER : from;
        if (until != null && !until.isAfter(start)) {
            throw new BillingRuleViolation("--until " + until + " is not after --from " + start);
        }
        TaxRuleRow row = new TaxRuleRow(cc, r, name.strip(), rate, start, until);
        return tx.execute(status -> {
            for (TaxRuleRow existing : rules.selectTaxRules()) {
                if (existing.country().equals(cc) && existing.region().equals(r) && overlaps(existing, start, until)) {
                    throw new BillingRuleViolation("it overlaps " + existing.name() + " "
                            + existing.rate().stripTrailingZeros().toPlainString() + "% of " + cc
                            + (r.isEmpty() ? "" : "/" + r) + " from " + existing.validFrom()
                            + (existing.validUntil() == null ? "" : " until " + existing.validUntil())
                            + ": end that rule first (`tax-rule end`)");
                }
            }
            rules.insertTaxRule(row);
            audit.insert(
                    clock.instant(),
                    actor,
                    "tax-rule.add",
                    "tax " + cc + (r.isEmpty() ? "" : "/" + r),
                    row.name() + " " + rate.stripTrailingZeros().toPlainString() + "% from " + start
                            + (until == null ? "" : " until " + until));
            return row;
        });
    }

    /** Ends the open rule of a country (and region) that began on {@code from}, at {@code until} (exclusive). */
    public void end(String country, String region, LocalDate from, LocalDate until, String actor) {
        String cc = country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
        String r = region == null ? "" : region.strip();
        tx.executeWithoutResult(status -> {
            if (rules.endTaxRule(cc, r, from == null ? SINCE_EVER : from, until) == 0) {
                throw new BillingRuleViolation("no open tax rule of " + cc + (r.isEmpty() ? "" : "/" + r) + " from "
                        + (from == null ? SINCE_EVER : from) + " that started before " + until);
            }
            audit.insert(
                    clock.instant(),
                    actor,
                    "tax-rule.end",
                    "tax " + cc + (r.isEmpty() ? "" : "/" + r),
                    "from " + (from == null ? SINCE_EVER : from) + " until " + until);
        });
    }

    public List<TaxRuleRow> list() {
        return rules.selectTaxRules();
    }

    private static boolean overlaps(TaxRuleRow rule, LocalDate from, LocalDate until) {
        boolean startsBeforeItEnds = rule.validUntil() == null || from.isBefore(rule.validUntil());
        boolean endsAfterItStarts = until == null || until.isAfter(rule.validFrom());
        return startsBeforeItEnds && endsAfterItStarts;
    }
}
