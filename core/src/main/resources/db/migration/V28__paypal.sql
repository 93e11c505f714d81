-- PayPal beside Stripe. Each customer pays through the gateway it chose (a command, or saving a
-- card or a PayPal wallet in the portal, sets it); MANUAL: nothing is charged, the customer pays
-- by transfer. A PayPal wallet is a gateway_customer row like a card: the PayPal customer id and
-- the vaulted payment token's id (payment_method_id), never anything more of the account.
ALTER TABLE customer
  ADD COLUMN preferred_gateway VARCHAR(16) NOT NULL DEFAULT 'STRIPE',
  ADD CONSTRAINT ck_customer_preferred_gateway CHECK (preferred_gateway IN ('STRIPE', 'PAYPAL', 'MANUAL'));

-- The PayPal approvals a customer started in the portal (a Vault setup token each): the return
-- from PayPal is accepted only for a setup token this customer started, and only once.
CREATE TABLE paypal_setup (
  setup_token_id        VARCHAR(64)   NOT NULL,
  customer_id           BIGINT        NOT NULL,
  created_at            DATETIME(6)   NOT NULL,
  completed_at          DATETIME(6)   NULL,
  payment_token_id      VARCHAR(64)   NULL,
  PRIMARY KEY (setup_token_id),
  KEY ix_paypal_setup_customer (customer_id, created_at),
  CONSTRAINT fk_paypal_setup_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
