-- The outbox processor asks for one due row of one channel, locked FOR UPDATE SKIP LOCKED. Read through
-- ix_outbox_due (status, next_attempt_at), the statement locked every row it passed on the way to its
-- channel's first one, of any channel, and held them to its commit: a node making a panel call held
-- every email due before it, and the other node, skipping them, found nothing to send. Read through
-- (channel, status, next_attempt_at), in the order asked for, it locks the row it returns (and passes
-- only its own channel's rows held by others).
ALTER TABLE outbox ADD KEY ix_outbox_channel_due (channel, status, next_attempt_at);
