package com.ezscale.billing.jobs.outbox;

import com.ezscale.billing.app.panel.PanelProperties;
import com.ezscale.billing.jobs.collection.CollectionProperties;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Tells the admins: an email to {@code ezscale.collection.admin-email} and a message to the Discord
 * webhook {@code ezscale.collection.discord-webhook-url} (its URL is a secret: set it from the
 * environment). Sent from the outbox, so an alert that cannot go out is retried too.
 */
@Component
public class AdminAlerts {

    private static final Logger log = LoggerFactory.getLogger(AdminAlerts.class);
    private static final int DISCORD_LIMIT = 2000;

    private final CollectionProperties properties;
    private final ObjectProvider<JavaMailSender> mail;
    private final RestClient client;

    public AdminAlerts(
            CollectionProperties properties,
            PanelProperties panels,
            ObjectProvider<JavaMailSender> mail,
            RestClient.Builder builder) {
        this.properties = properties;
        this.mail = mail;
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(panels.timeout()).build());
        factory.setReadTimeout(panels.timeout());
        this.client = builder.clone().requestFactory(factory).build();
    }

    /** Sends to every configured channel; returns the channels used (none configured: logged only). */
    public List<String> send(String subject, String body) {
        List<String> used = new ArrayList<>();
        JavaMailSender sender = mail.getIfAvailable();
        if (properties.adminEmail() != null && !properties.adminEmail().isBlank() && sender != null) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(properties.mailFrom());
            message.setTo(properties.adminEmail());
            message.setSubject(subject);
            message.setText(body);
            sender.send(message);
            used.add("email");
        }
        if (properties.discordWebhookUrl() != null
                && !properties.discordWebhookUrl().isBlank()) {
            String content = "**" + subject + "**\n" + body;
            if (content.length() > DISCORD_LIMIT) {
                content = content.substring(0, DISCORD_LIMIT - 1) + "…";
            }
            client.post()
                    .uri(properties.discordWebhookUrl())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("content", content, "allowed_mentions", Map.of("parse", List.of())))
                    .retrieve()
                    .toBodilessEntity();
            used.add("discord");
        }
        if (used.isEmpty()) {
            log.warn("admin alert (no alert channel configured): {} — {}", subject, body);
        }
        return used;
    }
}
