-- Issued invoices and their lines are immutable, enforced by the database itself: after issue only
-- the settlement columns (status, amount_paid, paid_at, version) may change, the status never goes
-- back to DRAFT, and nothing issued can be deleted. Corrections are credit notes, never edits.

DELIMITER $$

CREATE TRIGGER trg_invoice_immutable_update BEFORE UPDATE ON invoice FOR EACH ROW
BEGIN
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
       OR NOT (NEW.bill_to_name <=> OLD.bill_to_name)
       OR NOT (NEW.bill_to_company <=> OLD.bill_to_company)
       OR NOT (NEW.bill_to_email <=> OLD.bill_to_email)
       OR NOT (NEW.bill_to_address <=> OLD.bill_to_address)
       OR NOT (NEW.bill_to_region <=> OLD.bill_to_region)
       OR NOT (NEW.bill_to_country <=> OLD.bill_to_country)
       OR NOT (NEW.bill_to_vat_number <=> OLD.bill_to_vat_number)
       OR NOT (NEW.seller_snapshot <=> OLD.seller_snapshot)
       OR NOT (NEW.created_at <=> OLD.created_at)
     ) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: issue a credit note instead';
  END IF;
END$$

CREATE TRIGGER trg_invoice_immutable_delete BEFORE DELETE ON invoice FOR EACH ROW
BEGIN
  IF OLD.status <> 'DRAFT' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: it cannot be deleted';
  END IF;
END$$

CREATE TRIGGER trg_invoice_line_immutable_insert BEFORE INSERT ON invoice_line FOR EACH ROW
BEGIN
  IF (SELECT status FROM invoice WHERE id = NEW.invoice_id) <> 'DRAFT' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: no line can be added';
  END IF;
END$$

CREATE TRIGGER trg_invoice_line_immutable_update BEFORE UPDATE ON invoice_line FOR EACH ROW
BEGIN
  IF (SELECT status FROM invoice WHERE id = OLD.invoice_id) <> 'DRAFT'
     OR (SELECT status FROM invoice WHERE id = NEW.invoice_id) <> 'DRAFT' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: its lines cannot change';
  END IF;
END$$

CREATE TRIGGER trg_invoice_line_immutable_delete BEFORE DELETE ON invoice_line FOR EACH ROW
BEGIN
  IF (SELECT status FROM invoice WHERE id = OLD.invoice_id) <> 'DRAFT' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: its lines cannot be deleted';
  END IF;
END$$

DELIMITER ;
