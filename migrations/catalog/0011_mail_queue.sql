-- The e-mail queue of notifications. An item is kept after it is sent (sent_at), so hearing a notification
-- again (a retried delivery) never mails it twice. A batch row is what one sender claims: every unsent item
-- of one person and batch key (a card, or the hourly/daily digest), sent as one message.

CREATE TABLE IF NOT EXISTS mail_queue (
  notification_id text PRIMARY KEY,
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  batch_key       text NOT NULL,
  due_at          timestamptz NOT NULL,
  notification    jsonb NOT NULL,
  enqueued_at     timestamptz NOT NULL,
  sent_at         timestamptz
);

CREATE INDEX IF NOT EXISTS mail_queue_unsent_idx ON mail_queue (user_id, batch_key) WHERE sent_at IS NULL;
CREATE INDEX IF NOT EXISTS mail_queue_sent_idx ON mail_queue (sent_at) WHERE sent_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS mail_batches (
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  batch_key     text NOT NULL,
  -- The earliest due_at of its unsent items: the batch goes out then.
  due_at        timestamptz NOT NULL,
  -- A sender holds the batch until then (it crashed if it is past and the batch is still here).
  claimed_until timestamptz,
  claim_id      text,
  PRIMARY KEY (user_id, batch_key)
);

CREATE INDEX IF NOT EXISTS mail_batches_due_idx ON mail_batches (due_at);

-- Periodic jobs that must run once across instances (the due-date scan): an instance runs the job only
-- if it moves ran_at forward, which one instance per interval can.
CREATE TABLE IF NOT EXISTS scheduler_runs (
  name   text PRIMARY KEY,
  ran_at timestamptz NOT NULL
);
