-- Event rows carry the schema version of their `data` (wave 2, issue 13). Rows written before this
-- migration take version 1: the unversioned form, which readers upcast (src/domain/event-record.ts).
-- The store writes the current version explicitly; the default only describes the past.
ALTER TABLE board_events ADD COLUMN IF NOT EXISTS schema_version smallint NOT NULL DEFAULT 1;
