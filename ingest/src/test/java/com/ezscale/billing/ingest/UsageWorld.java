package com.ezscale.billing.ingest;

import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.catalog.Product;
import com.ezscale.billing.catalog.ProductKind;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.customer.Customer;
import com.ezscale.billing.customer.CustomerStatus;
import com.ezscale.billing.customer.PostalAddress;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.customer.db.CustomerRow;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.subscription.IpAssignment;
import com.ezscale.billing.subscription.IpPrefix;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.SubscriptionStatus;
import com.ezscale.billing.subscription.db.IpAssignmentRow;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A small network for ingest tests: service 101 owns 203.0.113.10 and 2001:db8:101::/48; service
 * 102 owns 203.0.113.20; 203.0.113.30 belongs to service 103 until {@link #MOVE} and to service
 * 104 from then on (an IP moving between customers mid-day).
 */
public final class UsageWorld {

    public static final Instant SINCE = Instant.parse("2026-01-01T00:00:00Z");
    public static final Instant MOVE = Instant.parse("2026-11-24T13:37:00Z");

    private UsageWorld() {}

    public static void create(CatalogMapper catalog, CustomerMapper customers, SubscriptionMapper subscriptions) {
        catalog.insertProduct(new Product(1, "transit", "Transit", ProductKind.TRANSIT, 1));
        catalog.insertPlan(new Plan(1, 1, "transit-1g", "Transit 1 Gbit/s"));
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        for (long customer = 1; customer <= 2; customer++) {
            customers.insert(
                    CustomerRow.of(new Customer(
                            customer,
                            "Customer " + customer,
                            null,
                            "c" + customer + "@example.com",
                            new PostalAddress(null, null, null, null),
                            "US",
                            null,
                            Money.currency("USD"),
                            null,
                            CustomerStatus.ACTIVE)),
                    created);
        }
        for (long service = 101; service <= 104; service++) {
            subscriptions.insert(
                    new Subscription(
                            service,
                            service == 104 ? 2 : 1,
                            1,
                            BillingCycle.MONTHLY,
                            SubscriptionStatus.ACTIVE,
                            1,
                            LocalDate.parse("2026-01-01"),
                            null,
                            null,
                            null),
                    created);
        }
        assign(subscriptions, 101, "203.0.113.10", SINCE, null);
        assign(subscriptions, 101, "2001:db8:101::/48", SINCE, null);
        assign(subscriptions, 102, "203.0.113.20", SINCE, null);
        assign(subscriptions, 103, "203.0.113.30", SINCE, MOVE);
        assign(subscriptions, 104, "203.0.113.30", MOVE, null);
    }

    private static void assign(
            SubscriptionMapper subscriptions, long service, String prefix, Instant from, Instant until) {
        subscriptions.insertIpAssignment(
                IpAssignmentRow.of(new IpAssignment(0, service, IpPrefix.parse(prefix), from, until)));
    }

    public static String flow(Instant at, long bytes, String src, String dst) {
        return "{\"@timestamp\":\"" + at + "\",\"flow.bytes\":" + bytes + ",\"flow.packets\":3,\"flow.src.ip.addr\":\""
                + src
                + "\",\"flow.dst.ip.addr\":\"" + dst
                + "\",\"flow.export.ip.addr\":\"192.0.2.1\",\"flow.in.netif.name\":\"xe-0/0/0\","
                + "\"flow.out.netif.name\":\"xe-0/0/1\",\"l4.proto.name\":\"TCP\",\"flow.tcp.flags\":\"ACK\"}";
    }
}
