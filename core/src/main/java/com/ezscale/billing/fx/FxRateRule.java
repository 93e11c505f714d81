package com.ezscale.billing.fx;

import com.ezscale.billing.money.MoneyRounding;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;

/**
 * Which stored rate converts an amount of one day: the rate of that day, else the latest of the
 * {@value #LOOKBACK_DAYS} days before (rates are published on business days, not at weekends or
 * on holidays), never a later one. A rate stored the other way round (EUR→USD to convert USD to
 * EUR) serves as its inverse, rounded to {@value #INVERSE_SCALE} decimals; on the same day, the
 * rate stored in the direction asked wins. Nothing within the window: no rate, and the report
 * that needs it is refused.
 */
public final class FxRateRule {

    public static final int LOOKBACK_DAYS = 7;
    public static final int INVERSE_SCALE = 10;

    private FxRateRule() {}

    /** The rate used to convert {@code from} into {@code to} for {@code day}: 1 from = rate to. */
    public record Quote(
            String from,
            String to,
            LocalDate requested,
            LocalDate dated,
            BigDecimal rate,
            String source,
            boolean inverse) {}

    public static Optional<Quote> pick(Collection<FxRate> rates, String from, String to, LocalDate day) {
        LocalDate earliest = day.minusDays(LOOKBACK_DAYS);
        FxRate best = null;
        boolean bestInverse = false;
        for (FxRate r : rates) {
            boolean direct = r.base().equals(from) && r.quote().equals(to);
            boolean inverse = r.base().equals(to) && r.quote().equals(from);
            if ((!direct && !inverse) || r.day().isAfter(day) || r.day().isBefore(earliest)) {
                continue;
            }
            boolean better = best == null
                    || r.day().isAfter(best.day())
                    || (r.day().equals(best.day()) && direct && bestInverse);
            if (better) {
                best = r;
                bestInverse = inverse;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        BigDecimal rate =
                bestInverse ? BigDecimal.ONE.divide(best.rate(), INVERSE_SCALE, MoneyRounding.MODE) : best.rate();
        return Optional.of(new Quote(from, to, day, best.day(), rate, best.source(), bestInverse));
    }
}
