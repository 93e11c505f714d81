package com.ezscale.billing.app.fx;

import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.fx.FxRate;
import com.ezscale.billing.fx.FxRateRule;
import com.ezscale.billing.fx.db.FxRateMapper;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The exchange rates the converting reports use: loaded from a CSV file or entered one by one,
 * each change audited. A file is loaded whole or not at all: its first bad row is named (line and
 * field) and nothing is written. A rate already stored for a pair and day is left as it is when
 * the file says the same, and only replaced with {@code replace} (a report run before and after
 * would otherwise differ without anyone having decided it).
 */
@Service
public class FxRates {

    /** Columns of a rates file; {@code source} is optional (e.g. ECB). */
    public static final String[] HEADER = {"date", "base", "quote", "rate"};

    private final FxRateMapper rates;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public FxRates(FxRateMapper rates, AuditMapper audit, PlatformTransactionManager transactionManager, Clock clock) {
        this.rates = rates;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** What a load or an entry did. */
    public record Loaded(int added, int replaced, int unchanged, LocalDate first, LocalDate last) {
        public String text() {
            return added + " added, " + replaced + " replaced, " + unchanged + " unchanged"
                    + (first == null ? "" : " (" + first + " to " + last + ")");
        }
    }

    /** Loads a rates file (header {@code date,base,quote,rate[,source]}); {@code name} is what the audit says was loaded. */
    public Loaded load(Reader csv, String name, boolean replace, String actor) {
        List<FxRate> parsed = parse(csv);
        return tx.execute(status -> {
            Loaded loaded = store(parsed, replace);
            audit.insert(
                    clock.instant(), actor, "fx.load", "fx " + name, loaded.text() + (replace ? ", --replace" : ""));
            return loaded;
        });
    }

    /** Enters one rate (1 base = rate quote on day). */
    public Loaded set(
            String base, String quote, LocalDate day, BigDecimal rate, String source, boolean replace, String actor) {
        FxRate r = checked(base, quote, day, rate, source, "");
        return tx.execute(status -> {
            Loaded loaded = store(List.of(r), replace);
            audit.insert(
                    clock.instant(),
                    actor,
                    "fx.set",
                    "fx " + r.base() + "/" + r.quote() + " " + r.day(),
                    r.rate().toPlainString() + " (" + loaded.text() + ")");
            return loaded;
        });
    }

    /** Stored rates between two days (both included), of pairs with {@code currency} on either side (all when null). */
    public List<FxRate> list(String currency, LocalDate from, LocalDate to) {
        return rates.selectRates(
                currency == null ? null : Money.currency(currency).getCurrencyCode(), from, to);
    }

    /**
     * The rates to convert into {@code target} amounts dated {@code from} to {@code to}: what a
     * report needs loaded at once, then picked by {@link FxRateRule} per amount.
     */
    public Conversion conversion(String target, LocalDate from, LocalDate to) {
        String code = Money.currency(target).getCurrencyCode();
        return new Conversion(code, rates.selectRates(code, from.minusDays(FxRateRule.LOOKBACK_DAYS), to));
    }

    /** Rates loaded for one report; {@link #quote} picks one per currency and day. */
    public record Conversion(String target, List<FxRate> rates) {

        /** The rate converting {@code from} amounts of {@code day} into the target; refused, naming it, when none is stored. */
        public FxRateRule.Quote quote(String from, LocalDate day) {
            return FxRateRule.pick(rates, from, target, day)
                    .orElseThrow(() -> new BillingRuleViolation("no exchange rate " + from + "/" + target + " for "
                            + day
                            + " (nor in the " + FxRateRule.LOOKBACK_DAYS + " days before): load one with `fx load FILE`"
                            + " or `fx set " + target + " " + from + " --date " + day + " --rate R`"));
        }
    }

    private Loaded store(List<FxRate> parsed, boolean replace) {
        int added = 0;
        int replaced = 0;
        int unchanged = 0;
        LocalDate first = null;
        LocalDate last = null;
        for (FxRate r : parsed) {
            FxRate stored = rates.selectRate(r.base(), r.quote(), r.day());
            if (stored == null) {
                rates.insertRate(r, clock.instant());
                added++;
            } else if (stored.rate().compareTo(r.rate()) == 0) {
                unchanged++;
            } else if (replace) {
                rates.updateRate(r, clock.instant());
                replaced++;
            } else {
                throw new BillingRuleViolation(
                        "the rate " + r.base() + "/" + r.quote() + " of " + r.day() + " is stored as "
                                + stored.rate().stripTrailingZeros().toPlainString() + ", not "
                                + r.rate().stripTrailingZeros().toPlainString()
                                + "; nothing was written (--replace changes stored rates)");
            }
            first = first == null || r.day().isBefore(first) ? r.day() : first;
            last = last == null || r.day().isAfter(last) ? r.day() : last;
        }
        return new Loaded(added, replaced, unchanged, first, last);
    }

    private static List<FxRate> parse(Reader csv) {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .get();
        List<FxRate> parsed = new ArrayList<>();
        Map<String, FxRate> seen = new HashMap<>();
        try (CSVParser parser = format.parse(csv)) {
            List<String> header = parser.getHeaderNames().stream()
                    .map(h -> h.toLowerCase(Locale.ROOT))
                    .toList();
            for (String column : HEADER) {
                if (!header.contains(column)) {
                    throw new BillingRuleViolation("the rates file has no '" + column + "' column; its header must be "
                            + String.join(",", HEADER) + "[,source]");
                }
            }
            for (CSVRecord record : parser) {
                String where = "line " + parser.getCurrentLineNumber() + ": ";
                LocalDate day;
                BigDecimal rate;
                try {
                    day = LocalDate.parse(field(record, parser, "date"));
                } catch (DateTimeParseException e) {
                    throw new BillingRuleViolation(
                            where + "date '" + field(record, parser, "date") + "' is not a YYYY-MM-DD day");
                }
                try {
                    rate = new BigDecimal(field(record, parser, "rate"));
                } catch (NumberFormatException e) {
                    throw new BillingRuleViolation(
                            where + "rate '" + field(record, parser, "rate") + "' is not a number");
                }
                String source = header.contains("source") ? field(record, parser, "source") : "";
                FxRate r = checked(
                        field(record, parser, "base"), field(record, parser, "quote"), day, rate, source, where);
                FxRate before = seen.put(r.base() + r.quote() + r.day(), r);
                if (before != null && before.rate().compareTo(r.rate()) != 0) {
                    throw new BillingRuleViolation(where + r.base() + "/" + r.quote() + " of " + r.day()
                            + " appears twice with different rates");
                }
                parsed.add(r);
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new BillingRuleViolation("the rates file cannot be read as CSV: " + e.getMessage());
        }
        if (parsed.isEmpty()) {
            throw new BillingRuleViolation("the rates file has no rate in it");
        }
        return parsed;
    }

    private static String field(CSVRecord record, CSVParser parser, String name) {
        for (Map.Entry<String, Integer> e : parser.getHeaderMap().entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue() < record.size() ? record.get(e.getValue()) : "";
            }
        }
        return "";
    }

    private static FxRate checked(
            String base, String quote, LocalDate day, BigDecimal rate, String source, String where) {
        String b;
        String q;
        try {
            b = Money.currency(base == null ? null : base.strip().toUpperCase(Locale.ROOT))
                    .getCurrencyCode();
            q = Money.currency(quote == null ? null : quote.strip().toUpperCase(Locale.ROOT))
                    .getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw new BillingRuleViolation(where + e.getMessage());
        }
        if (b.equals(q)) {
            throw new BillingRuleViolation(where + "base and quote are both " + b);
        }
        if (day == null) {
            throw new BillingRuleViolation(where + "a rate needs its day");
        }
        if (rate == null || rate.signum() <= 0) {
            throw new BillingRuleViolation(where + "rate " + (rate == null ? "(none)" : rate.toPlainString()) + " of "
                    + b + "/" + q + " must be above 0");
        }
        if (rate.stripTrailingZeros().scale() > 10 || rate.precision() - rate.scale() > 14) {
            throw new BillingRuleViolation(
                    where + "rate " + rate.toPlainString() + " has more than 10 decimals or 14 integer digits");
        }
        String s = source == null ? "" : source.strip();
        if (s.length() > 64) {
            throw new BillingRuleViolation(where + "the source is " + s.length() + " characters long; at most 64");
        }
        return new FxRate(b, q, day, rate, s);
    }
}
