package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.app.invoice.BillingInputs;
import com.ezscale.billing.invoice.CustomerBillingInput;
import com.ezscale.billing.jobs.batch.KeysetPageReader;
import java.time.LocalDate;
import java.util.List;

/**
 * The invoice run's reader: the billing input of customers with something due by {@code horizon},
 * a keyset page at a time from {@link BillingInputs}; restartable after the last committed customer.
 */
public class DueCustomerReader extends KeysetPageReader<CustomerBillingInput> {

    private final BillingInputs inputs;
    private final LocalDate horizon;
    private final int pageSize;
    private final Long onlyCustomerId;

    /** {@code onlyCustomerId}: a run for one customer (null: all). */
    public DueCustomerReader(BillingInputs inputs, LocalDate horizon, int pageSize, Long onlyCustomerId) {
        super("lastCustomerId");
        this.inputs = inputs;
        this.horizon = horizon;
        this.pageSize = pageSize;
        this.onlyCustomerId = onlyCustomerId;
    }

    @Override
    protected List<CustomerBillingInput> fetchPage(long afterId) {
        return inputs.page(afterId, horizon, pageSize, onlyCustomerId);
    }

    @Override
    protected long idOf(CustomerBillingInput item) {
        return item.customer().id();
    }
}
