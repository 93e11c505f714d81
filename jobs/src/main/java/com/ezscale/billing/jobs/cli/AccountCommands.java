package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.app.BusinessDates;
import com.ezscale.billing.app.credit.AccountCredit;
import com.ezscale.billing.app.creditnote.CreditNoteService;
import com.ezscale.billing.app.discount.Redemptions;
import com.ezscale.billing.app.invoice.Approvals;
import com.ezscale.billing.app.payment.Payments;
import com.ezscale.billing.app.subscription.PlanChanges;
import com.ezscale.billing.creditnote.CreditNoteKind;
import com.ezscale.billing.invoice.db.HeldInvoice;
import com.ezscale.billing.jobs.invoice.InvoiceRunJobConfig;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.jobs.run.RunReport;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.run.db.RunMapper;
import com.ezscale.billing.subscription.PlanChangeKind;
import com.ezscale.billing.subscription.PlanChangeTiming;
import com.ezscale.billing.tax.TaxAmount;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The account commands of admins and finance; every one is audited under $EZSCALE_ACTOR (or cli:user). */
final class AccountCommands {

    private AccountCommands() {}

    /** {@code --as-of} (today if not given), refused before the book or beyond the horizon ({@link BusinessDates}). */
    static LocalDate asOf(ConfigurableApplicationContext context, LocalDate asOf) {
        return context.getBean(BusinessDates.class).asOf("--as-of", asOf, false);
    }

