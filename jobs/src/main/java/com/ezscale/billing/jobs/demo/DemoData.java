package com.ezscale.billing.jobs.demo;

import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.catalog.PlanPrice;
import com.ezscale.billing.catalog.Product;
import com.ezscale.billing.catalog.ProductKind;
import com.ezscale.billing.customer.Customer;
import com.ezscale.billing.customer.CustomerStatus;
import com.ezscale.billing.customer.PostalAddress;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.period.BillingSchedule;
import com.ezscale.billing.subscription.IpAssignment;
import com.ezscale.billing.subscription.IpPrefix;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.SubscriptionStatus;
import com.ezscale.billing.usage.UsagePrice;
import com.ezscale.billing.usage.db.PlanUsageTermsRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded, realistic hosting book: a catalog of VPS, dedicated, web hosting and game server plans
 * priced in USD, EUR and GBP from monthly to triennial, and customers across countries with their
 * services and IP addresses. The same seed gives the same data. One price is missing on purpose
 * (web hosting, triennial, GBP), and the last customer holds that plan: every run parks it with
 * the reason while billing everyone else.
 */
public record DemoData(
        List<Product> products,
        List<Plan> plans,
        List<PlanPrice> prices,
        List<PlanUsageTermsRow> usageTerms,
        List<UsagePrice> usagePrices,
        List<Customer> customers,
        List<Subscription> subscriptions,
        List<IpAssignment> ipAssignments) {

    /** Usage terms of the demo plans: commits on dedicated servers, transfer quotas on VPS and dedicated. */
    private record UsageSpec(
            String plan,
            String commitMbps,
            String pricePerMbpsUsd,
            String quota,
            String unit,
            String pricePerUnitUsd) {}

    private static final List<UsageSpec> USAGE = List.of(
            new UsageSpec("vps-1g", null, null, "1000", "GB", "0.01"),
            new UsageSpec("vps-4g", null, null, "4000", "GB", "0.01"),
            new UsageSpec("vps-16g", null, null, "8000", "GIB", "0.01"),
            new UsageSpec("ded-e3", "10", "1.50", "20000", "GB", "0.01"),
            new UsageSpec("ded-epyc", "50", "1.00", "50000", "GB", "0.008"));

    public static final String MARKER_PRODUCT = "vps";

    private record PlanSpec(
            String product, String code, String name, String monthlyUsd, String setupUsd, List<BillingCycle> cycles) {}

    private static final List<PlanSpec> PLANS = List.of(
            new PlanSpec(
                    "vps",
                    "vps-1g",
                    "VPS 1 GB",
                    "5.00",
                    "0",
                    List.of(BillingCycle.MONTHLY, BillingCycle.QUARTERLY, BillingCycle.ANNUALLY)),
            new PlanSpec(
                    "vps",
                    "vps-4g",
                    "VPS 4 GB",
                    "20.00",
                    "0",
                    List.of(
                            BillingCycle.MONTHLY,
                            BillingCycle.QUARTERLY,
                            BillingCycle.SEMI_ANNUALLY,
                            BillingCycle.ANNUALLY)),
            new PlanSpec(
                    "vps", "vps-16g", "VPS 16 GB", "64.00", "0", List.of(BillingCycle.MONTHLY, BillingCycle.ANNUALLY)),
            new PlanSpec(
                    "dedicated",
                    "ded-e3",
                    "Dedicated Xeon E3-1230v6",
                    "89.00",
                    "49.00",
                    List.of(
                            BillingCycle.MONTHLY,
                            BillingCycle.QUARTERLY,
                            BillingCycle.SEMI_ANNUALLY,
                            BillingCycle.ANNUALLY)),
            new PlanSpec(
                    "dedicated",
                    "ded-epyc",
                    "Dedicated EPYC 7302P",
                    "249.00",
                    "99.00",
                    List.of(
                            BillingCycle.MONTHLY,
                            BillingCycle.ANNUALLY,
                            BillingCycle.BIENNIALLY,
                            BillingCycle.TRIENNIALLY)),
            new PlanSpec(
                    "webhosting",
                    "web-starter",
                    "Web Hosting Starter",
                    "3.99",
                    "0",
                    List.of(
                            BillingCycle.MONTHLY,
                            BillingCycle.ANNUALLY,
                            BillingCycle.BIENNIALLY,
                            BillingCycle.TRIENNIALLY)),
            new PlanSpec(
                    "webhosting",
                    "web-business",
                    "Web Hosting Business",
                    "12.99",
                    "0",
                    List.of(BillingCycle.MONTHLY, BillingCycle.ANNUALLY)),
            new PlanSpec(
                    "game",
                    "game-mc-4g",
                    "Minecraft 4 GB",
                    "12.00",
                    "0",
                    List.of(BillingCycle.MONTHLY, BillingCycle.QUARTERLY)),
            new PlanSpec("game", "game-rust-8g", "Rust 8 GB", "24.00", "0", List.of(BillingCycle.MONTHLY)),
            new PlanSpec(
                    "misc", "ssl-dv", "SSL certificate (DV, installed)", "29.00", "0", List.of(BillingCycle.ONE_TIME)));

    private static final Map<String, ProductKind> PRODUCTS = Map.of(
            "vps",
            ProductKind.VPS,
            "dedicated",
            ProductKind.DEDICATED,
            "webhosting",
            ProductKind.WEB_HOSTING,
            "game",
            ProductKind.GAME_SERVER,
            "misc",
            ProductKind.OTHER);
    private static final List<String> PRODUCT_ORDER = List.of("vps", "dedicated", "webhosting", "game", "misc");
    private static final Map<String, String> PRODUCT_NAMES = Map.of(
            "vps",
            "Virtual private servers",
            "dedicated",
            "Dedicated servers",
            "webhosting",
            "Web hosting",
            "game",
            "Game servers",
            "misc",
            "Services");

    private record Market(
            String country, String currency, String city, String postal, String region, String vatPrefix) {}

    private static final List<Market> MARKETS = List.of(
            new Market("US", "USD", "Austin", "78701", "TX", null),
            new Market("US", "USD", "New York", "10001", "NY", null),
            new Market("CA", "USD", "Toronto", "M5H 2N2", "ON", null),
            new Market("DE", "EUR", "Berlin", "10115", null, "DE"),
            new Market("FR", "EUR", "Lyon", "69001", null, "FR"),
            new Market("NL", "EUR", "Amsterdam", "1012 JS", null, "NL"),
            new Market("IE", "EUR", "Dublin", "D02 X285", null, "IE"),
            new Market("GB", "GBP", "Manchester", "M1 1AE", null, null),
            new Market("GB", "GBP", "London", "EC1A 1BB", null, null));

    private static final String[] FIRST = {
        "Ada",
        "Alan",
        "Grace",
        "Linus",
        "Margaret",
        "Dennis",
        "Barbara",
        "Ken",
        "Radia",
        "Vint",
        "Frances",
        "Edsger",
        "Hedy",
        "Tim",
        "Sophie",
        "Niklaus",
        "Anita",
        "Leslie",
        "Katherine",
        "John"
    };
    private static final String[] LAST = {
        "Lovelace",
        "Turing",
        "Hopper",
        "Torvalds",
        "Hamilton",
        "Ritchie",
        "Liskov",
        "Thompson",
        "Perlman",
        "Cerf",
        "Allen",
        "Dijkstra",
        "Lamarr",
        "Berners-Lee",
        "Wilson",
        "Wirth",
        "Borg",
        "Lamport",
        "Johnson",
        "Backus"
    };
    private static final String[] COMPANY = {
        "Pixel Forge", "Nordlicht", "Blue Harbor", "Quantum Bytes", "Cedar Labs", "Tiny Rocket"
    };

    private static final Map<String, BigDecimal> FX_FROM_USD =
            Map.of("USD", BigDecimal.ONE, "EUR", new BigDecimal("0.92"), "GBP", new BigDecimal("0.79"));

    /** Catalog ids start at {@code idBase}; customers, services and IPs too. */
    public static DemoData generate(long seed, int customerCount, LocalDate today, LocalDate windowStart, long idBase) {
        SplittableRandom random = new SplittableRandom(seed);
        Catalog catalog = catalog(idBase);
        List<Customer> customers = new ArrayList<>();
        List<Subscription> subscriptions = new ArrayList<>();
        List<IpAssignment> ips = new ArrayList<>();
        long serviceId = idBase;
        for (int i = 0; i < customerCount - 1; i++) {
            long customerId = idBase + i;
            Market market = MARKETS.get(random.nextInt(MARKETS.size()));
            customers.add(customer(random, customerId, market));
            int services = 1 + random.nextInt(3);
            for (int s = 0; s < services; s++) {
                int planIndex = random.nextInt(PLANS.size());
                PlanSpec spec = PLANS.get(planIndex);
                BillingCycle cycle = pickCycle(random, spec.cycles());
                long daysBack = random.nextInt(730);
                LocalDate start = today.minusDays(daysBack).plusDays(random.nextInt(10) == 0 ? random.nextInt(20) : 0);
                SubscriptionStatus status = SubscriptionStatus.ACTIVE;
                LocalDate end = null;
                int roll = random.nextInt(20);
                if (roll == 0) {
                    status = SubscriptionStatus.TERMINATED;
                } else if (roll == 1) {
                    status = SubscriptionStatus.CANCELLED;
                    end = windowStart.plusDays(
                            random.nextInt((int) Math.max(1, ChronoUnit.DAYS.between(windowStart, today))));
                } else if (start.isAfter(today.minusDays(3))) {
                    status = SubscriptionStatus.PENDING;
                }
                BillingSchedule schedule = BillingSchedule.anchoredOnStart(start, cycle);
                // services older than the window come over from the previous system with their next due date
                LocalDate cursor = null;
                if (start.isBefore(windowStart) && cycle.isRecurring()) {
                    cursor = schedule.periodStart(schedule.firstIndexStartingOnOrAfter(windowStart));
                } else if (start.isBefore(windowStart)) {
                    cursor = start.plusDays(1);
                }
                long id = serviceId++;
                subscriptions.add(new Subscription(
                        id,
                        customerId,
                        catalog.plans().get(planIndex).id(),
                        cycle,
                        status,
                        start.getDayOfMonth(),
                        start,
                        end,
                        cursor,
                        spec.product().equals("misc") ? null : "srv" + id + ".ezscale.example"));
                ips.addAll(addresses(id, spec.product(), start, (int) (id - idBase)));
            }
        }
        if (customerCount > 0) {
            // the last customer orders a plan that has no price in its currency: every run parks it, with the reason
            long customerId = idBase + customerCount - 1;
            customers.add(new Customer(
                    customerId,
                    "Parker Example",
                    "Parked Example Ltd",
                    "billing@parked.example",
                    new PostalAddress("1 Nowhere Lane", null, "Leeds", "LS1 1AA"),
                    "GB",
                    null,
                    Money.currency("GBP"),
                    null,
                    CustomerStatus.ACTIVE));
            int webStarter = PLANS.indexOf(PLANS.stream()
                    .filter(p -> p.code().equals("web-starter"))
                    .findFirst()
                    .orElseThrow());
            LocalDate start = windowStart.plusDays(20);
            subscriptions.add(new Subscription(
                    serviceId,
                    customerId,
                    catalog.plans().get(webStarter).id(),
                    BillingCycle.TRIENNIALLY,
                    SubscriptionStatus.PENDING,
                    start.getDayOfMonth(),
                    start,
                    null,
                    null,
                    "parked.example"));
        }
        return new DemoData(
                catalog.products(),
                catalog.plans(),
                catalog.prices(),
                catalog.usageTerms(),
                catalog.usagePrices(),
                customers,
                subscriptions,
                ips);
    }

    /**
     * The benchmark's book: {@code customerCount} customers, each with 1 to 3 monthly services
     * whose next period starts within the invoicing window of {@code asOf}, so every customer gets
     * exactly one invoice from invoiceRun(asOf).
     */
    public static DemoData bench(long seed, int customerCount, LocalDate asOf, long idBase) {
        SplittableRandom random = new SplittableRandom(seed);
        Catalog catalog = catalog(idBase);
        List<Customer> customers = new ArrayList<>(customerCount);
        List<Subscription> subscriptions = new ArrayList<>(customerCount * 2);
        long serviceId = idBase;
        for (int i = 0; i < customerCount; i++) {
            long customerId = idBase + i;
            Market market = MARKETS.get(random.nextInt(MARKETS.size()));
            customers.add(customer(random, customerId, market));
            int services = 1 + random.nextInt(3);
            for (int s = 0; s < services; s++) {
                int planIndex = random.nextInt(PLANS.size() - 1);
                LocalDate next = asOf.plusDays(random.nextInt(14));
                LocalDate start = next.minusMonths(1 + random.nextInt(24));
                if (start.getDayOfMonth() != next.getDayOfMonth()) {
                    start = next.minusMonths(1);
                }
                subscriptions.add(new Subscription(
                        serviceId++,
                        customerId,
                        catalog.plans().get(planIndex).id(),
                        BillingCycle.MONTHLY,
                        SubscriptionStatus.ACTIVE,
                        next.getDayOfMonth(),
                        start,
                        null,
                        next,
                        null));
            }
        }
        return new DemoData(
                catalog.products(),
                catalog.plans(),
                catalog.prices(),
                List.of(),
                List.of(),
                customers,
                subscriptions,
                List.of());
    }

    private record Catalog(
            List<Product> products,
            List<Plan> plans,
            List<PlanPrice> prices,
            List<PlanUsageTermsRow> usageTerms,
            List<UsagePrice> usagePrices) {}

    private static Catalog catalog(long idBase) {
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < PRODUCT_ORDER.size(); i++) {
            String code = PRODUCT_ORDER.get(i);
            products.add(new Product(idBase + i, code, PRODUCT_NAMES.get(code), PRODUCTS.get(code), 1));
        }
        List<Plan> plans = new ArrayList<>();
        List<PlanPrice> prices = new ArrayList<>();
        for (int i = 0; i < PLANS.size(); i++) {
            PlanSpec spec = PLANS.get(i);
            long planId = idBase + i;
            long productId = idBase + PRODUCT_ORDER.indexOf(spec.product());
            plans.add(new Plan(planId, productId, spec.code(), spec.name()));
            for (String currency : List.of("USD", "EUR", "GBP")) {
                for (BillingCycle cycle : spec.cycles()) {
                    if (spec.code().equals("web-starter")
                            && cycle == BillingCycle.TRIENNIALLY
                            && currency.equals("GBP")) {
                        continue; // missing on purpose: shows a parked customer
                    }
                    BigDecimal fx = FX_FROM_USD.get(currency);
                    BigDecimal months = BigDecimal.valueOf(Math.max(1, cycle.months()));
                    BigDecimal price = new BigDecimal(spec.monthlyUsd())
                            .multiply(fx)
                            .multiply(months)
                            .multiply(discount(cycle))
                            .setScale(2, RoundingMode.HALF_UP);
                    BigDecimal setup =
                            new BigDecimal(spec.setupUsd()).multiply(fx).setScale(2, RoundingMode.HALF_UP);
                    prices.add(new PlanPrice(planId, Money.currency(currency), cycle, price, setup));
                }
            }
        }
        List<PlanUsageTermsRow> terms = new ArrayList<>();
        List<UsagePrice> usagePrices = new ArrayList<>();
        for (UsageSpec u : USAGE) {
            long planId = plans.stream()
                    .filter(p -> p.code().equals(u.plan()))
                    .findFirst()
                    .orElseThrow()
                    .id();
            terms.add(new PlanUsageTermsRow(
                    planId,
                    u.commitMbps() == null ? null : new BigDecimal(u.commitMbps()),
                    "MAX_OF_IN_AND_OUT",
                    new BigDecimal(u.quota()),
                    u.unit(),
                    "IN_AND_OUT",
                    "CALENDAR_MONTH",
                    6));
            for (String currency : List.of("USD", "EUR", "GBP")) {
                BigDecimal fx = FX_FROM_USD.get(currency);
                if (u.commitMbps() != null) {
                    usagePrices.add(new UsagePrice(
                            planId,
                            Money.currency(currency),
                            "MBPS",
                            1,
                            null,
                            new BigDecimal(u.pricePerMbpsUsd()).multiply(fx).setScale(4, RoundingMode.HALF_UP)));
                }
                usagePrices.add(new UsagePrice(
                        planId,
                        Money.currency(currency),
                        "TRANSFER",
                        1,
                        null,
                        new BigDecimal(u.pricePerUnitUsd()).multiply(fx).setScale(4, RoundingMode.HALF_UP)));
            }
        }
        return new Catalog(products, plans, prices, terms, usagePrices);
    }

    private static BigDecimal discount(BillingCycle cycle) {
        return switch (cycle) {
            case QUARTERLY -> new BigDecimal("0.98");
            case SEMI_ANNUALLY -> new BigDecimal("0.96");
            case ANNUALLY -> new BigDecimal("0.90");
            case BIENNIALLY -> new BigDecimal("0.85");
            case TRIENNIALLY -> new BigDecimal("0.80");
            default -> BigDecimal.ONE;
        };
    }

    private static BillingCycle pickCycle(SplittableRandom random, List<BillingCycle> cycles) {
        return random.nextInt(3) == 0 ? cycles.get(random.nextInt(cycles.size())) : cycles.get(0);
    }

    private static Customer customer(SplittableRandom random, long id, Market market) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        boolean business = random.nextInt(3) == 0;
        String company = business
                ? COMPANY[random.nextInt(COMPANY.length)] + " " + (market.vatPrefix() != null ? "GmbH" : "LLC")
                : null;
        String vat = business && market.vatPrefix() != null
                ? vatNumber(market.vatPrefix(), 100000000 + random.nextInt(899999999))
                : null;
        return new Customer(
                id,
                first + " " + last,
                company,
                (first + "." + last + id + "@example.com").toLowerCase(),
                new PostalAddress((1 + random.nextInt(200)) + " Example Street", null, market.city(), market.postal()),
                market.country(),
                market.region(),
                Money.currency(market.currency()),
                vat,
                CustomerStatus.ACTIVE);
    }

    private static List<IpAssignment> addresses(long serviceId, String product, LocalDate start, int n) {
        var from = start.atStartOfDay().toInstant(ZoneOffset.UTC);
        List<IpAssignment> ips = new ArrayList<>();
        switch (product) {
            case "vps", "game" ->
                ips.add(new IpAssignment(
                        0,
                        serviceId,
                        IpPrefix.parse((n % 2 == 0 ? "203.0.113." : "198.51.100.") + (n % 250 + 1)),
                        from,
                        null));
            case "dedicated" -> {
                ips.add(new IpAssignment(
                        0, serviceId, IpPrefix.parse("192.0.2." + ((n % 32) * 8) + "/29"), from, null));
                ips.add(new IpAssignment(
                        0,
                        serviceId,
                        IpPrefix.parse("2001:db8:" + Integer.toHexString(n % 65535 + 1) + "::/64"),
                        from,
                        null));
            }
            default -> {}
        }
        return ips;
    }

    /** A VAT number in its member state's format (DE 9 digits, FR 2 + 9, NL 9 + B01, IE 7 + letter). */
    private static String vatNumber(String prefix, int digits) {
        String nine = String.valueOf(digits);
        return switch (prefix) {
            case "FR" -> "FR" + nine.substring(0, 2) + nine;
            case "NL" -> "NL" + nine + "B01";
            case "IE" -> "IE" + nine.substring(0, 7) + "W";
            default -> prefix + nine;
        };
    }
}
