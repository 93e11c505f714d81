package com.ezscale.billing.migration;

import com.ezscale.billing.catalog.ProductKind;
import com.ezscale.billing.customer.CustomerStatus;
import com.ezscale.billing.discount.CouponDuration;
import com.ezscale.billing.discount.CouponKind;
import com.ezscale.billing.invoice.ChargeKind;
import com.ezscale.billing.invoice.InvoiceStatus;
import com.ezscale.billing.money.MoneyRounding;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.period.BillingPeriod;
import com.ezscale.billing.period.ServiceSchedule;
import com.ezscale.billing.subscription.SubscriptionStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How WHMCS 8's words read in this system's terms: billing cycles, client and service statuses,
 * server modules (the panels), the six-cycle pricing rows ({@code -1} meaning "not offered"), the
 * monthly equivalent of a recurring amount, and where a service's billing cursor starts so that no
 * period WHMCS invoiced is billed again. Pure: each answer is a function of its arguments.
 */
public final class WhmcsTerms {

    private WhmcsTerms() {}

    /** A price WHMCS offers for a product in one currency and cycle. */
    public record Price(BillingCycle cycle, BigDecimal price, BigDecimal setupFee) {}

    /** One {@code tblpricing} row of a product: the six recurring prices and their setup fees. */
    public record PricingRow(
            BigDecimal monthly,
            BigDecimal quarterly,
            BigDecimal semiannually,
            BigDecimal annually,
            BigDecimal biennially,
            BigDecimal triennially,
            BigDecimal msetupfee,
            BigDecimal qsetupfee,
            BigDecimal ssetupfee,
            BigDecimal asetupfee,
            BigDecimal bsetupfee,
            BigDecimal tsetupfee) {}

    /** {@code tblhosting.billingcycle} (and add-ons'): "Monthly" ... "Triennially", "One Time", "Free Account". */
    public static Optional<BillingCycle> cycle(String whmcs) {
        if (whmcs == null) {
            return Optional.empty();
        }
        return switch (whmcs.strip().toLowerCase(Locale.ROOT)) {
            case "monthly" -> Optional.of(BillingCycle.MONTHLY);
            case "quarterly" -> Optional.of(BillingCycle.QUARTERLY);
            case "semi-annually", "semiannually" -> Optional.of(BillingCycle.SEMI_ANNUALLY);
            case "annually" -> Optional.of(BillingCycle.ANNUALLY);
            case "biennially" -> Optional.of(BillingCycle.BIENNIALLY);
            case "triennially" -> Optional.of(BillingCycle.TRIENNIALLY);
            case "one time", "onetime" -> Optional.of(BillingCycle.ONE_TIME);
            case "free account", "free" -> Optional.of(BillingCycle.FREE);
            default -> Optional.empty();
        };
    }

    /** {@code tblclients.status}: Active, Inactive, Closed. */
    public static Optional<CustomerStatus> clientStatus(String whmcs) {
        if (whmcs == null) {
            return Optional.empty();
        }
        return switch (whmcs.strip()) {
            case "Active" -> Optional.of(CustomerStatus.ACTIVE);
            case "Inactive" -> Optional.of(CustomerStatus.INACTIVE);
            case "Closed" -> Optional.of(CustomerStatus.CLOSED);
            default -> Optional.empty();
        };
    }

    /**
     * {@code tblhosting.domainstatus}. Fraud and Completed (a one-time service delivered) end the
     * service as Terminated does: nothing more is billed.
     */
    public static Optional<SubscriptionStatus> serviceStatus(String whmcs) {
        if (whmcs == null) {
            return Optional.empty();
        }
        return switch (whmcs.strip()) {
            case "Pending" -> Optional.of(SubscriptionStatus.PENDING);
            case "Active" -> Optional.of(SubscriptionStatus.ACTIVE);
            case "Suspended" -> Optional.of(SubscriptionStatus.SUSPENDED);
            case "Cancelled" -> Optional.of(SubscriptionStatus.CANCELLED);
            case "Terminated", "Fraud", "Completed" -> Optional.of(SubscriptionStatus.TERMINATED);
            default -> Optional.empty();
        };
    }

