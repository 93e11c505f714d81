package com.ezscale.billing.portal.bench;

import com.ezscale.billing.account.CustomerRole;
import com.ezscale.billing.app.account.ApiTokens;
import com.ezscale.billing.app.account.CustomerAccounts;
import com.ezscale.billing.app.run.OnDemandJob;
import com.ezscale.billing.app.staff.StaffAccounts;
import com.ezscale.billing.portal.PortalApplication;
import com.ezscale.billing.staff.StaffRole;
import com.ezscale.billing.testing.BenchBook;
import com.ezscale.billing.testing.TestDatabases;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.Scheduler;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staff portal under load: seeds 1,000,000 issued invoices (100,000 customers) and 10,000 job
 * executions (30,000 steps) in a fresh database, starts the portal on it, logs 20 staff sessions in
 * through the real form and second factor (recovery codes), then has 20 concurrent clients (closed
 * loop: each sends its next request when the last answered) load the invoice search and then the
 * executions page with a mix of their filters and keyset pages; then 20 customers' logins and API
 * tokens load their invoice list (API and page), and 20 clients read one metered service-month's
 * usage series (8,928 buckets) through the API; it prints p50, p95, p99 and the throughput of each
 * after a warm-up. Any answer but a 200 with the page's table fails the run. The load is
 * {@code wrk} when it is on the PATH (see {@link #wrk}), else Java clients in this JVM
 * ({@code -Dbench.load=java} forces them); {@code -Dbench.only=invoice,executions} runs only the
 * pages whose names start so.
 *
 * <pre>EZSCALE_TEST_DB_URL=... ./mvnw -q -pl portal exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.ezscale.billing.portal.bench.PortalBenchmark -Dexec.args="1000000 10000 20 30"</pre>
 *
 * args: invoices, executions, clients, seconds measured per page (after 10 s of warm-up), and
 * optionally a database URL to keep between runs (seeded the first time only).
 */
public final class PortalBenchmark {

    static final String PASSWORD = "benchmark password 1";

    public static void main(String[] args) throws Exception {
        int invoices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int executions = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int customers = Math.max(1, Math.min(100_000, invoices / 10));
        // a fifth argument: a database to keep between runs (seeded the first time only)
        String url = args.length > 4 ? args[4] : TestDatabases.newDatabaseUrl();
        try (ConfigurableApplicationContext portal = new SpringApplicationBuilder(PortalApplication.class)
                .run(
                        "--spring.datasource.url=" + url,
                        "--ezscale.embedded-db.enabled=false",
                        "--server.port=0",
                        "--logging.level.root=WARN",
                        "--logging.level.com.ezscale=WARN",
                        "--ezscale.portal.api-requests-per-minute=100000000")) {
            JdbcTemplate jdbc = portal.getBean(JdbcTemplate.class);
            long t0 = System.nanoTime();
            if (jdbc.queryForObject("SELECT COUNT(*) FROM invoice", Long.class) == 0) {
                BenchBook.invoices(jdbc, customers, invoices);
                BenchBook.executions(jdbc, executions);
                jdbc.execute(
                        "ANALYZE TABLE invoice, customer, BATCH_JOB_EXECUTION, BATCH_JOB_INSTANCE, BATCH_STEP_EXECUTION");
            }
            System.out.printf(
                    "seeded %,d invoices over %,d customers and %,d executions with %,d steps in %.0f s%n",
                    jdbc.queryForObject("SELECT COUNT(*) FROM invoice", Long.class),
                    customers,
                    jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class),
                    jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION", Long.class),
                    (System.nanoTime() - t0) / 1e9);
            // a serve node has started, as in any deployment: the on-demand job in the store, its jobs offered
            Scheduler scheduler = portal.getBean(Scheduler.class);
            scheduler.addJob(OnDemandJob.detail(), true);
            jdbc.update("INSERT IGNORE INTO runnable_job (name, registered_at) SELECT JOB_NAME, NOW(6)"
                    + " FROM BATCH_JOB_INSTANCE GROUP BY JOB_NAME");
            int port = ((WebServerApplicationContext) portal).getWebServer().getPort();
            String base = "http://127.0.0.1:" + port;
            StaffAccounts staff = portal.getBean(StaffAccounts.class);
            List<Session> finance = sessions(staff, base, StaffRole.FINANCE, clients);
            List<Session> admins = sessions(staff, base, StaffRole.ADMIN, clients);

            String[] jobs = {"nightly", "invoiceRun", "collect", "dunning", "ratePeriods", "outbox"};
            run("invoice search", base, finance, seconds, "id=\"invoices\"", random -> switch (random.nextInt(5)) {
                case 0 -> "/finance/invoices";
                case 1 -> "/finance/invoices?customer=" + (1 + random.nextInt(customers));
                // a number typed but for its last digit: BENCH-12345 finds BENCH-12345 and BENCH-123450..9
                case 2 -> "/finance/invoices?number=BENCH-" + (1 + random.nextInt(invoices / 10));
                case 3 -> "/finance/invoices?status=ISSUED&before=" + (1 + random.nextInt(invoices));
                default -> "/finance/invoices?before=" + (1 + random.nextInt(invoices));
            });
            run("executions page", base, admins, seconds, "id=\"executions\"", random -> switch (random.nextInt(5)) {
                case 0 -> "/admin/jobs";
                case 1 -> "/admin/jobs?job=" + jobs[random.nextInt(jobs.length)];
                case 2 -> "/admin/jobs?status=FAILED";
                case 3 -> "/admin/jobs?before=" + (1 + random.nextInt(executions));
                default ->
                    "/admin/jobs?job=" + jobs[random.nextInt(jobs.length)] + "&before="
                            + (1 + random.nextInt(executions));
            });

            if (!selected("customer") && !selected("usage")) {
                return;
            }
            // the customer portal and API: 20 customers (about 10 invoices each among the million)
            CustomerAccounts accounts = portal.getBean(CustomerAccounts.class);
            ApiTokens tokens = portal.getBean(ApiTokens.class);
            List<Session> customerPages = new ArrayList<>();
            List<Session> customerApi = new ArrayList<>();
            for (int c = 1; c <= clients; c++) {
                String email = "bench-customer-" + c + "@example.com";
                if (accounts.find(email).isEmpty()) {
                    accounts.addWithPassword(c, email, "Bench " + c, CustomerRole.OWNER, PASSWORD, "bench");
                }
                customerPages.add(customerLogin(base, email));
                customerApi.add(new Session(
                        HttpClient.newHttpClient(),
                        tokens.createForCustomer(c, "bench", List.of("read"), "bench")
                                .secret()));
            }
            run("customer invoice list API", base, customerApi, seconds, "\"items\"", random -> switch (random.nextInt(
                    3)) {
                case 0 -> "/api/v1/invoices?status=PAID";
                default -> "/api/v1/invoices";
            });
            run(
                    "customer invoices page",
                    base,
                    customerPages,
                    seconds,
                    "id=\"invoices\"",
                    random -> switch (random.nextInt(3)) {
                        case 0 -> "/account/invoices?status=PAID";
                        default -> "/account/invoices";
                    });
            if (!selected("usage")) {
                return;
            }
            // one metered service-month (8,928 five-minute buckets), read by 20 clients through the API
            YearMonth month = YearMonth.now(java.time.ZoneOffset.UTC).minusMonths(1);
            long service = BenchBook.meteredMonth(jdbc, 3, month);
            List<Session> usage = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                usage.add(new Session(
                        HttpClient.newHttpClient(),
                        tokens.createForCustomer(3, "bench-usage", List.of("read"), "bench")
                                .secret()));
            }
            run(
                    "usage series API (" + month.lengthOfMonth() * 288 + " buckets)",
                    base,
                    usage,
                    seconds,
                    "\"bytesIn\"",
                    random -> "/api/v1/services/" + service + "/usage?period=" + month);
        }
    }

    /** One logged-in session: its own cookies (the session id), as a browser has; or an API token. */
    record Session(HttpClient http, String bearer) {
        Session(HttpClient http) {
            this(http, null);
        }
    }

    /**
     * {@code count} sessions of the role: two staff members, their second factor set up, each
     * logging in with the password and then one of its ten recovery codes per session.
     */
    static List<Session> sessions(StaffAccounts staff, String base, StaffRole role, int count) throws Exception {
        List<Session> sessions = new ArrayList<>();
        for (int user = 0; sessions.size() < count; user++) {
            String username = role.name().toLowerCase() + user;
            if (staff.find(username).isEmpty()) {
                staff.add(username, "Bench " + username, role, PASSWORD, "bench");
            } else {
                staff.resetSecondFactor(username, "bench"); // a kept database: fresh recovery codes
            }
            String secret = staff.beginSecondFactor(username);
            List<String> codes = staff.confirmSecondFactor(username, staff.currentCode(secret))
                    .orElseThrow(() -> new IllegalStateException("the second factor was not confirmed"));
            for (int i = 0; i < codes.size() && sessions.size() < count; i++) {
                sessions.add(login(base, username, codes.get(i)));
            }
        }
        return sessions;
    }

    static Session login(String base, String username, String recoveryCode) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String page = get(http, base + "/login").body();
        HttpResponse<String> password =
                post(http, base + "/login", Map.of("username", username, "password", PASSWORD, "_csrf", csrf(page)));
        expectRedirect(password, "/login/totp");
        String second = get(http, base + "/login/totp").body();
        HttpResponse<String> code =
                post(http, base + "/login/totp", Map.of("code", recoveryCode, "_csrf", csrf(second)));
        expectRedirect(code, "/");
        return new Session(http);
    }

    static Session customerLogin(String base, String email) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String page = get(http, base + "/login").body();
        expectRedirect(
                post(http, base + "/login", Map.of("username", email, "password", PASSWORD, "_csrf", csrf(page))),
                "/account");
        return new Session(http);
    }

    private static void expectRedirect(HttpResponse<String> response, String to) {
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || !location.endsWith(to)) {
            throw new IllegalStateException(
                    "login: expected a redirect to " + to + ", got " + response.statusCode() + " " + location);
        }
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        return m.group(1);
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, String url, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The load generator: {@code wrk} when it is on the PATH (Debian's package; a C load tool costs
     * the shared cores far less than 20 Java HTTP clients in the portal's JVM), else the Java clients.
     * {@code -Dbench.load=java} forces the Java clients.
     */
    static final String LOAD = System.getProperty("bench.load", onPath("wrk") ? "wrk" : "java");

    /** {@code -Dbench.only=invoice,executions}: only the pages whose names start so. */
    static final String ONLY = System.getProperty("bench.only", "");

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** Whether {@code bench.only} is unset or names a prefix of this page's name. */
    static boolean selected(String name) {
        return ONLY.isBlank() || Arrays.stream(ONLY.split(",")).anyMatch(p -> name.startsWith(p.strip()));
    }

    /** One client per session, closed loop: 10 s of warm-up, then {@code seconds} measured. */
    static void run(
            String name,
            String base,
            List<Session> sessions,
            int seconds,
            String marker,
            Function<ThreadLocalRandom, String> paths)
            throws Exception {
        if (!selected(name)) {
            return;
        }
        if (LOAD.equals("wrk")) {
            wrk(name, base, sessions, seconds, marker, paths);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(sessions.size());
        try {
            long warmUntil = System.nanoTime() + 10_000_000_000L;
            long until = warmUntil + seconds * 1_000_000_000L;
            List<Future<long[]>> results = new ArrayList<>();
            for (Session session : sessions) {
                results.add(pool.submit(() -> {
                    long[] latencies = new long[1 << 16];
                    int n = 0;
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (true) {
                        long start = System.nanoTime();
                        if (start >= until) {
                            break;
                        }
                        String path = paths.apply(random);
                        HttpResponse<String> response = session.http()
                                .send(
                                        (session.bearer() == null
                                                        ? HttpRequest.newBuilder(URI.create(base + path))
                                                        : HttpRequest.newBuilder(URI.create(base + path))
                                                                .header("Authorization", "Bearer " + session.bearer()))
                                                .GET()
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - start;
                        if (response.statusCode() != 200 || !response.body().contains(marker)) {
                            throw new IllegalStateException(
                                    path + " answered " + response.statusCode() + " without the page's table");
                        }
                        if (start >= warmUntil) {
                            if (n == latencies.length) {
                                latencies = Arrays.copyOf(latencies, n * 2);
                            }
                            latencies[n++] = took;
                        }
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : results) {
                all.add(f.get());
            }
            long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            report(
                    name,
                    "",
                    sessions.size(),
                    seconds,
                    merged.length,
                    seconds,
                    percentile(merged, 50),
                    percentile(merged, 95),
                    percentile(merged, 99),
                    merged.length == 0 ? 0 : merged[merged.length - 1] / 1e6);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The same load through {@code wrk}: one connection per session, closed loop, two threads. Each
     * request takes one of 10,000 paths drawn beforehand from {@code paths} and one session's cookie
     * (or API token) at random; every answer is checked for a 200 with the page's marker, and any
     * other fails the run. 10 s of warm-up, then {@code seconds} measured; wrk's own latency
     * histogram gives the percentiles.
     */
    static void wrk(
            String name,
            String base,
            List<Session> sessions,
            int seconds,
            String marker,
            Function<ThreadLocalRandom, String> paths)
            throws Exception {
        StringBuilder lua = new StringBuilder("local paths = {\n");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10_000; i++) {
            lua.append("  ").append(luaString(paths.apply(random))).append(",\n");
        }
        lua.append("}\nlocal credentials = {\n");
        for (Session session : sessions) {
            String header = session.bearer() != null
                    ? "Authorization = " + luaString("Bearer " + session.bearer())
                    : "Cookie = " + luaString(cookies(session));
            lua.append("  {").append(header).append("},\n");
        }
        lua.append("}\nlocal marker = ").append(luaString(marker)).append("\n");
        lua.append("""
                local threads = {}
                function setup(thread)
                  table.insert(threads, thread)
                  thread:set("seed", #threads)
                end
                function init(args)
                  bad = 0
                  math.randomseed(os.time() * 31 + seed)
                end
                function request()
                  local h = {}
                  for k, v in pairs(credentials[math.random(#credentials)]) do h[k] = v end
                  return wrk.format("GET", paths[math.random(#paths)], h)
                end
                function response(status, headers, body)
                  if status ~= 200 or not string.find(body, marker, 1, true) then
                    bad = bad + 1
                  end
                end
                function done(summary, latency, requests)
                  local b = 0
                  for _, t in ipairs(threads) do b = b + t:get("bad") end
                  local e = summary.errors
                  io.write(string.format("RESULT %d %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
                    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, b,
                    e.connect + e.read + e.write + e.timeout))
                end
                """);
        Path script = Files.createTempFile("portal-bench-", ".lua");
        try {
            Files.writeString(script, lua);
            wrkRun(base, sessions.size(), 10, script); // warm-up
            long[] r = wrkRun(base, sessions.size(), seconds, script);
            if (r[6] > 0 || r[7] > 0) {
                throw new IllegalStateException(name + ": " + r[6] + " answers were not a 200 with the page's table, "
                        + r[7] + " socket errors");
            }
            report(
                    name,
                    " (wrk)",
                    sessions.size(),
                    seconds,
                    r[0],
                    r[1] / 1e6,
                    r[2] / 1e3,
                    r[3] / 1e3,
                    r[4] / 1e3,
                    r[5] / 1e3);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** One page's line: its throughput and latency percentiles (milliseconds), whichever load produced them. */
    private static void report(
            String name,
            String load,
            int clients,
            int seconds,
            long requests,
            double measuredSeconds,
            double p50,
            double p95,
            double p99,
            double max) {
        System.out.printf(
                "%s, %d clients%s, %d s: %,d requests, %.0f/s; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                name, clients, load, seconds, requests, requests / measuredSeconds, p50, p95, p99, max);
    }

    private static long[] wrkRun(String base, int connections, int seconds, Path script) throws Exception {
        Process wrk = new ProcessBuilder(
                        "wrk",
                        "-t2",
                        "-c" + connections,
                        "-d" + seconds + "s",
                        "--timeout",
                        "10s",
                        "-s",
                        script.toString(),
                        base)
                .redirectErrorStream(true)
                .start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        Matcher m = Pattern.compile("RESULT ([0-9 ]+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no result: " + out);
        }
        return Arrays.stream(m.group(1).trim().split(" "))
                .mapToLong(Long::parseLong)
                .toArray();
    }

    private static String cookies(Session session) {
        CookieManager jar = (CookieManager) session.http().cookieHandler().orElseThrow();
        return String.join(
                "; ",
                jar.getCookieStore().getCookies().stream()
                        .map(c -> c.getName() + "=" + c.getValue())
                        .toList());
    }

    private static String luaString(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
