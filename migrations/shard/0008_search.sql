-- Team-wide search (GET /api/teams/:teamId/search). Each searchable table carries its own text-search
-- vector, kept by Postgres itself (a STORED generated column), so no write path has to remember it and a
-- tenant move recomputes it on the target (the mover leaves generated columns out of its INSERTs).
-- 'simple' config: lower-cased words, no stemming and no stop words, so every language is searchable the
-- same way. Titles weigh A and bodies B: a hit whose whole query lies in the title ranks first.
-- Adding a STORED column rewrites each table once, under an exclusive lock: run it in a quiet moment.

ALTER TABLE boards ADD COLUMN IF NOT EXISTS search tsvector
  GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A')) STORED;

-- A card's body text: its description, then the titles of its checklists and their items (0007), one per
-- line. IMMUTABLE (it reads only its arguments), so a generated column may use it; the headline of a
-- card hit is cut from the same text, and the memory adapter builds it alike (cardBodyText).
CREATE OR REPLACE FUNCTION boardroom_card_text(description text, checklists jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_string(ARRAY[description] || ARRAY(
    SELECT t FROM (
      SELECT c.ord, 0 AS sub, c.v->>'title' AS t FROM jsonb_array_elements(checklists) WITH ORDINALITY AS c(v, ord)
      UNION ALL
      SELECT c.ord, i.ord, i.v->>'title' FROM jsonb_array_elements(checklists) WITH ORDINALITY AS c(v, ord),
             jsonb_array_elements(c.v->'items') WITH ORDINALITY AS i(v, ord)
    ) parts ORDER BY ord, sub), E'\n')
$$;

ALTER TABLE cards ADD COLUMN IF NOT EXISTS search tsvector
  GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', title), 'A')
    || setweight(to_tsvector('simple', boardroom_card_text(description, checklists)), 'B')
  ) STORED;

ALTER TABLE comments ADD COLUMN IF NOT EXISTS search tsvector
  GENERATED ALWAYS AS (setweight(to_tsvector('simple', body), 'B')) STORED;

-- A search is always for one team, and a shard holds many. With btree_gin the index holds
-- (team_id, search) together, so the index scan intersects the team's entries with the words' and
-- other teams' hits never reach the heap. btree_gin ships with Postgres' contrib (the official images,
-- embedded-postgres) and is a trusted extension; where it cannot be created, a plain GIN on the vector
-- still answers, filtering team_id on the heap rows the words matched.
DO $$
DECLARE
  composite boolean := false;
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS btree_gin;
    composite := true;
  EXCEPTION WHEN undefined_file OR insufficient_privilege OR feature_not_supported THEN
    RAISE NOTICE 'btree_gin unavailable (%); search indexes cover the text only', SQLERRM;
  END;
  IF composite THEN
    CREATE INDEX IF NOT EXISTS boards_search_idx ON boards USING gin (team_id, search);
    CREATE INDEX IF NOT EXISTS cards_search_idx ON cards USING gin (team_id, search);
    CREATE INDEX IF NOT EXISTS comments_search_idx ON comments USING gin (team_id, search);
  ELSE
    CREATE INDEX IF NOT EXISTS boards_search_idx ON boards USING gin (search);
    CREATE INDEX IF NOT EXISTS cards_search_idx ON cards USING gin (search);
    CREATE INDEX IF NOT EXISTS comments_search_idx ON comments USING gin (search);
  END IF;
END $$;

-- Hits are listed newest first within their score. For a query that matches most of a team's rows (a
-- short prefix while typing) walking these newest-first and stopping after a page beats reading every
-- match from the GIN index and sorting; the planner chooses per query.
CREATE INDEX IF NOT EXISTS cards_team_updated_idx ON cards (team_id, updated_at, id);
CREATE INDEX IF NOT EXISTS comments_team_created_idx ON comments (team_id, created_at, id);
