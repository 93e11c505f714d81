-- What the gateway kept of a payment (Stripe's balance transaction fee, PayPal's paypal_fee in the
-- capture's seller receivable breakdown), in the payment's currency, as the gateway reported it with
-- the charge; null where no gateway reports one (bank transfers) or it came in another currency.
-- The payments report shows gross, fee and net from it.
ALTER TABLE payment
  ADD COLUMN fee DECIMAL(19,4) NULL,
  ADD CONSTRAINT ck_payment_fee CHECK (fee IS NULL OR (fee >= 0 AND fee <= amount));
