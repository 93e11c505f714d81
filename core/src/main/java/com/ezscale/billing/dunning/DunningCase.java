package com.ezscale.billing.dunning;

import com.ezscale.billing.tax.TaxDecision;
import java.math.BigDecimal;
import java.util.List;

/**
 * An invoice as dunning plans it: its ladder state, who it is addressed to, how it was taxed (a
 * late fee is taxed as its invoice was: the main rate, inclusive or exclusive as its prices were)
 * and the services it bills (what suspension and termination act on).
 */
public record DunningCase(
        InvoiceDunningState state,
        String number,
        long customerId,
        String customerName,
        String email,
        boolean pricesIncludeTax,
        TaxDecision tax,
        String mainTaxName,
        BigDecimal mainTaxRate,
        List<BilledService> services) {

    /** A service billed on the invoice. */
    public record BilledService(long subscriptionId, String status, String panel, String panelRef, String label) {

        /** How notices name it: "vps-ada (#21)". */
        public String name() {
            return (label == null ? "service" : label) + " (#" + subscriptionId + ")";
        }
    }

    public DunningCase {
        services = services == null ? List.of() : List.copyOf(services);
    }
}
