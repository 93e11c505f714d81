-- Reports run as a job (financeReport) for a staff member in the portal: the request carries the
-- report's parameters, and the file the job wrote is kept in the database (any portal node serves
-- it, whichever serve node wrote it). One file per execution: a restarted execution writes none twice.

ALTER TABLE job_request
  ADD COLUMN parameters VARCHAR(1000) NULL COMMENT 'more parameters of the run, name=value lines (a report''s name, range, currency, format)';

CREATE TABLE report_output (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  job_execution_id  BIGINT        NOT NULL,
  report            VARCHAR(32)   NOT NULL,
  format            VARCHAR(8)    NOT NULL,
  parameters        VARCHAR(500)  NOT NULL,
  file_name         VARCHAR(200)  NOT NULL,
  content           LONGBLOB      NOT NULL,
  size_bytes        BIGINT        NOT NULL,
  sha256            CHAR(64)      NOT NULL,
  rows_written      BIGINT        NOT NULL,
  requested_by      VARCHAR(128)  NOT NULL,
  created_at        DATETIME(6)   NOT NULL,
  CONSTRAINT uk_report_output_execution UNIQUE (job_execution_id),
  CONSTRAINT ck_report_output_format CHECK (format IN ('xlsx', 'pdf'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
