package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.invoice.CustomerBillingInput;
import com.ezscale.billing.invoice.GenerationResult;
import com.ezscale.billing.invoice.InvoiceGenerator;
import com.ezscale.billing.invoice.db.BillingExtrasMapper;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.jobs.BillingProperties;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.usage.db.RatingMapper;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * What the invoice run would bill a customer on a date, without writing anything: the run's own
 * reader and generator (same queries, same rules), minus the writer.
 */
@Component
public class InvoicePreview {

    private final CustomerMapper customers;
    private final SubscriptionMapper subscriptions;
    private final InvoiceMapper invoices;
    private final RatingMapper ratings;
    private final BillingExtrasMapper extras;
    private final CatalogMapper catalog;
    private final BillingProperties properties;

    public InvoicePreview(CustomerMapper customers, SubscriptionMapper subscriptions, InvoiceMapper invoices, RatingMapper ratings,
                          BillingExtrasMapper extras, CatalogMapper catalog, BillingProperties properties) {
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.ratings = ratings;
        this.extras = extras;
        this.catalog = catalog;
        this.properties = properties;
    }

    /** Empty when the customer has nothing due by {@code asOf} (+ the invoicing look-ahead). */
    public Optional<GenerationResult> preview(long customerId, LocalDate asOf) {
        DueCustomerReader reader = new DueCustomerReader(customers, subscriptions, invoices, ratings, extras,
                asOf.plusDays(properties.maxDaysBefore()), 1).onlyCustomer(customerId);
        reader.open(new ExecutionContext());
        CustomerBillingInput input = reader.read();
        if (input == null) {
            return Optional.empty();
        }
        InvoiceGenerator generator = GeneratorFactory.create(catalog, invoices, extras, properties);
        return Optional.of(generator.generate(input, asOf));
    }
}