    /**
     * {@code tblinvoices.status} as an issued invoice here: Unpaid (and Payment Pending) is ISSUED, or
     * PARTIALLY_PAID once something was paid; Refunded stays PAID (its payment carries the refund);
     * Collections is UNCOLLECTIBLE; Cancelled is VOID. A Draft was never sent: nothing to import.
     */
    public static Optional<InvoiceStatus> invoiceStatus(String whmcs, boolean somethingPaid) {
        if (whmcs == null) {
            return Optional.empty();
        }
        return switch (whmcs.strip()) {
            case "Paid", "Refunded" -> Optional.of(InvoiceStatus.PAID);
            case "Unpaid", "Payment Pending", "Overdue" ->
                Optional.of(somethingPaid ? InvoiceStatus.PARTIALLY_PAID : InvoiceStatus.ISSUED);
            case "Collections" -> Optional.of(InvoiceStatus.UNCOLLECTIBLE);
            case "Cancelled" -> Optional.of(InvoiceStatus.VOID);
            default -> Optional.empty();
        };
    }

    /** The number an imported WHMCS invoice carries here and, when it is not WHMCS's own, why. */
    public record InvoiceNumber(String number, Optional<String> changed) {}

    /**
     * The number WHMCS invoice {@code id} carries here: WHMCS's ({@code invoicenum}, or its id where
     * that is blank, at most 64 characters), unless another invoice here holds that number already
     * or one of our series could issue it one day; then WHMCS's number with {@code -W} and its id
     * after it, so that no two invoices here ever share a number and finance still finds WHMCS's.
     */
    public static InvoiceNumber invoiceNumber(
            long id, String whmcsNumber, Predicate<String> takenHere, Predicate<String> oursCouldIssue) {
        String own = whmcsNumber == null || whmcsNumber.isBlank() ? Long.toString(id) : whmcsNumber.strip();
        String number = own.length() > 64 ? own.substring(0, 64) : own;
        String why;
        if (takenHere.test(number)) {
            why = "another invoice here is numbered " + number;
        } else if (oursCouldIssue.test(number)) {
            why = number + " has the shape of our own invoice numbers, which may issue it one day";
        } else {
            return new InvoiceNumber(number, Optional.empty());
        }
        String suffix = "-W" + id;
        String renamed =
                (number.length() + suffix.length() > 64 ? number.substring(0, 64 - suffix.length()) : number) + suffix;
        return new InvoiceNumber(renamed, Optional.of(why + ": imported as " + renamed));
    }

    /**
     * What a {@code tblinvoiceitems.type} was charged as: a service's period (Hosting), its setup fee,
     * a promotion's discount, a late fee, an upgrade's charge; anything else (add-ons, domains,
     * custom items, added funds) as a charge of its own, described by WHMCS's text.
     */
    public static ChargeKind chargeKind(String itemType) {
        return switch (itemType == null ? "" : itemType.strip()) {
            case "Hosting" -> ChargeKind.RECURRING;
            case "Setup" -> ChargeKind.SETUP;
            case "PromoHosting", "PromoDomain" -> ChargeKind.DISCOUNT;
            case "LateFee" -> ChargeKind.LATE_FEE;
            case "Upgrade" -> ChargeKind.PRORATION_CHARGE;
            default -> ChargeKind.RECURRING;
        };
    }

    /** A Stripe customer and, if known, its default payment method. */
    public record StripeCustomer(String customerId, String paymentMethodId) {}

    private static final Pattern STRIPE_CUSTOMER = Pattern.compile("cus_[A-Za-z0-9]{6,250}");
    private static final Pattern STRIPE_JSON_FIELD = Pattern.compile(
            "\"(customer|method|payment_method)\"\\s*:\\s*\"((?:cus|pm|card|src)_[A-Za-z0-9]{6,250})\"");

    /**
     * {@code tblclients.gatewayid} as a Stripe customer where it is readable: a bare
     * {@code cus_...}, or the Stripe module's JSON ({@code {"customer":"cus_...","method":"pm_..."}});
     * empty for anything else (an encrypted token, another gateway's id).
     */
    public static Optional<StripeCustomer> stripeCustomer(String gatewayId) {
        String g = gatewayId == null ? "" : gatewayId.strip();
        if (STRIPE_CUSTOMER.matcher(g).matches()) {
            return Optional.of(new StripeCustomer(g, null));
        }
        if (!g.startsWith("{")) {
            return Optional.empty();
        }
        String customer = null;
        String method = null;
        Matcher m = STRIPE_JSON_FIELD.matcher(g);
        while (m.find()) {
            if (m.group(1).equals("customer") && m.group(2).startsWith("cus_")) {
                customer = m.group(2);
            } else if (!m.group(1).equals("customer")) {
                method = m.group(2);
            }
        }
        return customer == null ? Optional.empty() : Optional.of(new StripeCustomer(customer, method));
    }

