-- The finance pack rendered on the 1st of each month for the month before (the nightly's
-- `renderMonthlyPack` step): one row per report and format, with where the file was written, its
-- SHA-256 and the job execution that made it. A rerun of the day finds the rows and writes nothing.
CREATE TABLE report_file (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  period            CHAR(7)       NOT NULL COMMENT 'the month reported, YYYY-MM',
  report            VARCHAR(32)   NOT NULL,
  format            VARCHAR(8)    NOT NULL,
  path              VARCHAR(1000) NOT NULL,
  sha256            CHAR(64)      CHARACTER SET ascii NOT NULL,
  size_bytes        BIGINT        NOT NULL,
  job_execution_id  BIGINT        NULL,
  created_at        DATETIME(6)   NOT NULL,
  CONSTRAINT uk_report_file UNIQUE (period, report, format),
  CONSTRAINT ck_report_file_format CHECK (format IN ('xlsx', 'pdf'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
