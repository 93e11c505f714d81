-- A usage line points at the rating it bills (its evidence); a rating with a line is billed.
ALTER TABLE invoice_line ADD COLUMN rated_usage_id BIGINT NULL;
ALTER TABLE invoice_line ADD CONSTRAINT fk_invoice_line_rated_usage FOREIGN KEY (rated_usage_id) REFERENCES rated_usage (id);
CREATE INDEX ix_invoice_line_rated_usage ON invoice_line (rated_usage_id);
