package com.ezscale.billing.jobs.cli;

import static com.ezscale.billing.jobs.testing.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.testing.Cli;
import com.ezscale.billing.jobs.testing.Cli.Result;
import com.ezscale.billing.reports.pdf.Documents;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The jobs application's commands as a user types them, on a database of their own. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandLineTest {

    private static String url;

    @BeforeAll
    static void ownDatabase() {
        url = Cli.onNewDatabase();
    }

    @AfterAll
    static void restore() {
        Cli.restore();
    }

    @Test
    @Order(1)
    void helpListsEveryCommand() {
        Result r = run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains(
                        "serve",
                        "run",
                        "runs",
                        "restart",
                        "demo",
                        "bench",
                        "preview",
                        "pdf",
                        "change-plan",
                        "cancel",
                        "redeem",
                        "credit",
                        "convert-currency",
                        "pay",
                        "credit-note",
                        "void",
                        "hold",
                        "approve",
                        "customer",
                        "group",
                        "service",
                        "product",
                        "plan",
                        "coupon",
                        "loyalty-tier",
                        "tax-rule",
                        "seller",
                        "migrate-whmcs");
    }

    @Test
    @Order(2)
    void demoLoadsTheBookRunsNightlyForThreeMonthsAndPrintsTheSummary() throws Exception {
        Result r = run("demo", "--customers", "40");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("loaded 40 customers")
                .containsPattern("ran nightly for 9\\d day\\(s\\)")
                .containsPattern("ISSUED\\s+(EUR|USD|GBP)\\s+\\d+")
                .containsPattern(
                        "parked customer 40 \\(see `runs`\\): service \\d+: plan web-starter has no TRIENNIALLY price in GBP");
        long invoices = count("SELECT COUNT(*) FROM invoice");
        assertThat(invoices).isPositive();
        assertThat(count("SELECT COUNT(*) FROM payment p JOIN invoice i ON i.id = p.invoice_id"
                        + " WHERE p.method = 'BANK_TRANSFER' AND p.reference = CONCAT('DEMO-', i.number)"))
                .as("the demo's customers pay by bank transfer, each under its invoice's number")
                .isPositive();
        assertThat(count("SELECT COUNT(*) FROM plan_change WHERE requested_by = 'demo'"))
                .as("and some change plans")
                .isPositive();

        Result again = run("demo", "--customers", "40");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("demo data already loaded").contains("ran nightly for 0 day(s)");
        assertThat(count("SELECT COUNT(*) FROM invoice")).isEqualTo(invoices);
    }

    @Test
    @Order(3)
    void runAnyJobForAnyDateThenListTheRuns() throws Exception {
        long before = count("SELECT COUNT(*) FROM invoice");
        Result r = run("run", "invoiceRun", "--as-of", "2026-11-20");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("invoiceRun execution")
                .contains("COMPLETED")
                .contains("generateInvoices")
                .contains("issueInvoices");
        assertThat(count("SELECT COUNT(*) FROM invoice"))
                .as("that day was billed by the demo already")
                .isEqualTo(before);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'job.run'"))
                .isEqualTo(1);

        Result runs = run("runs", "--limit", "5");
        assertThat(runs.exitCode()).isZero();
        assertThat(runs.out())
                .contains("invoiceRun")
                .contains("2026-11-20")
                .contains("COMPLETED")
                .containsPattern(
                        "execution \\d+ parked customer 40: service \\d+: plan web-starter has no TRIENNIALLY price in GBP");
    }

    @Test
    @Order(4)
    void ingestFileImportsAnExportOnce() throws Exception {
        Path file = Files.createTempFile(Path.of("target"), "export", ".ndjson");
        Files.writeString(
                file,
                "{\"@timestamp\":\"" + java.time.Instant.now().minusSeconds(600)
                        + "\",\"flow.bytes\":1234,\"flow.src.ip.addr\":\"198.51.100.1\",\"flow.dst.ip.addr\":\"192.0.2.250\","
                        + "\"flow.export.ip.addr\":\"192.0.2.1\"}\nnot json\n");
        Result first = run("ingest-file", file.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("2 records: 0 attributed, 1 unattributed, 0 ignored (not an edge exporter), 1 dead-lettered");
        Result again = run("ingest-file", file.toString());
        assertThat(again.out()).contains("already imported");
        Result runs = run("runs", "--limit", "3");
        assertThat(runs.out()).contains("ingest").contains(file.getFileName().toString());
    }

    @Test
    @Order(5)
    void usageStatementOfABusyServiceWithItsSeries() throws Exception {
        YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        long service;
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT u.subscription_id FROM (SELECT subscription_id, bytes_in FROM usage_sample UNION ALL"
                                + " SELECT subscription_id, bytes_in FROM usage_day) u JOIN subscription s ON s.id = u.subscription_id "
                                + "JOIN plan_usage_terms t ON t.plan_id = s.plan_id GROUP BY u.subscription_id ORDER BY SUM(u.bytes_in) DESC LIMIT 1")) {
            assertThat(rs.next())
                    .as("the demo sends steady traffic to some services with usage terms")
                    .isTrue();
            service = rs.getLong(1);
        }
        Path csv = Path.of("target", "usage-" + service + ".csv");
        Result r = run("usage", Long.toString(service), "--period", lastMonth.toString(), "--csv", csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("service " + service + ", " + lastMonth)
                .containsPattern("95th percentile \\(rank \\d+ of \\d+\\)");
        // last month is rated once its grace hours have passed: on the 1st of a month it may not be yet
        if (count("SELECT COUNT(*) FROM rated_usage WHERE subscription_id = " + service + " AND period_start = '"
                        + lastMonth.atDay(1) + "'")
                > 0) {
            assertThat(r.out()).contains("stored rating revision 0");
        }
        List<String> rows = Files.readAllLines(csv);
        int buckets = rows.size() - 1;
        assertThat(buckets).isEqualTo(lastMonth.lengthOfMonth() * 288);
        long dropped = rows.stream()
                .skip(1)
                .filter(l -> l.split(",")[5].equals("true"))
                .count();
        assertThat(dropped)
                .as("the top 5%% of the in direction is marked")
                .isEqualTo(buckets - 1 - (95L * buckets + 99) / 100 + 1);

        Result unknown = run("usage", "999999", "--period", lastMonth.toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().strip())
                .isEqualTo("error: service 999999 does not exist or its plan has no usage terms");
    }

    @Test
    @Order(6)
    void failuresExitNonZeroWithOneLineNamingTheProblem() throws Exception {
        Result unknownJob = run("run", "noSuchJob", "--as-of", "2026-11-20");
        assertThat(unknownJob.exitCode()).isEqualTo(1);
        assertThat(unknownJob.err().strip())
                .isEqualTo(
                        "error: unknown job 'noSuchJob'; jobs: collect, compactUsage, dunning, eraseAfterRetention, esIngest, invoiceRun, monthlyPack, nightly, outbox, pruneUsage, rateUsage, renderDocuments, snapshotMrr");

        Result badDate = run("run", "invoiceRun", "--as-of", "2026-13-01");
        assertThat(badDate.exitCode()).isEqualTo(2);
        assertThat(badDate.err()).contains("--as-of").contains("2026-13-01");

        Result noExecution = run("restart", "999999");
        assertThat(noExecution.exitCode()).isEqualTo(1);
        assertThat(noExecution.err().strip()).isEqualTo("error: no job execution 999999 (see `runs`)");

        Result cardNumber = run("card", "1", "--stripe-customer", "4242424242424242");
        assertThat(cardNumber.exitCode()).isEqualTo(1);
        assertThat(cardNumber.err().strip())
                .isEqualTo("error: a Stripe customer id starts with cus_, not '4242424242424242'");

        Result noStripe = run("refund", "1", "--full", "--reason", "test");
        assertThat(noStripe.exitCode()).isEqualTo(1);
        assertThat(noStripe.err().strip())
                .isEqualTo("error: refunds go back through the gateway that took the payment; neither Stripe "
                        + "(EZSCALE_STRIPE_API_KEY) nor PayPal (EZSCALE_PAYPAL_CLIENT_ID) is configured");

        Result gateway = run("prefer", "1", "BITCOIN");
        assertThat(gateway.exitCode()).isEqualTo(1);
        assertThat(gateway.err().strip())
                .isEqualTo("error: a customer pays through one of [STRIPE, PAYPAL, CRYPTO, MANUAL], not 'BITCOIN'");

        Result collect = run("run", "collect", "--as-of", "2026-11-20");
        assertThat(collect.exitCode()).as(collect.err()).isZero();
        assertThat(collect.out())
                .contains("card charges skipped: no Stripe or PayPal credentials "
                        + "(EZSCALE_STRIPE_API_KEY, EZSCALE_PAYPAL_CLIENT_ID)");

        // a panel call waiting for its retry is not an email waiting for a mail server
        execute(
                "INSERT INTO outbox (dedupe_key, channel, action, subscription_id, payload, status, attempts, next_attempt_at, created_at) "
                        + "VALUES ('PANEL:SUSPEND:1:1', 'PANEL', 'SUSPEND', 1, '{}', 'PENDING', 1, '2099-01-01', NOW(6))");
        long emails = count("SELECT COUNT(*) FROM outbox WHERE channel = 'EMAIL' AND status = 'PENDING'");
        Result outbox = run("run", "outbox");
        assertThat(outbox.exitCode()).as(outbox.err()).isZero();
        assertThat(outbox.out())
                .containsPattern(Pattern.quote("0 done, 0 to retry, 0 exhausted"
                                + (emails > 0
                                        ? ", " + emails + " emails waiting for a mail server (spring.mail.host)"
                                        : ""))
                        + "\\R");
    }

    @Test
    @Order(7)
    void accountCommandsOnTheDemoBook() throws Exception {
        long customer = count("SELECT MIN(s.customer_id) FROM subscription s JOIN customer c ON c.id = s.customer_id "
                + "WHERE s.status = 'ACTIVE' AND s.cycle = 'MONTHLY' AND c.billing_currency = 'USD'");
        long invoices = count("SELECT COUNT(*) FROM invoice");
        String future = LocalDate.now(ZoneOffset.UTC).plusMonths(2).toString();
        Result preview = run("preview", Long.toString(customer), "--as-of", future);
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(preview.out())
                .contains("customer " + customer + ", USD, due")
                .contains("Total USD");
        assertThat(count("SELECT COUNT(*) FROM invoice"))
                .as("preview writes nothing")
                .isEqualTo(invoices);

        Result credit = run("credit", Long.toString(customer), "7.50", "--note", "goodwill");
        assertThat(credit.exitCode()).as(credit.err()).isZero();
        Result balance = run("credit", Long.toString(customer));
        assertThat(balance.out()).containsPattern("customer " + customer + " credit: \\d+\\.\\d\\d USD");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'credit.add'"))
                .isEqualTo(1);

        String number;
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT number FROM invoice WHERE status = 'ISSUED' AND total > 0 ORDER BY id LIMIT 1")) {
            rs.next();
            number = rs.getString(1);
        }
        Result note = run("credit-note", number, "--lines", "1", "--reason", "outage");
        assertThat(note.exitCode()).as(note.err()).isZero();
        assertThat(note.out()).containsPattern("CN-\\d{4}-000001 credits " + number + " \\(lines\\)");
        Result badLines = run("credit-note", number, "--lines", "1,x", "--reason", "typo");
        assertThat(badLines.exitCode()).isEqualTo(1);
        assertThat(badLines.err().strip())
                .isEqualTo("error: --lines takes line numbers separated by commas, not '1,x'");
        Result noReason = run("credit-note", number, "--full");
        assertThat(noReason.exitCode()).isEqualTo(2);
        assertThat(noReason.err()).contains("--reason");

        String other;
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT number FROM invoice WHERE status = 'ISSUED' AND total > 1 AND number <> '" + number
                                + "' ORDER BY id LIMIT 1")) {
            rs.next();
            other = rs.getString(1);
        }
        Result pay = run("pay", other, "0.50", "--reference", "BANK-TEST-1");
        assertThat(pay.exitCode()).as(pay.err()).isZero();
        assertThat(pay.out()).contains(" to " + other).contains("invoice now PARTIALLY_PAID");
        Result payAgain = run("pay", other, "0.50", "--reference", "BANK-TEST-1");
        assertThat(payAgain.exitCode()).isEqualTo(1);
        assertThat(payAgain.err().strip()).isEqualTo("error: payment BANK_TRANSFER BANK-TEST-1 is already recorded");

        Result held = run("hold");
        assertThat(held.out()).contains("0 draft(s) waiting for approval");
        Result unknownService = run("change-plan", "999999", "vps-4g");
        assertThat(unknownService.exitCode()).isEqualTo(1);
        assertThat(unknownService.err().strip()).isEqualTo("error: no service 999999");
        Result unknownCoupon = run("redeem", "NOPE", "1");
        assertThat(unknownCoupon.err().strip()).isEqualTo("error: no coupon 'NOPE'");
    }

    @Test
    @Order(8)
    void absurdAmountsAndDatesAreRefusedWithOneLineAndWriteNothing() throws Exception {
        String number;
        long customer;
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT number, customer_id FROM invoice WHERE status = 'ISSUED' AND currency = 'USD' ORDER BY id LIMIT 1")) {
            rs.next();
            number = rs.getString(1);
            customer = rs.getLong(2);
        }
        long payments = count("SELECT COUNT(*) FROM payment");
        long ledger = count("SELECT COUNT(*) FROM credit_ledger");
        long audits = count("SELECT COUNT(*) FROM audit_log");
        long invoices = count("SELECT COUNT(*) FROM invoice");
        String cursors = String.valueOf(
                count("SELECT COALESCE(SUM(DATEDIFF(next_period_start, '2000-01-01')), 0) FROM subscription"));

        Result huge = run("pay", number, "99999999999999", "--reference", "TYPO-1");
        assertThat(huge.exitCode()).isEqualTo(1);
        assertThat(huge.err().strip())
                .isEqualTo(
                        "error: a payment of 99999999999999.00 USD is above the ceiling of 1000000 USD for one entry "
                                + "(ezscale.billing.amount-ceiling.default); split it or raise the setting");
        Result hugeCredit = run("credit", Long.toString(customer), "99999999999999", "--note", "typo");
        assertThat(hugeCredit.exitCode()).isEqualTo(1);
        assertThat(hugeCredit.err()).startsWith("error: a credit entry of 99999999999999.00 USD is above the ceiling");
        Result exponent = run("pay", number, "1E+30", "--reference", "TYPO-2");
        assertThat(exponent.exitCode()).isEqualTo(2);
        assertThat(exponent.err().lines().toList())
                .singleElement()
                .asString()
                .contains("'1E+30' is not an amount: write digits with an optional decimal point");
        Result overflow = run("credit", Long.toString(customer), "1E+400", "--note", "typo");
        assertThat(overflow.err().lines().toList()).singleElement().asString().contains("'1E+400' is not an amount");
        Result twentyDigits = run("pay", number, "99999999999999999999", "--reference", "TYPO-3");
        assertThat(twentyDigits.exitCode()).isEqualTo(2);
        assertThat(twentyDigits.err().lines().toList())
                .singleElement()
                .asString()
                .contains("'99999999999999999999' has 20 digits before the decimal point; at most 15 are possible");
        Result tooPrecise = run("pay", number, "1.005", "--reference", "TYPO-4");
        assertThat(tooPrecise.err().strip())
                .isEqualTo("error: a payment of 1.005 USD has more decimals than USD has (2)");
        Result futurePayment = run("pay", number, "1.00", "--reference", "TYPO-5", "--date", "2999-01-01");
        assertThat(futurePayment.exitCode()).isEqualTo(1);
        assertThat(futurePayment.err().strip()).startsWith("error: --date 2999-01-01 is in the future (today is ");

        Result typo = run("run", "invoiceRun", "--as-of", "2062-11-30");
        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.err().strip())
                .matches(
                        "error: --as-of 2062-11-30 is \\d+ days after today \\(\\d{4}-\\d\\d-\\d\\d\\), beyond the 400 days "
                                + "allowed \\(ezscale.billing.future-horizon-days\\): a typo\\? Pass --force-future-date if it is meant");
        Result ancient = run("run", "invoiceRun", "--as-of", "-999999999-01-01");
        assertThat(ancient.exitCode()).isEqualTo(1);
        assertThat(ancient.err().strip())
                .startsWith("error: --as-of -999999999-01-01 is before the book's first day (");
        Result oldPlanChange = run("cancel", "1", "--as-of", "1999-12-31");
        assertThat(oldPlanChange.err().strip())
                .startsWith("error: --as-of 1999-12-31 is before the book's first day (");
        Result noJob = run("run", "nosuchjob");
        assertThat(noJob.exitCode()).isEqualTo(1);

        assertThat(count("SELECT COUNT(*) FROM payment")).isEqualTo(payments);
        assertThat(count("SELECT COUNT(*) FROM credit_ledger")).isEqualTo(ledger);
        assertThat(count("SELECT COUNT(*) FROM invoice")).isEqualTo(invoices);
        assertThat(String.valueOf(
                        count("SELECT COALESCE(SUM(DATEDIFF(next_period_start, '2000-01-01')), 0) FROM subscription")))
                .isEqualTo(cursors);
        assertThat(count("SELECT COUNT(*) FROM audit_log"))
                .as("refused commands are not audited")
                .isEqualTo(audits);
    }

    @Test
    @Order(9)
    void smallerRefusalsNameTheProblem() throws Exception {
        Result limit = run("runs", "--limit", "-5");
        assertThat(limit.exitCode()).isEqualTo(1);
        assertThat(limit.err().strip()).isEqualTo("error: --limit must be at least 1, not -5");
        String open = text("SELECT MIN(number) FROM invoice WHERE status = 'ISSUED'");
        Result wire = run("pay", open, "1.00", "--reference", "WIRE-1", "--method", "WIRE");
        assertThat(wire.exitCode()).isEqualTo(1);
        assertThat(wire.err().strip())
                .isEqualTo("error: the method must be BANK_TRANSFER, CHEQUE, CASH or OTHER, not WIRE");
        assertThat(count("SELECT COUNT(*) FROM payment WHERE reference = 'WIRE-1'"))
                .isZero();
        Result preview = run("preview", "999999");
        assertThat(preview.exitCode()).isEqualTo(1);
        assertThat(preview.err().strip()).isEqualTo("error: no customer 999999");

        execute("CREATE DATABASE IF NOT EXISTS ezb_keep_me");
        execute("CREATE TABLE IF NOT EXISTS ezb_keep_me.marker (id INT)");
        Result bench = run("bench", "--customers", "-1", "--database", "ezb_keep_me");
        assertThat(bench.exitCode()).isEqualTo(1);
        assertThat(bench.err().strip()).isEqualTo("error: --customers takes counts of at least 1, not -1");
        assertThat(
                        count(
                                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'ezb_keep_me' AND table_name = 'marker'"))
                .as("refused before dropping anything")
                .isEqualTo(1);
        execute("DROP DATABASE ezb_keep_me");

        // a small bench runs end to end and names the server settings its figure depends on, read from the server
        Result small = run("bench", "--customers", "30", "--database", "ezb_cli_bench");
        execute("DROP DATABASE IF EXISTS ezb_cli_bench");
        assertThat(small.exitCode()).as(small.err()).isZero();
        assertThat(small.out())
                .containsPattern("\\n\\s+30\\s+30\\s+\\d+\\s")
                .containsPattern("JVM: the JIT compiled for \\d+\\.\\d s during the run")
                // the server the bench used (the configured one, or the embedded one where none is): its own values
                .containsPattern("server: \\S+, buffer pool [1-9]\\d* MB, redo log [1-9]\\d* MB,"
                        + " innodb_flush_log_at_trx_commit [012]");
        assertThat(BenchCommand.serverSettings("10.11.19-MariaDB", 4L << 30, 96L << 20, 1))
                .isEqualTo("server: 10.11.19-MariaDB, buffer pool 4096 MB, redo log 96 MB,"
                        + " innodb_flush_log_at_trx_commit 1 (a redo log under 1024 MB makes InnoDB flush pages during"
                        + " a large run: README, \"Benchmark\")");
        assertThat(BenchCommand.serverSettings("10.11.19-MariaDB", 4L << 30, 1L << 30, 1))
                .isEqualTo(
                        "server: 10.11.19-MariaDB, buffer pool 4096 MB, redo log 1024 MB, innodb_flush_log_at_trx_commit 1");

        // `run --help` names every job the application has (the unknown-job error lists them from the application
        // itself)
        Result help = run("run", "--help");
        String jobs = run("run", "nosuchjob").err().strip().replaceFirst(".*; jobs: ", "");
        for (String job : jobs.split(", ")) {
            assertThat(help.out()).contains(job);
        }
        for (String command :
                List.of("--help", "usage --help", "run --help", "pay --help", "bench --help", "demo --help")) {
            Result r = run(command.split(" "));
            assertThat(r.exitCode()).as(command).isZero();
            assertThat(r.err()).as(command + " prints no warning").isEmpty();
            assertThat(r.out()).as(command).doesNotContain("picocli WARN");
        }
    }

    @Test
    @Order(10)
    void pdfsOfWhatWasIssuedAreStoredOnceAndNeverChange(@TempDir Path dir) throws Exception {
        assertThat(count("SELECT COUNT(*) FROM document WHERE kind = 'INVOICE'"))
                .as("the nightly stored the PDF of every invoice it issued")
                .isEqualTo(count("SELECT COUNT(*) FROM invoice WHERE status <> 'DRAFT'"))
                .isPositive();

        // a 95th-percentile invoice: its number, customer, total and evidence, in the stored bytes
        long invoiceId = count("SELECT MIN(l.invoice_id) FROM invoice_line l WHERE l.charge_kind = 'USAGE_COMMIT'");
        String number = text("SELECT number FROM invoice WHERE id = " + invoiceId);
        String name = text("SELECT COALESCE(bill_to_company, bill_to_name) FROM invoice WHERE id = " + invoiceId);
        BigDecimal total = new BigDecimal(text("SELECT total FROM invoice WHERE id = " + invoiceId));
        Path file = dir.resolve("invoice.pdf");
        Result r = Cli.ok("pdf", number, "--out", file.toString());
        String stored = text("SELECT sha256 FROM document WHERE kind = 'INVOICE' AND source_id = " + invoiceId);
        assertThat(r.out()).contains("invoice " + number, "sha256 " + stored);
        assertThat(Documents.sha256(Files.readAllBytes(file))).isEqualTo(stored);
        assertThat(pdfText(file))
                .contains("INVOICE", number, name, String.format(Locale.ROOT, "%,.2f", total))
                .contains("95th percentile", "five-minute samples, rank");

        // the customer moves: the issued invoice's PDF does not
        long customer = count("SELECT customer_id FROM invoice WHERE id = " + invoiceId);
        Cli.ok("customer", "edit", Long.toString(customer), "--address1", "1 New Road", "--city", "Elsewhere");
        Path again = dir.resolve("again.pdf");
        Result rerendered = Cli.ok("pdf", number, "--out", again.toString(), "--rerender");
        assertThat(rerendered.out()).contains("the same bytes as the stored document");
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
        assertThat(pdfText(again)).doesNotContain("1 New Road");

        // a credit note (issued by a command, not yet rendered): rendered at the first ask, then stored
        String note = text("SELECT MIN(number) FROM credit_note");
        String credited =
                text("SELECT i.number FROM credit_note cn JOIN invoice i ON i.id = cn.invoice_id WHERE cn.number = '"
                        + note + "'");
        BigDecimal noteTotal = new BigDecimal(text("SELECT total FROM credit_note WHERE number = '" + note + "'"));
        long documents = count("SELECT COUNT(*) FROM document");
        Path notePdf = dir.resolve("note.pdf");
        assertThat(Cli.ok("pdf", note, "--out", notePdf.toString()).out()).contains("credit note " + note);
        assertThat(pdfText(notePdf))
                .contains("CREDIT NOTE", note, credited, String.format(Locale.ROOT, "%,.2f", noteTotal));
        assertThat(count("SELECT COUNT(*) FROM document")).isEqualTo(documents + 1);
        Cli.ok("pdf", note, "--out", notePdf.toString());
        assertThat(count("SELECT COUNT(*) FROM document"))
                .as("served from storage")
                .isEqualTo(documents + 1);

        // rerunning the step for a day already done renders nothing
        String lastIssue = text("SELECT MAX(issue_date) FROM invoice");
        Cli.ok("run", "renderDocuments", "--as-of", lastIssue);
        assertThat(count("SELECT COUNT(*) FROM document")).isEqualTo(documents + 1);

        Path none = dir.resolve("none.pdf");
        Result unknown = run("pdf", "INV-1999-000001", "--out", none.toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().strip())
                .isEqualTo("error: no issued invoice or credit note is numbered 'INV-1999-000001'");
        assertThat(none).doesNotExist();
    }

    @Test
    @Order(11)
    void financeReportsReconcileWithTheLedgerInXlsxAndPdf(@TempDir Path dir) throws Exception {
        String from = text("SELECT MIN(issue_date) FROM invoice");
        String to = text(
                "SELECT MAX(GREATEST(issue_date, (SELECT COALESCE(MAX(issue_date), '1970-01-01') FROM credit_note)))"
                        + " FROM invoice");
        String today = text("SELECT MAX(received_on) FROM payment");
        String asOf = today.compareTo(to) > 0 ? today : to;
        // aging today = what the invoices say is still owed
        Map<String, BigDecimal> aging = totals(report(dir, "aging", "--as-of", asOf), "Total");
        assertThat(aging)
                .isEqualTo(sums("SELECT currency, SUM(total - amount_paid - COALESCE((SELECT SUM(balance_reduction)"
                        + " FROM credit_note c WHERE c.invoice_id = i.id), 0)) FROM invoice i"
                        + " WHERE status IN ('ISSUED', 'PARTIALLY_PAID') GROUP BY currency"))
                .isNotEmpty();
        // revenue net = issued lines - credit note lines
        assertThat(totals(report(dir, "revenue", "--from", from, "--to", to), "Net"))
                .isEqualTo(sums("SELECT currency, SUM(amount) FROM (SELECT i.currency, l.amount FROM invoice_line l"
                        + " JOIN invoice i ON i.id = l.invoice_id WHERE i.status <> 'DRAFT' UNION ALL SELECT cn.currency,"
                        + " -cn.subtotal FROM credit_note cn) x GROUP BY currency"));
        // tax = invoice taxes - credit note taxes
        Map<String, BigDecimal> tax = totals(report(dir, "tax", "--from", from, "--to", to), "Net tax");
        assertThat(tax)
                .isEqualTo(sums("SELECT currency, SUM(t) FROM (SELECT i.currency, x.tax_amount AS t FROM invoice_tax x"
                        + " JOIN invoice i ON i.id = x.invoice_id WHERE i.status <> 'DRAFT' UNION ALL SELECT cn.currency,"
                        + " -x.tax_amount FROM credit_note_tax x JOIN credit_note cn ON cn.id = x.credit_note_id) y"
                        + " GROUP BY currency"));
        // payments - refunds = cash received
        assertThat(totals(report(dir, "payments", "--from", from, "--to", asOf), "Net cash"))
                .isEqualTo(sums("SELECT currency, SUM(a) FROM (SELECT currency, amount AS a FROM payment"
                        + " WHERE status IN ('SUCCEEDED', 'REFUNDED') UNION ALL SELECT currency, -amount FROM payment_refund"
                        + " WHERE status = 'SUCCEEDED') x GROUP BY currency"));

        // every credit note, the late fees, and the month's summary
        assertThat(totals(report(dir, "credit-notes", "--from", from, "--to", to), "Total"))
                .isEqualTo(sums("SELECT currency, SUM(total) FROM credit_note GROUP BY currency"))
                .isNotEmpty();
        assertThat(totals(report(dir, "dunning", "--from", from, "--to", asOf), "Late fee amount"))
                .isEqualTo(sums("SELECT currency, SUM(subtotal) FROM invoice WHERE late_fee_for_invoice_id IS NOT NULL"
                        + " AND status <> 'DRAFT' GROUP BY currency"))
                .isNotEmpty();
        Path pnl = report(dir, "pnl", "--from", from, "--to", asOf);
        assertThat(totals(pnl, "Net revenue"))
                .isEqualTo(sums(
                        "SELECT currency, SUM(a) FROM (SELECT currency, subtotal AS a FROM invoice WHERE status <> 'DRAFT'"
                                + " UNION ALL SELECT currency, -subtotal FROM credit_note) x GROUP BY currency"));
        assertThat(totals(pnl, "Cash received"))
                .isEqualTo(sums("SELECT currency, SUM(amount) FROM payment WHERE status IN ('SUCCEEDED', 'REFUNDED')"
                        + " GROUP BY currency"));

        // MRR at the last month end = the recurring services active on the nightly's last snapshot day, normalised
        // monthly
        String lastDay = text("SELECT MAX(as_of) FROM mrr_snapshot_day");
        assertThat(totals(report(dir, "mrr", "--from", from, "--to", asOf), "MRR"))
                .isEqualTo(sums("SELECT c.billing_currency, SUM(pp.recurring_price / m.months) FROM subscription s"
                        + " JOIN customer c ON c.id = s.customer_id JOIN (SELECT 'MONTHLY' AS cycle, 1 AS months UNION ALL"
                        + " SELECT 'QUARTERLY', 3 UNION ALL SELECT 'SEMI_ANNUALLY', 6 UNION ALL SELECT 'ANNUALLY', 12"
                        + " UNION ALL SELECT 'BIENNIALLY', 24 UNION ALL SELECT 'TRIENNIALLY', 36) m ON m.cycle = s.cycle"
                        + " JOIN plan_price pp ON pp.plan_id = s.plan_id AND pp.cycle = s.cycle"
                        + " AND pp.currency = c.billing_currency WHERE s.status IN ('ACTIVE', 'SUSPENDED', 'CANCELLED')"
                        + " AND s.start_date <= '" + lastDay + "' AND (s.end_date IS NULL OR s.end_date > '" + lastDay
                        + "') AND (s.trial_end IS NULL OR s.trial_end <= '" + lastDay
                        + "') GROUP BY c.billing_currency"))
                .isNotEmpty();

        // deferred revenue: what was invoiced net (the ledger's), part recognised, part still deferred (the formula is
        // pinned to the cent in ReportMapperTest; recognised is invoiced less the change in deferred, by construction)
        Path deferred = report(dir, "deferred", "--from", from, "--to", asOf);
        Map<String, BigDecimal> invoicedNet = totals(deferred, "Invoiced (net)");
        assertThat(invoicedNet)
                .isEqualTo(sums("SELECT currency, SUM(amount) FROM (SELECT i.currency, l.amount FROM invoice_line l"
                        + " JOIN invoice i ON i.id = l.invoice_id WHERE i.status <> 'DRAFT' UNION ALL SELECT cn.currency,"
                        + " -cn.subtotal FROM credit_note cn) x GROUP BY currency"));
        Map<String, BigDecimal> recognised = totals(deferred, "Recognised");
        Map<String, BigDecimal> stillDeferred = totals(deferred, "Deferred at end");
        invoicedNet.forEach((currency, invoiced) -> {
            assertThat(stillDeferred.get(currency))
                    .as("annual and longer plans paid ahead")
                    .isPositive();
            assertThat(recognised.get(currency)).isLessThan(invoiced);
        });

        // usage: every service period's latest rating; the leak: all unattributed traffic, by prefix
        Path usage = report(dir, "usage", "--from", from, "--to", asOf);
        try (XSSFWorkbook book = new XSSFWorkbook(usage.toFile())) {
            org.apache.poi.ss.usermodel.Sheet sheet = book.getSheet("Usage");
            int header = sheet.getPaneInformation().getHorizontalSplitPosition() - 1;
            int rows = 0;
            while (sheet.getRow(header + 1 + rows).getCell(0).getCellType() == CellType.NUMERIC) {
                rows++; // service ids, up to the totals row
            }
            assertThat(rows)
                    .as("one row per rated service period")
                    .isEqualTo(count("SELECT COUNT(DISTINCT subscription_id, period_start) FROM rated_usage"
                            + " WHERE period_start BETWEEN '" + from + "' AND '" + asOf + "'"));
        }
        Path leak = report(dir, "leak", "--from", "2000-01-01", "--to", asOf);
        try (XSSFWorkbook book = new XSSFWorkbook(leak.toFile())) {
            org.apache.poi.ss.usermodel.Sheet sheet = book.getSheetAt(0);
            Row total = null;
            for (Row row : sheet) {
                Cell first = row.getCell(0);
                if (first != null
                        && first.getCellType() == CellType.STRING
                        && first.getStringCellValue().equals("Total")) {
                    total = row;
                }
            }
            assertThat(total).as("a totals row").isNotNull();
            assertThat((long) total.getCell(5).getNumericCellValue())
                    .isEqualTo(count("SELECT COALESCE(SUM(flows), 0) FROM unattributed_traffic"))
                    .isPositive();
        }

        // the same reports as PDF say the same totals
        Path pdf = dir.resolve("aging.pdf");
        Cli.ok("report", "aging", "--as-of", asOf, "--format", "pdf", "--out", pdf.toString());
        String agingText = pdfText(pdf);
        assertThat(agingText).contains("Aging of open receivables", "as of " + asOf);
        aging.forEach((currency, total) ->
                assertThat(agingText).contains("(" + currency + ")", String.format(Locale.ROOT, "%,.2f", total)));

        // the monthly pack: on the 1st, every report of the month before as XLSX and PDF, recorded with its checksum
        Path packs = dir.resolve("packs");
        System.setProperty("ezscale.reports.pack-dir", packs.toString());
        try {
            String first = LocalDate.parse(asOf).plusMonths(1).withDayOfMonth(1).toString();
            String month = LocalDate.parse(asOf).toString().substring(0, 7);
            Cli.ok("run", "monthlyPack", "--as-of", first);
            long recorded = count("SELECT COUNT(*) FROM report_file WHERE period = '" + month + "'");
            assertThat(recorded).isEqualTo(2L * 11); // eleven reports, two formats
            try (Connection c = DriverManager.getConnection(url);
                    Statement st = c.createStatement();
                    ResultSet rs =
                            st.executeQuery("SELECT path, sha256 FROM report_file WHERE period = '" + month + "'")) {
                while (rs.next()) {
                    assertThat(Documents.sha256(Files.readAllBytes(Path.of(rs.getString(1)))))
                            .as(rs.getString(1))
                            .isEqualTo(rs.getString(2));
                }
            }
            Cli.ok("run", "monthlyPack", "--as-of", first);
            assertThat(count("SELECT COUNT(*) FROM report_file"))
                    .as("a rerun writes nothing")
                    .isEqualTo(recorded);
        } finally {
            System.clearProperty("ezscale.reports.pack-dir");
        }

        // bad input: one line naming the problem, nothing written
        Path none = dir.resolve("none.xlsx");
        Result unknown =
                run("report", "profit", "--from", from, "--to", to, "--format", "xlsx", "--out", none.toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().strip())
                .isEqualTo(
                        "error: unknown report 'profit'; reports: aging, revenue, tax, payments, credit-notes, dunning, pnl, deferred, usage, leak, mrr");
        Result backwards = run(
                "report",
                "revenue",
                "--from",
                "2026-11-30",
                "--to",
                "2026-11-01",
                "--format",
                "xlsx",
                "--out",
                none.toString());
        assertThat(backwards.err().strip()).isEqualTo("error: --from 2026-11-30 is after --to 2026-11-01");
        Result noPeriod = run("report", "tax", "--format", "pdf", "--out", none.toString());
        assertThat(noPeriod.err().strip()).isEqualTo("error: the tax report needs --from and --to");
        assertThat(none).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.endsWith(".part"));
        }
    }

    @Test
    @Order(12)
    void reportsConvertedIntoOneCurrencyByLoadedRatesStateThemAndRefuseAMissingOne(@TempDir Path dir) throws Exception {
        String from = text("SELECT MIN(issue_date) FROM invoice");
        String to = text("SELECT MAX(issue_date) FROM invoice");
        List<String> currencies = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT DISTINCT currency FROM invoice ORDER BY 1")) {
            while (rs.next()) {
                currencies.add(rs.getString(1));
            }
        }
        assertThat(currencies)
                .as("the demo bills in several currencies")
                .contains("EUR", "USD")
                .hasSizeGreaterThan(2);
        // one rate per currency and day: EUR/USD stored that way round (USD amounts convert by its inverse, 0.8)
        Map<String, BigDecimal> toEur = new java.util.TreeMap<>();
        StringBuilder csv = new StringBuilder("date,base,quote,rate,source\n");
        for (LocalDate d = LocalDate.parse(from).withDayOfMonth(1).minusDays(7);
                !d.isAfter(LocalDate.parse(to));
                d = d.plusDays(1)) {
            for (String currency : currencies) {
                if (currency.equals("USD")) {
                    csv.append(d).append(",EUR,USD,1.25,ECB\n");
                    toEur.put("USD", new BigDecimal("0.8"));
                } else if (!currency.equals("EUR")) {
                    BigDecimal rate = currency.equals("JPY") ? new BigDecimal("0.0061") : new BigDecimal("1.17");
                    csv.append(d)
                            .append(',')
                            .append(currency)
                            .append(",EUR,")
                            .append(rate)
                            .append(",ECB\n");
                    toEur.put(currency, rate);
                }
            }
        }
        toEur.put("EUR", BigDecimal.ONE);
        int lines = (int) csv.chars().filter(ch -> ch == '\n').count() - 1;

        // a bad line anywhere: named, and nothing of the file is stored
        Path bad = dir.resolve("bad.csv");
        String[] parts = csv.toString().split("\n", 3); // the header, the first rate, the rest
        Files.writeString(bad, parts[0] + "\n" + parts[1] + "\n2026-13-01,EUR,USD,1.25,ECB\n" + parts[2]);
        Result refused = run("fx", "load", bad.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("error: line 3: date '2026-13-01' is not a YYYY-MM-DD day");
        assertThat(count("SELECT COUNT(*) FROM fx_rate")).isZero();

        Path rates = dir.resolve("rates.csv");
        Files.writeString(rates, csv.toString());
        assertThat(Cli.ok("fx", "load", rates.toString()).out()).contains(lines + " added, 0 replaced, 0 unchanged");
        assertThat(Cli.ok("fx", "load", rates.toString()).out())
                .as("loading the same file again changes nothing")
                .contains("0 added, 0 replaced, " + lines + " unchanged");
        Result changed = run("fx", "set", "EUR", "USD", "--date", to, "--rate", "1.3");
        assertThat(changed.err().strip())
                .isEqualTo("error: the rate EUR/USD of " + to
                        + " is stored as 1.25, not 1.3; nothing was written (--replace changes stored rates)");
        Cli.ok("fx", "set", "EUR", "USD", "--date", to, "--rate", "1.3", "--replace");
        Cli.ok("fx", "set", "EUR", "USD", "--date", to, "--rate", "1.25", "--replace");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action IN ('fx.load', 'fx.set')"))
                .isEqualTo(4);
        assertThat(Cli.ok("fx", "list", "--currency", "USD", "--from", to, "--to", to)
                        .out())
                .as("entered by hand: no source any more")
                .containsPattern("(?m)^" + to + "  1 EUR = 1.25 USD$");

        // revenue in EUR: every per-currency row converted at its rate and rounded to the cent, then added
        Path perCurrency = report(dir, "revenue", "--from", from, "--to", to);
        BigDecimal expected = BigDecimal.ZERO;
        try (XSSFWorkbook book = new XSSFWorkbook(perCurrency.toFile())) {
            for (org.apache.poi.ss.usermodel.Sheet sheet : book) {
                String currency =
                        sheet.getSheetName().substring(sheet.getSheetName().length() - 3);
                int header = sheet.getPaneInformation().getHorizontalSplitPosition() - 1;
                for (int r = header + 1;
                        !sheet.getRow(r).getCell(0).getStringCellValue().startsWith("Total");
                        r++) {
                    BigDecimal net =
                            BigDecimal.valueOf(sheet.getRow(r).getCell(5).getNumericCellValue());
                    expected =
                            expected.add(net.multiply(toEur.get(currency)).setScale(2, java.math.RoundingMode.HALF_UP));
                }
            }
        }
        Path converted = dir.resolve("revenue-eur.xlsx");
        Result written = Cli.ok(
                "report",
                "revenue",
                "--from",
                from,
                "--to",
                to,
                "--currency",
                "EUR",
                "--progress",
                "--format",
                "xlsx",
                "--out",
                converted.toString());
        assertThat(written.err()).contains("revenue: reading the ledger", "rows written", "rows/s");
        assertThat(totals(converted, "Net")).isEqualTo(Map.of("EUR", expected.setScale(2)));
        try (XSSFWorkbook book = new XSSFWorkbook(converted.toFile())) {
            assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("Revenue in EUR");
            org.apache.poi.ss.usermodel.Sheet used = book.getSheet("Rates used");
            assertThat(used).as("the rates are on the report").isNotNull();
            StringBuilder all = new StringBuilder();
            used.forEach(r -> r.forEach(cell -> all.append(cell.toString()).append(' ')));
            assertThat(all.toString()).contains("1 USD = 0.8 EUR", "inverse of the EUR/USD rate");
        }

        Path convertedPdf = dir.resolve("revenue-eur.pdf");
        Cli.ok(
                "report",
                "revenue",
                "--from",
                from,
                "--to",
                to,
                "--currency",
                "EUR",
                "--format",
                "pdf",
                "--out",
                convertedPdf.toString());
        assertThat(pdfText(convertedPdf))
                .contains("Revenue in EUR", "Rates used", "1 USD = 0.8 EUR", "Total EUR")
                .contains(String.format(Locale.ROOT, "%,.2f", expected));

        // a currency without rates: refused, naming the rate, nothing written
        Path none = dir.resolve("revenue-chf.xlsx");
        Result missing = run(
                "report",
                "revenue",
                "--from",
                from,
                "--to",
                to,
                "--currency",
                "CHF",
                "--format",
                "xlsx",
                "--out",
                none.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip())
                .matches("error: no exchange rate [A-Z]{3}/CHF for \\d{4}-\\d{2}-\\d{2} .*fx load.*");
        assertThat(none).doesNotExist();
    }

    /** Writes a report as XLSX and checks what every sheet must have: a frozen header row, an autofilter, typed cells. */
    private static Path report(Path dir, String name, String... args) throws Exception {
        Path file = dir.resolve(name + ".xlsx");
        List<String> command = new java.util.ArrayList<>(List.of("report", name));
        command.addAll(List.of(args));
        command.addAll(List.of("--format", "xlsx", "--out", file.toString()));
        assertThat(Cli.ok(command.toArray(String[]::new)).out()).contains(name + " ");
        try (XSSFWorkbook book = new XSSFWorkbook(file.toFile())) {
            assertThat(book.getNumberOfSheets()).isPositive();
            for (org.apache.poi.ss.usermodel.Sheet sheet : book) {
                assertThat(sheet.getPaneInformation().isFreezePane())
                        .as(sheet.getSheetName())
                        .isTrue();
                assertThat(((org.apache.poi.xssf.usermodel.XSSFSheet) sheet)
                                .getCTWorksheet()
                                .isSetAutoFilter())
                        .as(sheet.getSheetName())
                        .isTrue();
                Row first = sheet.getRow(sheet.getPaneInformation().getHorizontalSplitPosition());
                if (first != null) {
                    assertThat(first.getLastCellNum()).isPositive();
                    for (Cell cell : first) {
                        String header = sheet.getRow(first.getRowNum() - 1)
                                .getCell(cell.getColumnIndex())
                                .getStringCellValue();
                        if (List.of("Total", "Net", "Received", "Invoiced", "Net tax")
                                .contains(header)) {
                            assertThat(cell.getCellType()).as(header).isEqualTo(CellType.NUMERIC);
                        }
                        if (header.equals("Day")) {
                            assertThat(DateUtil.isCellDateFormatted(cell))
                                    .as(header)
                                    .isTrue();
                        }
                    }
                }
            }
        }
        return file;
    }

    /** The totals row's value in {@code column} of each sheet, by the currency its name ends with (sheets of one kind summed). */
    private static Map<String, BigDecimal> totals(Path xlsx, String column) throws Exception {
        Map<String, BigDecimal> totals = new java.util.TreeMap<>();
        try (XSSFWorkbook book = new XSSFWorkbook(xlsx.toFile())) {
            for (org.apache.poi.ss.usermodel.Sheet sheet : book) {
                if (sheet.getSheetName().startsWith("Reverse charge")
                        || sheet.getSheetName().equals("Rates used")) {
                    continue;
                }
                String currency =
                        sheet.getSheetName().substring(sheet.getSheetName().length() - 3);
                int header = sheet.getPaneInformation().getHorizontalSplitPosition() - 1;
                int index = -1;
                for (Cell cell : sheet.getRow(header)) {
                    if (cell.getStringCellValue().equals(column)) {
                        index = cell.getColumnIndex();
                    }
                }
                assertThat(index)
                        .as(sheet.getSheetName() + " has a " + column + " column")
                        .isNotNegative();
                for (Row row : sheet) {
                    Cell label = row.getCell(0);
                    if (row.getRowNum() > header
                            && label != null
                            && label.getCellType() == CellType.STRING
                            && label.getStringCellValue().startsWith("Total")) {
                        totals.merge(
                                currency,
                                BigDecimal.valueOf(row.getCell(index).getNumericCellValue())
                                        .setScale(2, java.math.RoundingMode.HALF_UP),
                                BigDecimal::add);
                    }
                }
            }
        }
        totals.values().removeIf(v -> v.signum() == 0); // as in sums(): a currency with nothing is no entry
        return totals;
    }

    private static Map<String, BigDecimal> sums(String sql) throws Exception {
        Map<String, BigDecimal> sums = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                BigDecimal v = rs.getBigDecimal(2).setScale(2, java.math.RoundingMode.HALF_UP);
                if (v.signum() != 0) {
                    sums.put(rs.getString(1), v);
                }
            }
        }
        return sums;
    }

    private static String pdfText(Path file) throws Exception {
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            return new PDFTextStripper().getText(pdf);
        }
    }

    private static String text(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