    /** A {@code tblaccounts.gateway} (the payment module) as a payment method here. */
    public static String paymentMethod(String gateway) {
        String g = gateway == null ? "" : gateway.strip().toLowerCase(Locale.ROOT);
        if (g.startsWith("stripe") || g.contains("card") || g.equals("authorizenet")) {
            return "CARD";
        }
        if (g.startsWith("paypal")) {
            return "PAYPAL";
        }
        if (g.equals("banktransfer") || g.equals("bank")) {
            return "BANK_TRANSFER";
        }
        if (g.equals("mailin")) {
            return "CHEQUE";
        }
        return "OTHER";
    }

    /**
     * What is paid on an imported invoice, as this system counts it (credit applied included, as
     * {@code amount_paid} counts it here): WHMCS's credit plus money in less money out (a refunded
     * invoice keeps what was paid: the refund is on its payment), within zero and the total.
     */
    public static BigDecimal amountPaid(
            String whmcsStatus, BigDecimal total, BigDecimal credit, BigDecimal in, BigDecimal out) {
        BigDecimal paid = credit.add(in);
        if (!"Refunded".equals(whmcsStatus)) {
            paid = paid.subtract(out);
        }
        return paid.max(BigDecimal.ZERO).min(total);
    }

    /** A {@code tblpromotions} row, as much of it as a coupon here can hold. */
    public record Promotion(
            String type,
            boolean recurring,
            BigDecimal value,
            int recurFor,
            LocalDate start,
            LocalDate expires,
            int maxUses,
            boolean oncePerClient) {}

    /** What a promotion is as a coupon here: its kind, percent or fixed amount, duration and limits. */
    public record CouponTerms(
            CouponKind kind,
            BigDecimal percent,
            BigDecimal amount,
            CouponDuration duration,
            Integer cycles,
            LocalDate validFrom,
            LocalDate validUntil,
            Integer maxRedemptions,
            Integer maxPerCustomer) {}

    /**
     * A promotion as a coupon: Percentage and Fixed Amount map; one not recurring applies once,
     * recurring for N cycles ({@code recurfor}) applies N times, recurring without a limit forever.
     * Its dates, maximum uses (0: none) and once-per-client carry over. Price Override and Free
     * Setup have no coupon here: refused with the reason.
     */
    public static CouponTerms coupon(Promotion p) {
        String type = p.type() == null ? "" : p.type().strip();
        CouponKind kind;
        switch (type) {
            case "Percentage" -> kind = CouponKind.PERCENT;
            case "Fixed Amount" -> kind = CouponKind.FIXED;
            default ->
                throw new IllegalArgumentException("a '" + type + "' promotion has no coupon here"
                        + (type.equals("Price Override") || type.equals("Free Setup")
                                ? " (coupons discount by a percent or a fixed amount)"
                                : ""));
        }
        if (p.value() == null || p.value().signum() <= 0) {
            throw new IllegalArgumentException("its value " + p.value() + " is not above zero");
        }
        if (kind == CouponKind.PERCENT && p.value().compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("its " + p.value().toPlainString() + "% is above 100%");
        }
        CouponDuration duration;
        Integer cycles = null;
        if (!p.recurring()) {
            duration = CouponDuration.ONCE;
        } else if (p.recurFor() > 0) {
            duration = CouponDuration.CYCLES;
            cycles = p.recurFor();
        } else {
            duration = CouponDuration.FOREVER;
        }
        return new CouponTerms(
                kind,
                kind == CouponKind.PERCENT ? p.value() : null,
                kind == CouponKind.FIXED ? p.value() : null,
                duration,
                cycles,
                p.start(),
                p.expires(),
                p.maxUses() > 0 ? p.maxUses() : null,
                p.oncePerClient() ? 1 : null);
    }

    /**
     * Where a service (or add-on) ends here: a terminated or cancelled one on WHMCS's termination
     * date, else its next due date (what it was paid up to), never before it started; a running
     * one has no end.
     */
    public static LocalDate end(
            SubscriptionStatus status, LocalDate registered, LocalDate terminated, LocalDate nextDueDate) {
        if (status != SubscriptionStatus.TERMINATED && status != SubscriptionStatus.CANCELLED) {
            return null;
        }
        LocalDate end = terminated != null ? terminated : nextDueDate;
        return end != null && end.isBefore(registered) ? registered : end;
    }

