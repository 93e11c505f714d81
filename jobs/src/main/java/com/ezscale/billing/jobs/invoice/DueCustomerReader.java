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
    private final Long lastId;

    /** The context key of the last customer read; a partition starts with its range's lower bound in it. */
    public static final String LAST_CUSTOMER = "lastCustomerId";

    /**
     * {@code onlyCustomerId}: a run for one customer (null: all); {@code lastId}: the end of a
     * partition's range of customer ids (null: no end).
     */
    public DueCustomerReader(BillingInputs inputs, LocalDate horizon, int pageSize, Long onlyCustomerId, Long lastId) {
        super(LAST_CUSTOMER);
        this.inputs = inputs;
        this.horizon = horizon;
        this.pageSize = pageSize;
        this.onlyCustomerId = onlyCustomerId;
        this.lastId = lastId;
    }

    @Override
    protected List<CustomerBillingInput> fetchPage(long afterId) {
        return inputs.page(afterId, lastId, horizon, pageSize, onlyCustomerId, false);
    }

    @Override
    protected long idOf(CustomerBillingInput item) {
        return item.customer().id();
    }
}
