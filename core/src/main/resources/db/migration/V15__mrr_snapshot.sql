-- MRR as it stood each day (the nightly's `snapshotMrr` step): per customer and currency, the
-- recurring services active that day at their list price normalised to a month. Written once per
-- day and never recomputed, so MRR history survives later corrections of the book.
CREATE TABLE mrr_snapshot (
  as_of          DATE          NOT NULL,
  customer_id    BIGINT        NOT NULL,
  currency       CHAR(3)       NOT NULL,
  mrr            DECIMAL(19,4) NOT NULL,
  subscriptions  INT           NOT NULL,
  PRIMARY KEY (as_of, customer_id, currency),
  KEY ix_mrr_snapshot_customer (customer_id, as_of),
  CONSTRAINT fk_mrr_snapshot_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A day whose snapshot was taken (even when no customer had MRR): a rerun of the day writes nothing.
CREATE TABLE mrr_snapshot_day (
  as_of          DATE          NOT NULL PRIMARY KEY,
  customers      INT           NOT NULL,
  taken_at       DATETIME(6)   NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
