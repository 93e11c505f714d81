-- Bringing a WHMCS book over (issue 14).

-- What each imported row became here, keyed by the source system and its own id, so a rerun
-- updates what changed (the fingerprint of the source row differs) and never creates twice.
CREATE TABLE migration_key (
  source                VARCHAR(32)   NOT NULL,
  kind                  VARCHAR(32)   NOT NULL,
  source_id             BIGINT        NOT NULL,
  target_id             BIGINT        NOT NULL,
  fingerprint           CHAR(64)      NOT NULL,
  imported_at           DATETIME(6)   NOT NULL,
  PRIMARY KEY (source, kind, source_id),
  CONSTRAINT uk_migration_key_target UNIQUE (source, kind, target_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each import: what it did, and its reconciliation (stored, as printed).
CREATE TABLE migration_run (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  source                VARCHAR(32)   NOT NULL,
  as_of                 DATE          NOT NULL,
  dry_run               BOOLEAN       NOT NULL,
  actor                 VARCHAR(128)  NOT NULL,
  started_at            DATETIME(6)   NOT NULL,
  finished_at           DATETIME(6)   NOT NULL,
  summary               MEDIUMTEXT    NOT NULL,
  differences           INT           NOT NULL,
  issues                INT           NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Source rows an import could not map, with the reason (never dropped silently).
CREATE TABLE migration_issue (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  run_id                BIGINT        NOT NULL,
  kind                  VARCHAR(32)   NOT NULL,
  source_id             BIGINT        NOT NULL,
  reason                VARCHAR(1000) NOT NULL,
  KEY ix_migration_issue_run (run_id),
  CONSTRAINT fk_migration_issue_run FOREIGN KEY (run_id) REFERENCES migration_run (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The reconciliation's lines: per client and currency, a measure in the source against here.
CREATE TABLE migration_reconciliation (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  run_id                BIGINT        NOT NULL,
  source_client_id      BIGINT        NOT NULL,
  customer_id           BIGINT        NULL,
  currency              CHAR(3)       NOT NULL,
  measure               VARCHAR(32)   NOT NULL,
  source_value          DECIMAL(19,6) NOT NULL,
  our_value             DECIMAL(19,6) NOT NULL,
  KEY ix_migration_reconciliation_run (run_id),
  CONSTRAINT fk_migration_reconciliation_run FOREIGN KEY (run_id) REFERENCES migration_run (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
