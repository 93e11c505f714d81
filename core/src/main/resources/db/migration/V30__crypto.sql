-- Crypto through Coinbase Commerce: a customer may choose to pay that way (CRYPTO: nothing is
-- charged off-session; its notices link to a hosted payment page), and a crypto payment is booked
-- as CRYPTO with the charge's code as its reference (so one charge pays once).
ALTER TABLE customer DROP CONSTRAINT ck_customer_preferred_gateway;
ALTER TABLE customer
  ADD CONSTRAINT ck_customer_preferred_gateway CHECK (preferred_gateway IN ('STRIPE', 'PAYPAL', 'CRYPTO', 'MANUAL'));
ALTER TABLE payment DROP CONSTRAINT ck_payment_method;
ALTER TABLE payment
  ADD CONSTRAINT ck_payment_method CHECK (method IN ('BANK_TRANSFER', 'CHEQUE', 'CASH', 'CARD', 'PAYPAL', 'CRYPTO', 'OTHER'));

-- One row per Coinbase Commerce charge (a hosted page for one invoice's amount owed, which expires):
-- made on the customer's request, reused while it is live, renewed once it has expired. Its status
-- follows the charge's webhooks; payment_id is the payment its confirmed amount was booked as.
CREATE TABLE crypto_charge (
  code                  VARCHAR(32)   NOT NULL,
  invoice_id            BIGINT        NOT NULL,
  customer_id           BIGINT        NOT NULL,
  currency              CHAR(3)       NOT NULL,
  amount                DECIMAL(19,4) NOT NULL,
  hosted_url            VARCHAR(512)  NOT NULL,
  status                VARCHAR(16)   NOT NULL,
  expires_at            DATETIME(6)   NOT NULL,
  payment_id            BIGINT        NULL,
  created_at            DATETIME(6)   NOT NULL,
  updated_at            DATETIME(6)   NOT NULL,
  PRIMARY KEY (code),
  KEY ix_crypto_charge_invoice (invoice_id, created_at),
  CONSTRAINT fk_crypto_charge_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
  CONSTRAINT fk_crypto_charge_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
  CONSTRAINT fk_crypto_charge_payment FOREIGN KEY (payment_id) REFERENCES payment (id),
  CONSTRAINT ck_crypto_charge_status CHECK (status IN ('NEW', 'PENDING', 'CONFIRMED', 'EXPIRED', 'FAILED'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
