package com.ezscale.billing.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.account.CustomerRole;
import com.ezscale.billing.app.account.CustomerAccounts;
import com.ezscale.billing.app.staff.StaffAccounts;
import com.ezscale.billing.portal.testing.StripeCheckoutStub;
import com.ezscale.billing.run.JobRequests;
import com.ezscale.billing.staff.StaffRole;
import com.ezscale.billing.testing.DatabaseTest;
import com.ezscale.billing.testing.PayPalStub;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.io.File;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The staff journeys in a real headless Chromium (Debian's chromium and chromium-driver) against
 * the portal on a real port, with a real jobs node beside it: the demo book is loaded and a
 * {@code serve} node started from the jobs module's jar, as an operator would. An admin logs in
 * with a password and sets up the TOTP second factor, asks for invoiceRun, and sees it COMPLETED
 * (the serve node ran it); finance downloads the aging report and the XLSX is read back and
 * compared with the invoices. Screenshots go to target/screenshots.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ezscale.collection.portal-url=https://portal.example")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffJourneyTest extends DatabaseTest {

    static final Path JOBS_JAR = Path.of("..", "jobs", "target", "ezscale-jobs.jar");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String PASSWORD = "journey password 1";

    /** Stripe's API and its hosted Checkout page, local: the browser pays there. */
    static final StripeCheckoutStub STRIPE = new StripeCheckoutStub();

    static final MockWebServer STRIPE_SERVER = STRIPE.start();

    /** PayPal's API and its approval page, local: the browser approves there. */
    static final PayPalStub PAYPAL = new PayPalStub();

    static final MockWebServer PAYPAL_SERVER = PAYPAL.start();

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        String base = STRIPE_SERVER.url("/").toString().replaceAll("/$", "");
        registry.add("ezscale.stripe.api-key", () -> "sk_test_stub");
        registry.add("ezscale.stripe.api-base", () -> base);
        registry.add("ezscale.stripe.webhook-secret", () -> "whsec_journey");
        registry.add("ezscale.stripe.checkout-origin", () -> base);
        registry.add("ezscale.paypal.client-id", () -> PayPalStub.CLIENT_ID);
        registry.add("ezscale.paypal.client-secret", () -> PayPalStub.CLIENT_SECRET);
        registry.add("ezscale.paypal.api-base", PAYPAL::apiBase);
        registry.add("ezscale.paypal.approval-origin", PAYPAL::apiBase);
    }

    @LocalServerPort
    int port;

    @Value("${spring.datasource.url}")
    String url;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StaffAccounts staff;

    @Autowired
    CustomerAccounts customers;

    Process serve;
    WebDriver browser;
    Path downloads;

    @BeforeAll
    void jobsNodeAndBrowser() throws Exception {
        assertThat(JOBS_JAR)
                .as("the jobs module is packaged before the portal's tests (mvn verify)")
                .exists();
        Path logs = Path.of("target");
        // the demo book, then a serve node: what an operator runs on a jobs machine
        Process demo =
                jobs(logs.resolve("journey-demo.log"), "demo", "--customers", "30", "--months", "1", "--flows", "1000");
        // starts while the demo loads: two JVMs, one database. Quartz looks for triggers another JVM added at its next
        // acquisition, by default after idling up to 30 s; this node looks every second, as the two-node tests' do
        serve = jobs(
                logs.resolve("journey-serve.log"),
                "--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000",
                "serve");
        assertThat(demo.waitFor(5, TimeUnit.MINUTES)).as("the demo finishes").isTrue();
        assertThat(demo.exitValue())
                .as("demo exit code, see target/journey-demo.log")
                .isZero();
        long by = System.currentTimeMillis() + 120_000;
        while (jdbc.queryForObject(
                        "SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE JOB_NAME = ?", Long.class, JobRequests.NAME)
                == 0) {
            assertThat(serve.isAlive())
                    .as("serve is running, see target/journey-serve.log")
                    .isTrue();
            assertThat(System.currentTimeMillis())
                    .as("serve registers its jobs")
                    .isLessThan(by);
            Thread.sleep(500);
        }

        downloads = Files.createDirectories(Path.of("target", "downloads").toAbsolutePath());
        try (var old = Files.list(downloads)) {
            for (Path file : old.toList()) {
                Files.delete(file); // a file of an earlier run would pass for this one's download
            }
        }
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=en-GB");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    @AfterAll
    void stop() throws Exception {
        STRIPE_SERVER.close();
        PAYPAL_SERVER.close();
        if (browser != null) {
            browser.quit();
        }
        if (serve != null) {
            serve.destroy();
            if (!serve.waitFor(30, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    private Process jobs(Path log, String... command) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx768m",
                "-Djava.io.tmpdir=" + Path.of("target").toAbsolutePath(),
                "-jar",
                JOBS_JAR.toString()));
        args.addAll(List.of(command));
        ProcessBuilder builder =
                new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("EZSCALE_DB_URL", url);
        builder.environment().put("EZSCALE_ACTOR", "journey-test");
        builder.environment().put("EZSCALE_MANAGEMENT_PORT", "0");
        return builder.start();
    }

    @Test
    @Order(1)
    void anAdminLogsInWithTotpAsksForInvoiceRunAndSeesItCompletedByTheServeNode() throws Exception {
        staff.add("alice", "Alice Admin", StaffRole.ADMIN, PASSWORD, "test");
        logIn("alice");

        open("/admin/jobs");
        new Select(browser.findElement(By.id("job"))).selectByValue("invoiceRun");
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id("asOf")), day);
        browser.findElement(By.cssSelector("#run-form button")).click();
        assertThat(browser.findElement(By.className("message")).getText())
                .contains("invoiceRun for " + day + " is queued");

        // the serve node takes the request; the admin follows the execution it started
        Long execution = null;
        long by = System.currentTimeMillis() + 120_000;
        while (execution == null && System.currentTimeMillis() < by) {
            execution = jdbc.queryForObject(
                    "SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                            + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'invoiceRun'"
                            + " AND e.CREATE_TIME > (SELECT requested_at FROM job_request ORDER BY id DESC LIMIT 1)",
                    Long.class);
            Thread.sleep(100);
        }
        assertThat(execution).as("the serve node started the run").isNotNull();
        open("/admin/jobs/" + execution);
        boolean seenRunning = browser.findElement(By.id("status")).getText().equals("STARTED");
        // no reload from here: the page refreshes its counts itself (htmx) while the execution runs
        await(120).until(b -> b.findElement(By.id("status")).getText().equals("COMPLETED"));
        assertThat(browser.findElements(By.xpath("//button[text()='Stop']")))
                .as("no stop button once it completed (seen running: " + seenRunning + ")")
                .isEmpty();
        assertThat(browser.findElements(By.cssSelector("#steps tbody tr"))).isNotEmpty();
        screenshot("portal-execution.png");

        open("/admin/jobs");
        WebElement request = browser.findElement(By.cssSelector("#requests tbody tr"));
        assertThat(request.getText()).contains("alice", "RUN", "invoiceRun", "DONE");
        screenshot("portal-jobs.png");
        // the schedules of the serve node: pause the outbox's trigger on every node, then resume it
        open("/admin/schedules");
        assertThat(browser.findElement(By.id("schedules")).getText()).contains("billing.nightly", "0 0 2 * * ?");
        browser.findElement(By.xpath("//table[@id='schedules']//tr[td[1]='billing.outbox']//button[text()='Pause']"))
                .click();
        await(20).until(b -> b.findElement(By.className("message")).getText().contains("paused on every node"));
        assertThat(jdbc.queryForObject(
                        "SELECT TRIGGER_STATE FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'outbox'", String.class))
                .isEqualTo("PAUSED");
        browser.findElement(By.xpath("//table[@id='schedules']//tr[td[1]='billing.outbox']//button[text()='Resume']"))
                .click();
        await(20).until(b -> b.findElement(By.className("message")).getText().contains("resumed on every node"));
        assertThat(jdbc.queryForObject(
                        "SELECT TRIGGER_STATE FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'outbox'", String.class))
                .isIn("WAITING", "ACQUIRED", "EXECUTING", "BLOCKED");
        assertThat(jdbc.queryForMap(
                        "SELECT actor, origin FROM audit_log WHERE action = 'job.run' ORDER BY id DESC LIMIT 1"))
                .containsEntry("actor", "alice")
                .containsEntry("origin", "portal 127.0.0.1");

        // a customer found by name; one of its services suspended (abuse), its panel told through the outbox
        Map<String, Object> service = jdbc.queryForMap(
                "SELECT s.id, s.customer_id, c.name FROM subscription s JOIN customer c ON c.id = s.customer_id"
                        + " WHERE s.status = 'ACTIVE' ORDER BY s.id LIMIT 1");
        open("/admin/customers");
        browser.findElement(By.id("q")).sendKeys((String) service.get("name"));
        browser.findElement(By.id("search")).click();
        // the live search (htmx) may swap the result list under the click: find the link again until the page opens
        await(20).until(b -> {
            if (b.getCurrentUrl().matches(".*/admin/customers/\\d+.*")) {
                return true;
            }
            b.findElement(By.linkText((String) service.get("name"))).click();
            return b.getCurrentUrl().matches(".*/admin/customers/\\d+.*");
        });
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains((String) service.get("name"));
        WebElement row = browser.findElement(By.id("service-" + service.get("id")));
        row.findElement(By.name("reason")).sendKeys("abuse report 4411");
        row.findElement(By.xpath(".//button[text()='Suspend']")).click();
        assertThat(browser.findElement(By.className("message")).getText())
                .contains("Service " + service.get("id") + " is suspended");
        assertThat(browser.findElement(By.id("service-" + service.get("id")))
                        .findElement(By.className("service-status"))
                        .getText())
                .isEqualTo("SUSPENDED (by ADMIN)");
        screenshot("portal-customer.png");
        assertThat(jdbc.queryForObject("SELECT status FROM subscription WHERE id = ?", String.class, service.get("id")))
                .isEqualTo("SUSPENDED");
    }

    @Test
    @Order(2)
    void financeDownloadsTheAgingReportAndItSaysWhatTheInvoicesOwe() throws Exception {
        open("/logout-form");
        browser.manage().deleteAllCookies();
        staff.add("fred", "Fred Finance", StaffRole.FINANCE, PASSWORD, "test");
        logIn("fred");
        // the dashboard: the MRR chart drawn from the snapshots the demo's nights took, the month's figures
        open("/finance");
        await(20).until(b -> b.findElement(By.id("mrr-chart")).getDomAttribute("data-drawn") != null);
        assertThat(Integer.parseInt(browser.findElement(By.id("mrr-chart")).getDomAttribute("data-drawn")))
                .as("month ends drawn")
                .isPositive();
        assertThat(browser.findElements(By.cssSelector("#aging tbody tr"))).isNotEmpty();
        screenshot("portal-dashboard.png");

        open("/finance/reports");
        new Select(browser.findElement(By.id("report-name"))).selectByValue("aging");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id("asOf")), today);
        screenshot("portal-reports.png");
        browser.findElement(By.id("download")).click();
        Path file = downloads.resolve("aging-" + today + ".xlsx");
        long by = System.currentTimeMillis() + 60_000;
        while (!Files.exists(file) && System.currentTimeMillis() < by) {
            Thread.sleep(200);
        }
        assertThat(file).as("the browser saved the report").exists();
        Map<String, BigDecimal> totals = new TreeMap<>();
        try (XSSFWorkbook book = new XSSFWorkbook(file.toFile())) {
            for (Sheet sheet : book) {
                String currency =
                        sheet.getSheetName().substring(sheet.getSheetName().length() - 3);
                for (Row row : sheet) {
                    Cell first = row.getCell(0);
                    if (first != null
                            && first.getCellType() == CellType.STRING
                            && first.getStringCellValue().startsWith("Total")) {
                        totals.put(
                                currency,
                                BigDecimal.valueOf(row.getCell(row.getLastCellNum() - 1)
                                                .getNumericCellValue())
                                        .setScale(2, RoundingMode.HALF_UP));
                    }
                }
            }
        }
        Map<String, BigDecimal> owed = new TreeMap<>();
        jdbc.query(
                "SELECT currency, SUM(total - amount_paid - COALESCE((SELECT SUM(balance_reduction) FROM credit_note c"
                        + " WHERE c.invoice_id = i.id), 0)) FROM invoice i WHERE status IN ('ISSUED', 'PARTIALLY_PAID')"
                        + " GROUP BY currency",
                rs -> {
                    BigDecimal v = rs.getBigDecimal(2).setScale(2, RoundingMode.HALF_UP);
                    if (v.signum() != 0) {
                        owed.put(rs.getString(1), v);
                    }
                });
        totals.values().removeIf(v -> v.signum() == 0);
        assertThat(totals).isEqualTo(owed).isNotEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_log WHERE actor = 'fred' AND action = 'report.download'",
                        Long.class))
                .isEqualTo(1);
        // a bank transfer arrives: finance records it against the invoice, which shows paid
        open("/finance/invoices?status=ISSUED");
        WebElement first = browser.findElement(By.cssSelector("#invoices tbody tr td a"));
        String number = first.getText();
        first.click();
        assertThat(browser.findElement(By.id("invoice-status")).getText()).isEqualTo("ISSUED");
        assertThat(browser.findElement(By.id("lines")).getText()).isNotBlank();
        browser.findElement(By.id("reference")).sendKeys("BANK-" + number);
        WebElement amount = browser.findElement(By.id("amount"));
        amount.clear();
        amount.sendKeys("12x");
        browser.findElement(By.id("record-payment")).click();
        assertThat(browser.findElement(By.className("error")).getText())
                .as("bad input: the form again, naming the field")
                .contains("amount: '12x' is not a plain decimal");
        amount = browser.findElement(By.id("amount"));
        amount.clear();
        amount.sendKeys(jdbc.queryForObject(
                        "SELECT total - amount_paid FROM invoice WHERE number = ?", BigDecimal.class, number)
                .toPlainString());
        browser.findElement(By.id("record-payment")).click();
        assertThat(browser.findElement(By.className("message")).getText()).contains("the invoice is now PAID");
        assertThat(browser.findElement(By.id("invoice-status")).getText()).isEqualTo("PAID");
        screenshot("portal-invoice.png");
        assertThat(jdbc.queryForMap(
                        "SELECT status, (SELECT COUNT(*) FROM payment p WHERE p.invoice_id = i.id AND p.reference = ?)"
                                + " AS payments FROM invoice i WHERE number = ?",
                        "BANK-" + number,
                        number))
                .containsEntry("status", "PAID")
                .containsEntry("payments", 1L);

        // a goodwill credit on another open invoice: a credit note in its own series, what is owed reduced
        open("/finance/invoices?status=ISSUED");
        String other =
                browser.findElement(By.cssSelector("#invoices tbody tr td a")).getText();
        open("/finance/invoices/" + other);
        browser.findElement(By.id("credit-amount")).sendKeys("1.00");
        browser.findElement(By.id("credit-reason")).sendKeys("goodwill: outage on the 3rd");
        browser.findElement(By.id("issue-credit-note")).click();
        assertThat(browser.findElement(By.className("message")).getText()).contains("Credit note CN-", "issued");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM credit_note cn JOIN invoice i ON i.id = cn.invoice_id"
                                + " WHERE i.number = ? AND cn.reason = 'goodwill: outage on the 3rd'",
                        Long.class,
                        other))
                .isEqualTo(1);
        open("/finance/approvals");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Drafts held for approval");

        // a report run as a job by the serve node: the table follows it without a reload, then offers the file
        open("/finance/reports");
        new Select(browser.findElement(By.id("job-report-name"))).selectByValue("aging");
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id("job-asOf")), today);
        browser.findElement(By.id("run-report")).click();
        assertThat(browser.findElement(By.className("message")).getText()).contains("a serve node writes it");
        // a trigger another JVM added is seen at the serve node's next acquisition (within a second here), and on
        // a busy CI machine its two worker threads may still be on earlier work: 90 s timed out once in CI
        await(180)
                .withMessage(() -> "the report job did not complete; report jobs: "
                        + browser.findElements(By.cssSelector("#report-jobs tbody tr")).stream()
                                .map(WebElement::getText)
                                .toList()
                        + "; Quartz triggers: "
                        + jdbc.queryForList(
                                "SELECT CONCAT(TRIGGER_NAME, ' ', TRIGGER_STATE, ' next ', NEXT_FIRE_TIME) FROM QRTZ_TRIGGERS",
                                String.class)
                        + "; fired: "
                        + jdbc.queryForList(
                                "SELECT CONCAT(TRIGGER_NAME, ' ', STATE, ' on ', INSTANCE_NAME) FROM QRTZ_FIRED_TRIGGERS",
                                String.class))
                .until(b ->
                        !b.findElements(By.linkText("aging-" + today + ".xlsx")).isEmpty()
                                // the file is stored by the job's step; the execution completes just after it
                                && b.findElement(By.cssSelector("#report-jobs tbody tr"))
                                        .getText()
                                        .contains("COMPLETED"));
        assertThat(browser.findElement(By.cssSelector("#report-jobs tbody tr")).getText())
                .contains("fred", "format=xlsx report=aging", "COMPLETED")
                .doesNotContain("from=");
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("report-jobs")));
        screenshot("portal-report-jobs.png");
        assertThat(jdbc.queryForObject(
                        "SELECT rows_written FROM report_output WHERE report = 'aging' AND requested_by = 'fred'",
                        Long.class))
                .as("the job wrote the customers' rows")
                .isPositive();

        // finance reaches no admin page
        open("/admin/jobs");
        assertThat(browser.getPageSource()).doesNotContain("Run a job for a day");
    }

    @Test
    @Order(3)
    void aCustomerSetsAPasswordOpensAnInvoiceItsPdfAndTheUsageBehindItsBandwidthLine() throws Exception {
        browser.manage().deleteAllCookies();
        // a customer with a bandwidth line on an issued invoice: one whose month went over its commit (the demo's
        // steady flows) when the demo's window holds a whole month of them; in a month's first days the only rated
        // month may be one without traffic (0 Mbps), and the page must show that same figure
        Map<String, Object> billed =
                jdbc.queryForMap("SELECT i.number, i.customer_id, l.subscription_id, r.billed_mbps,"
                        + " r.period_start FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id JOIN rated_usage r ON r.id ="
                        + " l.rated_usage_id WHERE r.commit_mbps IS NOT NULL AND i.status <> 'DRAFT'"
                        + " ORDER BY r.billed_mbps > r.commit_mbps DESC, i.id LIMIT 1");
        String number = (String) billed.get("number");
        long customer = ((Number) billed.get("customer_id")).longValue();
        long service = ((Number) billed.get("subscription_id")).longValue();
        String billedMbps = ((BigDecimal) billed.get("billed_mbps")).toPlainString();
        customers.invite(
                customer,
                "owner@customer.example",
                "Olivia Owner",
                CustomerRole.OWNER,
                "https://portal.example",
                "journey");
        String email = jdbc.queryForObject(
                "SELECT payload FROM outbox WHERE channel = 'EMAIL' AND action = 'login-invite' ORDER BY id DESC LIMIT 1",
                String.class);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile(
                        "https://portal\\.example(/login/reset\\?token=[A-Za-z0-9_-]+)")
                .matcher(email);
        assertThat(link.find()).as("the invitation's link: " + email).isTrue();

        // the link from the e-mail: choose a password, then log in with the e-mail
        open(link.group(1));
        assertThat(browser.findElement(By.id("reset-email")).getText()).isEqualTo("owner@customer.example");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("confirm")).sendKeys(PASSWORD);
        browser.findElement(By.id("set-password")).click();
        await(20).until(b -> b.getCurrentUrl().endsWith("/login?reset"));
        assertThat(browser.findElement(By.className("message")).getText()).contains("Your password is set");
        browser.findElement(By.name("username")).sendKeys("owner@customer.example");
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form button")).click();
        await(20).until(b -> b.getCurrentUrl().endsWith("/account"));
        screenshot("portal-account.png");

        // the invoice, as issued, with the evidence of its bandwidth line; its PDF downloads
        browser.findElement(By.linkText("Invoices")).click();
        browser.findElement(By.linkText(number)).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Invoice " + number);
        WebElement evidence = browser.findElement(By.id("evidence-" + service + "-" + billed.get("period_start")));
        assertThat(evidence.findElement(By.className("billed-mbps")).getText()).isEqualTo(billedMbps + " Mbps");
        screenshot("portal-account-invoice.png");
        Object pdf = ((JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById('pdf').href, {credentials: 'same-origin'})"
                        + ".then(r => r.arrayBuffer().then(b => done(r.status + ' ' + r.headers.get('Content-Type') + ' '"
                        + " + String.fromCharCode(...new Uint8Array(b.slice(0, 5))))))");
        assertThat(pdf).isEqualTo("200 application/pdf %PDF-");

        // the month behind the line: the 95th percentile drawn from the samples is the one billed
        evidence.findElement(By.className("usage-link")).click();
        await(30).until(b -> b.findElement(By.id("rate-chart")).getAttribute("data-drawn") != null);
        assertThat(browser.findElement(By.id("billed-mbps")).getText()).isEqualTo(billedMbps);
        assertThat(new BigDecimal(browser.findElement(By.id("rate-chart")).getAttribute("data-billed")))
                .as("the chart's line (a JavaScript number)")
                .isEqualByComparingTo(billedMbps);
        assertThat(browser.findElement(By.cssSelector(".stored-billed-mbps")).getText())
                .isEqualTo(billedMbps);
        assertThat(browser.findElement(By.id("period")).getText())
                .isEqualTo(billed.get("period_start").toString().substring(0, 7));
        screenshot("portal-usage.png");

        // another customer's invoice is not there
        String other = jdbc.queryForObject(
                "SELECT number FROM invoice WHERE customer_id <> ? AND status <> 'DRAFT' ORDER BY id LIMIT 1",
                String.class,
                customer);
        open("/account/invoices/" + other);
        assertThat(browser.getPageSource()).contains("You have no invoice or credit note " + other);
    }

    @Test
    @Order(4)
    void aCustomerPaysAnOpenInvoiceOnStripeCheckoutAndSeesItPaidOnceStripeHasToldUs() throws Exception {
        browser.manage().deleteAllCookies();
        STRIPE.hostPages(
                STRIPE_SERVER.url("/").toString(), "http://127.0.0.1:" + port + "/webhooks/stripe", "whsec_journey");
        Map<String, Object> open = jdbc.queryForMap("SELECT i.number, i.customer_id, i.currency FROM invoice i"
                + " WHERE i.status IN ('ISSUED', 'PARTIALLY_PAID') AND i.total - i.amount_paid > 0"
                + " AND NOT EXISTS (SELECT 1 FROM credit_note n WHERE n.invoice_id = i.id) ORDER BY i.id LIMIT 1");
        String number = (String) open.get("number");
        long customer = ((Number) open.get("customer_id")).longValue();
        customers.invite(
                customer,
                "payer@customer.example",
                "Pat Payer",
                CustomerRole.BILLING,
                "https://portal.example",
                "journey");
        String email = jdbc.queryForObject(
                "SELECT payload FROM outbox WHERE channel = 'EMAIL' AND action = 'login-invite' AND payload LIKE '%payer@%'"
                        + " ORDER BY id DESC LIMIT 1",
                String.class);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile(
                        "https://portal\\.example(/login/reset\\?token=[A-Za-z0-9_-]+)")
                .matcher(email);
        assertThat(link.find()).isTrue();
        open(link.group(1));
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("confirm")).sendKeys(PASSWORD);
        browser.findElement(By.id("set-password")).click();
        await(20).until(b -> b.getCurrentUrl().endsWith("/login?reset"));
        browser.findElement(By.name("username")).sendKeys("payer@customer.example");
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form button")).click();
        await(20).until(b -> b.getCurrentUrl().endsWith("/account"));

        open("/account/invoices/" + number);
        String owed = browser.findElement(By.id("owed")).getText();
        assertThat(browser.findElement(By.id("pay")).getText()).contains(owed);
        browser.findElement(By.id("pay")).click();
        // Stripe's hosted page (the stub's): the card is typed there, never in the portal
        await(20).until(b -> !b.findElements(By.id("checkout")).isEmpty());
        assertThat(browser.getCurrentUrl())
                .startsWith(STRIPE_SERVER.url("/checkout/").toString());
        browser.findElement(By.id("pay")).click();
        // back to the success URL (the configured portal address); the webhook has settled the invoice meanwhile
        await(20).until(b -> b.getCurrentUrl().contains("/account/invoices/" + number + "?paid"));
        open("/account/invoices/" + number + "?paid");
        assertThat(browser.findElement(By.id("invoice-status")).getText()).isEqualTo("PAID");
        assertThat(browser.findElements(By.id("pay"))).as("nothing left to pay").isEmpty();
        screenshot("portal-account-paid.png");

        // Pat saves the customer's PayPal account: approved on PayPal's page (the stub's), which sends the browser
        // back to the configured portal address; from then on the invoices are charged to it
        open("/account/payment-method");
        assertThat(browser.findElement(By.id("paypal")).getText()).isEqualTo("no PayPal account saved");
        browser.findElement(By.id("save-paypal")).click();
        await(20).until(b -> !b.findElements(By.id("approve")).isEmpty());
        assertThat(browser.getCurrentUrl()).startsWith(PAYPAL.apiBase() + "/agreements/approve");
        browser.findElement(By.id("approve")).click();
        await(20).until(b -> b.getCurrentUrl().contains("/account/payment-method/paypal/return?approval_token_id="));
        String back = browser.getCurrentUrl();
        open(back.substring(back.indexOf("/account/payment-method/paypal/return")));
        assertThat(browser.findElement(By.className("message")).getText())
                .isEqualTo("Your PayPal account is saved: invoices are charged to it from now on.");
        assertThat(browser.findElement(By.id("paypal")).getText()).isEqualTo("PayPal account saved");
        assertThat(browser.findElement(By.cssSelector("#prefer input[value='PAYPAL']"))
                        .isSelected())
                .isTrue();
        screenshot("portal-payment-method.png");
        assertThat(jdbc.queryForObject("SELECT preferred_gateway FROM customer WHERE id = ?", String.class, customer))
                .isEqualTo("PAYPAL");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM payment p JOIN invoice i ON i.id = p.invoice_id WHERE i.number = ? AND p.method = 'CARD'",
                        Long.class,
                        number))
                .isEqualTo(1);
    }

    /** A wait that reads the page again when htmx or a reload replaced an element under the read. */
    private WebDriverWait await(int seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private void logIn(String username) throws Exception {
        open("/");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.name("username")).sendKeys(username);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form button")).click();
        // BCrypt takes its time on a busy machine: wait for the next page rather than read the URL at once
        await(20).until(b -> !b.getCurrentUrl().endsWith("/login"));
        assertThat(browser.getCurrentUrl()).endsWith("/login/totp/setup");
        assertThat(browser.findElement(By.cssSelector("img.qr")).getAttribute("src"))
                .startsWith("data:image/png");
        String secret = browser.findElement(By.id("secret")).getText();
        browser.findElement(By.name("code"))
                .sendKeys(new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6)
                        .generate(secret, Instant.now().getEpochSecond() / 30));
        browser.findElement(By.cssSelector("form button")).click();
        assertThat(browser.findElements(By.cssSelector("#recovery-codes li"))).hasSize(StaffAccounts.RECOVERY_CODES);
        browser.findElement(By.linkText("Continue")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Welcome, " + username);
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    private void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
