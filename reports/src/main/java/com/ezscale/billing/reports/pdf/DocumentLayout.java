package com.ezscale.billing.reports.pdf;

import com.ezscale.billing.document.db.CreditNoteSheet;
import com.ezscale.billing.document.db.CreditNoteSheetLine;
import com.ezscale.billing.document.db.InvoiceSheet;
import com.ezscale.billing.document.db.SheetLine;
import com.ezscale.billing.document.db.SheetTax;
import com.ezscale.billing.document.db.UsageEvidence;
import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What an issued invoice or credit note prints, from its stored rows alone: the seller and buyer
 * from the snapshots frozen at issue, the lines with each discount under the line it discounts
 * and each usage line's evidence under it, tax per rate, totals, credit applied, paid and still
 * due, the reverse-charge note and the payment instructions. Pure: the same rows give the same page.
 */
public final class DocumentLayout {

    private static final Map<String, String> SYMBOLS =
            Map.of("USD", "$", "EUR", "€", "GBP", "£", "JPY", "¥", "CAD", "CA$", "AUD", "A$", "CHF", "CHF ");

    private DocumentLayout() {}

    /**
     * @param charts the 5-minute series of each 95th-percentile line's rating, by rating id (absent: no chart)
     * @param paymentInstructions how to pay, printed under the totals ({@code {number}} is replaced)
     */
    public static PrintedDocument invoice(
            InvoiceSheet invoice,
            List<SheetLine> lines,
            List<SheetTax> taxes,
            List<UsageEvidence> evidence,
            Map<Long, UsageChart> charts,
            String paymentInstructions) {
        Currency currency = Money.currency(invoice.currency());
        Map<Long, UsageEvidence> byId = evidence.stream().collect(Collectors.toMap(UsageEvidence::id, e -> e));
        List<PrintedDocument.Row> rows = new ArrayList<>();
        for (SheetLine line : ordered(lines)) {
            boolean discount = line.discountedLineNo() != null;
            UsageEvidence e = line.ratedUsageId() == null ? null : byId.get(line.ratedUsageId());
            rows.add(new PrintedDocument.Row(
                    (discount ? "   ↳ " : "") + line.description(),
                    period(line),
                    discount ? "" : quantity(line.quantity()),
                    discount ? "" : unitPrice(line.unitPrice(), currency),
                    amount(line.amount(), currency),
                    e == null ? null : evidence(e, line.chargeKind()),
                    e == null || !"USAGE_COMMIT".equals(line.chargeKind()) ? null : charts.get(e.id())));
        }
        List<String[]> totals = new ArrayList<>();
        totals.add(new String[] {
            invoice.pricesIncludeTax() ? "Subtotal (tax included)" : "Subtotal", amount(invoice.subtotal(), currency)
        });
        for (SheetTax t : taxes) {
            totals.add(new String[] {taxLabel(t, currency), amount(t.taxAmount(), currency)});
        }
        if (taxes.isEmpty() && "REVERSE_CHARGE".equals(invoice.taxMode())) {
            totals.add(new String[] {"VAT 0% (reverse charge)", amount(BigDecimal.ZERO, currency)});
        }
        totals.add(new String[] {"Total", money(invoice.total(), currency)});
        BigDecimal credit = nz(invoice.creditApplied());
        BigDecimal paid = nz(invoice.paidAtIssue());
        if (credit.signum() != 0) {
            totals.add(new String[] {"Account credit applied", amount(credit.negate(), currency)});
        }
        if (paid.signum() != 0) {
            totals.add(new String[] {"Paid", amount(paid.negate(), currency)});
        }
        BigDecimal due = invoice.total().subtract(credit).subtract(paid).max(BigDecimal.ZERO);
        List<String> notes = new ArrayList<>();
        if (invoice.taxNote() != null && !invoice.taxNote().isBlank()) {
            notes.add(invoice.taxNote());
        } else if ("REVERSE_CHARGE".equals(invoice.taxMode())) {
            notes.add(
                    "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC).");
        }
        if (due.signum() > 0 && paymentInstructions != null && !paymentInstructions.isBlank()) {
            notes.add(paymentInstructions.replace("{number}", invoice.number()));
        }
        return new PrintedDocument(
                "INVOICE",
                invoice.number(),
                invoice.issuedAt(),
                sellerName(invoice.sellerSnapshot()),
                sellerDetails(invoice.sellerSnapshot()),
                List.of(
                        new String[] {"Number", invoice.number()},
                        new String[] {"Issue date", String.valueOf(invoice.issueDate())},
                        new String[] {"Due date", String.valueOf(invoice.dueDate())},
                        new String[] {"Currency", invoice.currency()}),
                buyerName(invoice.billToName(), invoice.billToCompany()),
                buyerDetails(
                        invoice.billToName(),
                        invoice.billToCompany(),
                        invoice.billToAddress(),
                        invoice.billToRegion(),
                        invoice.billToCountry(),
                        invoice.billToEmail(),
                        invoice.billToVatNumber()),
                rows,
                totals,
                due.signum() > 0 ? "Amount due by " + invoice.dueDate() : "Amount due",
                money(due, currency),
                String.join("\n", notes));
    }

