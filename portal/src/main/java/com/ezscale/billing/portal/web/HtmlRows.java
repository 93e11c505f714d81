package com.ezscale.billing.portal.web;

import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;
import org.unbescape.html.HtmlEscape;

/**
 * The rows of a long list page's table, written as HTML in Java and put in the template with
 * {@code th:utext}: the invoice search and the executions page (50 rows each), where Thymeleaf's
 * per-cell processing of an iterated row was 70 % of the page's rendering and the rendering 60 % of
 * its CPU (JFR, {@code PortalBenchmark}). Every text and attribute value is escaped here exactly as
 * Thymeleaf's {@code th:text} escapes it (unbescape's {@code escapeHtml4Xml}, its own escaper), and a link's path
 * segments are URL-encoded as {@code @{/x/{n}(n=...)}} encodes them; nothing else reaches the
 * HTML. The page's other parts stay in the template.
 */
public final class HtmlRows {

    private final String contextPath;
    private final StringBuilder html;
    private boolean open;

    /** Rows whose links start at {@code contextPath} (the request's, as {@code @{/...}} prefixes it). */
    public HtmlRows(String contextPath) {
        this(contextPath, 16_384);
    }

    /** As {@link #HtmlRows(String)}, sized for {@code capacity} characters (one row: a few hundred). */
    public HtmlRows(String contextPath, int capacity) {
        this.contextPath = contextPath == null ? "" : contextPath;
        this.html = new StringBuilder(capacity);
    }

    /** Starts a row (ending the last). */
    public HtmlRows row() {
        end();
        html.append("<tr>");
        open = true;
        return this;
    }

    /** A cell with {@code text} (blank for null). */
    public HtmlRows cell(Object text) {
        return cell(null, text);
    }

    /** A cell of class {@code cssClass} (none for null) with {@code text}. */
    public HtmlRows cell(String cssClass, Object text) {
        html.append("<td");
        if (cssClass != null) {
            html.append(" class=\"").append(escape(cssClass)).append('"');
        }
        html.append('>').append(escape(text)).append("</td>");
        return this;
    }

    /**
     * A cell holding a link to {@code path} followed by {@code segment} as one URL-encoded path
     * segment (e.g. {@code /finance/invoices/} and an invoice number), showing {@code text}; an
     * empty cell when {@code segment} is null.
     */
    public HtmlRows link(String path, Object segment, Object text) {
        if (segment == null) {
            html.append("<td></td>");
            return this;
        }
        html.append("<td><a href=\"")
                .append(escape(contextPath
                        + path
                        + UriUtils.encodePathSegment(String.valueOf(segment), StandardCharsets.UTF_8)))
                .append("\">")
                .append(escape(text))
                .append("</a></td>");
        return this;
    }

    /** The rows written so far. */
    public String html() {
        end();
        return html.toString();
    }

    private void end() {
        if (open) {
            html.append("</tr>\n");
            open = false;
        }
    }

    /** As {@code th:text} escapes in HTML mode ({@code HtmlEscape.escapeHtml4Xml}: {@code < > & " '}). */
    static String escape(Object text) {
        return text == null ? "" : HtmlEscape.escapeHtml4Xml(text.toString());
    }
}
