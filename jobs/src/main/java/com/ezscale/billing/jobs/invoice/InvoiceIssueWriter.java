package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.credit.CreditApplication;
import com.ezscale.billing.credit.db.CreditBalance;
import com.ezscale.billing.credit.db.CreditLedgerMapper;
import com.ezscale.billing.credit.db.LedgerEntryRow;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.invoice.InvoiceStatus;
import com.ezscale.billing.invoice.NumberSeriesFormat;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.IssuableInvoice;
import com.ezscale.billing.invoice.db.IssueSettlement;
import com.ezscale.billing.invoice.db.SellerEntity;
import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.time.Clock;
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
import org.apache.ibatis.session.SqlSession;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Issues a chunk of drafts: per seller, lock the year's number series row, lock the drafts that
 * are still drafts (another node may have issued some), number them in id order, take the
 * billing snapshot (one statement for the seller's drafts of the chunk), and store the series' new
 * last value, all in the chunk's transaction. A
 * rollback returns the numbers with everything else, so the series stays gapless.
 */
public class InvoiceIssueWriter implements ItemWriter<IssuableInvoice> {

    private final InvoiceMapper invoices;
    private final CreditLedgerMapper ledger;
    private final CustomerMapper customers;
    private final Map<Long, SellerEntity> sellers;
    private final LocalDate issueDate;
    private final Clock clock;
    private final SqlSession session;

    /** {@code session} is the batching session; it is flushed before the chunk commits. */
    public InvoiceIssueWriter(SqlSession session, List<SellerEntity> sellers, LocalDate issueDate, Clock clock) {
        this.session = session;
        this.invoices = session.getMapper(InvoiceMapper.class);
        this.ledger = session.getMapper(CreditLedgerMapper.class);
        this.customers = session.getMapper(CustomerMapper.class);
        this.sellers = sellers.stream().collect(Collectors.toMap(SellerEntity::id, Function.identity()));
        this.issueDate = issueDate;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends IssuableInvoice> chunk) {
        Instant now = clock.instant();
        Map<Long, List<Long>> idsBySeller = new TreeMap<>();
        for (IssuableInvoice invoice : chunk) {
            idsBySeller
                    .computeIfAbsent(invoice.sellerEntityId(), k -> new ArrayList<>())
                    .add(invoice.id());
        }
        List<Long> issued = new ArrayList<>();
        idsBySeller.forEach((sellerId, ids) -> {
            SellerEntity seller = sellers.get(sellerId);
            if (seller == null) {
                throw new IllegalStateException(
                        "invoice " + ids.get(0) + " names seller " + sellerId + ", which does not exist");
            }
            NumberSeriesFormat format = new NumberSeriesFormat(seller.invoiceSeries());
            int year = issueDate.getYear();
            String seriesKey = format.seriesKey(year);
            invoices.insertSeriesIfAbsent(seriesKey);
            long last = invoices.lockSeries(seriesKey);
            List<InvoiceMapper.IssueNumber> numbers = new ArrayList<>();
            for (long id : invoices.lockDrafts(ids)) {
                last++;
                numbers.add(new InvoiceMapper.IssueNumber(id, last, format.format(year, last)));
                issued.add(id);
            }
            if (!numbers.isEmpty()) {
                invoices.issueNumbered(seriesKey, numbers, issueDate, now);
                invoices.updateSeries(seriesKey, last);
            }
        });
        if (!issued.isEmpty()) {
            session.flushStatements();
            settleWithCredit(issued, now);
        }
        session.flushStatements();
    }

    /** Carries negative invoices to credit and applies each customer's credit balance, in the issue transaction. */
    private void settleWithCredit(List<Long> issued, Instant now) {
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
