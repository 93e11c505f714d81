-- A customer's owner asked, from the portal, for its personal data to be erased: when and which
-- login (the admins are alerted; they erase it from the customer's page once nothing blocks it).
ALTER TABLE customer
  ADD COLUMN erasure_requested_at DATETIME(6)  NULL,
  ADD COLUMN erasure_requested_by VARCHAR(254) NULL;
