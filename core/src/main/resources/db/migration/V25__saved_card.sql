-- What the customer sees of the card it saved with the gateway (Stripe Checkout's setup mode): the
-- brand, the last four digits and the expiry, as the gateway reports them. Never the number: the
-- card itself stays at the gateway, named by payment_method_id.
ALTER TABLE gateway_customer
  ADD COLUMN card_brand      VARCHAR(32)  NULL,
  ADD COLUMN card_last4      CHAR(4)      NULL,
  ADD COLUMN card_exp_month  TINYINT      NULL,
  ADD COLUMN card_exp_year   SMALLINT     NULL,
  ADD KEY ix_gateway_customer_method (gateway, payment_method_id);
