-- Money safety and recovery (issue 12).

-- A single IPv6 address is a /128: a signed TINYINT stopped at 127, so it could not be assigned and
-- its traffic went unattributed. The length fits the family: 0-32 for IPv4, 0-128 for IPv6.
ALTER TABLE ip_assignment
  MODIFY prefix_length SMALLINT NOT NULL,
  ADD CONSTRAINT ck_ip_assignment_prefix_length CHECK (prefix_length >= 0 AND prefix_length <= CASE WHEN ip_family = 4 THEN 32 ELSE 128 END);

-- At most one charge attempt of an invoice whose outcome is unknown (PENDING, or PROCESSING at the
-- gateway): a new attempt goes out with a new idempotency key, so sending one while an earlier
-- charge may have gone through could charge the card twice. Collect settles the earlier one first
-- (or holds the invoice back); this key refuses a second one whatever the code does.
ALTER TABLE payment_attempt
  ADD COLUMN unsettled_invoice_id BIGINT GENERATED ALWAYS AS (CASE WHEN status IN ('PENDING', 'PROCESSING') THEN invoice_id END) STORED,
  ADD CONSTRAINT uk_payment_attempt_unsettled UNIQUE (unsettled_invoice_id);

-- Who runs each job execution, so an execution whose process died (kill -9, a lost machine) is
-- found and marked FAILED instead of blocking its day forever as STARTED. A node is one JVM that
-- runs jobs (a serve node, a one-shot command); it beats every ezscale.jobs.heartbeat-every in the
-- database's clock. `scope` names the processes it can see (Linux boot id and pid namespace): a node
-- of the same scope judges a dead owner at once by its pid and start time, any other by the age of
-- its heartbeat (ezscale.jobs.owner-lost-after).
CREATE TABLE job_node (
  node_id               VARCHAR(64)   NOT NULL PRIMARY KEY,
  host                  VARCHAR(255)  NOT NULL,
  scope                 VARCHAR(128)  NULL,
  pid                   BIGINT        NOT NULL,
  process_start         DATETIME(6)   NULL,
  started_at            DATETIME(6)   NOT NULL,
  heartbeat_at          DATETIME(6)   NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE job_execution_owner (
  job_execution_id      BIGINT        NOT NULL PRIMARY KEY,
  node_id               VARCHAR(64)   NOT NULL,
  owned_at              DATETIME(6)   NOT NULL,
  KEY ix_job_execution_owner_node (node_id),
  CONSTRAINT fk_job_execution_owner_execution FOREIGN KEY (job_execution_id) REFERENCES BATCH_JOB_EXECUTION (JOB_EXECUTION_ID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
