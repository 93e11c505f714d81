-- The invoice run's lines and taxes paid the triggers' lookup of their invoice for every row (a draft, so
-- always let through): 15-20 % of a chunk's LOAD DATA of lines (slow log, bench --customers 20000: 60-72 ms
-- a chunk of ~2,000 lines with the lookup, 50-55 ms without). The run now names the first and last id of the
-- drafts it has just written (SET @ezscale_run_from = first, @ezscale_run_to = last), on its own connection,
-- around their lines and taxes only, and clears them in the same transaction; a line or tax for an invoice
-- in that range is taken without the lookup. Everything else is looked up and refused on an issued invoice
-- as before: a row outside the range, or any row while no range is named (the WHMCS history load's range as
-- V36 made it). Updates and deletes unchanged.
DROP TRIGGER trg_invoice_line_immutable_insert;
DROP TRIGGER trg_invoice_tax_immutable_insert;

DELIMITER $$

CREATE TRIGGER trg_invoice_line_immutable_insert BEFORE INSERT ON invoice_line FOR EACH ROW
BEGIN
  -- COALESCE: without a range (NULL) the row is looked up, never waved through by NOT (NULL)
  IF NOT (COALESCE(NEW.invoice_id BETWEEN @ezscale_run_from AND @ezscale_run_to, FALSE)
          OR (@ezscale_history_load <=> 'WHMCS'
              AND COALESCE(NEW.invoice_id BETWEEN @ezscale_history_from AND @ezscale_history_to, FALSE))) THEN
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
  IF NOT (COALESCE(NEW.invoice_id BETWEEN @ezscale_run_from AND @ezscale_run_to, FALSE)
          OR (@ezscale_history_load <=> 'WHMCS'
              AND COALESCE(NEW.invoice_id BETWEEN @ezscale_history_from AND @ezscale_history_to, FALSE))) THEN
    IF EXISTS (SELECT 1 FROM invoice i
                WHERE i.id = NEW.invoice_id
                  AND i.status <> 'DRAFT'
                  AND NOT (i.series_key <=> 'WHMCS' AND @ezscale_history_load <=> 'WHMCS')) THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice is issued and immutable: its tax cannot change';
    END IF;
  END IF;
END$$

DELIMITER ;
