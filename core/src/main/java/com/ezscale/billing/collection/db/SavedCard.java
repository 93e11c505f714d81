package com.ezscale.billing.collection.db;

import java.time.Instant;

/**
 * A customer's card saved at a gateway, as the customer sees it: the gateway's ids, the brand,
 * the last four digits and the expiry (never the number). {@code paymentMethodId} null: none saved.
 */
public record SavedCard(
        long customerId,
        String gateway,
        String gatewayCustomerId,
        String paymentMethodId,
        String brand,
        String last4,
        Integer expMonth,
        Integer expYear,
        Instant updatedAt) {

    /** "Visa •••• 4242, expires 12/2030", or what is known of it. */
    public String describe() {
        if (paymentMethodId == null) {
            return "no card saved";
        }
        StringBuilder s = new StringBuilder(brand == null ? "Card" : capitalised(brand));
        if (last4 != null) {
            s.append(" •••• ").append(last4);
        }
        if (expMonth != null && expYear != null) {
            s.append(", expires ").append(String.format("%02d/%d", expMonth, expYear));
        }
        return s.toString();
    }

    private static String capitalised(String brand) {
        return switch (brand) {
            case "amex" -> "American Express";
            case "diners" -> "Diners Club";
            case "unionpay" -> "UnionPay";
            case "jcb" -> "JCB";
            default -> Character.toUpperCase(brand.charAt(0)) + brand.substring(1);
        };
    }
}
