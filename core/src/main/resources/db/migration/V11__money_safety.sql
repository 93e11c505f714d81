-- Money safety and recovery (issue 12).

-- A single IPv6 address is a /128: a signed TINYINT stopped at 127, so it could not be assigned and
-- its traffic went unattributed. The length fits the family: 0-32 for IPv4, 0-128 for IPv6.
ALTER TABLE ip_assignment
  MODIFY prefix_length SMALLINT NOT NULL,
  ADD CONSTRAINT ck_ip_assignment_prefix_length CHECK (prefix_length >= 0 AND prefix_length <= CASE WHEN ip_family = 4 THEN 32 ELSE 128 END);

-- At most one charge attempt of an invoice whose outcome is unknown (PENDING, or PROCESSING at the
-- gateway): a new attempt goes out with a new idempotency key, so sending one while an earlier
-- charge may have gone through could charge the card twice. Collect settles the earlier one first
-- (or holds the invoice back); this key refuses a second one whatever the code does.
ALTER TABLE payment_attempt
  ADD COLUMN unsettled_invoice_id BIGINT GENERATED ALWAYS AS (CASE WHEN status IN ('PENDING', 'PROCESSING') THEN invoice_id END) STORED,
  ADD CONSTRAINT uk_payment_attempt_unsettled UNIQUE (unsettled_invoice_id);
