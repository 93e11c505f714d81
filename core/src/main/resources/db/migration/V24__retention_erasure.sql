-- An erased customer's issued invoices keep their bill-to snapshot (and their stored PDFs, and their
-- credit notes' PDFs, which print it) for the legal retention period only. The nightly
-- `eraseAfterRetention` step records here each invoice whose period has ended, then anonymises its
-- snapshot and deletes those PDFs. The database, not only the code, decides what may be erased:
-- a row is accepted only for an erased customer's issued invoice whose issue year, and every one of
-- its credit notes' issue years, lies more than `retention_years` before the year of as_of (never a
-- date later than the database's own); it is then the one key that lets the frozen snapshot change,
-- to the anonymised values only, and the invoice's documents be deleted. Amounts never change.
-- The step reads erased customers first: few, found by an index.
ALTER TABLE customer ADD KEY ix_customer_erased (erased_at);

CREATE TABLE retention_erasure (
  invoice_id       BIGINT       NOT NULL PRIMARY KEY,
  customer_id      BIGINT       NOT NULL,
  as_of            DATE         NOT NULL,
  retention_years  INT          NOT NULL,
  erased_at        DATETIME(6)  NOT NULL,
  KEY ix_retention_erasure_customer (customer_id),
  CONSTRAINT fk_retention_erasure_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id),
  CONSTRAINT fk_retention_erasure_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
  CONSTRAINT ck_retention_erasure_years CHECK (retention_years >= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DELIMITER $$

CREATE TRIGGER trg_retention_erasure_insert BEFORE INSERT ON retention_erasure FOR EACH ROW
BEGIN
  IF NOT EXISTS (
       SELECT 1 FROM invoice i JOIN customer c ON c.id = i.customer_id
        WHERE i.id = NEW.invoice_id AND c.id = NEW.customer_id AND c.erased_at IS NOT NULL
          AND i.status <> 'DRAFT'
          AND YEAR(i.issue_date) + NEW.retention_years < YEAR(LEAST(NEW.as_of, UTC_DATE())))
     OR EXISTS (
       SELECT 1 FROM credit_note cn
        WHERE cn.invoice_id = NEW.invoice_id
          AND YEAR(cn.issue_date) + NEW.retention_years >= YEAR(LEAST(NEW.as_of, UTC_DATE()))) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'only an erased customer''s invoice whose retention period has ended (its credit notes'' too) may be erased';
  END IF;
END$$

CREATE TRIGGER trg_retention_erasure_update BEFORE UPDATE ON retention_erasure FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a retention erasure is a record: it cannot change';
END$$

CREATE TRIGGER trg_retention_erasure_delete BEFORE DELETE ON retention_erasure FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a retention erasure is a record: it cannot be deleted';
END$$

DELIMITER ;

-- The issued invoice stays frozen, except that its bill-to snapshot may become the anonymised one
-- (name 'Erased customer N', no company, e-mail, address or VAT number; region and country, which
-- the tax reports group by, kept) once a retention_erasure row names it.
DROP TRIGGER trg_invoice_immutable_update;

DELIMITER $$

CREATE TRIGGER trg_invoice_immutable_update BEFORE UPDATE ON invoice FOR EACH ROW
BEGIN
  DECLARE snapshot_erased BOOLEAN DEFAULT FALSE;
  IF OLD.status <> 'DRAFT'
     AND NOT (NEW.bill_to_name <=> OLD.bill_to_name
              AND NEW.bill_to_company <=> OLD.bill_to_company
              AND NEW.bill_to_email <=> OLD.bill_to_email
              AND NEW.bill_to_address <=> OLD.bill_to_address
              AND NEW.bill_to_vat_number <=> OLD.bill_to_vat_number) THEN
    SET snapshot_erased = EXISTS (SELECT 1 FROM retention_erasure r WHERE r.invoice_id = OLD.id)
        AND NEW.bill_to_name <=> CONCAT('Erased customer ', OLD.customer_id)
        AND NEW.bill_to_company IS NULL AND NEW.bill_to_email IS NULL
        AND NEW.bill_to_address IS NULL AND NEW.bill_to_vat_number IS NULL;
  END IF;
  IF OLD.status <> 'DRAFT' AND (
       NEW.status = 'DRAFT'
       OR NOT (NEW.seller_entity_id <=> OLD.seller_entity_id)
       OR NOT (NEW.customer_id <=> OLD.customer_id)
       OR NOT (NEW.currency <=> OLD.currency)
       OR NOT (NEW.run_id <=> OLD.run_id)
       OR NOT (NEW.series_key <=> OLD.series_key)
       OR NOT (NEW.sequence_value <=> OLD.sequence_value)
       OR NOT (NEW.number <=> OLD.number)
       OR NOT (NEW.due_date <=> OLD.due_date)
       OR NOT (NEW.issue_date <=> OLD.issue_date)
       OR NOT (NEW.issued_at <=> OLD.issued_at)
       OR NOT (NEW.subtotal <=> OLD.subtotal)
       OR NOT (NEW.tax_total <=> OLD.tax_total)
       OR NOT (NEW.total <=> OLD.total)
       OR NOT (NEW.on_hold <=> OLD.on_hold)
       OR (NOT snapshot_erased AND (
              NOT (NEW.bill_to_name <=> OLD.bill_to_name)
           OR NOT (NEW.bill_to_company <=> OLD.bill_to_company)
           OR NOT (NEW.bill_to_email <=> OLD.bill_to_email)
           OR NOT (NEW.bill_to_address <=> OLD.bill_to_address)
           OR NOT (NEW.bill_to_vat_number <=> OLD.bill_to_vat_number)))
       OR NOT (NEW.bill_to_region <=> OLD.bill_to_region)
       OR NOT (NEW.bill_to_country <=> OLD.bill_to_country)
       OR NOT (NEW.seller_snapshot <=> OLD.seller_snapshot)
       OR NOT (NEW.created_at <=> OLD.created_at)
       OR NOT (NEW.prices_include_tax <=> OLD.prices_include_tax)
       OR NOT (NEW.tax_mode <=> OLD.tax_mode)
       OR NOT (NEW.tax_note <=> OLD.tax_note)
       OR NOT (NEW.hold_reason <=> OLD.hold_reason)
       OR NOT (NEW.approved_by <=> OLD.approved_by)
       OR NOT (NEW.approved_at <=> OLD.approved_at)
       OR NOT (NEW.late_fee_for_invoice_id <=> OLD.late_fee_for_invoice_id)
     ) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: issue a credit note instead';
  END IF;
END$$

DELIMITER ;

-- A stored PDF stays immutable; it may be deleted once its invoice (or its credit note's invoice)
-- has passed retention for an erased customer. Asked for again, it is rendered from the anonymised
-- snapshot.
DROP TRIGGER trg_document_immutable_delete;

DELIMITER $$

CREATE TRIGGER trg_document_immutable_delete BEFORE DELETE ON document FOR EACH ROW
BEGIN
  IF NOT EXISTS (
       SELECT 1 FROM retention_erasure r
        WHERE (OLD.kind = 'INVOICE' AND r.invoice_id = OLD.source_id)
           OR (OLD.kind = 'CREDIT_NOTE'
               AND r.invoice_id = (SELECT cn.invoice_id FROM credit_note cn WHERE cn.id = OLD.source_id))) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a stored document is immutable';
  END IF;
END$$

DELIMITER ;
