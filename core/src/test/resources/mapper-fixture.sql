-- The small book every mapper test starts from (inside the test's transaction, rolled back after it).
-- Seller 1 (EZSCALE Hosting LLC, US) comes from the migrations.
INSERT INTO customer (id, name, company, email, address_line1, city, postal_code, region, country, billing_currency, vat_number, status, created_at)
VALUES (1, 'Ada Lovelace', NULL, 'ada@example.com', '1 Engine St', 'London', 'N1 1AA', NULL, 'US', 'USD', NULL, 'ACTIVE', '2025-06-10 09:00:00'),
       (2, 'Bruno Weber', 'Weber GmbH', 'bruno@example.de', 'Hauptstr. 1', 'Berlin', '10115', NULL, 'DE', 'EUR', 'DE123456789', 'ACTIVE', '2026-01-05 12:00:00');

INSERT INTO product (id, code, name, kind, seller_entity_id) VALUES
  (1, 'vps', 'VPS', 'VPS', 1),
  (2, 'dedi', 'Dedicated server', 'DEDICATED', 1);
INSERT INTO plan (id, product_id, code, name, trial_days) VALUES
  (1, 1, 'vps-s', 'VPS S', 0),
  (2, 1, 'vps-m', 'VPS M', 7),
  (3, 2, 'dedi-95', 'Dedicated 95th', 0);
INSERT INTO plan_price (plan_id, currency, cycle, recurring_price, setup_fee) VALUES
  (1, 'USD', 'MONTHLY', 10.00, 0),
  (1, 'EUR', 'MONTHLY', 9.00, 0),
  (2, 'USD', 'MONTHLY', 20.00, 5.00),
  (3, 'USD', 'MONTHLY', 150.00, 0);

INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, next_period_start, label, panel, panel_ref, created_at)
VALUES (21, 1, 1, 'MONTHLY', 'ACTIVE', 1, '2026-10-01', '2026-12-01', 'vps-ada', 'VIRTFUSION', '121', '2026-10-01 08:00:00'),
       (22, 2, 1, 'MONTHLY', 'ACTIVE', 5, '2026-01-05', '2026-12-05', 'vps-bruno', 'VIRTFUSION', '122', '2026-01-05 12:00:00'),
       (23, 1, 3, 'MONTHLY', 'ACTIVE', 1, '2026-11-01', '2026-12-01', 'dedi-ada', 'PTERODACTYL', '9', '2026-11-01 08:00:00');

-- invoice 7: Ada's November, issued and unpaid; invoice 8: Bruno's December, a draft
INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, due_date, subtotal, tax_total, total, created_at)
VALUES (7, 1, 1, 'USD', 'DRAFT', '2026-11-15', 160.00, 0, 160.00, '2026-11-01 02:00:00'),
       (8, 1, 2, 'EUR', 'DRAFT', '2026-12-19', 9.00, 1.71, 10.71, '2026-12-05 02:00:00');
UPDATE invoice SET tax_mode = 'STANDARD' WHERE id = 8;
INSERT INTO invoice_line (invoice_id, line_no, subscription_id, charge_kind, period_start, period_end_exclusive, description, quantity, unit_price, amount, plan_id, tax_name, tax_rate)
VALUES (7, 1, 21, 'RECURRING', '2026-11-01', '2026-12-01', 'VPS S (vps-ada) 2026-11-01 – 2026-11-30', 1, 10.00, 10.00, 1, NULL, NULL),
       (7, 2, 23, 'RECURRING', '2026-11-01', '2026-12-01', 'Dedicated 95th (dedi-ada) 2026-11-01 – 2026-11-30', 1, 150.00, 150.00, 3, NULL, NULL),
       (8, 1, 22, 'RECURRING', '2026-12-05', '2027-01-05', 'VPS S (vps-bruno)', 1, 9.00, 9.00, 1, 'VAT', 19.00);
INSERT INTO invoice_tax (invoice_id, tax_name, rate, taxable_base, tax_amount) VALUES (8, 'VAT', 19.00, 9.00, 1.71);
INSERT INTO number_series (series_key, last_value) VALUES ('INV-2026', 7);
UPDATE invoice SET status = 'ISSUED', series_key = 'INV-2026', sequence_value = 7, number = 'INV-2026-000007',
       issue_date = '2026-11-01', issued_at = '2026-11-01 02:00:00'
 WHERE id = 7;
