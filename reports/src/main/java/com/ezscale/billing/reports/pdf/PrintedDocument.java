package com.ezscale.billing.reports.pdf;

import java.time.Instant;
import java.util.List;

/**
 * A document as it is printed: every text already formatted (amounts at their currency's scale,
 * dates), so the template is layout only and the same input always prints the same page.
 *
 * @param created the moment the document was issued: the PDF's creation date, never the render time
 */
public record PrintedDocument(
        String title,
        String number,
        Instant created,
        String sellerName,
        String sellerDetails,
        List<String[]> meta,
        String buyerName,
        String buyerDetails,
        List<Row> rows,
        List<String[]> totals,
        String dueLabel,
        String dueValue,
        String notes) {

    /** A line; {@code evidence} and {@code chart} are printed under it when present. */
    public record Row(
            String description,
            String period,
            String quantity,
            String unitPrice,
            String amount,
            String evidence,
            UsageChart chart) {}
}
