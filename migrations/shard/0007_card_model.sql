-- The card model (wave 2, issue 14): a board's label set, a card's members, checklists and dates.
--
-- 1. Columns: comments.edited_at (comments can be edited and deleted); boards.labels (the label set, jsonb [{id, name, color}]); cards.assignees, cards.checklists
--    (jsonb [{id, title, items: [{id, title, done, rank}]}]), cards.start_at, cards.due_at, cards.due_done.
--    Cards keep naming their labels in cards.labels (see docs/adr/labels-by-name.md).
-- 2. Free-text labels become the board's set: every distinct name (ignoring case) on a board's cards gets
--    an entry, coloured from the palette in name order, and cards take the set's spelling.
-- 3. The projection of an event onto the tables moves out of boardroom_commit into
--    boardroom_apply_event, so a new event kind redefines that one function only. The projection is the
--    SQL twin of the shared reducer (src/domain/board-state.ts); test/contract/board-store.contract.ts
--    checks that the two agree.

ALTER TABLE boards ADD COLUMN labels jsonb NOT NULL DEFAULT '[]';
ALTER TABLE cards
  ADD COLUMN assignees uuid[] NOT NULL DEFAULT '{}',
  ADD COLUMN checklists jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN start_at timestamptz,
  ADD COLUMN due_at timestamptz,
  ADD COLUMN due_done boolean NOT NULL DEFAULT false;
ALTER TABLE comments ADD COLUMN edited_at timestamptz;

WITH names AS (
  SELECT c.team_id, c.board_id, lower(l) COLLATE "C" AS key, min(l COLLATE "C") AS name
    FROM cards c, unnest(c.labels) AS l
   GROUP BY c.team_id, c.board_id, lower(l)
), numbered AS (
  SELECT team_id, board_id, name, row_number() OVER (PARTITION BY team_id, board_id ORDER BY key) - 1 AS i
    FROM names
), sets AS (
  SELECT team_id, board_id,
         jsonb_agg(jsonb_build_object('id', gen_random_uuid(), 'name', name, 'color',
           (ARRAY['green', 'yellow', 'orange', 'red', 'purple', 'blue', 'sky', 'lime', 'pink', 'grey'])[(i % 10) + 1])
           ORDER BY i) AS labels
    FROM numbered GROUP BY team_id, board_id
)
UPDATE boards b SET labels = sets.labels FROM sets WHERE b.team_id = sets.team_id AND b.id = sets.board_id;

UPDATE cards c SET labels = ARRAY(
  SELECT k.canon FROM (
    SELECT DISTINCT ON (lower(u.l)) u.o,
           (SELECT bl->>'name' FROM boards b, jsonb_array_elements(b.labels) AS bl
             WHERE b.team_id = c.team_id AND b.id = c.board_id AND lower(bl->>'name') = lower(u.l)) AS canon
      FROM unnest(c.labels) WITH ORDINALITY AS u(l, o)
     ORDER BY lower(u.l), u.o) k
  ORDER BY k.o)
 WHERE cardinality(c.labels) > 0;