    public static PrintedDocument creditNote(
            CreditNoteSheet note, List<CreditNoteSheetLine> lines, List<SheetTax> taxes) {
        Currency currency = Money.currency(note.currency());
        List<PrintedDocument.Row> rows = lines.stream()
                .map(l ->
                        new PrintedDocument.Row(l.description(), "", "", "", amount(l.amount(), currency), null, null))
                .toList();
        List<String[]> totals = new ArrayList<>();
        totals.add(new String[] {"Subtotal", amount(note.subtotal(), currency)});
        for (SheetTax t : taxes) {
            totals.add(new String[] {taxLabel(t, currency), amount(t.taxAmount(), currency)});
        }
        List<String> notes = new ArrayList<>();
        notes.add("Reason: " + note.reason());
        notes.add(
                switch (note.settlement()) {
                    case "REDUCE_BALANCE" ->
                        "Settled against invoice " + note.invoiceNumber() + ": what is owed on it is reduced by "
                                + money(note.balanceReduction(), currency) + ".";
                    case "ACCOUNT_CREDIT" ->
                        "Settled as account credit: "
                                + money(note.total().subtract(nz(note.balanceReduction())), currency)
                                + " is added to your account credit"
                                + (nz(note.balanceReduction()).signum() > 0
                                        ? ", after reducing what is owed on invoice " + note.invoiceNumber() + " by "
                                                + money(note.balanceReduction(), currency)
                                        : "")
                                + ".";
                    case "REFUND" ->
                        "Settled by refund to the original payment method"
                                + (nz(note.balanceReduction()).signum() > 0
                                        ? ", after reducing what is owed on invoice " + note.invoiceNumber() + " by "
                                                + money(note.balanceReduction(), currency)
                                        : "")
                                + ".";
                    default -> "Settlement: " + note.settlement() + ".";
                });
        return new PrintedDocument(
                "CREDIT NOTE",
                note.number(),
                note.issuedAt(),
                sellerName(note.sellerSnapshot()),
                sellerDetails(note.sellerSnapshot()),
                List.of(
                        new String[] {"Number", note.number()},
                        new String[] {"Issue date", String.valueOf(note.issueDate())},
                        new String[] {"Credits invoice", note.invoiceNumber()},
                        new String[] {"of", String.valueOf(note.invoiceIssueDate())},
                        new String[] {"Currency", note.currency()}),
                buyerName(note.billToName(), note.billToCompany()),
                buyerDetails(
                        note.billToName(),
                        note.billToCompany(),
                        note.billToAddress(),
                        note.billToRegion(),
                        note.billToCountry(),
                        note.billToEmail(),
                        note.billToVatNumber()),
                rows,
                totals,
                "Total credited",
                money(note.total(), currency),
                String.join("\n", notes));
    }

    /** Each line in number order, with the discounts of a line right under it. */
    static List<SheetLine> ordered(List<SheetLine> lines) {
        Map<Integer, List<SheetLine>> discounts = lines.stream()
                .filter(l -> l.discountedLineNo() != null)
                .collect(Collectors.groupingBy(SheetLine::discountedLineNo));
        List<SheetLine> out = new ArrayList<>(lines.size());
        for (SheetLine l : lines) {
            if (l.discountedLineNo() == null) {
                out.add(l);
                out.addAll(discounts.getOrDefault(l.lineNo(), List.of()));
            }
        }
        for (SheetLine l : lines) {
            if (l.discountedLineNo() != null && !out.contains(l)) {
                out.add(l); // a discount of a line not on this invoice: at the end, still printed
            }
        }
        return out;
    }

    /** The evidence of a usage line: what was measured, how it was ranked, what was billed. */
    static String evidence(UsageEvidence e, String chargeKind) {
        if ("USAGE_TRANSFER".equals(chargeKind)) {
            String unit = e.quotaUnit() == null ? "" : " " + e.quotaUnit();
            return "Transfer " + e.periodStart() + " to "
                    + e.periodEndExclusive().minusDays(1) + ": used "
                    + plain(e.usedUnits(), 3) + unit + " of " + plain(e.includedUnits(), 3) + unit
                    + " included; overage "
                    + plain(e.overageUnits(), 2) + unit + " (in " + bytes(e.bytesIn()) + ", out " + bytes(e.bytesOut())
                    + ").";
        }
        int dropped = e.activeBuckets() - e.rankIndex() - 1;
        String direction = switch (e.directionMode()) {
            case "SUM_OF_IN_AND_OUT" -> "in + out per bucket";
            case "IN_ONLY" -> "in only";
            case "OUT_ONLY" -> "out only";
            default -> "the higher of in and out";
        };
        StringBuilder s = new StringBuilder();
        s.append("95th percentile ")
                .append(e.periodStart())
                .append(" to ")
                .append(e.periodEndExclusive().minusDays(1))
                .append(": in ")
                .append(mbps(e.p95InBytes()))
                .append(" Mbit/s, out ")
                .append(mbps(e.p95OutBytes()))
                .append(" Mbit/s; N = ")
                .append(count(e.activeBuckets()))
                .append(" five-minute samples, rank ")
                .append(count(e.rankIndex() + 1))
                .append(" (the ")
                .append(count(Math.max(0, dropped)))
                .append(" highest dropped). Billed on ")
                .append(direction)
                .append(": ")
                .append(plain(e.billedMbps(), 2))
                .append(" Mbit/s");
        if (e.commitMbps() != null) {
            s.append("; commit ").append(plain(e.commitMbps(), 2)).append(" Mbit/s");
        }
        if (e.overageMbps() != null) {
            s.append("; overage ").append(plain(e.overageMbps(), 2)).append(" Mbit/s");
        }
        s.append(". Transfer in ")
                .append(bytes(e.bytesIn()))
                .append(", out ")
                .append(bytes(e.bytesOut()))
                .append('.');
        return s.toString();
    }

