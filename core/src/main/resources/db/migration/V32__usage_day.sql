-- Closed days of usage, one row per service and UTC day (issue 19): the 288 five-minute in and out
-- counters folded into `counters` (UsageDay's encoding: zigzag deltas as varints, ~1.5 KB for a
-- busy day instead of 288 rows of ~70 bytes), beside the day's totals (for totals and checks that
-- need no decoding; rating decodes the days it reads).
--
-- usage_sample keeps today's and late buckets, one row each, where ingest adds to them; the
-- nightly compactUsage step folds a service's samples of days closed for a day into their day rows
-- and deletes them in the same transaction. A late sample for a day already folded is added to the
-- day row by the transaction that receives it. Readers add both tables, so a byte is counted once
-- wherever it is, before, during and after compaction.
CREATE TABLE usage_day (
  subscription_id       BIGINT        NOT NULL,
  day                   DATE          NOT NULL,
  buckets               SMALLINT      NOT NULL,  -- buckets with traffic
  bytes_in              BIGINT        NOT NULL,
  bytes_out             BIGINT        NOT NULL,
  weighted              BIGINT        NOT NULL,  -- Σ i·(in + 3·out), i the bucket's index in the day
  counters              BLOB          NOT NULL,
  PRIMARY KEY (subscription_id, day),
  KEY ix_usage_day_day (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- With closed days folded, usage_sample holds about two days of rows: the index on bucket alone
-- (for pruning and Elasticsearch rebuilds, which now scan that small table) only cost every
-- sample insert and every folded sample's delete a second B-tree change.
ALTER TABLE usage_sample DROP INDEX ix_usage_sample_bucket;
