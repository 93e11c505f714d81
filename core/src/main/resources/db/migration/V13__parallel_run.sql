-- The parallel run with WHMCS (issue 14): while WHMCS still bills, the customers it bills are
-- "shadow" here. Our invoice run proposes for them into shadow tables only; the invoice table,
-- numbering, outbox, dunning and collection never see them. `cutover` clears the flag.
ALTER TABLE customer
  ADD COLUMN shadow BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'billed by WHMCS during the parallel run: proposed for, never invoiced, reminded or charged';

-- The parallel period: at most one open (no cutover yet), enforced by the unique generated marker.
CREATE TABLE parallel_run (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  source                VARCHAR(500)  NOT NULL COMMENT 'the WHMCS JDBC URL without credentials (they come from the environment)',
  started_on            DATE          NOT NULL,
  compare_from          DATE          NOT NULL COMMENT 'WHMCS invoices issued from this day on are compared',
  last_as_of            DATE          NOT NULL,
  cutover_on            DATE          NULL,
  cutover_by            VARCHAR(128)  NULL,
  accepted_differences  INT           NULL,
  open_marker           TINYINT       GENERATED ALWAYS AS (CASE WHEN cutover_on IS NULL THEN 1 END) STORED,
  CONSTRAINT uk_parallel_run_open UNIQUE (open_marker)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What we would have invoiced: one row per WHMCS invoice compared (its imported copy), or, with
-- no WHMCS invoice, what our run proposes on the last night that WHMCS has not invoiced.
CREATE TABLE shadow_invoice (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parallel_run_id       BIGINT        NOT NULL,
  customer_id           BIGINT        NOT NULL,
  whmcs_invoice_id      BIGINT        NULL COMMENT 'invoice.id of the imported WHMCS invoice; NULL: proposed here only',
  whmcs_number          VARCHAR(64)   NULL,
  issue_date            DATE          NOT NULL COMMENT 'the WHMCS invoice date, or the night it was proposed',
  as_of                 DATE          NOT NULL COMMENT 'the parallel-run night that compared it',
  currency              CHAR(3)       NOT NULL,
  whmcs_total           DECIMAL(19,4) NULL,
  our_subtotal          DECIMAL(19,4) NOT NULL,
  our_tax               DECIMAL(19,4) NOT NULL,
  our_total             DECIMAL(19,4) NOT NULL,
  differences           INT           NOT NULL,
  CONSTRAINT uk_shadow_invoice_whmcs UNIQUE (parallel_run_id, whmcs_invoice_id),
  KEY ix_shadow_invoice_customer (customer_id),
  CONSTRAINT fk_shadow_invoice_run FOREIGN KEY (parallel_run_id) REFERENCES parallel_run (id),
  CONSTRAINT fk_shadow_invoice_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Line by line: WHMCS's amount against ours for one service, kind and period, and the rule that
-- explains a difference (SAME when there is none).
CREATE TABLE shadow_line (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  shadow_invoice_id     BIGINT        NOT NULL,
  line_no               INT           NOT NULL,
  subscription_id       BIGINT        NULL,
  charge_kind           VARCHAR(32)   NULL COMMENT 'NULL for the tax line',
  period_start          DATE          NULL,
  description           VARCHAR(500)  NOT NULL,
  whmcs_amount          DECIMAL(19,4) NULL,
  our_amount            DECIMAL(19,4) NULL,
  difference            DECIMAL(19,4) NOT NULL COMMENT 'ours - WHMCS',
  rule                  VARCHAR(32)   NOT NULL,
  explanation           VARCHAR(1000) NOT NULL,
  CONSTRAINT uk_shadow_line UNIQUE (shadow_invoice_id, line_no),
  CONSTRAINT fk_shadow_line_invoice FOREIGN KEY (shadow_invoice_id) REFERENCES shadow_invoice (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
