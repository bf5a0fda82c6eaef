-- The board engine's commit, second form (wave 2, issue 13).
--
-- 1. `boardroom_commit` as in 0005, except that (a) a `seq_moved` answer carries the events the caller
--    missed when there are at most 64 of them, so an instance that lost the race for a board decides
--    again at once instead of reading them first (two instances writing one board at full speed would
--    otherwise leave the slower one always a round trip behind); (b) the check for origins already
--    applied probes applied_mutations by primary key once per entry. 0005 joined the entries' array to the table, and
--    under load (the table grows by a row per op) the planner's generic plan scanned it: 1.9 ms per
--    commit in `npm run bench -- --only 2`, more than the rest of the commit together.
-- 2. `boardroom_commit_many`: group commit across boards. The batches of several boards of this shard
--    in ONE statement, one transaction and one WAL flush (src/adapters/pg/group-commit.ts sends them
--    while earlier statements are in flight). Each batch is checked and written by `boardroom_commit`
--    exactly as when it comes alone, and answered on its own: a board whose seq moved, or whose team is
--    fenced, writes nothing and does not stop the others. Batches are taken in team and board order, so
--    the team locks and board row locks of two such statements are always taken in the same order and
--    never wait on each other in a cycle.
--    p: [batch, ...] as boardroom_commit takes them; returns [reply, ...] in the same order as p.

-- The events of a board after a seq, as JSON rows in seq order (null when there are none): what a caller
-- that lost a race, or locks a board, has missed.
CREATE OR REPLACE FUNCTION boardroom_events_after(team uuid, board uuid, after bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_agg(jsonb_build_object('team_id', ev.team_id, 'board_id', ev.board_id, 'seq', ev.seq,
                                      'kind', ev.kind, 'data', ev.data, 'actor', ev.actor,
                                      'client_id', ev.client_id, 'mid', ev.mid, 'at', ev.at,
                                      'schema_version', ev.schema_version) ORDER BY ev.seq)
    FROM board_events ev WHERE ev.team_id = team AND ev.board_id = board AND ev.seq > after
$$;

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
    CASE e->>'kind'
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
                           comment_count, created_at, updated_at, created_by)
        VALUES (team, (d->'card'->>'id')::uuid, board, (d->'card'->>'listId')::uuid, d->'card'->>'title',
                d->'card'->>'description', (d->'card'->>'dueDate')::date,
                ARRAY(SELECT jsonb_array_elements_text(d->'card'->'labels')), d->'card'->>'rank',
                (d->'card'->>'archived')::boolean, (d->'card'->>'commentCount')::integer,
                (d->'card'->>'createdAt')::timestamptz, (d->'card'->>'updatedAt')::timestamptz,
                (d->'card'->>'createdBy')::uuid);
      WHEN 'card.updated' THEN
        UPDATE cards
           SET title = COALESCE(d->'changes'->>'title', title),
               description = COALESCE(d->'changes'->>'description', description),
               due_date = CASE WHEN d->'changes' ? 'dueDate' THEN (d->'changes'->>'dueDate')::date ELSE due_date END,
               labels = CASE WHEN d->'changes' ? 'labels'
                             THEN ARRAY(SELECT jsonb_array_elements_text(d->'changes'->'labels')) ELSE labels END,
               archived = COALESCE((d->'changes'->>'archived')::boolean, archived),
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
      WHEN 'list.reranked' THEN
        UPDATE cards c SET rank = r.value->>'rank'
          FROM jsonb_array_elements(d->'ranks') AS r(value)
         WHERE c.team_id = team AND c.list_id = (d->>'listId')::uuid AND c.id = (r.value->>'cardId')::uuid;
      ELSE
        RAISE EXCEPTION 'boardroom_commit: unknown event kind %', e->>'kind';
    END CASE;
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


CREATE OR REPLACE FUNCTION boardroom_commit_many(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  replies jsonb[] := array_fill(NULL::jsonb, ARRAY[jsonb_array_length(p)]);
  b record;
BEGIN
  FOR b IN SELECT x.value AS batch, x.n
             FROM jsonb_array_elements(p) WITH ORDINALITY AS x(value, n)
            ORDER BY x.value->>'team', x.value->>'board'
  LOOP
    replies[b.n] := boardroom_commit(b.batch);
  END LOOP;
  RETURN to_jsonb(replies);
END $$;

-- 3. `boardroom_lock_board`: the first step of a contended commit (BoardStore.commitLocked). Inside the caller's
--    transaction: the team's shared write lock, the fence at the caller's epoch, the board row locked FOR UPDATE
--    (held until the caller commits), and the events after `after_seq` (at most 500; 'too_far' past that, and
--    the caller reads the log first). The caller then decides in memory and calls boardroom_commit in the same
--    transaction, whose seq check passes since nobody else can append meanwhile.
--    p: { team, board, epoch, after_seq }
CREATE OR REPLACE FUNCTION boardroom_lock_board(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  team uuid := (p->>'team')::uuid;
  board uuid := (p->>'board')::uuid;
  after bigint := (p->>'after_seq')::bigint;
  f record;
  cur bigint;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7420100, hashtext(p->>'team'));
  SELECT epoch, state INTO f FROM tenant_fence WHERE team_id = team FOR SHARE;
  -- A team without a fence here has not written here yet: boardroom_commit creates it, a lock need not.
  IF FOUND AND (f.state IS DISTINCT FROM 'owned' OR f.epoch IS DISTINCT FROM (p->>'epoch')::bigint) THEN
    RETURN jsonb_build_object('status', 'fenced');
  END IF;
  SELECT seq INTO cur FROM boards WHERE team_id = team AND id = board FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('status', 'no_board');
  END IF;
  IF cur - after > 500 THEN
    RETURN jsonb_build_object('status', 'too_far', 'seq', cur);
  END IF;
  RETURN jsonb_build_object('status', 'locked', 'seq', cur,
                            'missed', COALESCE(boardroom_events_after(team, board, after), '[]'::jsonb));
END $$;
