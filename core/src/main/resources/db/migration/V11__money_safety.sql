-- Money safety and recovery (issue 12).

-- A single IPv6 address is a /128: a signed TINYINT stopped at 127, so it could not be assigned and
-- its traffic went unattributed. The length fits the family: 0-32 for IPv4, 0-128 for IPv6.
ALTER TABLE ip_assignment
  MODIFY prefix_length SMALLINT NOT NULL,
  ADD CONSTRAINT ck_ip_assignment_prefix_length CHECK (prefix_length >= 0 AND prefix_length <= CASE WHEN ip_family = 4 THEN 32 ELSE 128 END);
