package com.ezscale.billing.app.invoice;

import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.invoice.NumberSeriesFormat;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.SellerEntity;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.tax.VatNumbers;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The legal entities invoices are issued by, each with its own invoice and credit note number
 * series. A seller is added, never changed: issued invoices carry its snapshot, and its series
 * must stay gapless. Audited.
 */
@Service
public class Sellers {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final InvoiceMapper invoices;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Sellers(
            InvoiceMapper invoices, AuditMapper audit, PlatformTransactionManager transactionManager, Clock clock) {
        this.invoices = invoices;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Adds a seller; returns its id. */
    public long add(
            String code,
            String legalName,
            String address,
            String country,
            String vatNumber,
            String invoiceSeries,
            String creditNoteSeries,
            String actor) {
        String c = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!c.matches("[A-Z0-9][A-Z0-9_-]{0,31}")) {
            throw new BillingRuleViolation("seller code '" + code + "' must be 1 to 32 letters, digits, '_' or '-'");
        }
        text("--legal-name", legalName, 200);
        text("--address", address, 500);
        String cc = country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(cc)) {
            throw new BillingRuleViolation("country '" + country + "' is not an ISO 3166 country code");
        }
        String vat = vatNumber == null || vatNumber.isBlank()
                ? null
                : VatNumbers.normalise(cc, vatNumber).orElse(vatNumber.strip());
        series("--invoice-series", invoiceSeries);
        series("--credit-note-series", creditNoteSeries);
        if (invoiceSeries.equals(creditNoteSeries)) {
            throw new BillingRuleViolation("invoices and credit notes need series of their own");
        }
        return tx.execute(status -> {
            List<SellerEntity> existing = invoices.selectSellers();
            for (SellerEntity s : existing) {
                if (s.code().equals(c)) {
                    throw new BillingRuleViolation("seller " + c + " exists");
                }
                for (String pattern : List.of(s.invoiceSeries(), s.creditNoteSeries())) {
                    if (pattern.equals(invoiceSeries) || pattern.equals(creditNoteSeries)) {
                        throw new BillingRuleViolation("series " + pattern + " is seller " + s.code()
                                + "'s: each seller numbers in series of its own");
                    }
                }
            }
            // its numbers must be new here: none held already by an invoice of any series (imported ones included)
            NumberSeriesFormat format = new NumberSeriesFormat(invoiceSeries);
            invoices.selectNumbersStartingWith(format.leadingText()).stream()
                    .filter(format.shape())
                    .findFirst()
                    .ifPresent(n -> {
                        throw new BillingRuleViolation("series " + invoiceSeries + " could number an invoice " + n
                                + ", as invoice " + n + " here is numbered already: pick one that cannot");
                    });
            GeneratedKey key = new GeneratedKey();
            invoices.insertSeller(
                    new SellerEntity(
                            0, c, legalName.strip(), address.strip(), cc, vat, invoiceSeries, creditNoteSeries),
                    key);
            audit.insert(
                    clock.instant(),
                    actor,
                    "seller.add",
                    "seller " + c,
                    legalName.strip() + ", " + cc
                            + (vat == null ? "" : " VAT " + vat) + ", invoices " + invoiceSeries + ", credit notes "
                            + creditNoteSeries);
            return key.value();
        });
    }

    public List<SellerEntity> list() {
        return invoices.selectSellers();
    }

    private static void text(String option, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new BillingRuleViolation(option + " is required");
        }
        if (value.strip().length() > max) {
            throw new BillingRuleViolation(
                    option + " is " + value.strip().length() + " characters long; at most " + max);
        }
    }

    private static void series(String option, String pattern) {
        if (pattern == null || pattern.isBlank() || pattern.length() > 64) {
            throw new BillingRuleViolation(option + " is required (at most 64 characters), e.g. INV-{year}-{000001}");
        }
        try {
            new NumberSeriesFormat(pattern);
        } catch (IllegalArgumentException e) {
            throw new BillingRuleViolation(option + ": " + e.getMessage());
        }
    }
}
