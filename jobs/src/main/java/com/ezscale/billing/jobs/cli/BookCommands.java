package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.app.BusinessDates;
import com.ezscale.billing.app.catalog.Catalog;
import com.ezscale.billing.app.discount.CouponBook;
import com.ezscale.billing.app.invoice.Sellers;
import com.ezscale.billing.app.subscription.ServiceBook;
import com.ezscale.billing.app.tax.TaxRules;
import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.catalog.PlanPrice;
import com.ezscale.billing.catalog.Product;
import com.ezscale.billing.catalog.ProductKind;
import com.ezscale.billing.discount.Coupon;
import com.ezscale.billing.discount.CouponDuration;
import com.ezscale.billing.discount.CouponKind;
import com.ezscale.billing.discount.db.LoyaltyTierRow;
import com.ezscale.billing.invoice.db.SellerEntity;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.money.TypedAmount;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.subscription.IpAssignment;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.db.IpAssignmentRow;
import com.ezscale.billing.subscription.db.ServiceView;
import com.ezscale.billing.tax.db.TaxRuleRow;
import com.ezscale.billing.usage.DirectionMode;
import com.ezscale.billing.usage.TransferQuota;
import com.ezscale.billing.usage.UsagePeriodKind;
import com.ezscale.billing.usage.UsagePrice;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The admin commands that keep the book besides customers: services, the catalog (products, plans
 * and their prices and usage terms), coupons and loyalty tiers, tax rules and seller entities.
 * Every change is checked (one line naming the problem, nothing written) and audited under
 * $EZSCALE_ACTOR; list and show print what is stored.
 */
final class BookCommands {

    private BookCommands() {}

