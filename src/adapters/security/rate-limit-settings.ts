import type { Config } from '../config/config';
import { perWindow } from '../../application/ports';
import type { RateLimits } from '../../application/rate-limits';

const LOGIN_WINDOW_SECONDS = 15 * 60;
const SIGNUP_WINDOW_SECONDS = 60 * 60;

/** The configured limits in the shape the use cases take. */
export const rateLimitsFromConfig = (config: Config): RateLimits => ({
  loginPerAccount: perWindow(config.loginFailuresPerAccountAllIps, LOGIN_WINDOW_SECONDS),
  loginPerAccountIp: perWindow(config.loginFailuresPerAccount, LOGIN_WINDOW_SECONDS),
  loginPerDevice: perWindow(config.loginFailuresPerAccount, LOGIN_WINDOW_SECONDS),
  loginPerIp: perWindow(config.loginFailuresPerIp, LOGIN_WINDOW_SECONDS),
  signupsPerIp: perWindow(config.signupsPerIp, SIGNUP_WINDOW_SECONDS),
  mutationsPerUser: { capacity: config.mutationBurst, refillPerSecond: config.mutationRatePerSecond },
});
