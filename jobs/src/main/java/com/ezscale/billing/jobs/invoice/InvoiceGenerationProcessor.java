package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.invoice.CustomerBillingInput;
import com.ezscale.billing.invoice.GenerationResult;
import com.ezscale.billing.invoice.InvoiceGenerator;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.time.LocalDate;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Calls the pure generator for one customer. A {@link BillingRuleViolation} parks that customer
 * (and only that one); a customer with nothing due is filtered out.
 */
public class InvoiceGenerationProcessor implements ItemProcessor<CustomerBillingInput, CustomerOutcome> {

    private final InvoiceGenerator generator;
    private final LocalDate asOf;

    public InvoiceGenerationProcessor(InvoiceGenerator generator, LocalDate asOf) {
        this.generator = generator;
        this.asOf = asOf;
    }

    @Override
    public CustomerOutcome process(CustomerBillingInput input) {
        try {
            GenerationResult result = generator.generate(input, asOf);
            return result.isEmpty() ? null : CustomerOutcome.billed(result);
        } catch (BillingRuleViolation violation) {
            return CustomerOutcome.parked(input.customer().id(), violation.getMessage());
        }
    }
}
