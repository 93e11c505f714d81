package com.ezscale.billing.reports.pdf;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ezscale.documents.*}: see conf/application.yml.
 *
 * @param paymentInstructions printed under an invoice's totals while something is due; {@code {number}} becomes the invoice number
 * @param renderThreads threads printing PDFs in {@code renderDocuments} (reading and storing stay on the step's thread)
 */
@ConfigurationProperties("ezscale.documents")
public record DocumentProperties(
        @DefaultValue("Pay by card in the customer portal, or by bank transfer quoting {number}.")
        String paymentInstructions,

        @DefaultValue("2") int renderThreads) {}