    /** A 5-minute bucket's bytes as a rate: bytes × 8 / 300 s, in Mbit/s. */
    public static BigDecimal mbps(long bucketBytes) {
        return BigDecimal.valueOf(bucketBytes)
                .multiply(BigDecimal.valueOf(8))
                .divide(BigDecimal.valueOf(300_000_000L), 2, RoundingMode.HALF_UP);
    }

    private static String period(SheetLine line) {
        if (line.periodStart() == null) {
            return "";
        }
        if (line.periodEndExclusive() == null) {
            return String.valueOf(line.periodStart());
        }
        return line.periodStart() + " – " + line.periodEndExclusive().minusDays(1);
    }

    private static String taxLabel(SheetTax t, Currency currency) {
        return t.taxName() + " " + format(t.rate(), 0, 4) + "% of " + amount(t.taxableBase(), currency);
    }

    private static String sellerName(String snapshot) {
        return snapshotLines(snapshot).stream().findFirst().orElse("");
    }

    /** The seller snapshot is legal name, address, country and (when there is one) the VAT number, a line each. */
    private static String sellerDetails(String snapshot) {
        List<String> lines = snapshotLines(snapshot);
        List<String> details = new ArrayList<>(lines.subList(Math.min(1, lines.size()), lines.size()));
        if (details.size() >= 3) {
            details.set(2, "VAT " + details.get(2));
        }
        return String.join("\n", details);
    }

    private static List<String> snapshotLines(String snapshot) {
        return snapshot == null ? List.of() : List.of(snapshot.split("\n"));
    }

    private static String buyerName(String name, String company) {
        return company != null && !company.isBlank() ? company : Objects.toString(name, "");
    }

    private static String buyerDetails(
            String name, String company, String address, String region, String country, String email, String vat) {
        List<String> out = new ArrayList<>();
        if (company != null && !company.isBlank() && name != null) {
            out.add(name);
        }
        if (address != null && !address.isBlank()) {
            out.add(address);
        }
        String place = java.util.stream.Stream.of(region, country)
                .filter(s -> s != null && !s.isBlank())
                .collect(Collectors.joining(", "));
        if (!place.isEmpty()) {
            out.add(place);
        }
        if (email != null) {
            out.add(email);
        }
        if (vat != null && !vat.isBlank()) {
            out.add("VAT " + vat);
        }
        return String.join("\n", out);
    }

    /** An amount at its currency's scale, grouped: 1,234.50 (JPY: 1,235). */
    public static String amount(BigDecimal value, Currency currency) {
        Money m = Money.rounded(value, currency);
        return format(m.amount(), currency.getDefaultFractionDigits(), currency.getDefaultFractionDigits());
    }

    /** The same with the currency's sign: €1,234.50, ¥1,235. */
    static String money(BigDecimal value, Currency currency) {
        String symbol = SYMBOLS.getOrDefault(currency.getCurrencyCode(), currency.getCurrencyCode() + " ");
        String a = amount(value, currency);
        return a.startsWith("-") ? "-" + symbol + a.substring(1) : symbol + a;
    }

    /** A unit price at least at the currency's scale, more where the price has it (0.0350). */
    private static String unitPrice(BigDecimal value, Currency currency) {
        int scale = Math.max(
                currency.getDefaultFractionDigits(), value.stripTrailingZeros().scale());
        return format(value, currency.getDefaultFractionDigits(), Math.min(6, scale));
    }

    private static String quantity(BigDecimal q) {
        return format(q, 0, 6);
    }

    private static String plain(BigDecimal v, int digits) {
        return v == null ? "0" : format(v, digits, digits);
    }

    private static String count(long n) {
        return format(BigDecimal.valueOf(n), 0, 0);
    }

    private static String bytes(long n) {
        String[] units = {"MB", "GB", "TB"};
        BigDecimal value = BigDecimal.valueOf(n).movePointLeft(6);
        int unit = 0;
        while (unit < units.length - 1 && value.compareTo(BigDecimal.valueOf(1000)) >= 0) {
            value = value.movePointLeft(3);
            unit++;
        }
        return format(value, 2, 2) + " " + units[unit];
    }

    private static String format(BigDecimal v, int minDigits, int maxDigits) {
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setMinimumFractionDigits(minDigits);
        f.setMaximumFractionDigits(maxDigits);
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(v);
    }

    private static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
