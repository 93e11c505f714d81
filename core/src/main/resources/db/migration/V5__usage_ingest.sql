-- Bandwidth usage from ElastiFlow: 5-minute samples per service, the unattributed-traffic (leak)
-- report, dead letters, and the bookkeeping that makes every source idempotent (Kafka offsets,
-- imported files, Elasticsearch windows and watermarks).
--
-- Sample layout: one row per (service, bucket), the primary key, so InnoDB clusters a service's
-- buckets together in time order. Rating a service's month is one contiguous range read of the
-- clustered index (no secondary look-ups), in bucket order, ready to rank. The bucket is stored as
-- a 4-byte bucket number (epoch seconds / 300) and the row holds only two BIGINT counters, so a
-- month of 10,000 services (86.4M rows) stays narrow. Writers add (+=) with ON DUPLICATE KEY
-- UPDATE, which lets the Kafka path commit increments and the file path merge without a read.

CREATE TABLE usage_sample (
  subscription_id       BIGINT        NOT NULL,
  bucket                INT UNSIGNED  NOT NULL,
  bytes_in              BIGINT        NOT NULL DEFAULT 0,
  bytes_out             BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (subscription_id, bucket),
  KEY ix_usage_sample_bucket (bucket)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Traffic no service owns, per IP and day (the leak report). bytes_in: flows to the IP;
-- bytes_out: flows from it. Only flows with neither end attributed land here.
CREATE TABLE unattributed_traffic (
  ip                    VARBINARY(16) NOT NULL,
  day                   DATE          NOT NULL,
  bytes_in              BIGINT        NOT NULL DEFAULT 0,
  bytes_out             BIGINT        NOT NULL DEFAULT 0,
  flows                 BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (ip, day),
  KEY ix_unattributed_day (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A record that could not be billed from, with the reason. position identifies it in its source
-- (topic-partition@offset, file sha256:line, es window), so a replay never stores it twice.
CREATE TABLE ingest_dead_letter (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  source                VARCHAR(16)   NOT NULL,
  position              VARCHAR(200)  NOT NULL,
  reason                VARCHAR(500)  NOT NULL,
  raw_record            VARCHAR(2000) NULL,
  received_at           DATETIME(6)   NOT NULL,
  CONSTRAINT uk_ingest_dead_letter_position UNIQUE (source, position),
  KEY ix_ingest_dead_letter_received (received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The next Kafka offset to read per partition, written in the same transaction as the samples
-- that the records before it produced.
CREATE TABLE ingest_kafka_offset (
  consumer_group        VARCHAR(200)  NOT NULL,
  topic                 VARCHAR(200)  NOT NULL,
  partition_no          INT           NOT NULL,
  next_offset           BIGINT        NOT NULL,
  updated_at            DATETIME(6)   NOT NULL,
  PRIMARY KEY (consumer_group, topic, partition_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Files imported, by content checksum: the same file twice changes nothing.
CREATE TABLE ingest_file (
  sha256                CHAR(64)      NOT NULL PRIMARY KEY,
  path                  VARCHAR(1000) NOT NULL,
  records               BIGINT        NOT NULL,
  dead_letters          BIGINT        NOT NULL,
  imported_at           DATETIME(6)   NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What each ingest pass did (a Kafka batch, a file, an Elasticsearch window), for `runs`.
CREATE TABLE ingest_window (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  source                VARCHAR(16)   NOT NULL,
  label                 VARCHAR(300)  NOT NULL,
  window_start          DATETIME(6)   NULL,
  window_end            DATETIME(6)   NULL,
  records               BIGINT        NOT NULL,
  attributed            BIGINT        NOT NULL,
  unattributed          BIGINT        NOT NULL,
  ignored               BIGINT        NOT NULL,
  dead_letters          BIGINT        NOT NULL,
  bytes                 BIGINT        NOT NULL,
  finished_at           DATETIME(6)   NOT NULL,
  KEY ix_ingest_window_finished (finished_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- How far the nightly Elasticsearch catch-up has read, per source.
CREATE TABLE ingest_watermark (
  source                VARCHAR(64)   NOT NULL PRIMARY KEY,
  watermark             DATETIME(6)   NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