    /** Whether WHMCS counts a service (or add-on) of this {@code domainstatus} as running: Active or Suspended. */
    public static boolean running(String whmcsStatus) {
        return serviceStatus(whmcsStatus)
                .map(s -> s == SubscriptionStatus.ACTIVE || s == SubscriptionStatus.SUSPENDED)
                .orElse(false);
    }

    /** {@code tblservers.type} (the server module) as the panel that runs the service, if this system drives it. */
    public static Optional<String> panel(String module) {
        if (module == null) {
            return Optional.empty();
        }
        return switch (module.strip().toLowerCase(Locale.ROOT)) {
            case "virtfusion", "virtfusiondirect" -> Optional.of("VIRTFUSION");
            case "pterodactyl" -> Optional.of("PTERODACTYL");
            case "synergycp" -> Optional.of("SYNERGYCP");
            case "enhance" -> Optional.of("ENHANCE");
            default -> Optional.empty();
        };
    }

    /** What a product group sells, from its products' server modules: one kind if they agree, else OTHER. */
    public static ProductKind productKind(Collection<String> modules) {
        List<ProductKind> kinds = modules.stream()
                .map(m -> panel(m).map(WhmcsTerms::kindOfPanel).orElse(ProductKind.OTHER))
                .distinct()
                .toList();
        return kinds.size() == 1 ? kinds.get(0) : ProductKind.OTHER;
    }

    private static ProductKind kindOfPanel(String panel) {
        return switch (panel) {
            case "VIRTFUSION" -> ProductKind.VPS;
            case "PTERODACTYL" -> ProductKind.GAME_SERVER;
            case "SYNERGYCP" -> ProductKind.DEDICATED;
            default -> ProductKind.WEB_HOSTING;
        };
    }

    /**
     * The prices a {@code tblpricing} row offers for a product of {@code paytype} (free, onetime,
     * recurring): a negative price (WHMCS's -1) is a cycle not offered; a one-time product's price
     * and setup fee are in the monthly columns; a free product has the FREE cycle only.
     */
    public static List<Price> prices(String paytype, PricingRow row) {
        String type = paytype == null ? "recurring" : paytype.strip().toLowerCase(Locale.ROOT);
        List<Price> prices = new ArrayList<>();
        if (type.equals("free")) {
            prices.add(new Price(BillingCycle.FREE, BigDecimal.ZERO, BigDecimal.ZERO));
            return prices;
        }
        if (type.equals("onetime")) {
            offered(prices, BillingCycle.ONE_TIME, row.monthly(), row.msetupfee());
            return prices;
        }
        offered(prices, BillingCycle.MONTHLY, row.monthly(), row.msetupfee());
        offered(prices, BillingCycle.QUARTERLY, row.quarterly(), row.qsetupfee());
        offered(prices, BillingCycle.SEMI_ANNUALLY, row.semiannually(), row.ssetupfee());
        offered(prices, BillingCycle.ANNUALLY, row.annually(), row.asetupfee());
        offered(prices, BillingCycle.BIENNIALLY, row.biennially(), row.bsetupfee());
        offered(prices, BillingCycle.TRIENNIALLY, row.triennially(), row.tsetupfee());
        return prices;
    }

    private static void offered(List<Price> prices, BillingCycle cycle, BigDecimal price, BigDecimal setup) {
        if (price != null && price.signum() >= 0) {
            prices.add(new Price(cycle, price, setup == null || setup.signum() < 0 ? BigDecimal.ZERO : setup));
        }
    }

    /**
     * The monthly equivalent of a recurring amount (what MRR counts), at the unit-price scale:
     * a quarterly 30.00 is 10.000000 a month. One-time and free amounts are not recurring: zero.
     */
    public static BigDecimal monthly(BigDecimal amount, BillingCycle cycle) {
        if (!cycle.isRecurring()) {
            return BigDecimal.ZERO.setScale(MoneyRounding.UNIT_PRICE_SCALE);
        }
        return amount.divide(BigDecimal.valueOf(cycle.months()), MoneyRounding.UNIT_PRICE_SCALE, RoundingMode.HALF_UP);
    }

