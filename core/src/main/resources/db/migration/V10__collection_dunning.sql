-- Collection and dunning (issue 6). Every action that must happen at most once has a unique key
-- here, so a rerun, a restart or two nodes at once can only find it done:
--   a charge attempt          payment_attempt (invoice_id, attempt_no) and its idempotency_key
--   a webhook event           gateway_event (gateway, event_id)
--   a dunning step            dunning_step (invoice_id, step_key)
--   a late fee                invoice.late_fee_for_invoice_id
--   an email / panel call     outbox.dedupe_key
--   a refund                  payment_refund.idempotency_key and (credit_note_id)

-- Customer groups exempt from dunning's fee, suspension and termination (reminders still go out).
CREATE TABLE customer_group_policy (
  group_code            VARCHAR(64)   NOT NULL PRIMARY KEY,
  dunning_exempt        BOOLEAN       NOT NULL DEFAULT FALSE,
  note                  VARCHAR(500)  NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The customer at a gateway: only the gateway's ids (never a card number).
CREATE TABLE gateway_customer (
  customer_id           BIGINT        NOT NULL,
  gateway               VARCHAR(16)   NOT NULL,
  gateway_customer_id   VARCHAR(255)  NOT NULL,
  payment_method_id     VARCHAR(255)  NULL,
  updated_at            DATETIME(6)   NOT NULL,
  PRIMARY KEY (customer_id, gateway),
  CONSTRAINT uk_gateway_customer UNIQUE (gateway, gateway_customer_id),
  CONSTRAINT fk_gateway_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per charge attempt, written (PENDING) before the gateway is called: a crash between the
-- call and the outcome leaves a PENDING row for the janitor, never a second charge.
CREATE TABLE payment_attempt (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  invoice_id            BIGINT        NOT NULL,
  customer_id           BIGINT        NOT NULL,
  attempt_no            INT           NOT NULL,
  gateway               VARCHAR(16)   NOT NULL,
  idempotency_key       VARCHAR(128)  NOT NULL,
  currency              CHAR(3)       NOT NULL,
  amount                DECIMAL(19,4) NOT NULL,
  status                VARCHAR(16)   NOT NULL,
  gateway_ref           VARCHAR(255)  NULL,
  decline_code          VARCHAR(64)   NULL,
  message               VARCHAR(500)  NULL,
  action_url            VARCHAR(1000) NULL,
  payment_id            BIGINT        NULL,
  as_of                 DATE          NOT NULL,
  created_at            DATETIME(6)   NOT NULL,
  updated_at            DATETIME(6)   NOT NULL,
  CONSTRAINT uk_payment_attempt_no UNIQUE (invoice_id, attempt_no),
  CONSTRAINT uk_payment_attempt_key UNIQUE (idempotency_key),
  CONSTRAINT uk_payment_attempt_ref UNIQUE (gateway, gateway_ref),
  KEY ix_payment_attempt_status (status, updated_at),
  CONSTRAINT fk_payment_attempt_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
  CONSTRAINT fk_payment_attempt_payment FOREIGN KEY (payment_id) REFERENCES payment (id),
  CONSTRAINT ck_payment_attempt_status CHECK (status IN ('PENDING', 'SUCCEEDED', 'REQUIRES_ACTION', 'PROCESSING', 'DECLINED', 'FAILED'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Webhook events, once each (a replay finds its id here and changes nothing).
CREATE TABLE gateway_event (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  gateway               VARCHAR(16)   NOT NULL,
  event_id              VARCHAR(255)  NOT NULL,
  event_type            VARCHAR(100)  NOT NULL,
  object_ref            VARCHAR(255)  NULL,
  outcome               VARCHAR(500)  NOT NULL,
  received_at           DATETIME(6)   NOT NULL,
  CONSTRAINT uk_gateway_event UNIQUE (gateway, event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Refunds through the gateway, each linked to the credit note that justifies it.
CREATE TABLE payment_refund (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  payment_id            BIGINT        NOT NULL,
  credit_note_id        BIGINT        NULL,
  currency              CHAR(3)       NOT NULL,
  amount                DECIMAL(19,4) NOT NULL,
  idempotency_key       VARCHAR(128)  NOT NULL,
  gateway_ref           VARCHAR(255)  NULL,
  status                VARCHAR(16)   NOT NULL,
  reason                VARCHAR(500)  NOT NULL,
  created_by            VARCHAR(128)  NOT NULL,
  created_at            DATETIME(6)   NOT NULL,
  CONSTRAINT uk_payment_refund_key UNIQUE (idempotency_key),
  CONSTRAINT uk_payment_refund_note UNIQUE (credit_note_id),
  CONSTRAINT fk_payment_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (id),
  CONSTRAINT fk_payment_refund_note FOREIGN KEY (credit_note_id) REFERENCES credit_note (id),
  CONSTRAINT ck_payment_refund_amount CHECK (amount > 0),
  CONSTRAINT ck_payment_refund_status CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE payment
  ADD COLUMN refunded_amount DECIMAL(19,4) NOT NULL DEFAULT 0,
  ADD COLUMN disputed        BOOLEAN       NOT NULL DEFAULT FALSE;

-- The ladder's steps done, once per invoice and step ("REMINDER", "NOTICE:7", "LATE_FEE", ...).
CREATE TABLE dunning_step (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  invoice_id            BIGINT        NOT NULL,
  step_key              VARCHAR(32)   NOT NULL,
  kind                  VARCHAR(24)   NOT NULL,
  as_of                 DATE          NOT NULL,
  detail                VARCHAR(500)  NULL,
  created_at            DATETIME(6)   NOT NULL,
  CONSTRAINT uk_dunning_step UNIQUE (invoice_id, step_key),
  CONSTRAINT fk_dunning_step_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A late fee is its own issued invoice; at most one per overdue invoice. `open_for_dunning` (stored,
-- derived from the status) indexes the invoices collection and dunning walk, in id order, whatever
-- the number of paid ones behind them.
ALTER TABLE invoice
  ADD COLUMN open_for_dunning TINYINT GENERATED ALWAYS AS (CASE WHEN status IN ('ISSUED', 'PARTIALLY_PAID') THEN 1 ELSE 0 END) STORED,
  ADD KEY ix_invoice_open (open_for_dunning, id),
  ADD KEY ix_invoice_issue_date (issue_date),
  ADD COLUMN late_fee_for_invoice_id BIGINT NULL,
  ADD CONSTRAINT uk_invoice_late_fee UNIQUE (late_fee_for_invoice_id),
  ADD CONSTRAINT fk_invoice_late_fee FOREIGN KEY (late_fee_for_invoice_id) REFERENCES invoice (id);

-- An issued late fee invoice stays tied to the invoice it is for: the column joins the frozen ones.
DROP TRIGGER trg_invoice_immutable_update;

DELIMITER $$

CREATE TRIGGER trg_invoice_immutable_update BEFORE UPDATE ON invoice FOR EACH ROW
BEGIN
  IF OLD.status <> 'DRAFT' AND (
       NEW.status = 'DRAFT'
       OR NOT (NEW.seller_entity_id <=> OLD.seller_entity_id)
       OR NOT (NEW.customer_id <=> OLD.customer_id)
       OR NOT (NEW.currency <=> OLD.currency)
       OR NOT (NEW.run_id <=> OLD.run_id)
       OR NOT (NEW.series_key <=> OLD.series_key)
       OR NOT (NEW.sequence_value <=> OLD.sequence_value)
       OR NOT (NEW.number <=> OLD.number)
       OR NOT (NEW.due_date <=> OLD.due_date)
       OR NOT (NEW.issue_date <=> OLD.issue_date)
       OR NOT (NEW.issued_at <=> OLD.issued_at)
       OR NOT (NEW.subtotal <=> OLD.subtotal)
       OR NOT (NEW.tax_total <=> OLD.tax_total)
       OR NOT (NEW.total <=> OLD.total)
       OR NOT (NEW.on_hold <=> OLD.on_hold)
       OR NOT (NEW.bill_to_name <=> OLD.bill_to_name)
       OR NOT (NEW.bill_to_company <=> OLD.bill_to_company)
       OR NOT (NEW.bill_to_email <=> OLD.bill_to_email)
       OR NOT (NEW.bill_to_address <=> OLD.bill_to_address)
       OR NOT (NEW.bill_to_region <=> OLD.bill_to_region)
       OR NOT (NEW.bill_to_country <=> OLD.bill_to_country)
       OR NOT (NEW.bill_to_vat_number <=> OLD.bill_to_vat_number)
       OR NOT (NEW.seller_snapshot <=> OLD.seller_snapshot)
       OR NOT (NEW.created_at <=> OLD.created_at)
       OR NOT (NEW.prices_include_tax <=> OLD.prices_include_tax)
       OR NOT (NEW.tax_mode <=> OLD.tax_mode)
       OR NOT (NEW.tax_note <=> OLD.tax_note)
       OR NOT (NEW.hold_reason <=> OLD.hold_reason)
       OR NOT (NEW.approved_by <=> OLD.approved_by)
       OR NOT (NEW.approved_at <=> OLD.approved_at)
       OR NOT (NEW.late_fee_for_invoice_id <=> OLD.late_fee_for_invoice_id)
     ) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: issue a credit note instead';
  END IF;
END$$

DELIMITER ;

-- Who suspended a service: dunning unsuspends only what dunning suspended.
ALTER TABLE subscription
  ADD COLUMN suspended_by VARCHAR(16) NULL,
  ADD COLUMN suspended_at DATETIME(6) NULL,
  ADD CONSTRAINT ck_subscription_suspended_by CHECK (suspended_by IS NULL OR suspended_by IN ('DUNNING', 'ADMIN'));

-- Side effects (emails, panel calls, alerts) written in the transaction that decides them and
-- carried out afterwards by the outbox processor, with retries and backoff. The dedupe key makes
-- each (invoice, notice) email or (service, action, cause) panel call exist once.
CREATE TABLE outbox (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  dedupe_key            VARCHAR(191)  NOT NULL,
  channel               VARCHAR(16)   NOT NULL,
  action                VARCHAR(32)   NOT NULL,
  customer_id           BIGINT        NULL,
  subscription_id       BIGINT        NULL,
  invoice_id            BIGINT        NULL,
  payload               TEXT          NOT NULL,
  status                VARCHAR(16)   NOT NULL,
  attempts              INT           NOT NULL DEFAULT 0,
  next_attempt_at       DATETIME(6)   NOT NULL,
  last_error            VARCHAR(1000) NULL,
  created_at            DATETIME(6)   NOT NULL,
  done_at               DATETIME(6)   NULL,
  CONSTRAINT uk_outbox_dedupe UNIQUE (dedupe_key),
  KEY ix_outbox_due (status, next_attempt_at),
  KEY ix_outbox_customer (customer_id),
  KEY ix_outbox_service (subscription_id, status),
  CONSTRAINT ck_outbox_channel CHECK (channel IN ('EMAIL', 'PANEL', 'ALERT')),
  CONSTRAINT ck_outbox_status CHECK (status IN ('PENDING', 'DONE', 'EXHAUSTED', 'CANCELLED'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
