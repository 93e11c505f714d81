package com.ezscale.billing.portal.account;

import com.ezscale.billing.account.db.AccountMapper;
import com.ezscale.billing.account.db.AccountService;
import com.ezscale.billing.app.usage.UsageStatements;
import com.ezscale.billing.portal.security.CustomerPrincipal;
import com.ezscale.billing.usage.Percentile95;
import com.ezscale.billing.usage.db.RatingMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.YearMonth;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The customer's services, and the usage of a metered one for a month: the 95th percentile with
 * its rank bucket and the commit, drawn on the month's 5-minute rate with the dropped top 5 %
 * marked; the daily transfer against the quota; the threshold events; the statement as CSV (the
 * {@code usage} command's). All computed by {@link UsageStatements}, the same rules as the bill.
 */
@Controller
public class AccountServicesController {

    private final AccountMapper account;
    private final CustomerReads reads;
    private final UsageStatements statements;
    private final UsageCharts charts;
    private final RatingMapper ratings;
    private final Clock clock;

    public AccountServicesController(
            AccountMapper account,
            CustomerReads reads,
            UsageStatements statements,
            UsageCharts charts,
            RatingMapper ratings,
            Clock clock) {
        this.account = account;
        this.reads = reads;
        this.statements = statements;
        this.charts = charts;
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
        AccountService service = reads.metered(me.customerId(), id);
        YearMonth month = reads.month(period);
        UsageStatements.Statement st = statements.statement(id, month);
        model.addAttribute("service", service);
        model.addAttribute("period", month);
        model.addAttribute("previous", month.minusMonths(1));
        model.addAttribute("next", month.plusMonths(1).isAfter(reads.thisMonth()) ? null : month.plusMonths(1));
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

    @GetMapping("/account/services/{id}/usage.json")
    @ResponseBody
    public UsageChart chart(
            @AuthenticationPrincipal CustomerPrincipal me,
            @PathVariable long id,
            @RequestParam(required = false) String period) {
        reads.metered(me.customerId(), id);
        return charts.of(id, reads.month(period));
    }

    @GetMapping("/account/services/{id}/usage.csv")
    public void csv(
            @AuthenticationPrincipal CustomerPrincipal me,
            @PathVariable long id,
            @RequestParam(required = false) String period,
            HttpServletResponse response)
            throws IOException {
        reads.metered(me.customerId(), id);
        charts.csv(id, reads.month(period), response);
    }

    private int bucketIndex(UsageStatements.Statement st) {
        Percentile95.Result p = st.rating().percentile();
        long bucket = p.mode() == com.ezscale.billing.usage.DirectionMode.OUT_ONLY
                ? p.p95OutBucket()
                : p.p95InBytes() >= p.p95OutBytes() ? p.p95InBucket() : p.p95OutBucket();
        return (int) Math.max(0, bucket - st.series().firstBucket());
    }
}
