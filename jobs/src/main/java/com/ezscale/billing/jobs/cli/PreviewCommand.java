package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.app.invoice.InvoicePreview;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.invoice.DraftInvoice;
import com.ezscale.billing.invoice.GenerationResult;
import com.ezscale.billing.invoice.ProposedLine;
import com.ezscale.billing.tax.TaxAmount;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "preview",
        mixinStandardHelpOptions = true,
        description =
                "Print the invoice the run would issue to a customer on a date, writing nothing (the run's own reader and rules).")
class PreviewCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "CUSTOMER")
    long customer;

    @Option(names = "--as-of", paramLabel = "DATE")
    LocalDate asOf;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
            LocalDate date = AccountCommands.asOf(context, asOf);
            if (context.getBean(CustomerMapper.class).selectCustomerCurrency(customer) == null) {
                throw new IllegalArgumentException("no customer " + customer);
            }
            Optional<GenerationResult> result =
                    context.getBean(InvoicePreview.class).preview(customer, date);
            if (result.isEmpty() || result.get().drafts().isEmpty()) {
                System.out.println("customer " + customer + ": nothing to invoice on " + date);
                return 0;
            }
            for (DraftInvoice draft : result.get().drafts()) {
                System.out.print(render(draft));
            }
            return 0;
        }
    }

    static String render(DraftInvoice draft) {
        StringBuilder out = new StringBuilder();
        out.append("customer ")
                .append(draft.customerId())
                .append(", ")
                .append(draft.currency().getCurrencyCode())
                .append(", due ")
                .append(draft.dueDate())
                .append(draft.pricesIncludeTax() ? " (prices include tax)" : "")
                .append('\n');
        int no = 1;
        for (ProposedLine line : draft.lines()) {
            out.append(String.format(
                    "  %2d %-90.90s %12s%s%n",
                    no++,
                    line.description(),
                    line.amount().amount().toPlainString(),
                    line.taxName() == null
                            ? ""
                            : "  " + line.taxName() + " "
                                    + line.taxRate().stripTrailingZeros().toPlainString() + "%"));
        }
        for (TaxAmount tax : draft.taxes()) {
            out.append(String.format(
                    "     %-90.90s %12s%n",
                    tax.name() + " " + tax.ratePercent().stripTrailingZeros().toPlainString() + "% of "
                            + tax.base().amount().toPlainString(),
                    tax.tax().amount().toPlainString()));
        }
        if (draft.tax().note() != null) {
            out.append("     ").append(draft.tax().note()).append('\n');
        }
        out.append(String.format(
                "     %-90s %12s%n",
                "Total " + draft.currency().getCurrencyCode(),
                draft.total().amount().toPlainString()));
        if (draft.holdReason() != null) {
            out.append("     waits for approval: ").append(draft.holdReason()).append('\n');
        }
        return out.toString();
    }
}
