-- Attachments (wave 2): files on cards, stored on the team's shard so a tenant move carries them.
--
-- 1. blobs: one row per stored file (a thumbnail is a blob of its own). A blob is written chunk by chunk
--    and marked complete at the end in one short transaction; readers and the quota see complete blobs
--    only, and an upload that fails deletes its rows.
-- 2. blob_chunks: the bytes, 256 KiB per row, numbered from 0, read back by keyset so no reader holds a
--    whole file.
-- 3. cards.attachments (jsonb [{id, name, size, contentType, createdAt, createdBy, hasThumbnail}]) and
--    cards.cover_attachment_id, projected from attachment.added / attachment.removed / card.updated.
-- 4. Both tables get the change-capture trigger of 0002, so a tenant move copies and verifies them.

CREATE TABLE IF NOT EXISTS blobs (
  team_id      uuid NOT NULL,
  id           uuid NOT NULL,
  size         bigint NOT NULL DEFAULT 0,
  sha256       text,
  content_type text NOT NULL DEFAULT 'application/octet-stream',
  created_at   timestamptz NOT NULL DEFAULT now(),
  complete     boolean NOT NULL DEFAULT false,
  PRIMARY KEY (team_id, id)
);

CREATE TABLE IF NOT EXISTS blob_chunks (
  team_id uuid NOT NULL,
  blob_id uuid NOT NULL,
  n       integer NOT NULL,
  data    bytea NOT NULL,
  PRIMARY KEY (team_id, blob_id, n)
);
-- Chunks are already compressed or not worth compressing twice; keep them out of TOAST compression.
ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

ALTER TABLE cards
  ADD COLUMN IF NOT EXISTS attachments jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN IF NOT EXISTS cover_attachment_id uuid;

DROP TRIGGER IF EXISTS blobs_capture ON blobs;
CREATE TRIGGER blobs_capture AFTER INSERT OR UPDATE OR DELETE ON blobs
  FOR EACH ROW EXECUTE FUNCTION capture_tenant_change('id');
DROP TRIGGER IF EXISTS blob_chunks_capture ON blob_chunks;
CREATE TRIGGER blob_chunks_capture AFTER INSERT OR UPDATE OR DELETE ON blob_chunks
  FOR EACH ROW EXECUTE FUNCTION capture_tenant_change('blob_id', 'n');

-- boardroom_apply_event as in 0007, with the attachment events and the card cover. d is the event's data; the caller appends the event itself.
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
             cover_attachment_id = CASE WHEN d->'changes' ? 'coverAttachmentId'
                                        THEN (d->'changes'->>'coverAttachmentId')::uuid ELSE cover_attachment_id END,
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
    WHEN 'attachment.added' THEN
      UPDATE cards SET attachments = attachments || jsonb_build_array(d->'attachment')
       WHERE team_id = team AND id = (d->>'cardId')::uuid
         AND NOT attachments @> jsonb_build_array(jsonb_build_object('id', d->'attachment'->'id'));
    WHEN 'attachment.removed' THEN
      UPDATE cards
         SET attachments = COALESCE((SELECT jsonb_agg(a ORDER BY n) FROM jsonb_array_elements(attachments)
                                       WITH ORDINALITY AS x(a, n) WHERE a->>'id' <> d->'attachment'->>'id'), '[]'),
             cover_attachment_id = CASE WHEN cover_attachment_id = (d->'attachment'->>'id')::uuid
                                        THEN NULL ELSE cover_attachment_id END
       WHERE team_id = team AND id = (d->>'cardId')::uuid;
    ELSE
      RAISE EXCEPTION 'boardroom_apply_event: unknown event kind %', kind;
  END CASE;
END $$;
