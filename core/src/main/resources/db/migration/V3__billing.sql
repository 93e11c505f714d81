-- The billing schema, version 1: seller, catalog, customers, services and their IPs, invoices,
-- number series, parked customers, audit. Money is DECIMAL(19,4) at the currency's scale (JPY 0,
-- USD 2, BHD 3); unit prices DECIMAL(19,6). Instants are DATETIME(6) in UTC, business dates DATE.
-- Every idempotency rule is a unique key here, not only in code.

CREATE TABLE seller_entity (
  id                    BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code                  VARCHAR(32)  NOT NULL,
  legal_name            VARCHAR(200) NOT NULL,
  address               VARCHAR(500) NOT NULL,
  country               CHAR(2)      NOT NULL,
  vat_number            VARCHAR(32)  NULL,
  invoice_series        VARCHAR(64)  NOT NULL,
  credit_note_series    VARCHAR(64)  NOT NULL,
  CONSTRAINT uk_seller_entity_code UNIQUE (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO seller_entity (code, legal_name, address, country, vat_number, invoice_series, credit_note_series)
VALUES ('EZSCALE', 'EZSCALE Hosting LLC', '1 Datacenter Way, Wilmington, DE 19801', 'US', NULL,
        'INV-{year}-{000001}', 'CN-{year}-{000001}');

CREATE TABLE customer (
  id                    BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  external_ref          VARCHAR(64)  NULL,
  name                  VARCHAR(200) NOT NULL,
  company               VARCHAR(200) NULL,
  email                 VARCHAR(254) NOT NULL,
  address_line1         VARCHAR(200) NULL,
  address_line2         VARCHAR(200) NULL,
  city                  VARCHAR(100) NULL,
  postal_code           VARCHAR(20)  NULL,
  region                VARCHAR(64)  NULL,
  country               CHAR(2)      NOT NULL,
  billing_currency      CHAR(3)      NOT NULL,
  vat_number            VARCHAR(32)  NULL,
  tax_exempt            BOOLEAN      NOT NULL DEFAULT FALSE,
  customer_group        VARCHAR(64)  NULL,
  status                VARCHAR(16)  NOT NULL,
  created_at            DATETIME(6)  NOT NULL,
  version               INT          NOT NULL DEFAULT 0,
  CONSTRAINT uk_customer_external_ref UNIQUE (external_ref),
  CONSTRAINT ck_customer_status CHECK (status IN ('ACTIVE', 'INACTIVE', 'CLOSED'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE product (
  id                    BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code                  VARCHAR(64)  NOT NULL,
  name                  VARCHAR(200) NOT NULL,
  kind                  VARCHAR(32)  NOT NULL,
  seller_entity_id      BIGINT       NOT NULL,
  CONSTRAINT uk_product_code UNIQUE (code),
  CONSTRAINT fk_product_seller FOREIGN KEY (seller_entity_id) REFERENCES seller_entity (id),
  CONSTRAINT ck_product_kind CHECK (kind IN ('VPS', 'DEDICATED', 'WEB_HOSTING', 'GAME_SERVER', 'TRANSIT', 'OTHER'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE plan (
  id                    BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_id            BIGINT       NOT NULL,
  code                  VARCHAR(64)  NOT NULL,
  name                  VARCHAR(200) NOT NULL,
  CONSTRAINT uk_plan_code UNIQUE (code),
  CONSTRAINT fk_plan_product FOREIGN KEY (product_id) REFERENCES product (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The price list: one price per plan, currency and cycle; no FX conversion at billing.
CREATE TABLE plan_price (
  plan_id               BIGINT        NOT NULL,
  currency              CHAR(3)       NOT NULL,
  cycle                 VARCHAR(16)   NOT NULL,
  recurring_price       DECIMAL(19,6) NOT NULL,
  setup_fee             DECIMAL(19,6) NOT NULL DEFAULT 0,
  PRIMARY KEY (plan_id, currency, cycle),
  CONSTRAINT fk_plan_price_plan FOREIGN KEY (plan_id) REFERENCES plan (id),
  CONSTRAINT ck_plan_price_nonneg CHECK (recurring_price >= 0 AND setup_fee >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A service. next_period_start is the generator's cursor ("billed through"), moved in the same
-- transaction as the lines it bills; the unique key on invoice_line is what makes billing idempotent.
CREATE TABLE subscription (
  id                    BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id           BIGINT       NOT NULL,
  plan_id               BIGINT       NOT NULL,
  cycle                 VARCHAR(16)  NOT NULL,
  status                VARCHAR(16)  NOT NULL,
  anchor_day            TINYINT      NOT NULL,
  start_date            DATE         NOT NULL,
  end_date              DATE         NULL,
  next_period_start     DATE         NULL,
  label                 VARCHAR(200) NULL,
  panel                 VARCHAR(32)  NULL,
  panel_ref             VARCHAR(128) NULL,
  created_at            DATETIME(6)  NOT NULL,
  version               INT          NOT NULL DEFAULT 0,
  KEY ix_subscription_customer (customer_id, status, next_period_start),
  CONSTRAINT fk_subscription_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
  CONSTRAINT fk_subscription_plan FOREIGN KEY (plan_id) REFERENCES plan (id),
  CONSTRAINT ck_subscription_status CHECK (status IN ('PENDING', 'ACTIVE', 'SUSPENDED', 'CANCELLED', 'TERMINATED')),
  CONSTRAINT ck_subscription_anchor CHECK (anchor_day BETWEEN 1 AND 31)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- IP addresses and prefixes assigned to a service, valid over [valid_from, valid_until).
CREATE TABLE ip_assignment (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  subscription_id       BIGINT        NOT NULL,
  cidr                  VARCHAR(43)   NOT NULL,
  ip_family             TINYINT       NOT NULL,
  network               VARBINARY(16) NOT NULL,
  prefix_length         TINYINT       NOT NULL,
  valid_from            DATETIME(6)   NOT NULL,
  valid_until           DATETIME(6)   NULL,
  KEY ix_ip_assignment_network (network, prefix_length),
  KEY ix_ip_assignment_subscription (subscription_id),
  CONSTRAINT fk_ip_assignment_subscription FOREIGN KEY (subscription_id) REFERENCES subscription (id),
  CONSTRAINT ck_ip_assignment_family CHECK (ip_family IN (4, 6))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Gapless numbering: one row per series (e.g. INV-2026), locked FOR UPDATE in the issuing transaction.
CREATE TABLE number_series (
  series_key            VARCHAR(64)  NOT NULL PRIMARY KEY,
  last_value            BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE invoice (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  seller_entity_id      BIGINT        NOT NULL,
  customer_id           BIGINT        NOT NULL,
  currency              CHAR(3)       NOT NULL,
  status                VARCHAR(16)   NOT NULL,
  run_id                BIGINT        NULL,
  series_key            VARCHAR(64)   NULL,
  sequence_value        BIGINT        NULL,
  number                VARCHAR(64)   NULL,
  due_date              DATE          NOT NULL,
  issue_date            DATE          NULL,
  issued_at             DATETIME(6)   NULL,
  subtotal              DECIMAL(19,4) NOT NULL,
  tax_total             DECIMAL(19,4) NOT NULL,
  total                 DECIMAL(19,4) NOT NULL,
  amount_paid           DECIMAL(19,4) NOT NULL DEFAULT 0,
  on_hold               BOOLEAN       NOT NULL DEFAULT FALSE,
  bill_to_name          VARCHAR(200)  NULL,
  bill_to_company       VARCHAR(200)  NULL,
  bill_to_email         VARCHAR(254)  NULL,
  bill_to_address       VARCHAR(600)  NULL,
  bill_to_region        VARCHAR(64)   NULL,
  bill_to_country       CHAR(2)       NULL,
  bill_to_vat_number    VARCHAR(32)   NULL,
  seller_snapshot       VARCHAR(800)  NULL,
  created_at            DATETIME(6)   NOT NULL,
  paid_at               DATETIME(6)   NULL,
  version               INT           NOT NULL DEFAULT 0,
  -- one draft per customer and currency per run (run_id = the Batch job instance)
  CONSTRAINT uk_invoice_run_customer UNIQUE (run_id, customer_id, currency),
  CONSTRAINT uk_invoice_number UNIQUE (number),
  CONSTRAINT uk_invoice_series_value UNIQUE (series_key, sequence_value),
  KEY ix_invoice_customer (customer_id, status),
  KEY ix_invoice_status (status, on_hold),
  CONSTRAINT fk_invoice_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
  CONSTRAINT fk_invoice_seller FOREIGN KEY (seller_entity_id) REFERENCES seller_entity (id),
  CONSTRAINT ck_invoice_status CHECK (status IN ('DRAFT', 'ISSUED', 'PAID', 'PARTIALLY_PAID', 'VOID', 'UNCOLLECTIBLE')),
  CONSTRAINT ck_invoice_issued_numbered CHECK (status = 'DRAFT' OR (number IS NOT NULL AND issue_date IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One line per (service, charge kind, period, revision): a rerun finds it and adds nothing.
-- Corrections of a period (late usage, back-dated changes) take the next revision.
CREATE TABLE invoice_line (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  invoice_id            BIGINT        NOT NULL,
  line_no               INT           NOT NULL,
  subscription_id       BIGINT        NULL,
  charge_kind           VARCHAR(24)   NOT NULL,
  period_start          DATE          NULL,
  period_end_exclusive  DATE          NULL,
  revision              INT           NOT NULL DEFAULT 0,
  description           VARCHAR(500)  NOT NULL,
  quantity              DECIMAL(19,6) NOT NULL,
  unit_price            DECIMAL(19,6) NOT NULL,
  amount                DECIMAL(19,4) NOT NULL,
  CONSTRAINT uk_invoice_line_charge UNIQUE (subscription_id, charge_kind, period_start, revision),
  CONSTRAINT uk_invoice_line_no UNIQUE (invoice_id, line_no),
  CONSTRAINT fk_invoice_line_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
  CONSTRAINT fk_invoice_line_subscription FOREIGN KEY (subscription_id) REFERENCES subscription (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Customers a run could not bill, with the reason; everyone else is billed.
CREATE TABLE run_parked (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  job_execution_id      BIGINT        NOT NULL,
  step_name             VARCHAR(100)  NOT NULL,
  customer_id           BIGINT        NOT NULL,
  as_of                 DATE          NOT NULL,
  reason                VARCHAR(1000) NOT NULL,
  created_at            DATETIME(6)   NOT NULL,
  CONSTRAINT uk_run_parked UNIQUE (job_execution_id, step_name, customer_id),
  KEY ix_run_parked_customer (customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Admin and finance actions (reruns, restarts, approvals, manual payments...).
CREATE TABLE audit_log (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at                    DATETIME(6)   NOT NULL,
  actor                 VARCHAR(128)  NOT NULL,
  action                VARCHAR(64)   NOT NULL,
  target                VARCHAR(200)  NULL,
  detail                VARCHAR(2000) NULL,
  KEY ix_audit_log_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
