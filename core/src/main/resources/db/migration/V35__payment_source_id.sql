-- A payment imported from WHMCS carries its tblaccounts id, unique: a rerun of the import finds what it
-- wrote by it, as an imported invoice is found by its value in the WHMCS series. It replaces the
-- import's migration_key row per payment (half a million rows on a large book); payments imported
-- before this keep their keys, which the import still reads.
ALTER TABLE payment
  ADD COLUMN whmcs_transaction_id BIGINT NULL,
  ADD CONSTRAINT uk_payment_whmcs_transaction UNIQUE (whmcs_transaction_id);
