-- Payments received (issue 6 starts here with manual ones: bank transfers, cheques). One row per
-- payment; the same method and reference twice is refused by the unique key, so a bank line
-- imported or typed twice is recorded once. Gateway payments (Stripe) will add their attempts.
CREATE TABLE payment (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id           BIGINT        NOT NULL,
  invoice_id            BIGINT        NULL,
  currency              CHAR(3)       NOT NULL,
  amount                DECIMAL(19,4) NOT NULL,
  applied_to_invoice    DECIMAL(19,4) NOT NULL,
  method                VARCHAR(16)   NOT NULL,
  reference             VARCHAR(128)  NOT NULL,
  status                VARCHAR(16)   NOT NULL,
  received_on           DATE          NOT NULL,
  recorded_by           VARCHAR(128)  NOT NULL,
  created_at            DATETIME(6)   NOT NULL,
  CONSTRAINT uk_payment_reference UNIQUE (method, reference),
  KEY ix_payment_invoice (invoice_id),
  KEY ix_payment_customer (customer_id),
  CONSTRAINT fk_payment_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
  CONSTRAINT fk_payment_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
  CONSTRAINT ck_payment_amount CHECK (amount > 0 AND applied_to_invoice >= 0 AND applied_to_invoice <= amount),
  CONSTRAINT ck_payment_method CHECK (method IN ('BANK_TRANSFER', 'CHEQUE', 'CASH', 'CARD', 'PAYPAL', 'OTHER')),
  CONSTRAINT ck_payment_status CHECK (status IN ('SUCCEEDED', 'PENDING', 'FAILED', 'REFUNDED'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
