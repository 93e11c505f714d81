-- A customer erased on request (GDPR): its personal data anonymised everywhere it lived, except the
-- snapshots of its issued invoices and credit notes, which tax law keeps for the retention period.
ALTER TABLE customer ADD COLUMN erased_at DATETIME(6) NULL;
