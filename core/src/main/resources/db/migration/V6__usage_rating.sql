-- Usage terms per plan (a 1 Gbit/s port with a 100 Mbps commit and a 10 TB quota are plan
-- choices), their prices per currency, and rated usage with the evidence a dispute is settled with.

CREATE TABLE plan_usage_terms (
  plan_id               BIGINT        NOT NULL PRIMARY KEY,
  -- 95th percentile: commit in Mbps (10^6 bit/s), not prorated; NULL: no burstable billing
  commit_mbps           DECIMAL(19,6) NULL,
  direction_mode        VARCHAR(24)   NOT NULL DEFAULT 'MAX_OF_IN_AND_OUT',
  -- transfer quota: included volume in the unit; NULL: no quota
  quota_included        DECIMAL(19,6) NULL,
  quota_unit            VARCHAR(8)    NOT NULL DEFAULT 'GB',
  quota_counted         VARCHAR(16)   NOT NULL DEFAULT 'IN_AND_OUT',
  usage_period          VARCHAR(16)   NOT NULL DEFAULT 'CALENDAR_MONTH',
  grace_hours           INT           NOT NULL DEFAULT 6,
  CONSTRAINT fk_plan_usage_terms_plan FOREIGN KEY (plan_id) REFERENCES plan (id),
  CONSTRAINT ck_plan_usage_terms_mode CHECK (direction_mode IN ('MAX_OF_IN_AND_OUT', 'SUM_OF_IN_AND_OUT', 'IN_ONLY', 'OUT_ONLY')),
  CONSTRAINT ck_plan_usage_terms_unit CHECK (quota_unit IN ('GB', 'GIB')),
  CONSTRAINT ck_plan_usage_terms_counted CHECK (quota_counted IN ('IN_AND_OUT', 'IN_ONLY', 'OUT_ONLY')),
  CONSTRAINT ck_plan_usage_terms_period CHECK (usage_period IN ('CALENDAR_MONTH', 'BILLING_PERIOD'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Prices of usage per currency: MBPS (per Mbps over the commit) or TRANSFER (per unit over the
-- quota, graduated: tier 1 up to up_to units, tier 2 up to its up_to, the last with up_to NULL).
CREATE TABLE plan_usage_price (
  plan_id               BIGINT        NOT NULL,
  currency              CHAR(3)       NOT NULL,
  kind                  VARCHAR(16)   NOT NULL,
  tier_no               INT           NOT NULL,
  up_to                 DECIMAL(19,6) NULL,
  unit_price            DECIMAL(19,6) NOT NULL,
  PRIMARY KEY (plan_id, currency, kind, tier_no),
  CONSTRAINT fk_plan_usage_price_plan FOREIGN KEY (plan_id) REFERENCES plan (id),
  CONSTRAINT ck_plan_usage_price_kind CHECK (kind IN ('MBPS', 'TRANSFER')),
  CONSTRAINT ck_plan_usage_price_nonneg CHECK (unit_price >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per (service, usage period, revision). Revision 0 is the first rating; when the samples
-- of an already-rated period change (late data, a backfill), re-rating adds the next revision and
-- the invoice gets the difference as a correction line, never an edit.
CREATE TABLE rated_usage (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  subscription_id       BIGINT        NOT NULL,
  period_start          DATE          NOT NULL,
  period_end_exclusive  DATE          NOT NULL,
  revision              INT           NOT NULL,
  currency              CHAR(3)       NOT NULL,
  active_buckets        INT           NOT NULL,
  period_buckets        INT           NOT NULL,
  rank_index            INT           NOT NULL,
  p95_in_bytes          BIGINT        NOT NULL,
  p95_in_bucket         BIGINT        NOT NULL,
  p95_out_bytes         BIGINT        NOT NULL,
  p95_out_bucket        BIGINT        NOT NULL,
  p95_sum_bytes         BIGINT        NOT NULL,
  direction_mode        VARCHAR(24)   NOT NULL,
  billed_mbps           DECIMAL(19,6) NOT NULL,
  commit_mbps           DECIMAL(19,6) NULL,
  overage_mbps          DECIMAL(19,6) NULL,
  commit_amount         DECIMAL(19,6) NULL,
  bytes_in              BIGINT        NOT NULL,
  bytes_out             BIGINT        NOT NULL,
  quota_unit            VARCHAR(8)    NULL,
  used_units            DECIMAL(24,12) NULL,
  included_units        DECIMAL(24,12) NULL,
  overage_units         DECIMAL(19,2) NULL,
  transfer_amount       DECIMAL(19,6) NULL,
  samples_fingerprint   VARCHAR(100)  NOT NULL,
  rated_at              DATETIME(6)   NOT NULL,
  CONSTRAINT uk_rated_usage UNIQUE (subscription_id, period_start, revision),
  CONSTRAINT fk_rated_usage_subscription FOREIGN KEY (subscription_id) REFERENCES subscription (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 80% and 100% of quota or commit, at most once per service, period, measure and level.
CREATE TABLE usage_threshold_event (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  subscription_id       BIGINT        NOT NULL,
  period_start          DATE          NOT NULL,
  measure               VARCHAR(16)   NOT NULL,
  level_percent         INT           NOT NULL,
  observed              DECIMAL(24,6) NOT NULL,
  threshold             DECIMAL(24,6) NOT NULL,
  created_at            DATETIME(6)   NOT NULL,
  notified_at           DATETIME(6)   NULL,
  CONSTRAINT uk_usage_threshold_event UNIQUE (subscription_id, period_start, measure, level_percent),
  CONSTRAINT ck_usage_threshold_measure CHECK (measure IN ('COMMIT', 'QUOTA'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
