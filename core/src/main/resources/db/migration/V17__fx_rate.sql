-- Exchange rates for the reports that convert currencies (`report ... --currency EUR`): one rate per
-- pair and day, 1 base = rate quote (e.g. EUR USD 1.0523), loaded from a CSV file (`fx load`) or
-- entered (`fx set`). Invoices never use them: an invoice is billed in its customer's currency.
-- A rate once stored is only changed on purpose (`--replace`), and that change is audited.
CREATE TABLE fx_rate (
  base        CHAR(3)        CHARACTER SET ascii NOT NULL,
  quote       CHAR(3)        CHARACTER SET ascii NOT NULL,
  rate_date   DATE           NOT NULL,
  rate        DECIMAL(24,10) NOT NULL,
  source      VARCHAR(64)    NOT NULL DEFAULT '',
  created_at  DATETIME(6)    NOT NULL,
  updated_at  DATETIME(6)    NULL,
  PRIMARY KEY (base, quote, rate_date),
  CONSTRAINT ck_fx_rate_positive CHECK (rate > 0),
  CONSTRAINT ck_fx_rate_pair CHECK (base <> quote)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
