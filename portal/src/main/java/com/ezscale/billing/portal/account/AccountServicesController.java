package com.ezscale.billing.portal.account;

import com.ezscale.billing.account.db.AccountMapper;
import com.ezscale.billing.account.db.AccountService;
import com.ezscale.billing.app.usage.UsageStatements;
import com.ezscale.billing.portal.security.CustomerPrincipal;
import com.ezscale.billing.usage.Percentile95;
import com.ezscale.billing.usage.TransferQuota;
import com.ezscale.billing.usage.UsageSeries;
import com.ezscale.billing.usage.db.RatingMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The customer's services, and the usage of a metered one for a month: the 95th percentile with
 * its rank bucket and the commit, drawn on the month's 5-minute rate with the dropped top 5 %
 * marked; the daily transfer against the quota; the threshold events; the statement as CSV (the
 * {@code usage} command's). All computed by {@link UsageStatements}, the same rules as the bill.
 */
@Controller
public class AccountServicesController {

    private final AccountMapper account;
    private final UsageStatements statements;
    private final RatingMapper ratings;
    private final Clock clock;

    public AccountServicesController(
            AccountMapper account, UsageStatements statements, RatingMapper ratings, Clock clock) {
        this.account = account;
        this.statements = statements;
        this.ratings = ratings;
        this.clock = clock;
    }

    @GetMapping("/account/services")
    public String services(@AuthenticationPrincipal CustomerPrincipal me, Model model) {
        model.addAttribute("services", account.selectServices(me.customerId(), clock.instant()));
        return "account/services";
    }

    @GetMapping("/account/services/{id}/usage")
    public String usage(
            @AuthenticationPrincipal CustomerPrincipal me,
            @PathVariable long id,
            @RequestParam(required = false) String period,
            Model model) {
        AccountService service = metered(me, id);
        YearMonth month = month(period);
        UsageStatements.Statement st = statements.statement(id, month);
        model.addAttribute("service", service);
        model.addAttribute("period", month);
        model.addAttribute("previous", month.minusMonths(1));
        model.addAttribute("next", month.plusMonths(1).isAfter(thisMonth()) ? null : month.plusMonths(1));
        model.addAttribute("st", st);
        model.addAttribute("p", st.rating().percentile());
        model.addAttribute("rankBucket", st.series().firstBucket() + bucketIndex(st));
        model.addAttribute(
                "events",
                ratings.selectThresholdEvents(id).stream()
                        .filter(e -> e.periodStart().equals(month.atDay(1)))
                        .toList());
        return "account/usage";
    }

    /** What the usage page draws. */
    public record UsageChart(
            long firstBucketEpochSecond,
            int bucketSeconds,
            List<BigDecimal> mbpsIn,
            List<BigDecimal> mbpsOut,
            List<Integer> droppedIn,
            List<Integer> droppedOut,
            String mode,
            BigDecimal p95InMbps,
            BigDecimal p95OutMbps,
            BigDecimal billedMbps,
            BigDecimal commitMbps,
            List<String> days,
            List<BigDecimal> dailyUnits,
            String quotaUnit,
            BigDecimal quotaUnits) {}

    @GetMapping("/account/services/{id}/usage.json")
    @ResponseBody
    public UsageChart chart(
            @AuthenticationPrincipal CustomerPrincipal me,
            @PathVariable long id,
            @RequestParam(required = false) String period) {
        metered(me, id);
        UsageStatements.Statement st = statements.statement(id, month(period));
        UsageSeries series = st.series();
        List<BigDecimal> in = new ArrayList<>(series.length());
        List<BigDecimal> out = new ArrayList<>(series.length());
        for (int i = 0; i < series.length(); i++) {
            in.add(Percentile95.mbps(series.bytesIn()[i]));
            out.add(Percentile95.mbps(series.bytesOut()[i]));
        }
        Percentile95.Result p = st.rating().percentile();
        TransferQuota quota = st.terms().quota();
        TransferQuota.Unit unit = quota == null ? TransferQuota.Unit.GB : quota.unit();
        BigDecimal perUnit = BigDecimal.valueOf(unit.bytes());
        List<String> days = new ArrayList<>();
        List<BigDecimal> daily = new ArrayList<>();
        long[][] totals = st.daily();
        for (int d = 0; d < totals.length; d++) {
            days.add(st.activeStart().plusDays(d).toString());
            long bytes = quota == null
                    ? totals[d][0] + totals[d][1]
                    : switch (quota.counted()) {
                        case IN_ONLY -> totals[d][0];
                        case OUT_ONLY -> totals[d][1];
                        case IN_AND_OUT -> totals[d][0] + totals[d][1];
                    };
            daily.add(BigDecimal.valueOf(bytes).divide(perUnit, 3, RoundingMode.HALF_UP));
        }
        return new UsageChart(
                series.firstBucket() * 300,
                300,
                in,
                out,
                indexes(Percentile95.dropped(series.bytesIn())),
                indexes(Percentile95.dropped(series.bytesOut())),
                p.mode().name(),
                p.p95InMbps(),
                p.p95OutMbps(),
                p.billedMbps(),
                st.terms().commitMbps(),
                days,
                daily,
                unit.name(),
                st.rating().transfer() == null ? null : st.rating().transfer().includedUnits());
    }

    @GetMapping("/account/services/{id}/usage.csv")
    public void csv(
            @AuthenticationPrincipal CustomerPrincipal me,
            @PathVariable long id,
            @RequestParam(required = false) String period,
            HttpServletResponse response)
            throws IOException {
        metered(me, id);
        YearMonth month = month(period);
        UsageStatements.Statement st = statements.statement(id, month);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"usage-" + id + "-" + month + ".csv\"");
        Writer out = new java.io.OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        st.writeCsv(out);
        out.flush();
    }

    private int bucketIndex(UsageStatements.Statement st) {
        Percentile95.Result p = st.rating().percentile();
        long bucket = p.mode() == com.ezscale.billing.usage.DirectionMode.OUT_ONLY
                ? p.p95OutBucket()
                : p.p95InBytes() >= p.p95OutBytes() ? p.p95InBucket() : p.p95OutBucket();
        return (int) Math.max(0, bucket - st.series().firstBucket());
    }

    private static List<Integer> indexes(boolean[] flags) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                list.add(i);
            }
        }
        return list;
    }

    private AccountService metered(CustomerPrincipal me, long id) {
        AccountService service = account.selectService(me.customerId(), id, clock.instant());
        if (service == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "You have no service " + id + ".");
        }
        if (!service.metered()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Service " + id + " has no metered usage.");
        }
        return service;
    }

    private YearMonth thisMonth() {
        return YearMonth.from(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** The month asked for (YYYY-MM), by default last month (the one last invoiced). */
    private YearMonth month(String period) {
        if (period == null || period.isBlank()) {
            return thisMonth().minusMonths(1);
        }
        try {
            YearMonth month = YearMonth.parse(period.strip());
            if (month.isAfter(thisMonth())) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "period: " + month + " has not begun");
            }
            return month;
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "period: a month as YYYY-MM, not '" + period + "'");
        }
    }
}
