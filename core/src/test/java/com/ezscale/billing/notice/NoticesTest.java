package com.ezscale.billing.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every notice about an invoice links to its portal page when the portal's address is known, and reads cleanly without. */
class NoticesTest {

    static final List<Notices.Notice> ABOUT_AN_INVOICE = List.of(
            new Notices.InvoiceIssued("Ada", "INV-2026-000007", "20.00 USD", "2026-12-01", true, "20.00 USD"),
            new Notices.PaymentFailed("Ada", "INV-2026-000007", "20.00 USD", "card declined", "2026-12-03"),
            new Notices.Reminder("Ada", "INV-2026-000007", "20.00 USD", "2026-12-01"),
            new Notices.Overdue("Ada", "INV-2026-000007", 3, "2026-12-01", "20.00 USD", 5),
            new Notices.SuspensionWarning("Ada", "INV-2026-000007", "20.00 USD", "2026-12-01", "2026-12-06"),
            new Notices.Suspended("Ada", "INV-2026-000007", "20.00 USD", 5, "vps-ada", "2026-12-31"));

    @Test
    void aNoticeAboutAnInvoiceLinksToItsPageWhenThePortalIsKnown() {
        for (Notices.Notice notice : ABOUT_AN_INVOICE) {
            assertThat(notice.invoiceNumber()).isEqualTo("INV-2026-000007");
            String with = Notices.render(notice, "https://portal.example/account/invoices/INV-2026-000007")
                    .body();
            String without = Notices.render(notice).body();
            assertThat(with)
                    .as(notice.template())
                    .contains("https://portal.example/account/invoices/INV-2026-000007")
                    .endsWith("EZSCALE Billing\n");
            assertThat(without)
                    .as(notice.template())
                    .doesNotContain("http")
                    .doesNotContain("null")
                    .doesNotContain("\n\n\n")
                    .endsWith("EZSCALE Billing\n");
        }
    }

    @Test
    void aLoginInvitationAndAResetCarryTheirLink() {
        assertThat(Notices.render(new Notices.LoginInvite(
                                "Olivia", "Acme", "https://portal.example/login/reset?token=t", 24))
                        .body())
                .contains("account of Acme")
                .contains("https://portal.example/login/reset?token=t")
                .contains("for 24 hours");
        assertThat(Notices.render(new Notices.PasswordReset("Olivia", "https://portal.example/login/reset?token=u", 24))
                        .subject())
                .isEqualTo("Reset your EZSCALE billing password");
    }

    @Test
    void aRemovedPaymentMethodTellsTheCustomerNothingIsChargedAnyMore() {
        Notices.Rendered removed = Notices.render(new Notices.PaymentMethodRemoved("Ada", "PayPal"));
        assertThat(removed.subject()).isEqualTo("Your PayPal payment method was removed");
        assertThat(removed.body())
                .startsWith("Dear Ada,")
                .contains("no\nlonger charge it")
                .contains("save a card or a PayPal account");
    }
}