-- One event's change to the tables. d is the event's data; the caller appends the event itself.
CREATE OR REPLACE FUNCTION boardroom_apply_event(team uuid, board uuid, kind text, d jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  CASE kind
    WHEN 'board.updated' THEN
      UPDATE boards SET title = COALESCE(d->>'title', title), archived = COALESCE((d->>'archived')::boolean, archived)
       WHERE team_id = team AND id = board;
    WHEN 'list.created' THEN
      INSERT INTO lists (team_id, id, board_id, title, rank, archived, created_at)
      VALUES (team, (d->'list'->>'id')::uuid, board, d->'list'->>'title', d->'list'->>'rank',
              (d->'list'->>'archived')::boolean, (d->'list'->>'createdAt')::timestamptz);
    WHEN 'list.updated' THEN
      UPDATE lists SET title = COALESCE(d->'changes'->>'title', title),
                       archived = COALESCE((d->'changes'->>'archived')::boolean, archived)
       WHERE team_id = team AND id = (d->>'listId')::uuid;
    WHEN 'list.moved' THEN
      UPDATE lists SET rank = d->>'rank' WHERE team_id = team AND id = (d->>'listId')::uuid;
    WHEN 'list.deleted' THEN
      DELETE FROM comments WHERE team_id = team
         AND card_id IN (SELECT id FROM cards WHERE team_id = team AND list_id = (d->>'listId')::uuid);
      DELETE FROM cards WHERE team_id = team AND list_id = (d->>'listId')::uuid;
      DELETE FROM lists WHERE team_id = team AND id = (d->>'listId')::uuid;
    WHEN 'card.created' THEN
      INSERT INTO cards (team_id, id, board_id, list_id, title, description, due_date, labels, rank, archived,
                         comment_count, created_at, updated_at, created_by,
                         assignees, checklists, start_at, due_at, due_done)
      VALUES (team, (d->'card'->>'id')::uuid, board, (d->'card'->>'listId')::uuid, d->'card'->>'title',
              d->'card'->>'description', (d->'card'->>'dueDate')::date,
              ARRAY(SELECT jsonb_array_elements_text(d->'card'->'labels')), d->'card'->>'rank',
              (d->'card'->>'archived')::boolean, (d->'card'->>'commentCount')::integer,
              (d->'card'->>'createdAt')::timestamptz, (d->'card'->>'updatedAt')::timestamptz,
              (d->'card'->>'createdBy')::uuid,
              COALESCE(ARRAY(SELECT jsonb_array_elements_text(d->'card'->'assignees'))::uuid[], '{}'),
              COALESCE(d->'card'->'checklists', '[]'), (d->'card'->>'startAt')::timestamptz,
              (d->'card'->>'dueAt')::timestamptz, COALESCE((d->'card'->>'dueDone')::boolean, false));
    WHEN 'card.updated' THEN
      UPDATE cards
         SET title = COALESCE(d->'changes'->>'title', title),
             description = COALESCE(d->'changes'->>'description', description),
             due_date = CASE WHEN d->'changes' ? 'dueDate' THEN (d->'changes'->>'dueDate')::date ELSE due_date END,
             labels = CASE WHEN d->'changes' ? 'labels'
                           THEN ARRAY(SELECT jsonb_array_elements_text(d->'changes'->'labels')) ELSE labels END,
             archived = COALESCE((d->'changes'->>'archived')::boolean, archived),
             start_at = CASE WHEN d->'changes' ? 'startAt' THEN (d->'changes'->>'startAt')::timestamptz ELSE start_at END,
             due_at = CASE WHEN d->'changes' ? 'dueAt' THEN (d->'changes'->>'dueAt')::timestamptz ELSE due_at END,
             due_done = COALESCE((d->'changes'->>'dueDone')::boolean, due_done),
             updated_at = (d->>'updatedAt')::timestamptz
       WHERE team_id = team AND id = (d->>'cardId')::uuid;
    WHEN 'card.moved' THEN
      UPDATE cards SET list_id = (d->>'toListId')::uuid, rank = d->>'rank', updated_at = (d->>'updatedAt')::timestamptz
       WHERE team_id = team AND id = (d->>'cardId')::uuid;
    WHEN 'card.deleted' THEN
      DELETE FROM comments WHERE team_id = team AND card_id = (d->>'cardId')::uuid;
      DELETE FROM cards WHERE team_id = team AND id = (d->>'cardId')::uuid;
    WHEN 'comment.created' THEN
      INSERT INTO comments (team_id, id, board_id, card_id, author_id, body, created_at)
      VALUES (team, (d->'comment'->>'id')::uuid, board, (d->'comment'->>'cardId')::uuid,
              (d->'comment'->>'authorId')::uuid, d->'comment'->>'body', (d->'comment'->>'createdAt')::timestamptz);
      UPDATE cards SET comment_count = comment_count + 1
       WHERE team_id = team AND id = (d->'comment'->>'cardId')::uuid;
    WHEN 'comment.updated' THEN
      UPDATE comments SET body = d->>'body', edited_at = (d->>'editedAt')::timestamptz
       WHERE team_id = team AND id = (d->>'commentId')::uuid AND card_id = (d->>'cardId')::uuid;
    WHEN 'comment.deleted' THEN
      WITH gone AS (
        DELETE FROM comments WHERE team_id = team AND id = (d->>'commentId')::uuid AND card_id = (d->>'cardId')::uuid
        RETURNING card_id
      )
      UPDATE cards SET comment_count = greatest(comment_count - 1, 0)
       WHERE team_id = team AND id IN (SELECT card_id FROM gone);
    WHEN 'list.reranked' THEN
      UPDATE cards c SET rank = r.value->>'rank'
        FROM jsonb_array_elements(d->'ranks') AS r(value)
       WHERE c.team_id = team AND c.list_id = (d->>'listId')::uuid AND c.id = (r.value->>'cardId')::uuid;
    WHEN 'label.created', 'label.updated', 'label.deleted' THEN
      UPDATE boards SET labels = d->'labels' WHERE team_id = team AND id = board;
      IF kind = 'label.updated' AND d->>'previousName' IS DISTINCT FROM d->'label'->>'name' THEN
        UPDATE cards SET labels = array_replace(labels, d->>'previousName', d->'label'->>'name')
         WHERE team_id = team AND board_id = board AND d->>'previousName' = ANY (labels);
      ELSIF kind = 'label.deleted' THEN
        UPDATE cards SET labels = array_remove(labels, d->'label'->>'name')
         WHERE team_id = team AND board_id = board AND d->'label'->>'name' = ANY (labels);
      END IF;
    WHEN 'card.labeled' THEN
      UPDATE cards SET labels = array_append(labels, d->>'label')
       WHERE team_id = team AND id = (d->>'cardId')::uuid AND NOT (d->>'label' = ANY (labels));
    WHEN 'card.unlabeled' THEN
      UPDATE cards SET labels = array_remove(labels, d->>'label') WHERE team_id = team AND id = (d->>'cardId')::uuid;
    WHEN 'card.member.added' THEN
      UPDATE cards SET assignees = array_append(assignees, (d->>'userId')::uuid)
       WHERE team_id = team AND id = (d->>'cardId')::uuid AND NOT ((d->>'userId')::uuid = ANY (assignees));
    WHEN 'card.member.removed' THEN
      UPDATE cards SET assignees = array_remove(assignees, (d->>'userId')::uuid)
       WHERE team_id = team AND id = (d->>'cardId')::uuid;
    WHEN 'checklist.changed' THEN
      UPDATE cards SET checklists = d->'checklists' WHERE team_id = team AND id = (d->>'cardId')::uuid;
    ELSE
      RAISE EXCEPTION 'boardroom_apply_event: unknown event kind %', kind;
  END CASE;
END $$;

-- boardroom_commit as in 0006, with the projection in boardroom_apply_event.
CREATE OR REPLACE FUNCTION boardroom_commit(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  team uuid := (p->>'team')::uuid;
  board uuid := (p->>'board')::uuid;
  expected bigint := (p->>'expected_seq')::bigint;
  f record;
  cur bigint;
  found_replays jsonb;
  clashes jsonb;
  e jsonb;
  d jsonb;
  s bigint;
  ent record;
  hit record;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7420100, hashtext(p->>'team'));
  SELECT epoch, state INTO f FROM tenant_fence WHERE team_id = team FOR SHARE;
  IF NOT FOUND THEN
    -- The team's first write on this shard creates its fence.
    INSERT INTO tenant_fence (team_id, epoch, state) VALUES (team, (p->>'epoch')::bigint, 'owned')
      ON CONFLICT (team_id) DO NOTHING;
    SELECT epoch, state INTO f FROM tenant_fence WHERE team_id = team FOR SHARE;
  END IF;
  IF f.state IS DISTINCT FROM 'owned' OR f.epoch IS DISTINCT FROM (p->>'epoch')::bigint THEN
    RETURN jsonb_build_object('status', 'fenced');
  END IF;

  SELECT seq INTO cur FROM boards WHERE team_id = team AND id = board FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('status', 'no_board');
  END IF;

  -- One primary-key probe per entry: a join over the whole array let the planner scan the table.
  FOR ent IN SELECT value AS e, ordinality - 1 AS i
             FROM jsonb_array_elements(p->'entries') WITH ORDINALITY
            WHERE value->>'client_key' IS NOT NULL
  LOOP
    SELECT board_id, seq, fingerprint INTO hit FROM applied_mutations
     WHERE team_id = team AND client_id = ent.e->>'client_key' AND mid = ent.e->>'mid';
    IF FOUND THEN
      found_replays := COALESCE(found_replays, '[]'::jsonb)
        || jsonb_build_array(jsonb_build_object('index', ent.i, 'board', hit.board_id, 'seq', hit.seq,
                                                'fingerprint', hit.fingerprint));
    END IF;
  END LOOP;
  IF found_replays IS NOT NULL THEN
    RETURN jsonb_build_object('status', 'refused', 'replays', found_replays);
  END IF;

  IF cur <> expected THEN
    -- The events the caller missed come back with the answer when they are few, sparing it a read.
    RETURN jsonb_build_object('status', 'seq_moved', 'seq', cur, 'missed',
      CASE WHEN cur > expected AND cur - expected <= 64 THEN
        boardroom_events_after(team, board, expected)
      END);
  END IF;

  SELECT jsonb_agg(x.n - 1)
    INTO clashes
    FROM jsonb_array_elements(p->'entries') WITH ORDINALITY AS x(e, n)
   WHERE (x.e->>'kind' = 'list.created'
          AND EXISTS (SELECT 1 FROM lists WHERE team_id = team AND id = (x.e->'data'->'list'->>'id')::uuid))
      OR (x.e->>'kind' = 'card.created'
          AND EXISTS (SELECT 1 FROM cards WHERE team_id = team AND id = (x.e->'data'->'card'->>'id')::uuid))
      OR (x.e->>'kind' = 'comment.created'
          AND EXISTS (SELECT 1 FROM comments WHERE team_id = team AND id = (x.e->'data'->'comment'->>'id')::uuid));
  IF clashes IS NOT NULL THEN
    RETURN jsonb_build_object('status', 'refused', 'clashes', clashes);
  END IF;

  s := expected;
  FOR e IN SELECT value FROM jsonb_array_elements(p->'entries') LOOP
    s := s + 1;
    d := e->'data';
    PERFORM boardroom_apply_event(team, board, e->>'kind', d);
    INSERT INTO board_events (team_id, board_id, seq, kind, data, actor, client_id, mid, at, schema_version)
    VALUES (team, board, s, e->>'kind', d, (e->>'actor')::uuid, e->>'client_id', e->>'mid',
            (e->>'at')::timestamptz, (p->>'v')::smallint);
    IF e->>'client_key' IS NOT NULL THEN
      INSERT INTO applied_mutations (team_id, client_id, mid, board_id, seq, fingerprint)
      VALUES (team, e->>'client_key', e->>'mid', board, s, e->>'fingerprint');
    END IF;
  END LOOP;

  UPDATE boards SET seq = s WHERE team_id = team AND id = board;
  RETURN jsonb_build_object('status', 'committed', 'seq', s);
END $$;


