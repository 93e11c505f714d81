-- The people of a customer who log in to the portal: one customer may have several, each with a
-- role. OWNER sees and does everything (and manages the customer's logins), BILLING sees invoices,
-- credit notes, payments and usage, TECHNICAL sees services and usage only. The e-mail is the login
-- (one account per address across all customers). A login is created without a password: its
-- holder sets one through an e-mailed link (the same token as a password reset).
CREATE TABLE customer_user (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id    BIGINT        NOT NULL,
  email          VARCHAR(254)  NOT NULL,
  name           VARCHAR(128)  NOT NULL,
  role           VARCHAR(10)   NOT NULL,
  password_hash  VARCHAR(100)  CHARACTER SET ascii NULL,
  enabled        BOOLEAN       NOT NULL DEFAULT TRUE,
  created_at     DATETIME(6)   NOT NULL,
  CONSTRAINT uk_customer_user_email UNIQUE (email),
  KEY ix_customer_user_customer (customer_id),
  CONSTRAINT fk_customer_user_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
  CONSTRAINT ck_customer_user_role CHECK (role IN ('OWNER', 'BILLING', 'TECHNICAL'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A password (re)set link: only the SHA-256 of the token is kept; used once (the UPDATE that uses
-- it is conditional on used_at being NULL and the expiry not passed), and a newer link for the same
-- login makes older ones useless.
CREATE TABLE customer_password_token (
  token_hash        CHAR(64)     CHARACTER SET ascii NOT NULL PRIMARY KEY,
  customer_user_id  BIGINT       NOT NULL,
  created_at        DATETIME(6)  NOT NULL,
  expires_at        DATETIME(6)  NOT NULL,
  used_at           DATETIME(6)  NULL,
  KEY ix_customer_password_token_user (customer_user_id),
  CONSTRAINT fk_customer_password_token_user FOREIGN KEY (customer_user_id) REFERENCES customer_user (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every customer login step, good or bad, with where it came from (the e-mail as typed when no
-- login has it).
CREATE TABLE customer_login (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email           VARCHAR(254)  NOT NULL,
  remote_address  VARCHAR(64)   NOT NULL,
  at              DATETIME(6)   NOT NULL,
  outcome         VARCHAR(24)   NOT NULL,
  KEY ix_customer_login_email (email, at),
  CONSTRAINT ck_customer_login_outcome CHECK (outcome IN ('PASSWORD_OK', 'PASSWORD_FAILED', 'RATE_LIMITED', 'LOGOUT',
                                                          'RESET_REQUESTED', 'PASSWORD_SET'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