    /** Runs invoiceRun for one customer and prints its report; 1 if it did not complete. */
    static int invoiceCustomer(ConfigurableApplicationContext context, LocalDate asOf, long customerId) {
        JobExecution execution = context.getBean(JobRunner.class)
                .runForCustomer(InvoiceRunJobConfig.INVOICE_RUN, asOf, customerId, Contexts.actor());
        System.out.print(
                RunReport.execution(execution, context.getBean(RunMapper.class).selectParked(execution.getId())));
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            System.err.println("error: " + RunReport.failureReason(execution));
            return 1;
        }
        return 0;
    }

    @Command(
            name = "change-plan",
            mixinStandardHelpOptions = true,
            description =
                    "Move a service to another plan. A higher price is an upgrade: immediate, invoiced at once (credit of the unused "
                            + "old plan, charge of the new, one invoice due now; unpaid after 7 days it expires and is reverted). A lower price is a "
                            + "downgrade at the end of the period, or with --immediate now, the unused difference going to account credit.")
    static class ChangePlan implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Parameters(index = "0", paramLabel = "SERVICE")
        long service;

        @Parameters(index = "1", paramLabel = "PLAN", description = "the new plan's code")
        String plan;

        @Option(
                names = "--immediate",
                description = "a downgrade takes effect today instead of at the end of the period")
        boolean immediate;

        @Option(names = "--as-of", paramLabel = "DATE")
        LocalDate asOf;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
                LocalDate date = AccountCommands.asOf(context, asOf);
                PlanChanges.PlanChangeResult change =
                        context.getBean(PlanChanges.class).changePlan(service, plan, immediate, date, Contexts.actor());
                System.out.println(change.kind().name().toLowerCase() + " of service " + service + " to " + plan + ": "
                        + change.timing().name().toLowerCase().replace('_', ' ') + ", effective "
                        + change.effectiveDate() + " (change " + change.planChangeId() + ")");
                if (change.kind() == PlanChangeKind.UPGRADE || change.timing() == PlanChangeTiming.IMMEDIATE) {
                    return invoiceCustomer(context, date, change.customerId());
                }
                return 0;
            }
        }
    }

    @Command(
            name = "cancel",
            mixinStandardHelpOptions = true,
            description =
                    "Cancel a service at the end of its period, or with --immediate today (no refund: issue a credit note for that).")
    static class Cancel implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Parameters(index = "0", paramLabel = "SERVICE")
        long service;

        @Option(names = "--immediate")
        boolean immediate;

        @Option(names = "--as-of", paramLabel = "DATE")
        LocalDate asOf;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
                PlanChanges.PlanChangeResult change = context.getBean(PlanChanges.class)
                        .cancel(service, immediate, AccountCommands.asOf(context, asOf), Contexts.actor());
                System.out.println("service " + service + " cancelled, ends " + change.effectiveDate());
                return 0;
            }
        }
    }

    @Command(
            name = "redeem",
            mixinStandardHelpOptions = true,
            description = "Apply a coupon to a service (checked against its dates, limits and restrictions).")
    static class Redeem implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Parameters(index = "0", paramLabel = "COUPON")
        String code;

        @Parameters(index = "1", paramLabel = "SERVICE")
        long service;

        @Option(names = "--as-of", paramLabel = "DATE")
        LocalDate asOf;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
                context.getBean(Redemptions.class)
                        .redeem(code, service, AccountCommands.asOf(context, asOf), Contexts.actor());
                System.out.println("coupon " + code + " applied to service " + service);
                return 0;
            }
        }
    }

    @Command(
            name = "credit",
            mixinStandardHelpOptions = true,
            description = "Show a customer's account credit, or add to it (a negative amount debits it) with --note.")
    static class Credit implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Parameters(index = "0", paramLabel = "CUSTOMER")
        long customer;

        @Parameters(
                index = "1",
                arity = "0..1",
                paramLabel = "AMOUNT",
                description = "in the customer's billing currency")
        BigDecimal amount;

        @Option(names = "--note", description = "why (required with an amount)")
        String note;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
                AccountCredit accounts = context.getBean(AccountCredit.class);
                if (amount == null) {
                    System.out.println("customer " + customer + " credit: " + accounts.balance(customer));
                    return 0;
                }
                if (note == null || note.isBlank()) {
                    throw new IllegalArgumentException("--note is required with an amount");
                }
                Money balance = accounts.add(customer, amount, note, Contexts.actor());
                System.out.println("customer " + customer + " credit: " + balance);
                return 0;
            }
        }
    }

    @Command(
            name = "convert-currency",
            mixinStandardHelpOptions = true,
            description =
                    "Change a customer's billing currency after invoices were issued (otherwise refused): explicit and audited. "
                            + "Issued invoices keep their currency; account credit must be zero.")
    static class ConvertCurrency implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Parameters(index = "0", paramLabel = "CUSTOMER")
        long customer;

        @Parameters(index = "1", paramLabel = "CURRENCY")
        String currency;

        @Option(names = "--reason", required = true)
        String reason;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
                context.getBean(AccountCredit.class).convertCurrency(customer, currency, reason, Contexts.actor());
                System.out.println("customer " + customer + " is now billed in " + currency);
                return 0;
            }
        }
    }

    @Command(
            name = "pay",
            mixinStandardHelpOptions = true,
            description =
                    "Record a payment received outside a gateway (bank transfer, cheque, cash) against an issued invoice. The same "
                            + "method and reference twice is refused; an overpayment goes to account credit.")
    static class Pay implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Parameters(index = "0", paramLabel = "INVOICE", description = "number or id")
        String invoice;

        @Parameters(index = "1", paramLabel = "AMOUNT")
        BigDecimal amount;

        @Option(
                names = "--method",
                defaultValue = "BANK_TRANSFER",
                description = "BANK_TRANSFER (default), CHEQUE, CASH, OTHER")
        String method;

        @Option(names = "--reference", required = true, description = "the bank's (or the cheque's) reference")
        String reference;

        @Option(names = "--date", paramLabel = "DATE", description = "when it was received (default today)")
        LocalDate date;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
                Payments.PaymentResult paid = context.getBean(Payments.class)
                        .record(
                                invoice,
                                amount,
                                method,
                                reference,
                                context.getBean(BusinessDates.class).happened("--date", date),
                                Contexts.actor());
                System.out.println(
                        "payment " + paid.paymentId() + ": " + paid.toInvoice() + " to " + paid.invoiceNumber()
                                + (paid.toCredit().isZero() ? "" : ", " + paid.toCredit() + " to account credit")
                                + "; invoice now " + paid.invoiceStatus());
                return 0;
            }
        }
    }

    @Command(
            name = "credit-note",
            mixinStandardHelpOptions = true,
            description =
                    "Issue a credit note (its own gapless series) for an issued invoice: --full, --lines 1,3 (a line brings its "
                            + "discounts) or --amount (tax included); tax is reversed in proportion. What the customer still owed is reduced; "
                            + "the rest goes to account credit.")
    static class CreditNote implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Parameters(index = "0", paramLabel = "INVOICE", description = "number (INV-2026-000001) or id")
        String invoice;

        static class What {
            @Option(names = "--full", required = true)
            boolean full;

            @Option(names = "--lines", required = true, paramLabel = "N,N")
            String lines;

            @Option(names = "--amount", required = true, paramLabel = "AMOUNT")
            BigDecimal amount;

            CreditNoteKind kind() {
                return full ? CreditNoteKind.FULL : lines != null ? CreditNoteKind.LINES : CreditNoteKind.AMOUNT;
            }

            Set<Integer> lineNos() {
                return lines == null ? null : lineNumbers(lines);
            }
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        What what;

        @Option(names = "--reason", required = true)
        String reason;

        @Option(names = "--as-of", paramLabel = "DATE")
        LocalDate asOf;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
                CreditNoteService.CreditNoteResult note = context.getBean(CreditNoteService.class)
                        .creditNote(
                                invoice,
                                what.kind(),
                                what.lineNos(),
                                what.amount,
                                reason,
                                AccountCommands.asOf(context, asOf),
                                Contexts.actor());
                print(note);
                return 0;
            }
        }
    }

    @Command(
            name = "refund",
            mixinStandardHelpOptions = true,
            description =
                    "Refund a card payment through Stripe, linked to a credit note issued first (settlement REFUND): --full, "
                            + "--lines 1,3 or --amount (tax included). What the note credits beyond what is still owed goes back to the card; "
                            + "the refund's idempotency key comes from the note, so a retry never refunds twice.")
    static class Refund implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Parameters(index = "0", paramLabel = "INVOICE", description = "number (INV-2026-000001) or id")
        String invoice;

        @ArgGroup(exclusive = true, multiplicity = "1")
        CreditNote.What what;

        @Option(names = "--reason", required = true)
        String reason;

        @Option(names = "--as-of", paramLabel = "DATE")
        LocalDate asOf;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
                CreditNoteService.RefundResult refund = context.getBean(CreditNoteService.class)
                        .refund(
                                invoice,
                                what.kind(),
                                what.lineNos(),
                                what.amount,
                                reason,
                                AccountCommands.asOf(context, asOf),
                                Contexts.actor());
                print(refund.note());
                System.out.printf(
                        "refund %s to the card: %s%s%n",
                        refund.refunded(),
                        refund.status(),
                        refund.gatewayRef() == null ? "" : " (" + refund.gatewayRef() + ")");
                return 0;
            }
        }
    }

    @Command(
            name = "card",
            mixinStandardHelpOptions = true,
            description =
                    "Save a customer's Stripe ids (the customer and its default payment method; never a card number): "
                            + "collect charges them when invoices fall due.")
    static class Card implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Parameters(index = "0", paramLabel = "CUSTOMER", description = "customer id")
        long customer;

        @Option(names = "--stripe-customer", required = true, paramLabel = "cus_...")
        String stripeCustomer;

        @Option(names = "--payment-method", paramLabel = "pm_...")
        String paymentMethod;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
                context.getBean(Payments.class).linkCard(customer, stripeCustomer, paymentMethod, Contexts.actor());
                System.out.printf(
                        "customer %d: Stripe %s, payment method %s%n",
                        customer, stripeCustomer, paymentMethod == null ? "(none)" : paymentMethod);
                return 0;
            }
        }
    }

    @Command(
            name = "paypal",
            mixinStandardHelpOptions = true,
            description = "Save a customer's vaulted PayPal wallet (PayPal's customer id and the payment token's id, "
                    + "nothing else) and charge its invoices through PayPal from now on. Audited.")
    static class PayPal implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Parameters(index = "0", paramLabel = "CUSTOMER", description = "customer id")
        long customer;

        @Option(names = "--paypal-customer", required = true, paramLabel = "ID")
        String paypalCustomer;

        @Option(
                names = "--payment-token",
                required = true,
                paramLabel = "ID",
                description = "the Vault v3 payment token")
        String paymentToken;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
                context.getBean(Payments.class).linkPayPal(customer, paypalCustomer, paymentToken, Contexts.actor());
                System.out.printf(
                        "customer %d: PayPal %s, payment token %s; charged through PayPal%n",
                        customer, paypalCustomer, paymentToken);
                return 0;
            }
        }
    }

    @Command(
            name = "prefer",
            mixinStandardHelpOptions = true,
            description = "Set the gateway a customer's invoices are charged through: STRIPE (its card), PAYPAL (its "
                    + "vaulted wallet) or MANUAL (nothing is charged; it pays by transfer). Audited.")
    static class Prefer implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Parameters(index = "0", paramLabel = "CUSTOMER", description = "customer id")
        long customer;

        @Parameters(index = "1", paramLabel = "GATEWAY", description = "STRIPE, PAYPAL or MANUAL")
        String gateway;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
                String before = context.getBean(Payments.class).prefer(customer, gateway, Contexts.actor());
                System.out.printf("customer %d: pays through %s (was %s)%n", customer, gateway, before);
                return 0;
            }
        }
    }

    @Command(
            name = "void",
            mixinStandardHelpOptions = true,
            description = "Void an issued, unpaid invoice: a full credit note is issued and the number stays used.")
    static class Void implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Parameters(index = "0", paramLabel = "INVOICE")
        String invoice;

        @Option(names = "--reason", required = true)
        String reason;

        @Option(names = "--as-of", paramLabel = "DATE")
        LocalDate asOf;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
                print(context.getBean(CreditNoteService.class)
                        .creditNote(
                                invoice,
                                CreditNoteKind.VOID,
                                null,
                                null,
                                reason,
                                AccountCommands.asOf(context, asOf),
                                Contexts.actor()));
                return 0;
            }
        }
    }

    /** "1,3" as line numbers. */
    static Set<Integer> lineNumbers(String csv) {
        Set<Integer> numbers = new TreeSet<>();
        for (String part : csv.split(",")) {
            try {
                numbers.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--lines takes line numbers separated by commas, not '" + csv + "'");
            }
        }
        return numbers;
    }

    static void print(CreditNoteService.CreditNoteResult note) {
        System.out.println(note.number() + " credits " + note.invoiceNumber() + " ("
                + note.draft().kind().name().toLowerCase() + "): net "
                + note.draft().subtotal() + ", tax " + note.draft().taxTotal() + ", total "
                + note.draft().total());
        for (TaxAmount tax : note.draft().taxes()) {
            System.out.println("  tax reversed: " + tax.name() + " "
                    + tax.ratePercent().stripTrailingZeros().toPlainString() + "% on "
                    + tax.base().amount().toPlainString() + " = "
                    + tax.tax().amount().toPlainString());
        }
        System.out.println(
                "  " + (note.toCredit().isZero() ? "reduces what is owed" : note.toCredit() + " to account credit")
                        + "; invoice now " + note.invoiceStatus());
    }

    @Command(
            name = "approve",
            mixinStandardHelpOptions = true,
            description = "Approve a draft held for approval (see `hold`) and issue it.")
    static class Approve implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Parameters(index = "0", paramLabel = "DRAFT", description = "the draft's id")
        String draft;

        @Option(names = "--as-of", paramLabel = "DATE")
        LocalDate asOf;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
                long customer = context.getBean(Approvals.class).approve(draft, Contexts.actor());
                System.out.println("draft " + draft + " approved");
                return invoiceCustomer(context, AccountCommands.asOf(context, asOf), customer);
            }
        }
    }

    @Command(
            name = "hold",
            mixinStandardHelpOptions = true,
            description = "List the drafts waiting for approval, with the reason.")
    static class Hold implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
                List<HeldInvoice> held = context.getBean(Approvals.class).held();
                System.out.printf(
                        "%-8s %-8s %-24s %14s %-4s %-10s %s%n",
                        "DRAFT", "CUSTOMER", "NAME", "TOTAL", "CUR", "DUE", "REASON");
                for (HeldInvoice h : held) {
                    System.out.printf(
                            "%-8d %-8d %-24.24s %14s %-4s %-10s %s%n",
                            h.id(),
                            h.customerId(),
                            h.customerName(),
                            h.total().stripTrailingZeros().toPlainString(),
                            h.currency(),
                            h.dueDate(),
                            h.holdReason());
                }
                System.out.println(held.size() + " draft(s) waiting for approval");
                return 0;
            }
        }
    }
}
