package com.ezscale.billing.reports.pdf;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ezscale.documents.*}: see conf/application.yml.
 *
 * @param paymentInstructions printed under an invoice's totals while something is due; {@code {number}} becomes the invoice number
 * @param renderThreads threads printing PDFs in {@code renderDocuments} (reading and storing stay on the step's thread)
 */
@Validated
@ConfigurationProperties(prefix = "ezscale.documents", ignoreUnknownFields = false)
public record DocumentProperties(
        @DefaultValue("Pay by card in the customer portal, or by bank transfer quoting {number}.")
        String paymentInstructions,

        @Min(1) @Max(64) @DefaultValue("2") int renderThreads,
        @Min(0) @DefaultValue("7") int renderDaysBack,
        @Min(1) @DefaultValue("50") int renderPage) {}
