package com.ezscale.billing.app.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.rules.BillingRuleViolation;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where a webhook may send: public addresses only, HTTPS only (outside tests). */
class WebhookUrlsTest {

    static final WebhookProperties STRICT = new WebhookProperties(false, false, 10);

    @ParameterizedTest(name = "{0} public: {1}")
    @CsvSource({
        "8.8.8.8, true",
        "203.0.113.7, true",
        "2606:4700::1111, true",
        "127.0.0.1, false",
        "10.1.2.3, false",
        "172.16.0.1, false",
        "192.168.1.1, false",
        "169.254.169.254, false",
        "100.64.0.1, false",
        "0.0.0.0, false",
        "224.0.0.1, false",
        "::1, false",
        "fe80::1, false",
        "fd00::1, false",
        "::ffff:10.0.0.1, false",
        "::ffff:8.8.8.8, true"
    })
    void anAddressIsPublicOrNot(String address, boolean expected) throws Exception {
        assertThat(WebhookUrls.isPublic(InetAddress.getByName(address))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://8.8.8.8/hook | url: a webhook must be https://",
                "https://127.0.0.1/hook | a private or local address",
                "https://localhost/hook | a private or local address",
                "https://[::1]/hook | a private or local address",
                "https://169.254.169.254/latest/meta-data | a private or local address",
                "https://user:pw@8.8.8.8/hook | no credentials",
                "not a url | is not a URL",
                "ftp://8.8.8.8/x | url: a webhook must be https://"
            })
    void aWebhookToAPrivateAddressOrWithoutTlsIsRefused(String url, String reason) {
        assertThatThrownBy(() -> WebhookUrls.check(url, STRICT))
                .isInstanceOf(BillingRuleViolation.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource({"https://8.8.8.8/hook"})
    void aPublicHttpsUrlIsTaken(String url) {
        assertThat(WebhookUrls.check(url, STRICT).getHost()).isEqualTo("8.8.8.8");
    }
}
