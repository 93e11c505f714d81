package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.app.customer.Customers;
import com.ezscale.billing.customer.CustomerDetails;
import com.ezscale.billing.customer.CustomerStatus;
import com.ezscale.billing.customer.PostalAddress;
import com.ezscale.billing.customer.db.CustomerGroup;
import com.ezscale.billing.customer.db.CustomerRow;
import com.ezscale.billing.customer.db.CustomerView;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code customer add|edit|close|list|show} and {@code group set|list}: the book's customers, audited. */
@Command(
        name = "customer",
        mixinStandardHelpOptions = true,
        description = "Customers of the book: add, edit, close, list, show (audited).",
        subcommands = {
            CustomerCommands.Add.class,
            CustomerCommands.Edit.class,
            CustomerCommands.Close.class,
            CustomerCommands.ListCustomers.class,
            CustomerCommands.Show.class
        })
final class CustomerCommands implements Runnable {

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** The fields add and edit share; on edit an option not given keeps the stored value, an empty one clears it. */
    static class Fields {
        @Option(names = "--name", description = "the customer's name (required on add)")
        String name;

        @Option(names = "--company")
        String company;

        @Option(names = "--email", description = "where invoices go (required on add)")
        String email;

        @Option(names = "--address1")
        String address1;

        @Option(names = "--address2")
        String address2;

        @Option(names = "--city")
        String city;

        @Option(names = "--postal-code")
        String postalCode;

        @Option(names = "--country", description = "ISO 3166 code, e.g. US, DE (required on add)")
        String country;

        @Option(names = "--region", description = "state or province, where tax depends on it (e.g. QC)")
        String region;

        @Option(names = "--vat", description = "VAT number; EU numbers are checked against their country's format")
        String vat;

        @Option(names = "--tax-exempt", arity = "0..1", description = "true or false")
        Boolean taxExempt;

        @Option(names = "--group", description = "a customer group (see `group list`)")
        String group;

        CustomerDetails over(CustomerRow current, String currentGroup, String currency) {
            return CustomerDetails.of(
                    pick(name, current == null ? null : current.name()),
                    pick(company, current == null ? null : current.company()),
                    pick(email, current == null ? null : current.email()),
                    new PostalAddress(
                            pick(address1, current == null ? null : current.addressLine1()),
                            pick(address2, current == null ? null : current.addressLine2()),
                            pick(city, current == null ? null : current.city()),
                            pick(postalCode, current == null ? null : current.postalCode())),
                    pick(country, current == null ? null : current.country()),
                    pick(region, current == null ? null : current.region()),
                    currency,
                    pick(vat, current == null ? null : current.vatNumber()),
                    taxExempt != null ? taxExempt : current != null && current.taxExempt(),
                    pick(group, currentGroup));
        }

        private static String pick(String given, String current) {
            return given != null ? given : current;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a customer; prints its id.")
    static class Add implements Callable<Integer> {
        @CommandLine.ParentCommand
        CustomerCommands parent;

        @CommandLine.Mixin
        Fields fields;

        @Option(
                names = "--currency",
                required = true,
                description = "ISO 4217 billing currency with a price list, e.g. USD")
        String currency;

        @Override
        public Integer call() {
            CustomerDetails details = fields.over(null, null, currency);
            try (ConfigurableApplicationContext context = Contexts.oneShot(parent.main, Map.of())) {
                long id = context.getBean(Customers.class).add(details, Contexts.actor());
                System.out.println("customer " + id + " added: " + details.name());
                return 0;
            }
        }
    }

    @Command(
            name = "edit",
            mixinStandardHelpOptions = true,
            description = "Change a customer's details (the billing currency changes with convert-currency). "
                    + "Issued invoices keep the address they were issued with.")
    static class Edit implements Callable<Integer> {
        @CommandLine.ParentCommand
        CustomerCommands parent;

        @Parameters(index = "0", paramLabel = "CUSTOMER")
        long customer;

        @CommandLine.Mixin
        Fields fields;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(parent.main, Map.of())) {
                Customers customers = context.getBean(Customers.class);
                CustomerView current = customers.show(customer);
                CustomerDetails details = fields.over(
                        current.row(),
                        current.group(),
                        current.row().billingCurrency().getCurrencyCode());
                customers.edit(customer, details, Contexts.actor());
                System.out.println("customer " + customer + " edited");
                return 0;
            }
        }
    }

    @Command(
            name = "close",
            mixinStandardHelpOptions = true,
            description = "Close an account with no service running, no open invoice and no credit left.")
    static class Close implements Callable<Integer> {
        @CommandLine.ParentCommand
        CustomerCommands parent;

        @Parameters(index = "0", paramLabel = "CUSTOMER")
        long customer;

