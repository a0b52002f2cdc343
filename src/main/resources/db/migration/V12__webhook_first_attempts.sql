-- A delivery's first attempt is made by the instance whose transaction created it, right after the commit, in
-- batches, without a row on db-scheduler's table: that row's insert, pick and durable delete cost each delivery more
-- than the booking it announces. The lease marks the delivery as that instance's until then; NULL once the delivery
-- is on db-scheduler's table (a retry, an event waiting for an earlier one, or a lease that ran out because its
-- instance died), which then owns it. Deliveries pending before this version have a task and no lease. The lease has
-- no index of its own: one would cost every delivery an entry, for the recovery's look every 30 s among the
-- deliveries still pending.
ALTER TABLE webhook_deliveries ADD COLUMN first_attempt_until timestamptz;

-- Every index of this table is written at each delivery's insert, inside the booking's transaction and its lock on
-- the doctor's day, and again at its first attempt's update. One unique index on (subscription, event sequence)
-- both keeps an event from going twice to a subscription (an event's sequence is as unique as its id) and lists a
-- subscription's deliveries newest first, where two indexes did.
ALTER TABLE webhook_deliveries
    ADD CONSTRAINT uq_webhook_deliveries_subscription_sequence UNIQUE (subscription_id, event_sequence);
ALTER TABLE webhook_deliveries DROP CONSTRAINT uq_webhook_deliveries_subscription_event;
DROP INDEX ix_webhook_deliveries_subscription;

-- No foreign keys on deliveries and attempts. Each insert's check locked the rows it points at (KEY SHARE): every
-- booking locked each subscription's row, as every other booking did at the same moment (a multixact each time),
-- inside its lock on the doctor's day, and measured 0.15-0.2 ms a booking with two subscriptions. The service deletes
-- a subscription's deliveries and their attempts itself, and the nightly prune removes a delivery committed while its
-- subscription was being deleted. An event is pruned only once no delivery names it.
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_subscription_id_fkey;
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_event_id_fkey;
ALTER TABLE webhook_attempts DROP CONSTRAINT webhook_attempts_delivery_id_fkey;
