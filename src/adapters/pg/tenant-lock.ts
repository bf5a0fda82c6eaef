/**
 * A team's write lock on a shard, a transaction-level advisory lock keyed by the team: every write
 * transaction holds it shared; a tenant move's cutover takes it exclusive. Advisory locks queue in
 * order, so once a mover waits, new writers of that team queue behind it instead of starving it (which
 * plain row locks allow), and writers of other teams never wait. Two teams whose ids hash alike share
 * a lock: harmless, one of them merely pauses during the other's cutover.
 */
export const TENANT_LOCK_KEY = 7_420_100;

/** SQL taking the lock shared for this transaction; `$1` is the team id. */
export const SHARED_TENANT_LOCK_SQL = `SELECT pg_advisory_xact_lock_shared(${TENANT_LOCK_KEY}, hashtext($1))`;

/** SQL taking the lock exclusive for this transaction; `$1` is the team id. */
export const EXCLUSIVE_TENANT_LOCK_SQL = `SELECT pg_advisory_xact_lock(${TENANT_LOCK_KEY}, hashtext($1))`;
