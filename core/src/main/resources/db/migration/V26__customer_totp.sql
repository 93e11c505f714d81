-- A customer's login may add a second factor (optional, unlike staff): a TOTP secret confirmed with
-- a code from the authenticator, each 30-second step accepted once (the conditional UPDATE on
-- totp_last_step), and ten single-use recovery codes of which only the SHA-256 is kept.
ALTER TABLE customer_user
  ADD COLUMN totp_secret        VARCHAR(64)  CHARACTER SET ascii NULL,
  ADD COLUMN totp_confirmed_at  DATETIME(6)  NULL,
  ADD COLUMN totp_last_step     BIGINT       NULL;

CREATE TABLE customer_recovery_code (
  customer_user_id  BIGINT       NOT NULL,
  code_hash         CHAR(64)     CHARACTER SET ascii NOT NULL,
  used_at           DATETIME(6)  NULL,
  PRIMARY KEY (customer_user_id, code_hash),
  CONSTRAINT fk_customer_recovery_code_user FOREIGN KEY (customer_user_id) REFERENCES customer_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The second factor's steps in the login history.
ALTER TABLE customer_login DROP CONSTRAINT ck_customer_login_outcome;
ALTER TABLE customer_login ADD CONSTRAINT ck_customer_login_outcome CHECK (outcome IN ('PASSWORD_OK', 'PASSWORD_FAILED',
  'RATE_LIMITED', 'LOGOUT', 'RESET_REQUESTED', 'PASSWORD_SET', 'TOTP_OK', 'TOTP_FAILED', 'RECOVERY_CODE_OK'));