    /**
     * Where a service's billing starts here so that no period WHMCS invoiced is billed twice: the
     * first period of the service's schedule (from its registration date, aligned on the product's
     * prorata day if it has one) that starts after the last period WHMCS invoiced ({@code
     * lastInvoiced}, the due date of its last invoice item), else on or after WHMCS's next due date;
     * a one-time service WHMCS invoiced is done (the day after it started); a service WHMCS never
     * invoiced is billed from its start (null), and so is a free one, which bills nothing.
     */
    public static LocalDate cursor(
            BillingCycle cycle,
            LocalDate registered,
            Integer prorataDay,
            LocalDate lastInvoiced,
            LocalDate nextDueDate) {
        if (cycle == BillingCycle.FREE) {
            return null;
        }
        if (cycle == BillingCycle.ONE_TIME) {
            return lastInvoiced != null || (nextDueDate != null && nextDueDate.isAfter(registered))
                    ? registered.plusDays(1)
                    : null;
        }
        LocalDate from;
        if (lastInvoiced != null) {
            from = lastInvoiced.plusDays(1);
        } else if (nextDueDate != null && nextDueDate.isAfter(registered)) {
            from = nextDueDate;
        } else {
            return null;
        }
        ServiceSchedule schedule = new ServiceSchedule(registered, null, prorataDay, registered.getDayOfMonth(), cycle);
        return schedule.periodsStartingBetween(from, from.plusMonths(cycle.months() + 1L), null).stream()
                .map(p -> p.period().start())
                .findFirst()
                .orElseThrow();
    }

    /**
     * As {@link #cursor(BillingCycle, LocalDate, Integer, LocalDate, LocalDate)}, and never before
     * WHMCS's next invoice date once it invoiced: WHMCS moves {@code nextinvoicedate} past every period
     * it invoiced, including the next full period its "charge next month" puts on a prorated first
     * item, which the item's own due date does not show.
     */
    public static LocalDate cursor(
            BillingCycle cycle,
            LocalDate registered,
            Integer prorataDay,
            LocalDate lastInvoiced,
            LocalDate nextDueDate,
            LocalDate nextInvoiceDate) {
        LocalDate cursor = cursor(cycle, registered, prorataDay, lastInvoiced, nextDueDate);
        if (cursor == null
                || lastInvoiced == null
                || nextInvoiceDate == null
                || !cycle.isRecurring()
                || !nextInvoiceDate.isAfter(cursor)) {
            return cursor;
        }
        ServiceSchedule schedule = new ServiceSchedule(registered, null, prorataDay, registered.getDayOfMonth(), cycle);
        return schedule
                .periodsStartingBetween(nextInvoiceDate, nextInvoiceDate.plusMonths(cycle.months() + 1L), null)
                .stream()
                .map(p -> p.period().start())
                .findFirst()
                .orElseThrow();
    }

    /** The period of a service's schedule that contains {@code day} (null before the service started). */
    public static BillingPeriod periodContaining(
            BillingCycle cycle, LocalDate registered, Integer prorataDay, LocalDate day) {
        if (!cycle.isRecurring() || day.isBefore(registered)) {
            return null;
        }
        ServiceSchedule schedule = new ServiceSchedule(registered, null, prorataDay, registered.getDayOfMonth(), cycle);
        BillingPeriod found = null;
        for (ServiceSchedule.SchedulePeriod p :
                schedule.periodsStartingBetween(day.minusMonths(cycle.months() + 1L), day, null)) {
            if (!p.period().start().isAfter(day) && p.period().endExclusive().isAfter(day)) {
                found = p.period();
            }
        }
        return found;
    }

    /** The product id a {@code tblupgrades} value names ("12" or "12,monthly"), if any. */
    public static Optional<Long> upgradeProduct(String value) {
        String v = value == null ? "" : value.strip();
        int comma = v.indexOf(',');
        String id = (comma < 0 ? v : v.substring(0, comma)).strip();
        return id.matches("[1-9][0-9]{0,18}") ? Optional.of(Long.parseLong(id)) : Optional.empty();
    }

    /** The cycle a {@code tblupgrades} new value or {@code new_cycle} names, if it names one. */
    public static Optional<BillingCycle> upgradeCycle(String newValue, String newCycle) {
        String c = newCycle == null ? "" : newCycle.strip();
        if (c.isEmpty() && newValue != null && newValue.indexOf(',') >= 0) {
            c = newValue.substring(newValue.indexOf(',') + 1).strip();
        }
        return c.isEmpty() ? Optional.empty() : cycle(c);
    }

    /** {@link #cursor(BillingCycle, LocalDate, Integer, LocalDate, LocalDate)} of a product without a prorata day. */
    public static LocalDate cursor(
            BillingCycle cycle, LocalDate registered, LocalDate lastInvoiced, LocalDate nextDueDate) {
        return cursor(cycle, registered, null, lastInvoiced, nextDueDate);
    }
}