    /** A command made of subcommands: run without one, it is a usage error. */
    abstract static class Group implements Runnable {
        @CommandLine.ParentCommand
        Main main;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
        }
    }

    /** A subcommand: runs {@code work} with the application's context and exits 0. */
    abstract static class Sub implements Callable<Integer> {
        @CommandLine.ParentCommand
        Group group;

        <T> T with(Function<ConfigurableApplicationContext, T> work) {
            try (ConfigurableApplicationContext context = Contexts.oneShot(group.main, Map.of())) {
                return work.apply(context);
            }
        }

        void run(Consumer<ConfigurableApplicationContext> work) {
            with(context -> {
                work.accept(context);
                return null;
            });
        }
    }

    /** Midnight UTC of a date, or an instant as given ("2026-12-01" or "2026-12-01T10:00:00Z"). */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return text.contains("T")
                    ? Instant.parse(text)
                    : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is neither a date (2026-12-01) nor an instant (2026-12-01T10:00:00Z)");
        }
    }

    // ---------------------------------------------------------------- services

    @Command(
            name = "service",
            mixinStandardHelpOptions = true,
            description = "Services: order, ip-add, ip-end, panel, suspend, unsuspend, list, show (audited).",
            subcommands = {
                Services.Order.class,
                Services.IpAdd.class,
                Services.IpEnd.class,
                Services.Panel.class,
                Services.Suspend.class,
                Services.Unsuspend.class,
                Services.ListServices.class,
                Services.Show.class
            })
    static final class Services extends Group {

        @Command(
                name = "order",
                mixinStandardHelpOptions = true,
                description =
                        "Order a plan for a customer; the invoice run bills it as the rules say (setup fee with the first"
                                + " paid period, the plan's trial first, prorata to the product's day). Prints the service id.")
        static class Order extends Sub {
            @Parameters(index = "0", paramLabel = "CUSTOMER")
            long customer;

            @Parameters(index = "1", paramLabel = "PLAN", description = "the plan's code")
            String plan;

            @Option(
                    names = "--cycle",
                    required = true,
                    description =
                            "MONTHLY, QUARTERLY, SEMI_ANNUALLY, ANNUALLY, BIENNIALLY, TRIENNIALLY, ONE_TIME or FREE")
            BillingCycle cycle;

            @Option(names = "--start", paramLabel = "DATE", description = "first day of service (default today)")
            LocalDate start;

            @Option(names = "--label", description = "how invoices and notices name it, e.g. a hostname")
            String label;

            @Option(names = "--panel", description = "VIRTFUSION, PTERODACTYL, SYNERGYCP or ENHANCE")
            String panel;

            @Option(names = "--panel-ref", description = "the service's id in that panel")
            String panelRef;

            @Option(names = "--no-trial", description = "skip the plan's trial")
            boolean noTrial;

            @Option(
                    names = "--force-future-date",
                    description = "allow a start more than ezscale.billing.future-horizon-days (400) ahead")
            boolean forceFutureDate;

            @Override
            public Integer call() {
                long id = with(context -> {
                    LocalDate day = context.getBean(BusinessDates.class).asOf("--start", start, forceFutureDate);
                    return context.getBean(ServiceBook.class)
                            .order(
                                    new ServiceBook.Order(customer, plan, cycle, day, label, panel, panelRef, noTrial),
                                    Contexts.actor());
                });
                System.out.println("service " + id + " ordered: " + plan + " " + cycle + " for customer " + customer);
                return 0;
            }
        }

        @Command(
                name = "ip-add",
                mixinStandardHelpOptions = true,
                description = "Attach an IP address or prefix to a service.")
        static class IpAdd extends Sub {
            @Parameters(index = "0", paramLabel = "SERVICE")
            long service;

            @Parameters(index = "1", paramLabel = "CIDR", description = "203.0.113.7, 203.0.113.0/24 or 2001:db8::/48")
            String cidr;

            @Option(names = "--from", description = "a date (midnight UTC) or an instant; default now")
            String from;

            @Option(names = "--until", description = "end (exclusive); default open-ended")
            String until;

            @Override
            public Integer call() {
                IpAssignment a = with(context -> context.getBean(ServiceBook.class)
                        .addIp(service, cidr, from == null ? null : instant(from), instant(until), Contexts.actor()));
                System.out.println("service " + service + ": " + a.prefix() + " from " + a.validFrom()
                        + (a.validUntil() == null ? "" : " until " + a.validUntil()));
                return 0;
            }
        }

        @Command(
                name = "ip-end",
                mixinStandardHelpOptions = true,
                description = "End a service's assignment of a prefix.")
        static class IpEnd extends Sub {
            @Parameters(index = "0", paramLabel = "SERVICE")
            long service;

            @Parameters(index = "1", paramLabel = "CIDR")
            String cidr;

            @Option(names = "--at", description = "when it ends (exclusive): a date or an instant; default now")
            String at;

            @Override
            public Integer call() {
                Instant when = with(context -> context.getBean(ServiceBook.class)
                        .endIp(service, cidr, at == null ? null : instant(at), Contexts.actor()));
                System.out.println("service " + service + ": " + cidr + " ends " + when);
                return 0;
            }
        }

        @Command(
                name = "panel",
                mixinStandardHelpOptions = true,
                description = "Name the panel that runs a service and its id there.")
        static class Panel extends Sub {
            @Parameters(index = "0", paramLabel = "SERVICE")
            long service;

            @Option(names = "--panel", required = true)
            String panel;

            @Option(names = "--panel-ref", required = true)
            String panelRef;

            @Override
            public Integer call() {
                run(context -> context.getBean(ServiceBook.class).setPanel(service, panel, panelRef, Contexts.actor()));
                System.out.println("service " + service + ": " + panel + " " + panelRef);
                return 0;
            }
        }

        @Command(
                name = "suspend",
                mixinStandardHelpOptions = true,
                description = "Suspend an active service by hand (its panel is told).")
        static class Suspend extends Sub {
            @Parameters(index = "0", paramLabel = "SERVICE")
            long service;

            @Option(names = "--reason", required = true)
            String reason;

            @Override
            public Integer call() {
                run(context -> context.getBean(ServiceBook.class).suspend(service, reason, Contexts.actor()));
                System.out.println("service " + service + " suspended");
                return 0;
            }
        }

        @Command(
                name = "unsuspend",
                mixinStandardHelpOptions = true,
                description = "Lift an admin's suspension (dunning lifts its own when the invoices are paid).")
        static class Unsuspend extends Sub {
            @Parameters(index = "0", paramLabel = "SERVICE")
            long service;

            @Option(names = "--reason", required = true)
            String reason;

            @Override
            public Integer call() {
                run(context -> context.getBean(ServiceBook.class).unsuspend(service, reason, Contexts.actor()));
                System.out.println("service " + service + " unsuspended");
                return 0;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "A customer's services.")
        static class ListServices extends Sub {
            @Parameters(index = "0", paramLabel = "CUSTOMER")
            long customer;

            @Override
            public Integer call() {
                List<ServiceView> services =
                        with(context -> context.getBean(ServiceBook.class).list(customer));
                System.out.printf(
                        "%8s  %-10s  %-16s  %-13s  %-10s  %-10s  %s%n",
                        "id", "status", "plan", "cycle", "start", "next", "label");
                for (ServiceView v : services) {
                    Subscription s = v.subscription();
                    System.out.printf(
                            "%8d  %-10s  %-16s  %-13s  %-10s  %-10s  %s%n",
                            s.id(),
                            s.status(),
                            v.planCode(),
                            s.cycle(),
                            s.startDate(),
                            s.nextPeriodStart() == null ? "-" : s.nextPeriodStart(),
                            s.label() == null ? "-" : s.label());
                }
                System.out.println(services.size() + " service(s)");
                return 0;
            }
        }

        @Command(
                name = "show",
                mixinStandardHelpOptions = true,
                description = "A service, its panel, suspension and IPs.")
        static class Show extends Sub {
            @Parameters(index = "0", paramLabel = "SERVICE")
            long service;

            @Override
            public Integer call() {
                ServiceBook.ServiceDetail d =
                        with(context -> context.getBean(ServiceBook.class).show(service));
                ServiceView v = d.service();
                Subscription s = v.subscription();
                System.out.println("service " + s.id() + ": " + v.planCode() + " " + s.cycle() + " for customer "
                        + s.customerId() + (s.label() == null ? "" : " (" + s.label() + ")"));
                System.out.println("  status:   " + s.status()
                        + (v.suspendedBy() == null ? "" : " by " + v.suspendedBy() + " since " + v.suspendedAt()));
                System.out.println("  dates:    start " + s.startDate() + ", anchor day " + s.anchorDay()
                        + (s.trialEnd() == null ? "" : ", trial until " + s.trialEnd())
                        + ", next period " + (s.nextPeriodStart() == null ? "not billed yet" : s.nextPeriodStart())
                        + (s.endDate() == null ? "" : ", ends " + s.endDate()));
                System.out.println("  panel:    " + (v.panel() == null ? "-" : v.panel() + " " + v.panelRef()));
                for (IpAssignmentRow ip : d.ips()) {
                    System.out.println("  ip:       " + ip.cidr() + " from " + ip.validFrom()
                            + (ip.validUntil() == null ? "" : " until " + ip.validUntil()));
                }
                return 0;
            }
        }
    }

    // ---------------------------------------------------------------- catalog

    @Command(
            name = "product",
            mixinStandardHelpOptions = true,
            description = "Products: add, list (audited).",
            subcommands = {Products.Add.class, Products.ListProducts.class})
    static final class Products extends Group {

        @Command(
                name = "add",
                mixinStandardHelpOptions = true,
                description = "Add a product (what plans are plans of).")
        static class Add extends Sub {
            @Parameters(index = "0", paramLabel = "CODE", description = "lower case, e.g. vps")
            String code;

            @Option(names = "--name", required = true)
            String name;

            @Option(
                    names = "--kind",
                    required = true,
                    description = "VPS, DEDICATED, WEB_HOSTING, GAME_SERVER or TRANSIT")
            ProductKind kind;

            @Option(names = "--seller", description = "seller entity code (default ezscale.billing.seller-code)")
            String seller;

            @Option(names = "--prorata-day", description = "bill every service of it on this day of the month (1-28)")
            Integer prorataDay;

            @Override
            public Integer call() {
                long id = with(context -> context.getBean(Catalog.class)
                        .addProduct(code, name, kind, seller, prorataDay, Contexts.actor()));
                System.out.println("product " + code + " added (id " + id + ")");
                return 0;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "The products.")
        static class ListProducts extends Sub {
            @Override
            public Integer call() {
                for (Product p : with(context -> context.getBean(Catalog.class).products())) {
                    System.out.println(p.code() + "  " + p.kind() + "  " + p.name());
                }
                return 0;
            }
        }
    }

    @Command(
            name = "plan",
            mixinStandardHelpOptions = true,
            description = "Plans: add, price, usage-terms, usage-price, list, show (audited).",
            subcommands = {
                Plans.Add.class,
                Plans.Price.class,
                Plans.UsageTerms.class,
                Plans.UsagePriceCommand.class,
                Plans.ListPlans.class,
                Plans.Show.class
            })
    static final class Plans extends Group {

        @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a plan of a product.")
        static class Add extends Sub {
            @Parameters(index = "0", paramLabel = "CODE", description = "lower case, e.g. vps-s")
            String code;

            @Option(names = "--product", required = true)
            String product;

            @Option(names = "--name", required = true)
            String name;

            @Option(names = "--trial-days", defaultValue = "0")
            int trialDays;

            @Override
            public Integer call() {
                long id = with(context ->
                        context.getBean(Catalog.class).addPlan(code, product, name, trialDays, Contexts.actor()));
                System.out.println("plan " + code + " added (id " + id + ")");
                return 0;
            }
        }

        @Command(
                name = "price",
                mixinStandardHelpOptions = true,
                description =
                        "Set a plan's price in a currency and cycle (a new currency opens its price list). The periods"
                                + " billed from now on take it; issued invoices keep theirs.")
        static class Price extends Sub {
            @Parameters(index = "0", paramLabel = "PLAN")
            String plan;

            @Option(names = "--currency", required = true)
            String currency;

            @Option(names = "--cycle", required = true)
            BillingCycle cycle;

            @Option(names = "--price", required = true, description = "per period, up to 6 decimals")
            BigDecimal price;

            @Option(names = "--setup-fee", defaultValue = "0")
            BigDecimal setupFee;

            @Override
            public Integer call() {
                run(context -> context.getBean(Catalog.class)
                        .setPrice(plan, currency, cycle, price, setupFee, Contexts.actor()));
                System.out.println("plan " + plan + ": " + currency + " " + cycle + " " + price.toPlainString()
                        + (setupFee.signum() == 0 ? "" : ", setup " + setupFee.toPlainString()));
                return 0;
            }
        }

        @Command(
                name = "usage-terms",
                mixinStandardHelpOptions = true,
                description = "Set a plan's usage terms (95th-percentile commit, transfer quota).")
        static class UsageTerms extends Sub {
            @Parameters(index = "0", paramLabel = "PLAN")
            String plan;

            @Option(names = "--commit-mbps")
            BigDecimal commitMbps;

            @Option(
                    names = "--direction",
                    description = "MAX_OF_IN_AND_OUT (default), SUM_OF_IN_AND_OUT, IN_ONLY, OUT_ONLY")
            DirectionMode direction;

            @Option(names = "--quota", description = "transfer included per period")
            BigDecimal quota;

            @Option(names = "--quota-unit", description = "GB (default) or GIB")
            TransferQuota.Unit quotaUnit;

            @Option(names = "--quota-counted", description = "IN_AND_OUT (default), IN_ONLY, OUT_ONLY")
            TransferQuota.Counted quotaCounted;

            @Option(names = "--period", description = "CALENDAR_MONTH (default) or BILLING_PERIOD")
            UsagePeriodKind period;

            @Option(names = "--grace-hours", defaultValue = "6")
            int graceHours;

            @Override
            public Integer call() {
                run(context -> context.getBean(Catalog.class)
                        .setUsageTerms(
                                plan,
                                commitMbps,
                                direction,
                                quota,
                                quotaUnit,
                                quotaCounted,
                                period,
                                graceHours,
                                Contexts.actor()));
                System.out.println("plan " + plan + ": usage terms set");
                return 0;
            }
        }

        @Command(
                name = "usage-price",
                mixinStandardHelpOptions = true,
                description = "Set one tier of a plan's usage price.")
        static class UsagePriceCommand extends Sub {
            @Parameters(index = "0", paramLabel = "PLAN")
            String plan;

            @Option(names = "--currency", required = true)
            String currency;

            @Option(
                    names = "--kind",
                    required = true,
                    description = "MBPS (per Mbps over the commit) or TRANSFER (per unit over the quota)")
            String kind;

            @Option(names = "--tier", defaultValue = "1")
            int tier;

            @Option(names = "--up-to", description = "the tier's upper bound (none on the last tier)")
            BigDecimal upTo;

            @Option(names = "--unit-price", required = true)
            BigDecimal unitPrice;

            @Override
            public Integer call() {
                run(context -> context.getBean(Catalog.class)
                        .setUsagePrice(plan, currency, kind, tier, upTo, unitPrice, Contexts.actor()));
                System.out.println("plan " + plan + ": " + currency + " " + kind + " tier " + tier + " at "
                        + unitPrice.toPlainString());
                return 0;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "The plans.")
        static class ListPlans extends Sub {
            @Override
            public Integer call() {
                for (Plan p : with(context -> context.getBean(Catalog.class).plans())) {
                    System.out.println(p.code() + "  " + p.name()
                            + (p.trialDays() > 0 ? "  trial " + p.trialDays() + " days" : ""));
                }
                return 0;
            }
        }

        @Command(name = "show", mixinStandardHelpOptions = true, description = "A plan, its prices and usage terms.")
        static class Show extends Sub {
            @Parameters(index = "0", paramLabel = "PLAN")
            String plan;

            @Override
            public Integer call() {
                Catalog.PlanView v =
                        with(context -> context.getBean(Catalog.class).plan(plan));
                System.out.println("plan " + v.plan().code() + ": " + v.plan().name() + " (product "
                        + v.product().code() + ", " + v.product().kind() + ")"
                        + (v.plan().trialDays() > 0 ? ", " + v.plan().trialDays() + "-day trial" : ""));
                for (PlanPrice p : v.prices()) {
                    System.out.println("  price:       " + p.currency() + " " + p.cycle() + " "
                            + p.recurringPrice().stripTrailingZeros().toPlainString()
                            + (p.setupFee().signum() == 0
                                    ? ""
                                    : ", setup "
                                            + p.setupFee().stripTrailingZeros().toPlainString()));
                }
                if (v.usageTerms() != null) {
                    System.out.println("  usage terms: " + v.usageTerms());
                }
                for (UsagePrice p : v.usagePrices()) {
                    System.out.println("  usage price: " + p.currency() + " " + p.kind() + " tier " + p.tierNo()
                            + (p.upTo() == null
                                    ? ""
                                    : " up to " + p.upTo().stripTrailingZeros().toPlainString()) + " at "
                            + p.unitPrice().stripTrailingZeros().toPlainString());
                }
                return 0;
            }
        }
    }

    // ---------------------------------------------------------------- coupons and loyalty

    @Command(
            name = "coupon",
            mixinStandardHelpOptions = true,
            description = "Coupons: add, list (a coupon never changes once created; audited).",
            subcommands = {Coupons.Add.class, Coupons.ListCoupons.class})
    static final class Coupons extends Group {

        @Command(
                name = "add",
                mixinStandardHelpOptions = true,
                description = "Create a coupon (redeem it with `redeem`).")
        static class Add extends Sub {
            @Parameters(index = "0", paramLabel = "CODE")
            String code;

            @Option(names = "--percent")
            BigDecimal percent;

            @Option(
                    names = "--amount",
                    description = "CURRENCY=AMOUNT for a fixed coupon, once per currency",
                    split = ",")
            List<String> amounts = new ArrayList<>();

            @Option(names = "--duration", required = true, description = "ONCE, CYCLES or FOREVER")
            CouponDuration duration;

            @Option(names = "--cycles", description = "how many billing periods, with --duration CYCLES")
            Integer cycles;

            @Option(names = "--valid-from")
            LocalDate validFrom;

            @Option(names = "--valid-until")
            LocalDate validUntil;

            @Option(names = "--max-redemptions")
            Integer maxRedemptions;

            @Option(names = "--max-per-customer")
            Integer maxPerCustomer;

            @Option(names = "--stackable", description = "may be combined with other coupons on a service")
            boolean stackable;

            @Option(names = "--product", description = "limited to these products (codes)", split = ",")
            List<String> products = new ArrayList<>();

            @Option(names = "--country", description = "limited to customers in these countries", split = ",")
            List<String> countries = new ArrayList<>();

            @Override
            public Integer call() {
                Map<String, BigDecimal> byCurrency = new LinkedHashMap<>();
                for (String a : amounts) {
                    int eq = a.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException(
                                "--amount '" + a + "' is not CURRENCY=AMOUNT (e.g. USD=5.00)");
                    }
                    try {
                        byCurrency.put(
                                a.substring(0, eq).strip().toUpperCase(Locale.ROOT),
                                TypedAmount.parse(a.substring(eq + 1).strip()));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--amount '" + a + "': " + e.getMessage());
                    }
                }
                CouponKind kind = byCurrency.isEmpty() ? CouponKind.PERCENT : CouponKind.FIXED;
                long id = with(context -> context.getBean(CouponBook.class)
                        .add(
                                new CouponBook.NewCoupon(
                                        code,
                                        kind,
                                        percent,
                                        byCurrency,
                                        duration,
                                        cycles,
                                        validFrom,
                                        validUntil,
                                        maxRedemptions,
                                        maxPerCustomer,
                                        stackable,
                                        products,
                                        countries),
                                Contexts.actor()));
                System.out.println("coupon " + code.strip().toUpperCase(Locale.ROOT) + " added (id " + id + ")");
                return 0;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "The coupons.")
        static class ListCoupons extends Sub {
            @Override
            public Integer call() {
                for (Coupon c :
                        with(context -> context.getBean(CouponBook.class).list())) {
                    System.out.println(c.code() + "  " + c.kind()
                            + (c.percent() == null
                                    ? ""
                                    : " " + c.percent().stripTrailingZeros().toPlainString() + "%")
                            + c.amounts().entrySet().stream()
                                    .map(a -> " " + Money.rounded(a.getValue(), a.getKey()))
                                    .sorted()
                                    .collect(Collectors.joining(","))
                            + "  " + c.duration() + (c.durationCycles() == null ? "" : " " + c.durationCycles())
                            + (c.validFrom() == null ? "" : "  from " + c.validFrom())
                            + (c.validUntil() == null ? "" : "  until " + c.validUntil())
                            + (c.stackable() ? "  stackable" : ""));
                }
                return 0;
            }
        }
    }

    @Command(
            name = "loyalty-tier",
            mixinStandardHelpOptions = true,
            description = "LoyaltyTiers tiers: set, remove, list (audited).",
            subcommands = {LoyaltyTiers.Set.class, LoyaltyTiers.Remove.class, LoyaltyTiers.ListTiers.class})
    static final class LoyaltyTiers extends Group {

        @Command(
                name = "set",
                mixinStandardHelpOptions = true,
                description = "The percentage a tenure of N months earns.")
        static class Set extends Sub {
            @Option(names = "--months", required = true)
            int months;

            @Option(names = "--percent", required = true)
            BigDecimal percent;

            @Override
            public Integer call() {
                run(context -> context.getBean(CouponBook.class).setLoyaltyTier(months, percent, Contexts.actor()));
                System.out.println("loyalty tier " + months + " months: " + percent.toPlainString() + "%");
                return 0;
            }
        }

        @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a loyalty tier.")
        static class Remove extends Sub {
            @Option(names = "--months", required = true)
            int months;

            @Override
            public Integer call() {
                run(context -> context.getBean(CouponBook.class).removeLoyaltyTier(months, Contexts.actor()));
                System.out.println("loyalty tier " + months + " months removed");
                return 0;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "The loyalty tiers.")
        static class ListTiers extends Sub {
            @Override
            public Integer call() {
                for (LoyaltyTierRow t :
                        with(context -> context.getBean(CouponBook.class).loyaltyTiers())) {
                    System.out.println(t.minMonths() + " months  "
                            + t.percent().stripTrailingZeros().toPlainString() + "%");
                }
                return 0;
            }
        }
    }

    // ---------------------------------------------------------------- tax and sellers

    @Command(
            name = "tax-rule",
            mixinStandardHelpOptions = true,
            description = "Tax rates by country and region over dates: add, end, list (audited).",
            subcommands = {TaxRulesCommand.Add.class, TaxRulesCommand.End.class, TaxRulesCommand.ListRules.class})
    static final class TaxRulesCommand extends Group {

        @Command(
                name = "add",
                mixinStandardHelpOptions = true,
                description = "Add a rate; refused if it overlaps a rule of the same country and region.")
        static class Add extends Sub {
            @Parameters(index = "0", paramLabel = "COUNTRY")
            String country;

            @Option(names = "--region")
            String region;

            @Option(names = "--name", required = true, description = "VAT, GST, Sales tax...")
            String name;

            @Option(names = "--rate", required = true, description = "a percentage, e.g. 19 or 9.975")
            BigDecimal rate;

            @Option(names = "--from", description = "first day (default: always)")
            LocalDate from;

            @Option(names = "--until", description = "end (exclusive)")
            LocalDate until;

            @Override
            public Integer call() {
                TaxRuleRow r = with(context -> context.getBean(TaxRules.class)
                        .add(country, region, name, rate, from, until, Contexts.actor()));
                System.out.println(
                        "tax " + r.country() + (r.region().isEmpty() ? "" : "/" + r.region()) + ": " + r.name()
                                + " " + r.rate().stripTrailingZeros().toPlainString() + "% from " + r.validFrom()
                                + (r.validUntil() == null ? "" : " until " + r.validUntil()));
                return 0;
            }
        }

        @Command(
                name = "end",
                mixinStandardHelpOptions = true,
                description = "End an open rule (before adding its successor).")
        static class End extends Sub {
            @Parameters(index = "0", paramLabel = "COUNTRY")
            String country;

            @Option(names = "--region")
            String region;

            @Option(names = "--from", description = "the rule's first day (default: always)")
            LocalDate from;

            @Option(names = "--until", required = true, description = "end (exclusive)")
            LocalDate until;

            @Override
            public Integer call() {
                run(context -> context.getBean(TaxRules.class).end(country, region, from, until, Contexts.actor()));
                System.out.println("tax " + country + " rule ends " + until);
                return 0;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "The tax rules.")
        static class ListRules extends Sub {
            @Override
            public Integer call() {
                for (TaxRuleRow r :
                        with(context -> context.getBean(TaxRules.class).list())) {
                    System.out.println(
                            r.country() + (r.region().isEmpty() ? "" : "/" + r.region()) + "  " + r.name() + " "
                                    + r.rate().stripTrailingZeros().toPlainString() + "%  from " + r.validFrom()
                                    + (r.validUntil() == null ? "" : " until " + r.validUntil()));
                }
                return 0;
            }
        }
    }

    @Command(
            name = "seller",
            mixinStandardHelpOptions = true,
            description = "Seller entities (who issues invoices): add, list (audited).",
            subcommands = {SellersCommand.Add.class, SellersCommand.ListSellers.class})
    static final class SellersCommand extends Group {

        @Command(
                name = "add",
                mixinStandardHelpOptions = true,
                description = "Add a seller entity with its own number series.")
        static class Add extends Sub {
            @Parameters(index = "0", paramLabel = "CODE")
            String code;

            @Option(names = "--legal-name", required = true)
            String legalName;

            @Option(names = "--address", required = true)
            String address;

            @Option(names = "--country", required = true)
            String country;

            @Option(names = "--vat")
            String vat;

            @Option(names = "--invoice-series", required = true, description = "e.g. EU-INV-{year}-{000001}")
            String invoiceSeries;

            @Option(names = "--credit-note-series", required = true, description = "e.g. EU-CN-{year}-{000001}")
            String creditNoteSeries;

            @Override
            public Integer call() {
                long id = with(context -> context.getBean(Sellers.class)
                        .add(
                                code,
                                legalName,
                                address,
                                country,
                                vat,
                                invoiceSeries,
                                creditNoteSeries,
                                Contexts.actor()));
                System.out.println("seller " + code.strip().toUpperCase(Locale.ROOT) + " added (id " + id + ")");
                return 0;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "The seller entities.")
        static class ListSellers extends Sub {
            @Override
            public Integer call() {
                for (SellerEntity s :
                        with(context -> context.getBean(Sellers.class).list())) {
                    System.out.println(s.code() + "  " + s.legalName() + ", " + s.country()
                            + (s.vatNumber() == null ? "" : " VAT " + s.vatNumber()) + "  invoices " + s.invoiceSeries()
                            + ", credit notes " + s.creditNoteSeries());
                }
                return 0;
            }
        }
    }
}
