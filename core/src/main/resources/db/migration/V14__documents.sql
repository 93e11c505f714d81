-- The PDF of an issued invoice or credit note, rendered once and kept: what the customer and the
-- tax office were given never changes (a changed address or seller does not rewrite it). Kept in
-- the database, not a directory: written in the same store as the ledger it prints, backed up and
-- replicated with it, and readable from every jobs and portal node without a shared filesystem.
CREATE TABLE document (
  id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind          VARCHAR(16)   NOT NULL,
  source_id     BIGINT        NOT NULL COMMENT 'invoice.id or credit_note.id',
  number        VARCHAR(64)   NOT NULL,
  content_type  VARCHAR(64)   NOT NULL,
  sha256        CHAR(64)      CHARACTER SET ascii NOT NULL,
  size_bytes    INT           NOT NULL,
  content       LONGBLOB      NOT NULL,
  rendered_at   DATETIME(6)   NOT NULL,
  CONSTRAINT uk_document_source UNIQUE (kind, source_id),
  CONSTRAINT uk_document_number UNIQUE (kind, number),
  CONSTRAINT ck_document_kind CHECK (kind IN ('INVOICE', 'CREDIT_NOTE'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DELIMITER $$

CREATE TRIGGER trg_document_immutable_update BEFORE UPDATE ON document FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a stored document is immutable';
END$$

CREATE TRIGGER trg_document_immutable_delete BEFORE DELETE ON document FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a stored document is immutable';
END$$

DELIMITER ;
