package com.ezscale.billing.app.collection.crypto;

import com.ezscale.billing.money.Money;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Coinbase Commerce's charges API over Spring's {@code RestClient}: a fixed-price charge in the
 * invoice's currency (the customer pays the equivalent in the crypto it picks on Coinbase's hosted
 * page, which expires after an hour), whose metadata names the invoice.
 */
@Component
public class CoinbaseCommerce {

    public static final String NAME = "COINBASE";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A charge as Coinbase made it: its code (our reference), its hosted page and when that expires. */
    public record Charge(String code, String hostedUrl, Instant expiresAt) {}

    private final CoinbaseProperties properties;
    private final RestClient rest;

    public CoinbaseCommerce(CoinbaseProperties properties) {
        this.properties = properties;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
        requests.setReadTimeout(properties.timeout());
        this.rest = RestClient.builder()
                .baseUrl(properties.apiBase().replaceAll("/$", ""))
                .requestFactory(requests)
                .defaultHeader("X-CC-Api-Key", properties.apiKey() == null ? "" : properties.apiKey())
                .defaultHeader("X-CC-Version", "2018-03-22")
                .build();
    }

    public boolean configured() {
        return properties.configured();
    }

    /** Makes a charge for {@code amount} of invoice {@code number}; the customer is sent back to {@code redirectUrl}. */
    public Charge createCharge(long invoiceId, String number, long customerId, Money amount, String redirectUrl) {
        if (!configured()) {
            throw new IllegalStateException("crypto payments are not configured (EZSCALE_COINBASE_API_KEY)");
        }
        ObjectNode body = JSON.createObjectNode()
                .put("name", "Invoice " + number)
                .put("description", "EZSCALE invoice " + number)
                .put("pricing_type", "fixed_price")
                .put("redirect_url", redirectUrl)
                .put("cancel_url", redirectUrl);
        body.putObject("local_price")
                .put(
                        "amount",
                        amount.amount()
                                .setScale(amount.currency().getDefaultFractionDigits(), RoundingMode.UNNECESSARY)
                                .toPlainString())
                .put("currency", amount.currency().getCurrencyCode());
        body.putObject("metadata")
                .put("invoice_id", String.valueOf(invoiceId))
                .put("invoice_number", number)
                .put("customer_id", String.valueOf(customerId));
        try {
            String answer = rest.post()
                    .uri("/charges")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(JSON.writeValueAsString(body))
                    .retrieve()
                    .body(String.class);
            JsonNode data = JSON.readTree(answer).path("data");
            return new Charge(
                    data.path("code").asString(),
                    data.path("hosted_url").asString(),
                    Instant.parse(data.path("expires_at").asString()));
        } catch (RestClientException
                | tools.jackson.core.JacksonException
                | java.time.format.DateTimeParseException e) {
            throw new IllegalStateException("Coinbase Commerce did not make the charge: " + e.getMessage(), e);
        }
    }
}
