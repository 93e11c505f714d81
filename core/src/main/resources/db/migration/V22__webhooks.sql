-- Customers' webhooks: URLs that receive signed events. The secret signs each delivery
-- (HMAC-SHA256 over "timestamp.body"); it is shown to the customer once, at creation, and kept here
-- because each delivery needs it. events: '*' or a comma-separated list of event types.
CREATE TABLE webhook_endpoint (
  id           BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id  BIGINT         NOT NULL,
  url          VARCHAR(500)   NOT NULL,
  secret       VARCHAR(100)   CHARACTER SET ascii NOT NULL,
  events       VARCHAR(500)   NOT NULL,
  enabled      BOOLEAN        NOT NULL DEFAULT TRUE,
  created_by   VARCHAR(128)   NOT NULL,
  created_at   DATETIME(6)    NOT NULL,
  KEY ix_webhook_endpoint_customer (customer_id, enabled),
  CONSTRAINT fk_webhook_endpoint_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A delivery is an outbox row of its own channel, one per (endpoint, event), written in the
-- transaction that decides the event; the outbox's retries, backoff and exhaustion apply, and the
-- customer sees the rows as the delivery log.
ALTER TABLE outbox DROP CONSTRAINT ck_outbox_channel;
ALTER TABLE outbox ADD CONSTRAINT ck_outbox_channel CHECK (channel IN ('EMAIL', 'PANEL', 'ALERT', 'WEBHOOK'));
