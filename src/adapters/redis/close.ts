import type { Redis } from 'ioredis';

/**
 * Closes a connection politely (QUIT) when Redis answers soon, and drops it otherwise. A QUIT sent
 * while Redis is away waits in the offline queue for a reconnect that may never come, and its retry
 * timer would keep the process alive.
 */
export const closeRedis = async (client: Redis, graceMs = 500): Promise<void> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
  await Promise.race([
    client.quit().then(
      () => undefined,
      () => undefined,
    ),
    gaveUp,
  ]);
  clearTimeout(timer);
  client.disconnect();
};
