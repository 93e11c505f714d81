package com.ezscale.billing.app.invoice;

import com.ezscale.billing.app.BillingProperties;
import com.ezscale.billing.invoice.CustomerBillingInput;
import com.ezscale.billing.invoice.GenerationResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.stereotype.Service;

/**
 * What the invoice run would bill a customer on a date, without writing anything: the run's own
 * loader and generator (same queries, same rules), minus the writer.
 */
@Service
public class InvoicePreview {

    private final SqlSessionTemplate session;
    private final BillingProperties properties;

    public InvoicePreview(SqlSessionTemplate session, BillingProperties properties) {
        this.session = session;
        this.properties = properties;
    }

    /** Empty when the customer has nothing due by {@code asOf} (+ the invoicing look-ahead). */
    public Optional<GenerationResult> preview(long customerId, LocalDate asOf) {
        BillingInputs inputs = BillingInputs.on(session, properties);
        List<CustomerBillingInput> page =
                inputs.page(0, asOf.plusDays(properties.maxDaysBefore()), 1, customerId, null);
        return page.isEmpty()
                ? Optional.empty()
                : Optional.of(inputs.generator().generate(page.get(0), asOf));
    }
}
