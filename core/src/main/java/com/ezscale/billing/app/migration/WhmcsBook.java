package com.ezscale.billing.app.migration;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A WHMCS book as read, whole, before anything is written: the rows an import maps, the due date
 * of the last period WHMCS invoiced per service and per add-on, and each service's id on its panel.
 */
public record WhmcsBook(
        List<WhmcsSource.Currency> currencies,
        List<WhmcsSource.ClientGroup> clientGroups,
        List<WhmcsSource.Client> clients,
        List<WhmcsSource.ProductGroup> productGroups,
        List<WhmcsSource.Product> products,
        List<WhmcsSource.Pricing> pricing,
        List<WhmcsSource.Server> servers,
        List<WhmcsSource.Service> services,
        List<WhmcsSource.Addon> addons,
        List<WhmcsSource.HostingAddon> hostingAddons,
        List<WhmcsSource.Tax> taxes,
        List<WhmcsSource.Promotion> promotions,
        Map<Long, Long> servicePromotions,
        List<WhmcsSource.CreditEntry> credits,
        List<WhmcsSource.Invoice> invoices,
        List<WhmcsSource.InvoiceItem> invoiceItems,
        List<WhmcsSource.Transaction> transactions,
        Map<Long, LocalDate> lastInvoiced,
        Map<Long, LocalDate> lastInvoicedAddons,
        Map<Long, String> panelRefs,
        List<WhmcsSource.Upgrade> upgrades) {

    public static WhmcsBook read(WhmcsSource source) {
        return new WhmcsBook(
                source.currencies(),
                source.clientGroups(),
                source.clients(),
                source.productGroups(),
                source.products(),
                source.productPricing(),
                source.servers(),
                source.services(),
                source.addons(),
                source.hostingAddons(),
                source.taxes(),
                source.promotions(),
                source.servicePromotions(),
                source.credits(),
                source.invoices(),
                source.invoiceItems(),
                source.transactions(),
                source.lastInvoicedPeriods(),
                source.lastInvoicedAddonPeriods(),
                source.serviceFieldValues(WhmcsImport.PANEL_FIELD),
                source.upgrades());
    }
}
