-- Billing rules (issue 3): price lists per currency, prorata and trials, plan changes, coupons,
-- loyalty, the account credit ledger, tax, credit notes, approval. Every "once" is a unique key.

-- A currency is billable only with a price list; a price list is tax-exclusive unless flagged.
CREATE TABLE price_list (
  currency              CHAR(3)      NOT NULL PRIMARY KEY,
  tax_inclusive         BOOLEAN      NOT NULL DEFAULT FALSE,
  name                  VARCHAR(100) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO price_list (currency, tax_inclusive, name)
SELECT DISTINCT currency, FALSE, CONCAT(currency, ' prices') FROM plan_price;

-- Prorata alignment (every service of the product renews on this day; the first period is partial).
ALTER TABLE product ADD COLUMN prorata_day TINYINT NULL;
ALTER TABLE product ADD CONSTRAINT ck_product_prorata_day CHECK (prorata_day IS NULL OR prorata_day BETWEEN 1 AND 28);
-- Trials: N days at zero before the normal cycle.
ALTER TABLE plan ADD COLUMN trial_days INT NOT NULL DEFAULT 0;
ALTER TABLE plan ADD CONSTRAINT ck_plan_trial_days CHECK (trial_days BETWEEN 0 AND 366);
-- Where the trial ends (the first paid period starts there); NULL: no trial.
ALTER TABLE subscription ADD COLUMN trial_end DATE NULL;

-- Customers: credit opt-out, who referred them, when they became a customer (loyalty tenure is
-- taken from their oldest active service).
ALTER TABLE customer ADD COLUMN credit_opt_out BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE customer ADD COLUMN referred_by BIGINT NULL;
ALTER TABLE customer ADD CONSTRAINT fk_customer_referred_by FOREIGN KEY (referred_by) REFERENCES customer (id);

-- Plan changes as dated events. UPGRADE is immediate; DOWNGRADE and CANCEL at period end unless
-- IMMEDIATE. The generator reconciles every billed period against the timeline these make.
CREATE TABLE plan_change (
  id                    BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  subscription_id       BIGINT       NOT NULL,
  kind                  VARCHAR(16)  NOT NULL,
  timing                VARCHAR(16)  NOT NULL,
  effective_date        DATE         NOT NULL,
  from_plan_id          BIGINT       NOT NULL,
  to_plan_id            BIGINT       NULL,
  status                VARCHAR(16)  NOT NULL,
  expires_on            DATE         NULL,
  invoice_id            BIGINT       NULL,
  requested_by          VARCHAR(128) NOT NULL,
  requested_at          DATETIME(6)  NOT NULL,
  reverted_at           DATETIME(6)  NULL,
  reason                VARCHAR(500) NULL,
  -- TRUE until the invoice run has reconciled the service's billed periods with this change
  needs_billing         BOOLEAN      NOT NULL DEFAULT TRUE,
  KEY ix_plan_change_pending (needs_billing, subscription_id),
  KEY ix_plan_change_subscription (subscription_id, effective_date),
  CONSTRAINT fk_plan_change_subscription FOREIGN KEY (subscription_id) REFERENCES subscription (id),
  CONSTRAINT fk_plan_change_from FOREIGN KEY (from_plan_id) REFERENCES plan (id),
  CONSTRAINT fk_plan_change_to FOREIGN KEY (to_plan_id) REFERENCES plan (id),
  CONSTRAINT ck_plan_change_kind CHECK (kind IN ('UPGRADE', 'DOWNGRADE', 'CANCEL')),
  CONSTRAINT ck_plan_change_timing CHECK (timing IN ('IMMEDIATE', 'PERIOD_END')),
  CONSTRAINT ck_plan_change_status CHECK (status IN ('ACTIVE', 'REVERTED')),
  CONSTRAINT ck_plan_change_target CHECK ((kind = 'CANCEL') = (to_plan_id IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Loyalty: percent off by tenure of the customer's oldest active service.
CREATE TABLE loyalty_tier (
  min_months            INT          NOT NULL PRIMARY KEY,
  percent               DECIMAL(7,4) NOT NULL,
  CONSTRAINT ck_loyalty_percent CHECK (percent > 0 AND percent <= 100)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO loyalty_tier (min_months, percent) VALUES (12, 5), (24, 10), (36, 15), (60, 20);

CREATE TABLE coupon (
  id                    BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code                  VARCHAR(64)  NOT NULL,
  kind                  VARCHAR(16)  NOT NULL,
  percent               DECIMAL(7,4) NULL,
  duration              VARCHAR(16)  NOT NULL,
  duration_cycles       INT          NULL,
  valid_from            DATE         NULL,
  valid_until           DATE         NULL,
  max_redemptions       INT          NULL,
  max_per_customer      INT          NULL,
  stackable             BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at            DATETIME(6)  NOT NULL,
  CONSTRAINT uk_coupon_code UNIQUE (code),
  CONSTRAINT ck_coupon_kind CHECK (kind IN ('PERCENT', 'FIXED')),
  CONSTRAINT ck_coupon_percent CHECK ((kind = 'PERCENT') = (percent IS NOT NULL) AND (percent IS NULL OR (percent > 0 AND percent <= 100))),
  CONSTRAINT ck_coupon_duration CHECK (duration IN ('ONCE', 'CYCLES', 'FOREVER')),
  CONSTRAINT ck_coupon_cycles CHECK ((duration = 'CYCLES') = (duration_cycles IS NOT NULL) AND (duration_cycles IS NULL OR duration_cycles > 0))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A fixed coupon's amount per currency (no FX: a currency without a row gets no discount).
CREATE TABLE coupon_amount (
  coupon_id             BIGINT        NOT NULL,
  currency              CHAR(3)       NOT NULL,
  amount                DECIMAL(19,4) NOT NULL,
  PRIMARY KEY (coupon_id, currency),
  CONSTRAINT fk_coupon_amount_coupon FOREIGN KEY (coupon_id) REFERENCES coupon (id),
  CONSTRAINT ck_coupon_amount CHECK (amount > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Restrictions: no rows = any product / any country.
CREATE TABLE coupon_product (
  coupon_id             BIGINT       NOT NULL,
  product_id            BIGINT       NOT NULL,
  PRIMARY KEY (coupon_id, product_id),
  CONSTRAINT fk_coupon_product_coupon FOREIGN KEY (coupon_id) REFERENCES coupon (id),
  CONSTRAINT fk_coupon_product_product FOREIGN KEY (product_id) REFERENCES product (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE coupon_country (
  coupon_id             BIGINT       NOT NULL,
  country               CHAR(2)      NOT NULL,
  PRIMARY KEY (coupon_id, country),
  CONSTRAINT fk_coupon_country_coupon FOREIGN KEY (coupon_id) REFERENCES coupon (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A coupon applied to one service. The limits are checked under a lock on the coupon row; one
-- redemption per (coupon, service).
CREATE TABLE coupon_redemption (
  id                    BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  coupon_id             BIGINT       NOT NULL,
  customer_id           BIGINT       NOT NULL,
  subscription_id       BIGINT       NOT NULL,
  redeemed_on           DATE         NOT NULL,
  redeemed_by           VARCHAR(128) NOT NULL,
  created_at            DATETIME(6)  NOT NULL,
  CONSTRAINT uk_coupon_redemption UNIQUE (coupon_id, subscription_id),
  KEY ix_coupon_redemption_customer (customer_id),
  KEY ix_coupon_redemption_subscription (subscription_id),
  CONSTRAINT fk_coupon_redemption_coupon FOREIGN KEY (coupon_id) REFERENCES coupon (id),
  CONSTRAINT fk_coupon_redemption_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
  CONSTRAINT fk_coupon_redemption_subscription FOREIGN KEY (subscription_id) REFERENCES subscription (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Tax rules by country and optional region ('' = the whole country), valid over a date range.
CREATE TABLE tax_rule (
  id                    BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  country               CHAR(2)      NOT NULL,
  region                VARCHAR(64)  NOT NULL DEFAULT '',
  name                  VARCHAR(64)  NOT NULL,
  rate                  DECIMAL(7,4) NOT NULL,
  valid_from            DATE         NOT NULL DEFAULT '2000-01-01',
  valid_until           DATE         NULL,
  CONSTRAINT uk_tax_rule UNIQUE (country, region, valid_from),
  CONSTRAINT ck_tax_rule_rate CHECK (rate >= 0 AND rate < 100)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The account credit ledger: balance = sum of entries per customer and currency. Each source
-- (an invoice the credit was applied to, a plan change, a referral, a credit note) credits or
-- debits at most once per reason.
CREATE TABLE credit_ledger (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id           BIGINT        NOT NULL,
  currency              CHAR(3)       NOT NULL,
  amount                DECIMAL(19,4) NOT NULL,
  reason                VARCHAR(32)   NOT NULL,
  source_type           VARCHAR(32)   NOT NULL,
  source_id             BIGINT        NOT NULL,
  note                  VARCHAR(500)  NULL,
  actor                 VARCHAR(128)  NOT NULL,
  created_at            DATETIME(6)   NOT NULL,
  CONSTRAINT uk_credit_ledger_source UNIQUE (source_type, source_id, reason),
  KEY ix_credit_ledger_customer (customer_id, currency),
  CONSTRAINT fk_credit_ledger_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
  CONSTRAINT ck_credit_ledger_amount CHECK (amount <> 0),
  CONSTRAINT ck_credit_ledger_reason CHECK (reason IN ('MANUAL', 'DOWNGRADE', 'REFERRAL', 'APPLIED', 'CREDIT_NOTE', 'OVERPAYMENT', 'CONVERSION', 'CORRECTION'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Invoice: tax decision and mode, credit applied at issue, approval hold.
ALTER TABLE invoice ADD COLUMN prices_include_tax BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE invoice ADD COLUMN tax_mode VARCHAR(16) NOT NULL DEFAULT 'NONE';
ALTER TABLE invoice ADD COLUMN tax_note VARCHAR(300) NULL;
ALTER TABLE invoice ADD COLUMN credit_applied DECIMAL(19,4) NOT NULL DEFAULT 0;
ALTER TABLE invoice ADD COLUMN hold_reason VARCHAR(300) NULL;
ALTER TABLE invoice ADD COLUMN approved_by VARCHAR(128) NULL;
ALTER TABLE invoice ADD COLUMN approved_at DATETIME(6) NULL;
ALTER TABLE invoice ADD CONSTRAINT ck_invoice_tax_mode CHECK (tax_mode IN ('NONE', 'STANDARD', 'EXEMPT', 'REVERSE_CHARGE'));

-- Lines: the plan and the days a prorated line covers, the plan change it comes from, the tax
-- rate it is taxed at, and for a discount line the discount and the line it discounts.
ALTER TABLE invoice_line ADD COLUMN plan_id BIGINT NULL;
ALTER TABLE invoice_line ADD COLUMN covers_from DATE NULL;
ALTER TABLE invoice_line ADD COLUMN covers_until DATE NULL;
ALTER TABLE invoice_line ADD COLUMN plan_change_id BIGINT NULL;
ALTER TABLE invoice_line ADD COLUMN tax_rate DECIMAL(7,4) NULL;
ALTER TABLE invoice_line ADD COLUMN tax_name VARCHAR(64) NULL;
ALTER TABLE invoice_line ADD COLUMN discount_ref VARCHAR(48) CHARACTER SET ascii NOT NULL DEFAULT '';
ALTER TABLE invoice_line ADD COLUMN discounted_line_no INT NULL;
ALTER TABLE invoice_line ADD COLUMN coupon_redemption_id BIGINT NULL;
ALTER TABLE invoice_line ADD CONSTRAINT fk_invoice_line_plan_change FOREIGN KEY (plan_change_id) REFERENCES plan_change (id);
ALTER TABLE invoice_line ADD CONSTRAINT fk_invoice_line_redemption FOREIGN KEY (coupon_redemption_id) REFERENCES coupon_redemption (id);
-- one statement, so the foreign key on subscription_id always has an index starting with it
ALTER TABLE invoice_line
  DROP INDEX uk_invoice_line_charge,
  ADD CONSTRAINT uk_invoice_line_charge UNIQUE (subscription_id, charge_kind, period_start, revision, discount_ref);
CREATE INDEX ix_invoice_line_redemption ON invoice_line (coupon_redemption_id);

-- Lines billed before this version were billed at their service's plan (plans could not change):
-- record it, so plan changes reconcile against them. The one time the line trigger steps aside.
DROP TRIGGER trg_invoice_line_immutable_update;
UPDATE invoice_line l JOIN subscription s ON s.id = l.subscription_id
   SET l.plan_id = s.plan_id
 WHERE l.charge_kind = 'RECURRING' AND l.plan_id IS NULL;

-- Tax per rate per invoice (EU VAT Directive art. 226): the base and the tax of each rate.
CREATE TABLE invoice_tax (
  invoice_id            BIGINT        NOT NULL,
  tax_name              VARCHAR(64)   NOT NULL,
  rate                  DECIMAL(7,4)  NOT NULL,
  taxable_base          DECIMAL(19,4) NOT NULL,
  tax_amount            DECIMAL(19,4) NOT NULL,
  PRIMARY KEY (invoice_id, tax_name, rate),
  CONSTRAINT fk_invoice_tax_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Credit notes: their own gapless series per seller, always issued (never drafts), immutable.
CREATE TABLE credit_note (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  seller_entity_id      BIGINT        NOT NULL,
  customer_id           BIGINT        NOT NULL,
  invoice_id            BIGINT        NOT NULL,
  currency              CHAR(3)       NOT NULL,
  series_key            VARCHAR(64)   NOT NULL,
  sequence_value        BIGINT        NOT NULL,
  number                VARCHAR(64)   NOT NULL,
  kind                  VARCHAR(16)   NOT NULL,
  reason                VARCHAR(500)  NOT NULL,
  settlement            VARCHAR(16)   NOT NULL,
  -- the part that reduced what the customer owed; the rest went to account credit (or a refund)
  balance_reduction     DECIMAL(19,4) NOT NULL,
  issue_date            DATE          NOT NULL,
  subtotal              DECIMAL(19,4) NOT NULL,
  tax_total             DECIMAL(19,4) NOT NULL,
  total                 DECIMAL(19,4) NOT NULL,
  issued_by             VARCHAR(128)  NOT NULL,
  issued_at             DATETIME(6)   NOT NULL,
  CONSTRAINT uk_credit_note_number UNIQUE (number),
  CONSTRAINT uk_credit_note_series_value UNIQUE (series_key, sequence_value),
  KEY ix_credit_note_invoice (invoice_id),
  CONSTRAINT fk_credit_note_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
  CONSTRAINT fk_credit_note_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
  CONSTRAINT ck_credit_note_kind CHECK (kind IN ('FULL', 'LINES', 'AMOUNT', 'VOID', 'EXPIRY')),
  CONSTRAINT ck_credit_note_settlement CHECK (settlement IN ('REDUCE_BALANCE', 'ACCOUNT_CREDIT', 'REFUND')),
  CONSTRAINT ck_credit_note_total CHECK (total > 0 AND total = subtotal + tax_total)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE credit_note_line (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  credit_note_id        BIGINT        NOT NULL,
  line_no               INT           NOT NULL,
  invoice_line_id       BIGINT        NULL,
  description           VARCHAR(500)  NOT NULL,
  amount                DECIMAL(19,4) NOT NULL,
  tax_name              VARCHAR(64)   NULL,
  tax_rate              DECIMAL(7,4)  NULL,
  CONSTRAINT uk_credit_note_line_no UNIQUE (credit_note_id, line_no),
  KEY ix_credit_note_line_invoice_line (invoice_line_id),
  CONSTRAINT fk_credit_note_line_note FOREIGN KEY (credit_note_id) REFERENCES credit_note (id),
  CONSTRAINT fk_credit_note_line_invoice_line FOREIGN KEY (invoice_line_id) REFERENCES invoice_line (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Tax reversed per rate (the credit note's own art. 226 table).
CREATE TABLE credit_note_tax (
  credit_note_id        BIGINT        NOT NULL,
  tax_name              VARCHAR(64)   NOT NULL,
  rate                  DECIMAL(7,4)  NOT NULL,
  taxable_base          DECIMAL(19,4) NOT NULL,
  tax_amount            DECIMAL(19,4) NOT NULL,
  PRIMARY KEY (credit_note_id, tax_name, rate),
  CONSTRAINT fk_credit_note_tax_note FOREIGN KEY (credit_note_id) REFERENCES credit_note (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The settlement columns an issued invoice may still change now include credit_applied; the tax
-- decision and hold columns are frozen with the rest. Recreated with the new column list.
DROP TRIGGER trg_invoice_immutable_update;

DELIMITER $$

CREATE TRIGGER trg_invoice_line_immutable_update BEFORE UPDATE ON invoice_line FOR EACH ROW
BEGIN
  IF (SELECT status FROM invoice WHERE id = OLD.invoice_id) <> 'DRAFT'
     OR (SELECT status FROM invoice WHERE id = NEW.invoice_id) <> 'DRAFT' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: its lines cannot change';
  END IF;
END$$

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
     ) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: issue a credit note instead';
  END IF;
END$$

CREATE TRIGGER trg_invoice_tax_immutable_insert BEFORE INSERT ON invoice_tax FOR EACH ROW
BEGIN
  IF (SELECT status FROM invoice WHERE id = NEW.invoice_id) <> 'DRAFT' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: its tax cannot change';
  END IF;
END$$

CREATE TRIGGER trg_invoice_tax_immutable_update BEFORE UPDATE ON invoice_tax FOR EACH ROW
BEGIN
  IF (SELECT status FROM invoice WHERE id = OLD.invoice_id) <> 'DRAFT' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: its tax cannot change';
  END IF;
END$$

CREATE TRIGGER trg_invoice_tax_immutable_delete BEFORE DELETE ON invoice_tax FOR EACH ROW
BEGIN
  IF (SELECT status FROM invoice WHERE id = OLD.invoice_id) <> 'DRAFT' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: its tax cannot change';
  END IF;
END$$

-- Credit notes are issued when written: nothing about them changes afterwards.
CREATE TRIGGER trg_credit_note_immutable_update BEFORE UPDATE ON credit_note FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'credit note is issued and immutable';
END$$

CREATE TRIGGER trg_credit_note_immutable_delete BEFORE DELETE ON credit_note FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'credit note is issued and immutable';
END$$

CREATE TRIGGER trg_credit_note_line_immutable_update BEFORE UPDATE ON credit_note_line FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'credit note is issued and immutable';
END$$

CREATE TRIGGER trg_credit_note_line_immutable_delete BEFORE DELETE ON credit_note_line FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'credit note is issued and immutable';
END$$

CREATE TRIGGER trg_credit_note_tax_immutable_update BEFORE UPDATE ON credit_note_tax FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'credit note is issued and immutable';
END$$

CREATE TRIGGER trg_credit_note_tax_immutable_delete BEFORE DELETE ON credit_note_tax FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'credit note is issued and immutable';
END$$

-- The billing currency is fixed once the customer has an issued invoice, unless the session
-- declares an explicit, audited conversion (@ezscale_currency_conversion).
CREATE TRIGGER trg_customer_currency_fixed BEFORE UPDATE ON customer FOR EACH ROW
BEGIN
  IF NOT (NEW.billing_currency <=> OLD.billing_currency)
     AND @ezscale_currency_conversion IS NULL
     AND EXISTS (SELECT 1 FROM invoice WHERE customer_id = OLD.id AND status <> 'DRAFT') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'billing currency is fixed once an invoice is issued: use convert-currency (audited) or a new account';
  END IF;
END$$

-- A price in a new currency opens that currency's price list (tax-exclusive until flagged).
CREATE TRIGGER trg_plan_price_opens_price_list AFTER INSERT ON plan_price FOR EACH ROW
BEGIN
  INSERT IGNORE INTO price_list (currency, tax_inclusive, name) VALUES (NEW.currency, FALSE, CONCAT(NEW.currency, ' prices'));
END$$

-- The ledger is append-only.
CREATE TRIGGER trg_credit_ledger_append_only_update BEFORE UPDATE ON credit_ledger FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'credit ledger is append-only: add a correcting entry';
END$$

CREATE TRIGGER trg_credit_ledger_append_only_delete BEFORE DELETE ON credit_ledger FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'credit ledger is append-only: add a correcting entry';
END$$

DELIMITER ;
