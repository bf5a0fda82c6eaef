-- Change capture for tenant moves (src/shard-router/move). While a team is listed in tenant_capture, every
-- change to one of its rows records the row's key in tenant_changes; the mover re-copies those keys to the
-- target shard (upsert, or delete when the row is gone). Teams that are not moving pay one index probe.

CREATE TABLE IF NOT EXISTS tenant_capture (
  team_id    uuid PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS tenant_changes (
  team_id uuid NOT NULL,
  id      bigserial NOT NULL,
  tbl     text NOT NULL,
  -- The row's primary key after team_id, as text, in the order of the trigger's arguments.
  pk      text[] NOT NULL,
  at      timestamptz NOT NULL DEFAULT now(),
  -- Like every shard table's key, it starts with team_id; the mover reads one team's log in id order.
  PRIMARY KEY (team_id, id)
);

-- Trigger arguments name the key columns after team_id.
CREATE OR REPLACE FUNCTION capture_tenant_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  team uuid;
  r jsonb;
  o jsonb;
  k text[];
  old_k text[];
BEGIN
  IF TG_OP = 'DELETE' THEN team := OLD.team_id; ELSE team := NEW.team_id; END IF;
  IF NOT EXISTS (SELECT 1 FROM tenant_capture WHERE team_id = team) THEN RETURN NULL; END IF;
  IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
  k := ARRAY(SELECT r->>a.col FROM unnest(TG_ARGV) WITH ORDINALITY AS a(col, n) ORDER BY a.n);
  INSERT INTO tenant_changes (team_id, tbl, pk) VALUES (team, TG_TABLE_NAME, k);
  IF TG_OP = 'UPDATE' THEN
    o := to_jsonb(OLD);
    old_k := ARRAY(SELECT o->>a.col FROM unnest(TG_ARGV) WITH ORDINALITY AS a(col, n) ORDER BY a.n);
    -- A key change leaves the old key behind; it must be deleted on the target too.
    IF old_k IS DISTINCT FROM k OR OLD.team_id IS DISTINCT FROM NEW.team_id THEN
      INSERT INTO tenant_changes (team_id, tbl, pk) VALUES (OLD.team_id, TG_TABLE_NAME, old_k);
    END IF;
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS boards_capture ON boards;
CREATE TRIGGER boards_capture AFTER INSERT OR UPDATE OR DELETE ON boards
  FOR EACH ROW EXECUTE FUNCTION capture_tenant_change('id');
DROP TRIGGER IF EXISTS lists_capture ON lists;
CREATE TRIGGER lists_capture AFTER INSERT OR UPDATE OR DELETE ON lists
  FOR EACH ROW EXECUTE FUNCTION capture_tenant_change('id');
DROP TRIGGER IF EXISTS cards_capture ON cards;
CREATE TRIGGER cards_capture AFTER INSERT OR UPDATE OR DELETE ON cards
  FOR EACH ROW EXECUTE FUNCTION capture_tenant_change('id');
DROP TRIGGER IF EXISTS comments_capture ON comments;
CREATE TRIGGER comments_capture AFTER INSERT OR UPDATE OR DELETE ON comments
  FOR EACH ROW EXECUTE FUNCTION capture_tenant_change('id');
DROP TRIGGER IF EXISTS board_events_capture ON board_events;
CREATE TRIGGER board_events_capture AFTER INSERT OR UPDATE OR DELETE ON board_events
  FOR EACH ROW EXECUTE FUNCTION capture_tenant_change('board_id', 'seq');
DROP TRIGGER IF EXISTS applied_mutations_capture ON applied_mutations;
CREATE TRIGGER applied_mutations_capture AFTER INSERT OR UPDATE OR DELETE ON applied_mutations
  FOR EACH ROW EXECUTE FUNCTION capture_tenant_change('client_id', 'mid');
