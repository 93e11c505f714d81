package com.ezscale.billing.document.db;

/** An issued invoice or credit note a document is (or is to be) rendered for. */
public record DocumentRef(String kind, long sourceId, String number) {}
