// Loaded by the `api:postgres` jest project: the API suites run on real Postgres shards.
process.env.BOARDROOM_API_STORAGE = 'postgres';