        @Option(names = "--reason", required = true)
        String reason;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(parent.main, Map.of())) {
                context.getBean(Customers.class).close(customer, reason, Contexts.actor());
                System.out.println("customer " + customer + " closed");
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Customers in id order.")
    static class ListCustomers implements Callable<Integer> {
        @CommandLine.ParentCommand
        CustomerCommands parent;

        @Option(names = "--after", description = "list after this id (paging)", defaultValue = "0")
        long after;

        @Option(names = "--limit", defaultValue = "100")
        int limit;

        @Option(names = "--status", description = "ACTIVE, INACTIVE or CLOSED")
        CustomerStatus status;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(parent.main, Map.of())) {
                List<CustomerView> page = context.getBean(Customers.class).list(after, limit, status);
                System.out.printf(
                        "%8s  %-8s  %-3s  %-2s  %-30s  %-32s  %s%n",
                        "id", "status", "cur", "cc", "name", "email", "group");
                for (CustomerView v : page) {
                    CustomerRow r = v.row();
                    System.out.printf(
                            "%8d  %-8s  %-3s  %-2s  %-30s  %-32s  %s%n",
                            r.id(),
                            r.status(),
                            r.billingCurrency(),
                            r.country(),
                            r.name(),
                            r.email(),
                            v.group() == null ? "-" : v.group());
                }
                System.out.println(page.size() + " customer(s)"
                        + (page.size() == limit
                                ? "; more with --after "
                                        + page.get(page.size() - 1).row().id()
                                : ""));
                return 0;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Everything stored about a customer.")
    static class Show implements Callable<Integer> {
        @CommandLine.ParentCommand
        CustomerCommands parent;

        @Parameters(index = "0", paramLabel = "CUSTOMER")
        long customer;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(parent.main, Map.of())) {
                CustomerView v = context.getBean(Customers.class).show(customer);
                CustomerRow r = v.row();
                System.out.println("customer " + r.id() + ": " + r.name()
                        + (r.company() == null ? "" : " (" + r.company() + ")") + " <" + r.email() + ">");
                System.out.println("  status:   " + r.status() + ", since "
                        + v.createdAt().atOffset(ZoneOffset.UTC).toLocalDate());
                String address = r.toCustomer().address().printable().replace("\n", ", ");
                System.out.println("  address:  " + (address.isEmpty() ? "-" : address) + ", " + r.country()
                        + (r.region() == null ? "" : " (" + r.region() + ")"));
                System.out.println("  billing:  " + r.billingCurrency() + "; VAT number "
                        + (r.vatNumber() == null ? "-" : r.vatNumber()) + "; tax exempt "
                        + (r.taxExempt() ? "yes" : "no") + "; credit opt-out " + (r.creditOptOut() ? "yes" : "no"));
                System.out.println("  group:    " + (v.group() == null ? "-" : v.group()));
                return 0;
            }
        }
    }

    /** {@code group set|list}: customer groups and their dunning policy. */
    @Command(
            name = "group",
            mixinStandardHelpOptions = true,
            description = "Customer groups and their dunning policy (set is audited).",
            subcommands = {Group.Set.class, Group.ListGroups.class})
    static final class Group implements Runnable {
        @CommandLine.ParentCommand
        Main main;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
        }

        @Command(
                name = "set",
                mixinStandardHelpOptions = true,
                description = "Create a group or change its policy: --dunning-exempt (no late fee, no suspension).")
        static class Set implements Callable<Integer> {
            @CommandLine.ParentCommand
            Group parent;

            @Parameters(index = "0", paramLabel = "CODE")
            String code;

            @Option(names = "--dunning-exempt", arity = "0..1", defaultValue = "false")
            boolean dunningExempt;

            @Option(names = "--note")
            String note;

            @Override
            public Integer call() {
                try (ConfigurableApplicationContext context = Contexts.oneShot(parent.main, Map.of())) {
                    context.getBean(Customers.class).setGroup(code, dunningExempt, note, Contexts.actor());
                    System.out.println("group " + code.strip() + ": " + (dunningExempt ? "dunning exempt" : "dunned"));
                    return 0;
                }
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "The customer groups.")
        static class ListGroups implements Callable<Integer> {
            @CommandLine.ParentCommand
            Group parent;

            @Override
            public Integer call() {
                try (ConfigurableApplicationContext context = Contexts.oneShot(parent.main, Map.of())) {
                    for (CustomerGroup g : context.getBean(Customers.class).groups()) {
                        System.out.println(g.code() + "  " + (g.dunningExempt() ? "dunning exempt" : "dunned")
                                + (g.note() == null ? "" : "  " + g.note()));
                    }
                    return 0;
                }
            }
        }
    }
}
