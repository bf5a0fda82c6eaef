import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** Paths whose values never reach a log line: credentials, cookies and tokens, wherever they are logged. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.jwtSecret',
  'password',
  'accessToken',
  'refreshToken',
  'jwtSecret',
  'config.jwtSecret',
];

export interface LoggerOptions {
  readonly level: string;
  /** Where lines go; defaults to stdout (tests pass a buffer to read them back). */
  readonly destination?: pino.DestinationStream;
}

/** The structured JSON logger: one event per line, secrets redacted. */
export const createLogger = (options: LoggerOptions): Logger =>
  pino(
    {
      level: options.level,
      base: { service: 'boardroom' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
