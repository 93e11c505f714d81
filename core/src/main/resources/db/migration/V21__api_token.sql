-- Tokens of the JSON API (/api/v1). A customer's token acts for its customer with the scopes it
-- was given (read, billing, webhooks); a staff token acts for a staff member with its role. The
-- token is shown once at creation ("ezk_" + 32 random bytes, base64url); only its SHA-256 is kept,
-- and a request's token is found by that hash. A revoked or expired token answers 401.
CREATE TABLE api_token (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id     BIGINT        NULL,
  staff_username  VARCHAR(64)   NULL,
  name            VARCHAR(100)  NOT NULL,
  token_hash      CHAR(64)      CHARACTER SET ascii NOT NULL,
  scopes          VARCHAR(100)  NOT NULL,
  created_by      VARCHAR(128)  NOT NULL,
  created_at      DATETIME(6)   NOT NULL,
  expires_at      DATETIME(6)   NULL,
  last_used_at    DATETIME(6)   NULL,
  revoked_at      DATETIME(6)   NULL,
  CONSTRAINT uk_api_token_hash UNIQUE (token_hash),
  KEY ix_api_token_customer (customer_id),
  CONSTRAINT fk_api_token_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
  CONSTRAINT ck_api_token_owner CHECK ((customer_id IS NULL) <> (staff_username IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
