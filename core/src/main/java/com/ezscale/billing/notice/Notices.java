package com.ezscale.billing.notice;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The customer and admin notices, as Mustache templates under {@code notices/NAME.mustache} on the
 * classpath: the first line is {@code Subject: ...}, then a blank line, then the text body. Each
 * template has a typed model, a record whose components are the names the template uses; a
 * missing value is an error (a notice never goes out with a hole in it).
 */
public final class Notices {

    /** The template names (one per notice the system sends). */
    public static final String INVOICE_ISSUED = "invoice-issued";

    public static final String PAYMENT_RECEIPT = "payment-receipt";
    public static final String PAYMENT_FAILED = "payment-failed";
    public static final String PAYMENT_ACTION_REQUIRED = "payment-action-required";
    public static final String REMINDER = "reminder";
    public static final String OVERDUE = "overdue";
    public static final String SUSPENSION_WARNING = "suspension-warning";
    public static final String SUSPENDED = "suspended";
    public static final String UNSUSPENDED = "unsuspended";
    public static final String TERMINATED = "terminated";
    public static final String ADMIN_ALERT = "admin-alert";
    public static final String USAGE_THRESHOLD = "usage-threshold";
    public static final String LOGIN_INVITE = "login-invite";
    public static final String PASSWORD_RESET = "password-reset";
    public static final String PAYMENT_METHOD_REMOVED = "payment-method-removed";

    /** A notice's model: the values its template names, typed; the template is the record's. */
    public sealed interface Notice {
        String template();

        /** The invoice the notice is about (its portal page is linked when the portal's address is known). */
        default String invoiceNumber() {
            return null;
        }
    }

    public record InvoiceIssued(String name, String number, String total, String dueDate, boolean owedNow, String owed)
            implements Notice {
        public String invoiceNumber() {
            return number;
        }

        public String template() {
            return INVOICE_ISSUED;
        }
    }

    public record PaymentReceipt(
            String name, String number, String amount, String method, String reference, String owed) implements Notice {
        public String invoiceNumber() {
            return number;
        }

        public String template() {
            return PAYMENT_RECEIPT;
        }
    }

    public record PaymentFailed(String name, String number, String amount, String reason, String nextAttempt)
            implements Notice {
        public String invoiceNumber() {
            return number;
        }

        public String template() {
            return PAYMENT_FAILED;
        }
    }

    public record PaymentActionRequired(String name, String number, String amount, String actionUrl) implements Notice {
        public String invoiceNumber() {
            return number;
        }

        public String template() {
            return PAYMENT_ACTION_REQUIRED;
        }
    }

    public record Reminder(String name, String number, String owed, String dueDate) implements Notice {
        public String invoiceNumber() {
            return number;
        }

        public String template() {
            return REMINDER;
        }
    }

    public record Overdue(String name, String number, long days, String dueDate, String owed, int suspendDay)
            implements Notice {
        public String invoiceNumber() {
            return number;
        }

        public String template() {
            return OVERDUE;
        }
    }

    public record SuspensionWarning(String name, String number, String owed, String dueDate, String suspendOn)
            implements Notice {
        public String invoiceNumber() {
            return number;
        }

        public String template() {
            return SUSPENSION_WARNING;
        }
    }

    public record Suspended(String name, String number, String owed, long days, String services, String terminateOn)
            implements Notice {
        public String invoiceNumber() {
            return number;
        }

        public String template() {
            return SUSPENDED;
        }
    }

    public record Terminated(String name, String number, String owed, long days, String services) implements Notice {
        public String invoiceNumber() {
            return number;
        }

        public String template() {
            return TERMINATED;
        }
    }

    public record Unsuspended(String name, String service) implements Notice {
        public String template() {
            return UNSUSPENDED;
        }
    }

    public record AdminAlert(String title, String detail) implements Notice {
        public String template() {
            return ADMIN_ALERT;
        }
    }

    /**
     * A service's usage crossed a level (80 % or 100 %) of its transfer quota or bandwidth commit in
     * a period: {@code measure} says which in words, {@code observed} and {@code limit} carry their unit.
     */
    public record UsageThreshold(
            String name, String service, String period, String measure, int level, String observed, String limit)
            implements Notice {
        public String template() {
            return USAGE_THRESHOLD;
        }
    }

    /** A new portal login for a customer: set a password through the link. */
    public record LoginInvite(String name, String customer, String link, long hours) implements Notice {
        public String template() {
            return LOGIN_INVITE;
        }
    }

    /** A password reset asked for on the login page. */
    public record PasswordReset(String name, String link, long hours) implements Notice {
        public String template() {
            return PASSWORD_RESET;
        }
    }

    /**
     * The payment method the ladder charged was removed at the gateway (a PayPal wallet's token
     * deleted at PayPal, say): invoices are no longer charged until the customer saves another.
     */
    public record PaymentMethodRemoved(String name, String method) implements Notice {
        public String template() {
            return PAYMENT_METHOD_REMOVED;
        }
    }

    public record Rendered(String subject, String body) {}

    private static final Mustache.Compiler COMPILER =
            Mustache.compiler().escapeHTML(false).strictSections(true);
    private static final Map<String, Template> CACHE = new ConcurrentHashMap<>();

    private Notices() {}

    public static Rendered render(Notice notice) {
        return render(notice, null);
    }

    /**
     * Renders a notice; {@code link} (null: none) is its invoice's page in the portal, which the
     * template shows in its {@code {{#hasLink}}} section.
     */
    public static Rendered render(Notice notice, String link) {
        String name = notice.template();
        Map<String, Object> links = Map.of("hasLink", link != null, "link", link == null ? "" : link);
        java.io.StringWriter out = new java.io.StringWriter();
        CACHE.computeIfAbsent(name, Notices::load).execute(notice, links, out);
        String text = out.toString();
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        if (!first.startsWith("Subject: ")) {
            throw new IllegalStateException("notice template " + name + " must start with 'Subject: '");
        }
        return new Rendered(
                first.substring("Subject: ".length()).trim(),
                end < 0 ? "" : text.substring(end + 1).strip() + "\n");
    }

    private static Template load(String name) {
        String path = "notices/" + name + ".mustache";
        try (InputStream in = Notices.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no notice template " + path);
            }
            return COMPILER.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
