package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.credit.CreditApplication;
import com.ezscale.billing.credit.db.CreditBalance;
import com.ezscale.billing.credit.db.CreditLedgerMapper;
import com.ezscale.billing.credit.db.LedgerEntryRow;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.invoice.InvoiceStatus;
import com.ezscale.billing.invoice.NumberSeriesFormat;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.IssueSettlement;
import com.ezscale.billing.invoice.db.SellerEntity;
import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.ibatis.session.SqlSession;

/**
 * What issuing takes, for the issue step (drafts left by generation) and the generate step (each chunk's
 * drafts, issued in the chunk's transaction once written): a seller's year series locked until the
 * transaction ends, the drafts numbered from it in turn and issued by one statement, and the settlement of
 * just-issued invoices with account credit. All of it in the caller's
 * transaction, so a rollback returns the numbers with everything else and the series stays gapless.
 */
final class Issuance {

    private final InvoiceMapper invoices;
    private final CreditLedgerMapper ledger;
    private final CustomerMapper customers;
    private final Map<Long, SellerEntity> sellers;
    private final LocalDate issueDate;
    private final SqlSession session;

    /** {@code session} is the chunk's (batching) session. */
    Issuance(SqlSession session, List<SellerEntity> sellers, LocalDate issueDate) {
        this.session = session;
        this.invoices = session.getMapper(InvoiceMapper.class);
        this.ledger = session.getMapper(CreditLedgerMapper.class);
        this.customers = session.getMapper(CustomerMapper.class);
        this.sellers = sellers.stream().collect(Collectors.toMap(SellerEntity::id, Function.identity()));
        this.issueDate = issueDate;
    }

    /** A seller's series of the issue year, locked: numbers are taken from it in turn, then {@link #store}d. */
    private final class Series {
        private final String key;
        private final NumberSeriesFormat format;
        private final int year;
        private final long first;
        private long last;

        private Series(String key, NumberSeriesFormat format, int year, long last) {
            this.key = key;
            this.format = format;
            this.year = year;
            this.first = last;
            this.last = last;
        }

        String key() {
            return key;
        }

        /** Takes the next value for a draft: its place in the series and its number. */
        InvoiceMapper.IssueNumber next(long invoiceId) {
            last++;
            return new InvoiceMapper.IssueNumber(invoiceId, last, format.format(year, last));
        }

        /** Writes the series' new last value, if any number was taken. */
        void store() {
            if (last != first) {
                invoices.updateSeries(key, last);
            }
        }
    }

    /**
     * Issues drafts of the sellers their lists are under (sellers in id order, each list in its order): each
     * seller's series locked until the transaction ends, the drafts numbered in turn and issued by one statement
     * (number, dates, the customer's and seller's snapshot), the series' new last value stored. With {@code
     * lockDrafts} the drafts are locked first and only those still drafts are issued (another node may have issued
     * some); without, they must all be drafts this transaction has just written, and a draft the statement does
     * not issue fails the chunk (its number would be a gap). Returns the issued ids.
     */
    List<Long> issue(Map<Long, List<Long>> idsBySeller, boolean lockDrafts, Instant now) {
        List<Long> issued = new ArrayList<>();
        new TreeMap<>(idsBySeller).forEach((sellerId, ids) -> {
            if (ids.isEmpty()) {
                return;
            }
            Series series = lock(sellerId, "invoice " + ids.get(0));
            List<InvoiceMapper.IssueNumber> numbers = new ArrayList<>();
            for (long id : lockDrafts ? invoices.lockDrafts(ids) : ids) {
                numbers.add(series.next(id));
            }
            if (numbers.isEmpty()) {
                return;
            }
            invoices.issueNumbered(series.key(), numbers, issueDate, now);
            if (!lockDrafts) {
                // sent now, to count them: a draft not issued would leave its number unused, a gap
                int[] counts = session.flushStatements().stream()
                        .flatMapToInt(r -> IntStream.of(r.getUpdateCounts()))
                        .toArray();
                int sum = IntStream.of(counts).sum();
                if (IntStream.of(counts).allMatch(c -> c >= 0) && sum != numbers.size()) {
                    throw new IllegalStateException("issued " + sum + " of the " + numbers.size()
                            + " drafts just written for seller " + sellerId + "; none is issued");
                }
            }
            series.store();
            numbers.forEach(n -> issued.add(n.id()));
        });
        return issued;
    }

