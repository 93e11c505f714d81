package com.ezscale.billing.reports.pdf;

import com.ezscale.billing.app.usage.UsageReads;
import com.ezscale.billing.document.db.CreditNoteSheet;
import com.ezscale.billing.document.db.DocumentMapper;
import com.ezscale.billing.document.db.DocumentRef;
import com.ezscale.billing.document.db.InvoiceSheet;
import com.ezscale.billing.document.db.SheetLine;
import com.ezscale.billing.document.db.StoredDocument;
import com.ezscale.billing.document.db.UsageEvidence;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.usage.UsagePeriods;
import com.ezscale.billing.usage.UsageSeries;
import jakarta.annotation.PreDestroy;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The PDFs of issued invoices and credit notes. Rendered once, from the rows frozen at issue, and
 * stored in {@code document} with their SHA-256; served from there ever after, so what a customer
 * or a tax office was given never changes (a later address change, seller change or usage prune
 * does not reach it). Two nodes rendering the same document at once store it once (unique key;
 * the render is deterministic, so both made the same bytes).
 */
@Service
public class Documents {

    public static final String INVOICE = "INVOICE";
    public static final String CREDIT_NOTE = "CREDIT_NOTE";

    private static final Logger log = LoggerFactory.getLogger(Documents.class);

    private final DocumentMapper documents;
    private final UsageReads usage;
    private final DocumentProperties properties;
    private final Clock clock;
    private final DocumentPdf pdf = new DocumentPdf();
    /** Prints PDFs (CPU only: Jasper, JFreeChart, PDFBox) while the database is read for the next ones. */
    private final ExecutorService printers;

