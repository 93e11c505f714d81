-- Staff who log in to the portal: finance and admins. A password is stored as a BCrypt hash only;
-- the TOTP second factor is set up at the first login (secret shown once as a QR code), and its
-- last accepted 30-second step is kept so that a code is never accepted twice (the UPDATE that
-- accepts it is conditional on a later step). Recovery codes are stored as SHA-256 hashes and
-- each is used once.
CREATE TABLE staff_user (
  id                 BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username           VARCHAR(64)   NOT NULL,
  display_name       VARCHAR(128)  NOT NULL,
  role               VARCHAR(16)   NOT NULL,
  password_hash      VARCHAR(100)  CHARACTER SET ascii NOT NULL,
  totp_secret        VARCHAR(64)   CHARACTER SET ascii NULL,
  totp_confirmed_at  DATETIME(6)   NULL,
  totp_last_step     BIGINT        NULL,
  enabled            BOOLEAN       NOT NULL DEFAULT TRUE,
  created_at         DATETIME(6)   NOT NULL,
  CONSTRAINT uk_staff_user_username UNIQUE (username),
  CONSTRAINT ck_staff_user_role CHECK (role IN ('FINANCE', 'ADMIN'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE staff_recovery_code (
  staff_user_id  BIGINT       NOT NULL,
  code_hash      CHAR(64)     CHARACTER SET ascii NOT NULL,
  used_at        DATETIME(6)  NULL,
  PRIMARY KEY (staff_user_id, code_hash),
  CONSTRAINT fk_staff_recovery_code_user FOREIGN KEY (staff_user_id) REFERENCES staff_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every login step, good or bad, with where it came from.
CREATE TABLE staff_login (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username        VARCHAR(64)   NOT NULL,
  remote_address  VARCHAR(64)   NOT NULL,
  at              DATETIME(6)   NOT NULL,
  outcome         VARCHAR(24)   NOT NULL,
  KEY ix_staff_login_user (username, at),
  KEY ix_staff_login_at (at),
  CONSTRAINT ck_staff_login_outcome CHECK (outcome IN ('PASSWORD_OK', 'PASSWORD_FAILED', 'TOTP_OK', 'TOTP_FAILED',
                                                       'RECOVERY_CODE_OK', 'RATE_LIMITED', 'LOGOUT'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Where an audited action came from: the portal user's address, or the command line's host.
ALTER TABLE audit_log ADD COLUMN origin VARCHAR(128) NULL AFTER detail;

-- A job run, restart or stop asked for in the portal. The portal writes the row and a one-shot
-- Quartz trigger in one transaction; whichever `serve` node fires it moves the row from REQUESTED
-- to STARTED with a conditional UPDATE first, so a trigger fired twice (recovery) runs nothing twice.
CREATE TABLE job_request (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  action            VARCHAR(8)    NOT NULL,
  job_name          VARCHAR(100)  NULL,
  as_of             DATE          NULL,
  execution_id      BIGINT        NULL COMMENT 'the execution to restart or stop',
  customer_id       BIGINT        NULL COMMENT 'a run for one customer (an approved draft issued at once)',
  requested_by      VARCHAR(128)  NOT NULL,
  origin            VARCHAR(128)  NULL,
  requested_at      DATETIME(6)   NOT NULL,
  status            VARCHAR(10)   NOT NULL DEFAULT 'REQUESTED',
  node              VARCHAR(128)  NULL,
  result_execution  BIGINT        NULL COMMENT 'the execution the request started',
  message           VARCHAR(1000) NULL,
  updated_at        DATETIME(6)   NULL,
  KEY ix_job_request_status (status, id),
  CONSTRAINT ck_job_request_action CHECK (action IN ('RUN', 'RESTART', 'STOP')),
  CONSTRAINT ck_job_request_status CHECK (status IN ('REQUESTED', 'STARTED', 'DONE', 'REFUSED', 'FAILED'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The Batch jobs the serve nodes can run, written by each node at start: what the portal offers
-- (it cannot load the nodes' Quartz job classes to read them from the job store).
CREATE TABLE runnable_job (
  name           VARCHAR(100) NOT NULL PRIMARY KEY,
  registered_at  DATETIME(6)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
