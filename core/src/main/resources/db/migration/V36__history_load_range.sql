-- V34's line and tax triggers looked the invoice up for every row, the history load's own rows too: a
-- lookup inside a trigger costs ~20 us a row, which was half of loading an imported invoice's line
-- (WhmcsImportBenchmark: 506,700 lines and their taxes). The history load now also names the ids of the
-- invoices it has just loaded (SET @ezscale_history_from = first, @ezscale_history_to = last, with
-- @ezscale_history_load = 'WHMCS'), and a line or tax for an invoice in that range is taken without
-- the lookup. Everything else is looked up and refused as before: a row outside the range, a session
-- that names no series or another one, our own issued invoices (outside any range the importer names:
-- it names only the ids its load just got back). Updates and deletes are unchanged.
DROP TRIGGER trg_invoice_line_immutable_insert;
DROP TRIGGER trg_invoice_tax_immutable_insert;

DELIMITER $$

CREATE TRIGGER trg_invoice_line_immutable_insert BEFORE INSERT ON invoice_line FOR EACH ROW
BEGIN
  -- COALESCE: without a range (NULL) the row is looked up, never waved through by NOT (NULL)
  IF NOT (@ezscale_history_load <=> 'WHMCS'
          AND COALESCE(NEW.invoice_id BETWEEN @ezscale_history_from AND @ezscale_history_to, FALSE)) THEN
    IF EXISTS (SELECT 1 FROM invoice i
                WHERE i.id = NEW.invoice_id
                  AND i.status <> 'DRAFT'
                  AND NOT (i.series_key <=> 'WHMCS' AND @ezscale_history_load <=> 'WHMCS')) THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: no line can be added';
    END IF;
  END IF;
END$$

CREATE TRIGGER trg_invoice_tax_immutable_insert BEFORE INSERT ON invoice_tax FOR EACH ROW
BEGIN
  -- COALESCE: without a range (NULL) the row is looked up, never waved through by NOT (NULL)
  IF NOT (@ezscale_history_load <=> 'WHMCS'
          AND COALESCE(NEW.invoice_id BETWEEN @ezscale_history_from AND @ezscale_history_to, FALSE)) THEN
    IF EXISTS (SELECT 1 FROM invoice i
                WHERE i.id = NEW.invoice_id
                  AND i.status <> 'DRAFT'
                  AND NOT (i.series_key <=> 'WHMCS' AND @ezscale_history_load <=> 'WHMCS')) THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: its tax cannot change';
    END IF;
  END IF;
END$$

DELIMITER ;
