-- An invoice imported from WHMCS is written as it ended there (paid, unpaid, cancelled...), not as a
-- draft settled afterwards: that UPDATE of every imported invoice was a fifth of an import's time. Its
-- lines and taxes may then be added to it only while the session names the WHMCS series as a history
-- load (SET @ezscale_history_load = 'WHMCS', which the importer sets around its own loads and clears in
-- the same transaction). An invoice of any other series, or any line or tax without that variable,
-- is refused as before (one lookup of the invoice, as before); updates and deletes of lines and taxes, and every change to the invoice itself,
-- are refused as before whatever the session says.
DROP TRIGGER trg_invoice_line_immutable_insert;
DROP TRIGGER trg_invoice_tax_immutable_insert;

DELIMITER $$

CREATE TRIGGER trg_invoice_line_immutable_insert BEFORE INSERT ON invoice_line FOR EACH ROW
BEGIN
  IF EXISTS (SELECT 1 FROM invoice i
              WHERE i.id = NEW.invoice_id
                AND i.status <> 'DRAFT'
                AND NOT (i.series_key <=> 'WHMCS' AND @ezscale_history_load <=> 'WHMCS')) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: no line can be added';
  END IF;
END$$

CREATE TRIGGER trg_invoice_tax_immutable_insert BEFORE INSERT ON invoice_tax FOR EACH ROW
BEGIN
  IF EXISTS (SELECT 1 FROM invoice i
              WHERE i.id = NEW.invoice_id
                AND i.status <> 'DRAFT'
                AND NOT (i.series_key <=> 'WHMCS' AND @ezscale_history_load <=> 'WHMCS')) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: its tax cannot change';
  END IF;
END$$

DELIMITER ;