    /** Locks {@code sellerId}'s series of the issue year (created at 0 the first time) until the transaction ends. */
    private Series lock(long sellerId, Object forWhat) {
        SellerEntity seller = sellers.get(sellerId);
        if (seller == null) {
            throw new IllegalStateException(forWhat + " names seller " + sellerId + ", which does not exist");
        }
        NumberSeriesFormat format = new NumberSeriesFormat(seller.invoiceSeries());
        int year = issueDate.getYear();
        String key = format.seriesKey(year);
        invoices.insertSeriesIfAbsent(key);
        return new Series(key, format, year, invoices.lockSeries(key));
    }

    /**
     * Carries negative invoices to credit and applies each customer's credit balance to the invoices just
     * issued, in the issue transaction. The batching session's statements must have been flushed: the
     * invoices' lines are read.
     */
    void settleWithCredit(List<Long> issued, Instant now) {
        if (issued.isEmpty()) {
            return;
        }
        List<IssueSettlement> settlements = invoices.selectIssueSettlements(issued);
        List<Long> customerIds =
                settlements.stream().map(IssueSettlement::customerId).distinct().toList();
        Map<String, BigDecimal> balances = new HashMap<>();
        List<Long> withCredit = new ArrayList<>();
        for (CreditBalance b : ledger.selectCreditBalances(customerIds)) {
            if (b.balance().signum() > 0) {
                withCredit.add(b.customerId());
            }
        }
        settlements.stream().filter(s -> s.carried().signum() > 0).forEach(s -> withCredit.add(s.customerId()));
        if (!withCredit.isEmpty()) {
            customers.lockCustomers(withCredit.stream().distinct().sorted().toList());
            for (CreditBalance b :
                    ledger.selectCreditBalances(withCredit.stream().distinct().toList())) {
                balances.put(b.customerId() + "/" + b.currency().getCurrencyCode(), b.balance());
            }
        }
        // gathered, then written statement by statement: the batching executor sends one batch per run of the same
        // statement
        List<LedgerEntryRow> entries = new ArrayList<>();
        Map<Long, CreditApplication.Outcome> settled = new LinkedHashMap<>();
        for (IssueSettlement s : settlements) {
            String key = s.customerId() + "/" + s.currency().getCurrencyCode();
            Money balance = Money.rounded(balances.getOrDefault(key, BigDecimal.ZERO), s.currency());
            CreditApplication.Outcome outcome = CreditApplication.settle(
                    Money.rounded(s.total(), s.currency()),
                    Money.rounded(s.carried(), s.currency()),
                    balance,
                    s.creditOptOut());
            if (!outcome.carried().isZero()) {
                entries.add(new LedgerEntryRow(
                        s.customerId(),
                        s.currency(),
                        outcome.carried().amount(),
                        s.fromPlanChange() ? "DOWNGRADE" : "CORRECTION",
                        "INVOICE",
                        s.id(),
                        "balance of invoice below zero",
                        "invoiceRun",
                        now));
            }
            if (!outcome.applied().isZero()) {
                entries.add(new LedgerEntryRow(
                        s.customerId(),
                        s.currency(),
                        outcome.applied().amount().negate(),
                        "APPLIED",
                        "INVOICE",
                        s.id(),
                        "applied at issue",
                        "invoiceRun",
                        now));
            }
            balances.put(
                    key,
                    balance.plus(outcome.carried()).minus(outcome.applied()).amount());
            if (outcome.status() != InvoiceStatus.ISSUED) {
                settled.put(s.id(), outcome);
            }
        }
        entries.forEach(ledger::insertLedgerEntry);
        settled.forEach((id, outcome) -> invoices.settleWithCredit(
                id,
                outcome.applied().amount(),
                outcome.status().name(),
                outcome.status() == InvoiceStatus.PAID ? now : null));
    }
}