    public Documents(DocumentMapper documents, UsageReads usage, DocumentProperties properties, Clock clock) {
        this.documents = documents;
        this.usage = usage;
        this.properties = properties;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.printers = Executors.newFixedThreadPool(Math.max(1, properties.renderThreads()), r -> {
            Thread t = new Thread(r, "pdf-printer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        printers.shutdownNow();
    }

    /** The stored PDF of the issued invoice or credit note numbered {@code number}, rendered and stored first if needed. */
    public StoredDocument pdf(String number) {
        DocumentRef ref = number == null ? null : documents.selectRef(number.strip());
        if (ref == null) {
            throw new BillingRuleViolation("no issued invoice or credit note is numbered '" + number + "'");
        }
        return stored(ref);
    }

    /** The issued invoice or credit note numbered {@code number} as it prints (what the portal shows). */
    public PrintedDocument printed(String number) {
        DocumentRef ref = number == null ? null : documents.selectRef(number.strip());
        if (ref == null) {
            throw new BillingRuleViolation("no issued invoice or credit note is numbered '" + number + "'");
        }
        return layout(ref);
    }

    /** The stored document of {@code ref}, rendered and stored first if there is none. */
    public StoredDocument stored(DocumentRef ref) {
        StoredDocument stored = documents.selectStored(ref.kind(), ref.sourceId());
        if (stored != null) {
            return stored;
        }
        store(ref, render(ref));
        return documents.selectStored(ref.kind(), ref.sourceId());
    }

    private void store(DocumentRef ref, byte[] bytes) {
        documents.insertIgnore(new StoredDocument(
                ref.kind(),
                ref.sourceId(),
                ref.number(),
                DocumentPdf.CONTENT_TYPE,
                sha256(bytes),
                bytes.length,
                bytes,
                clock.instant()));
    }

    /** Renders {@code ref} from its rows, storing nothing. */
    public byte[] render(DocumentRef ref) {
        return pdf.render(layout(ref));
    }

    /** What {@code ref} prints, read from its rows (the reading half of a render; the printing half needs no database). */
    PrintedDocument layout(DocumentRef ref) {
        if (INVOICE.equals(ref.kind())) {
            InvoiceSheet invoice = documents.selectInvoiceSheet(ref.sourceId());
            List<SheetLine> lines = documents.selectInvoiceLines(ref.sourceId());
            List<UsageEvidence> evidence = documents.selectEvidence(ref.sourceId());
            Map<Long, UsageChart> charts = new HashMap<>();
            lines.stream()
                    .filter(l -> "USAGE_COMMIT".equals(l.chargeKind()) && l.ratedUsageId() != null)
                    .forEach(l -> evidence.stream()
                            .filter(e -> e.id() == l.ratedUsageId())
                            .findFirst()
                            .ifPresent(e -> charts.put(e.id(), chart(e))));
            return DocumentLayout.invoice(
                    invoice,
                    lines,
                    documents.selectInvoiceTaxes(ref.sourceId()),
                    evidence,
                    charts,
                    properties.paymentInstructions());
        }
        CreditNoteSheet note = documents.selectCreditNoteSheet(ref.sourceId());
        return DocumentLayout.creditNote(
                note, documents.selectCreditNoteLines(ref.sourceId()), documents.selectCreditNoteTaxes(ref.sourceId()));
    }

    /**
     * Renders and stores up to {@code limit} invoices and credit notes issued from {@code from} to
     * {@code to} that have no stored document yet, after {@code after} in (kind, id) order (null:
     * from the start). A document that fails to render is logged, counted and left for the next
     * night or the {@code pdf} command: one bad document never stops the others. A rerun finds
     * nothing left and writes nothing.
     */
    public Page renderIssued(LocalDate from, LocalDate to, DocumentRef after, int limit) {
        List<DocumentRef> refs = documents.selectUnrendered(
                from, to, after == null ? "" : after.kind(), after == null ? 0 : after.sourceId(), limit);
        // read in this thread (the caller's transaction), print on the printing threads, store in this thread
        List<Future<byte[]>> printed = new ArrayList<>(refs.size());
        for (DocumentRef ref : refs) {
            try {
                PrintedDocument layout = layout(ref);
                printed.add(printers.submit(() -> pdf.render(layout)));
            } catch (RuntimeException e) {
                printed.add(CompletableFuture.failedFuture(e));
            }
        }
        int rendered = 0;
        int failed = 0;
        for (int i = 0; i < refs.size(); i++) {
            DocumentRef ref = refs.get(i);
            try {
                byte[] bytes = printed.get(i).get();
                store(ref, bytes);
                rendered++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while rendering " + ref.number(), e);
            } catch (ExecutionException | RuntimeException e) {
                failed++;
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                log.error("could not render {} {}: {}", ref.kind(), ref.number(), cause.toString(), cause);
            }
        }
        return new Page(rendered, failed, refs.isEmpty() ? after : refs.get(refs.size() - 1), refs.size() < limit);
    }

    /** One call of {@link #renderIssued}: what it rendered and failed, where the next call starts, whether it was the last. */
    public record Page(int rendered, int failed, DocumentRef last, boolean done) {}

    private UsageChart chart(UsageEvidence e) {
        long first = UsagePeriods.bucket(e.periodStart());
        long end = UsagePeriods.bucket(e.periodEndExclusive());
        UsageSeries series = usage.series(e.subscriptionId(), first, end);
        double[] in = new double[series.length()];
        double[] out = new double[series.length()];
        for (int i = 0; i < in.length; i++) {
            in[i] = DocumentLayout.mbps(series.bytesIn()[i])
                    .doubleValue(); // drawing only: the amounts come from the rating
            out[i] = DocumentLayout.mbps(series.bytesOut()[i]).doubleValue();
        }
        String label = switch (e.directionMode()) {
            case "SUM_OF_IN_AND_OUT" -> "95th percentile of in + out";
            case "IN_ONLY" -> "95th percentile in";
            case "OUT_ONLY" -> "95th percentile out";
            default -> "95th percentile (higher of in and out)";
        };
        return new UsageChart(e.periodStart(), in, out, e.billedMbps(), e.commitMbps(), label);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
