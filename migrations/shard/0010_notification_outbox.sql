-- The notification outbox (issue 15, docs/notifications.md). Every committed board event that may notify
-- is copied here by a trigger in the commit's own transaction, with what derivation needs from the shard
-- as of that commit (the board's title, the card's assignees). Consumers claim rows with
-- FOR UPDATE SKIP LOCKED, derive and record the notifications, and delete the rows in the same
-- transaction: a crash before the delete leaves the rows for the next claim, and recording again is
-- harmless (notifications are unique by person and key). Not team data: a tenant move does not copy it.

CREATE TABLE IF NOT EXISTS notification_outbox (
  id             bigserial PRIMARY KEY,
  team_id        uuid NOT NULL,
  board_id       uuid NOT NULL,
  seq            bigint NOT NULL,
  kind           text NOT NULL,
  data           jsonb NOT NULL,
  actor          uuid NOT NULL,
  at             timestamptz NOT NULL,
  schema_version smallint NOT NULL,
  board_title    text NOT NULL,
  assignees      uuid[] NOT NULL DEFAULT '{}',
  CONSTRAINT notification_outbox_event UNIQUE (team_id, board_id, seq)
);

-- SQL twin of `mayNotify` (src/domain/notification-rules.ts).
CREATE OR REPLACE FUNCTION boardroom_queue_notification() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  card uuid;
  board_title text;
  card_assignees uuid[];
BEGIN
  IF NOT (NEW.kind IN ('card.member.added', 'comment.created')
          OR (NEW.kind = 'comment.updated' AND position('<@' IN COALESCE(NEW.data->>'body', '')) > 0)
          OR (NEW.kind = 'card.created'
              AND position('<@' IN COALESCE(NEW.data->'card'->>'description', '')) > 0)
          OR (NEW.kind = 'card.updated'
              AND position('<@' IN COALESCE(NEW.data->'changes'->>'description', '')) > 0)) THEN
    RETURN NULL;
  END IF;
  -- Rows a tenant move copies in arrive while the team is fenced here; they were queued on the source.
  IF NOT EXISTS (SELECT 1 FROM tenant_fence WHERE team_id = NEW.team_id AND state = 'owned') THEN
    RETURN NULL;
  END IF;
  card := COALESCE(NEW.data->>'cardId', NEW.data->'comment'->>'cardId', NEW.data->'card'->>'id')::uuid;
  SELECT b.title INTO board_title FROM boards b WHERE b.team_id = NEW.team_id AND b.id = NEW.board_id;
  SELECT c.assignees INTO card_assignees FROM cards c WHERE c.team_id = NEW.team_id AND c.id = card;
  INSERT INTO notification_outbox (team_id, board_id, seq, kind, data, actor, at, schema_version, board_title,
                                   assignees)
  VALUES (NEW.team_id, NEW.board_id, NEW.seq, NEW.kind, NEW.data, NEW.actor, NEW.at, NEW.schema_version,
          COALESCE(board_title, ''), COALESCE(card_assignees, '{}'))
  ON CONFLICT ON CONSTRAINT notification_outbox_event DO NOTHING;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS board_events_notify ON board_events;
CREATE TRIGGER board_events_notify AFTER INSERT ON board_events
  FOR EACH ROW EXECUTE FUNCTION boardroom_queue_notification();
