package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.app.payment.Payments;
import com.ezscale.billing.app.staff.StaffAccounts;
import com.ezscale.billing.app.subscription.PlanChanges;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.ingest.file.FileIngestor;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.jobs.demo.DemoData;
import com.ezscale.billing.jobs.demo.DemoDataLoader;
import com.ezscale.billing.jobs.demo.DemoFlows;
import com.ezscale.billing.jobs.nightly.NightlyJobConfig;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.jobs.run.RunReport;
import com.ezscale.billing.reports.InvoiceSummaryReport;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.run.db.RunMapper;
import com.ezscale.billing.staff.StaffRole;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Load the seeded demo book (once), run `nightly` for every day of the last months up to today, "
                + "and print invoices by status and currency.")
class DemoCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--customers", defaultValue = "200", description = "demo customers (default ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--months",
            defaultValue = "3",
            description = "months of nightly runs up to today (default ${DEFAULT-VALUE})")
    int months;

    @Option(
            names = "--flows",
            defaultValue = "20000",
            description = "ElastiFlow records generated over the last day (default ${DEFAULT-VALUE}; 0: none)")
    int flowRecords;

    @Option(
            names = "--as-of",
            paramLabel = "DATE",
            description = "the last day to run (default today): the same book and days whenever it runs")
    LocalDate asOf;

    /** An unpaid demo invoice and what is still owed on it. */
    private record Owed(String number, BigDecimal amount) {}

    /** A demo service and the other plan of its product it moves to (none when its product has no other). */
    private record PlanMove(long service, String target) {}

    /**
     * Most demo customers pay by bank transfer on the due date (recorded as finance would, with the
     * bank's reference); those whose id ends in 7 never pay, so the ladder has work to show:
     * notices, late fees, suspension, termination.
     */
    private static int payDemoInvoices(ConfigurableApplicationContext context, LocalDate day) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Payments payments = context.getBean(Payments.class);
        int count = 0;
        for (Owed owed : jdbc.query(
                "SELECT i.number, i.total - i.amount_paid AS owed FROM invoice i"
                        + " WHERE i.status IN ('ISSUED', 'PARTIALLY_PAID') AND i.due_date <= ? AND MOD(i.customer_id, 10) <> 7"
                        + " AND i.total - i.amount_paid > 0 AND NOT EXISTS (SELECT 1 FROM credit_note cn WHERE cn.invoice_id = i.id)"
                        + " ORDER BY i.id",
                (rs, n) -> new Owed(rs.getString("number"), rs.getBigDecimal("owed")),
                day)) {
            payments.record(owed.number(), owed.amount(), "BANK_TRANSFER", "DEMO-" + owed.number(), day, "demo");
            count++;
        }
        return count;
    }

    /**
     * Customers change plans during the window: about one service in twelve moves to another plan of
     * its product on a day of its own (a higher price is an upgrade, invoiced by the next nightly and
     * reverted if unpaid 7 days later; a lower one a downgrade at the end of the period), through the
     * same service as the `change-plan` command. Once per service, so a demo run again changes nothing.
     */
    private static int changeDemoPlans(ConfigurableApplicationContext context, LocalDate windowStart, LocalDate day) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        PlanChanges planChanges = context.getBean(PlanChanges.class);
        int count = 0;
        for (PlanMove move : jdbc.query(
                """
                SELECT s.id AS service,
                       (SELECT p2.code FROM plan p2 JOIN plan_price pp ON pp.plan_id = p2.id AND pp.currency = c.billing_currency AND pp.cycle = s.cycle
                         WHERE p2.product_id = p1.product_id AND p2.id <> p1.id ORDER BY p2.id > p1.id DESC, p2.id LIMIT 1) AS target
                  FROM subscription s
                  JOIN plan p1 ON p1.id = s.plan_id
                  JOIN customer c ON c.id = s.customer_id
                 WHERE s.status = 'ACTIVE' AND MOD(s.id, 12) = 4 AND s.start_date < ? AND DATEDIFF(?, ?) = MOD(s.id, 37) + 3
                   AND NOT EXISTS (SELECT 1 FROM plan_change pc WHERE pc.subscription_id = s.id AND pc.requested_by = 'demo')
                 ORDER BY s.id""",
                (rs, n) -> new PlanMove(rs.getLong("service"), rs.getString("target")),
                windowStart,
                day,
                windowStart)) {
            if (move.target() == null) {
                continue;
            }
            try {
                planChanges.changePlan(move.service(), move.target(), false, day, "demo");
                count++;
            } catch (BillingRuleViolation e) {
                System.out.printf("plan change of service %d refused: %s%n", move.service(), e.getMessage());
            }
        }
        return count;
    }

    @Override
    public Integer call() throws IOException {
        try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
            LocalDate today = asOf != null ? asOf : LocalDate.now(context.getBean(Clock.class));
            LocalDate windowStart = today.minusMonths(months);
            DemoDataLoader loader = context.getBean(DemoDataLoader.class);
            if (loader.catalogLoaded()) {
                System.out.println("demo data already loaded; running the days not yet run");
            } else {
                long base = context.getBean(CustomerMapper.class).selectMaxId() + 1;
                DemoData data = DemoData.generate(seed, customers, today, windowStart, base);
                loader.load(data);
                loader.loadRules(context.getBean(JdbcTemplate.class));
                System.out.printf(
                        "loaded %d customers, %d services, %d IP assignments, %d plans%n",
                        data.customers().size(),
                        data.subscriptions().size(),
                        data.ipAssignments().size(),
                        data.plans().size());
                if (flowRecords > 0) {
                    Path flows = DemoFlows.write(
                            seed, data, context.getBean(Clock.class).instant(), flowRecords, Path.of("data", "demo"));
                    FileIngestor.Result usage =
                            context.getBean(FileIngestor.class).ingest(flows);
                    System.out.printf(
                            "ingested %d ElastiFlow records from %s: %d attributed, %d unattributed, %d dead-lettered%n",
                            usage.usage().records(),
                            flows,
                            usage.usage().attributedRecords(),
                            usage.usage().unattributedRecords(),
                            usage.usage().deadLetterCount());
                }
            }
            JobRunner runner = context.getBean(JobRunner.class);
            RunMapper runs = context.getBean(RunMapper.class);
            int ran = 0;
            int failed = 0;
            int paid = 0;
            int planChanges = 0;
            Map<Long, String> parked = new TreeMap<>();
            CommandProgress progress = CommandProgress.start(context);
            progress.outer("day", (int) java.time.temporal.ChronoUnit.DAYS.between(windowStart, today) + 1);
            int days = 0;
            for (LocalDate day = windowStart; !day.isAfter(today); day = day.plusDays(1)) {
                progress.outerDone(days++);
                Optional<JobExecution> execution = runner.runForDay(NightlyJobConfig.NIGHTLY, day);
                if (execution.isPresent()) {
                    ran++;
                    JobExecution e = execution.get();
                    if (e.getStatus() != BatchStatus.COMPLETED) {
                        failed++;
                        System.err.println("error: " + RunReport.failureReason(e));
                    }
                    runs.selectParked(e.getId()).forEach(p -> parked.put(p.customerId(), p.reason()));
                }
                // every day, also one whose nightly ran before: a demo stopped between its nightly and its payments
                // pays them now
                paid += payDemoInvoices(context, day);
                planChanges += changeDemoPlans(context, windowStart, day);
            }
            progress.close();
            System.out.printf(
                    "ran nightly for %d day(s) from %s to %s; %d invoices paid by bank transfer on their due date, "
                            + "customers whose id ends in 7 never pay (dunning shows on them); %d plan changes%n",
                    ran, windowStart, today, paid, planChanges);
            parked.forEach(
                    (customer, reason) -> System.out.printf("parked customer %d (see `runs`): %s%n", customer, reason));
            System.out.println();
            System.out.print(new InvoiceSummaryReport(
                            context.getBean(InvoiceMapper.class).selectTotalsByStatusAndCurrency())
                    .render());
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            System.out.printf(
                    "%ndunning: %d steps taken (%s); %d late fee invoices; %d services suspended, %d terminated; "
                            + "%d emails waiting in the outbox for a mail server (spring.mail.host)%n",
                    jdbc.queryForObject("SELECT COUNT(*) FROM dunning_step", Long.class),
                    String.join(
                            ", ",
                            jdbc.queryForList(
                                    "SELECT CONCAT(kind, ' ', COUNT(*)) FROM dunning_step GROUP BY kind ORDER BY kind",
                                    String.class)),
                    jdbc.queryForObject(
                            "SELECT COUNT(*) FROM invoice WHERE late_fee_for_invoice_id IS NOT NULL", Long.class),
                    jdbc.queryForObject("SELECT COUNT(*) FROM subscription WHERE status = 'SUSPENDED'", Long.class),
                    jdbc.queryForObject("SELECT COUNT(*) FROM subscription WHERE status = 'TERMINATED'", Long.class),
                    jdbc.queryForObject(
                            "SELECT COUNT(*) FROM outbox WHERE channel = 'EMAIL' AND status = 'PENDING'", Long.class));
            demoStaff(context.getBean(StaffAccounts.class));
            demoCustomerLogin(context);
            return failed == 0 ? 0 : 1;
        }
    }

    /**
     * A customer login for the demo book (once): the owner of the first customer with a bandwidth
     * line on an invoice (its usage page has something to show), with a random password printed here.
     */
    private static void demoCustomerLogin(ConfigurableApplicationContext context) {
        com.ezscale.billing.app.account.CustomerAccounts accounts =
                context.getBean(com.ezscale.billing.app.account.CustomerAccounts.class);
        if (accounts.find("owner@demo.example").isPresent()) {
            System.out.println("portal customer: owner@demo.example already created");
            return;
        }
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        List<Long> metered = jdbc.queryForList(
                "SELECT i.customer_id FROM invoice i JOIN invoice_line l ON l.invoice_id = i.id"
                        + " WHERE l.rated_usage_id IS NOT NULL AND i.status <> 'DRAFT' ORDER BY i.id LIMIT 1",
                Long.class);
        List<Long> any = metered.isEmpty()
                ? jdbc.queryForList("SELECT id FROM customer ORDER BY id LIMIT 1", Long.class)
                : metered;
        if (any.isEmpty()) {
            return;
        }
        byte[] bytes = new byte[12];
        new java.security.SecureRandom().nextBytes(bytes);
        String password = java.util.HexFormat.of().formatHex(bytes);
        accounts.addWithPassword(
                any.get(0),
                "owner@demo.example",
                "Demo Owner",
                com.ezscale.billing.account.CustomerRole.OWNER,
                password,
                "demo");
        System.out.printf("portal customer (customer %d): owner@demo.example password %s%n", any.get(0), password);
    }

    /**
     * Two portal accounts for the demo book (once): an admin and a finance member with random
     * passwords, printed here; each sets up its TOTP second factor at its first login.
     */
    private static void demoStaff(StaffAccounts staff) {
        if (!staff.list().isEmpty()) {
            System.out.println("portal staff: already created (`staff list`; a lost password: `staff password NAME`)");
            return;
        }
        java.security.SecureRandom random = new java.security.SecureRandom();
        System.out.println("portal staff (start the portal, log in, then scan the TOTP QR code it shows once):");
        for (String[] member :
                new String[][] {{"admin", "Demo Admin", "ADMIN"}, {"finance", "Demo Finance", "FINANCE"}}) {
            byte[] bytes = new byte[12];
            random.nextBytes(bytes);
            String password = java.util.HexFormat.of().formatHex(bytes);
            staff.add(member[0], member[1], StaffRole.valueOf(member[2]), password, "demo");
            System.out.printf("  %-8s %-8s password %s%n", member[0], member[2], password);
        }
    }
}
