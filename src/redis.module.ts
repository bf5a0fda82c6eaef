import { ContainerModule } from 'inversify';
import { Redis } from 'ioredis';
import { redisCheck } from './adapters/observability/health-checks';
import { RedisReadCache } from './adapters/redis/cache';
import { RedisControlBus } from './adapters/redis/control-bus';
import { RedisEventBus } from './adapters/redis/event-bus';
import { RedisPresenceBus } from './adapters/redis/presence-bus';
import { RedisRateLimiter } from './adapters/redis/rate-limiter';
import { RedisRefreshTokenStore } from './adapters/redis/refresh-token.store';
import { RedisTokenDenylist } from './adapters/redis/token-denylist';
import { token, TOKENS } from './adapters/tokens';

/** The Redis connection of the request/response commands (tokens, limits, the denylist). */
const CLIENT = token<Redis>('redis.Client');

export interface RedisModuleOptions {
  /** Keep read-mostly data (teams, board lists, board metadata) in a shared Redis cache: worth it over Postgres only. */
  readonly readCache: boolean;
}

/**
 * What instances share, in Redis at REDIS_URL: refresh tokens, the event bus, control messages, rate
 * limits, the denylist, presence and (optionally) the read cache. Each adapter opens its connection when
 * first resolved, and registers with the Lifecycle when it must be awaited before serving and closed.
 */
export const redisModule = (opts: RedisModuleOptions) =>
  new ContainerModule(({ bind }) => {
    bind(CLIENT)
      .toDynamicValue((ctx) => {
        const { redisUrl } = ctx.get(TOKENS.Config);
        const logger = ctx.get(TOKENS.Logger);
        // Auto-pipelining: the rate-limit calls of one tick (one per op) go to Redis in one write.
        const redis = new Redis(redisUrl as string, {
          maxRetriesPerRequest: 1,
          connectionName: 'boardroom-tokens',
          enableAutoPipelining: true,
        });
        redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
        ctx.get(TOKENS.Lifecycle).onClose(async () => redis.disconnect());
        return redis;
      })
      .inSingletonScope();
    bind(TOKENS.Readiness).toDynamicValue((ctx) => redisCheck(ctx.get(CLIENT)));
    bind(TOKENS.Events)
      .toDynamicValue((ctx) => {
        const bus = new RedisEventBus({
          url: ctx.get(TOKENS.Config).redisUrl as string,
          logger: ctx.get(TOKENS.Logger),
        });
        ctx.get(TOKENS.Lifecycle).whenReady(bus.ready());
        ctx.get(TOKENS.Lifecycle).onClose(() => bus.close());
        return bus;
      })
      .inSingletonScope();
    bind(TOKENS.Control)
      .toDynamicValue((ctx) => {
        const control = new RedisControlBus({
          url: ctx.get(TOKENS.Config).redisUrl as string,
          logger: ctx.get(TOKENS.Logger),
        });
        ctx.get(TOKENS.Lifecycle).onClose(() => control.close());
        return control;
      })
      .inSingletonScope();
    bind(TOKENS.Presence)
      .toDynamicValue((ctx) => {
        const { redisUrl, presenceTtlMs } = ctx.get(TOKENS.Config);
        const presence = new RedisPresenceBus({
          url: redisUrl as string,
          logger: ctx.get(TOKENS.Logger),
          ttlMs: presenceTtlMs,
        });
        ctx.get(TOKENS.Lifecycle).whenReady(presence.ready());
        ctx.get(TOKENS.Lifecycle).onClose(() => presence.close());
        return presence;
      })
      .inSingletonScope();
    if (opts.readCache)
      bind(TOKENS.ReadCache)
        .toDynamicValue((ctx) => {
          const cache = new RedisReadCache({
            url: ctx.get(TOKENS.Config).redisUrl as string,
            logger: ctx.get(TOKENS.Logger),
          });
          ctx.get(TOKENS.Lifecycle).onClose(() => cache.close());
          return cache;
        })
        .inSingletonScope();
    bind(TOKENS.RefreshTokens)
      .toDynamicValue((ctx) => new RedisRefreshTokenStore(ctx.get(CLIENT)))
      .inSingletonScope();
    bind(TOKENS.RateLimiter)
      .toDynamicValue((ctx) => new RedisRateLimiter(ctx.get(CLIENT), ctx.get(TOKENS.Clock), ctx.get(TOKENS.Logger)))
      .inSingletonScope();
    bind(TOKENS.Denylist)
      .toDynamicValue((ctx) => new RedisTokenDenylist(ctx.get(CLIENT)))
      .inSingletonScope();
  });
