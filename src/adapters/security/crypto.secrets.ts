import { createHash, randomBytes } from 'node:crypto';
import type { SecretGenerator } from '../../application/ports';

/** 256-bit random tokens; stored under their SHA-256 (the token itself is random, so no salt is needed). */
export class CryptoSecrets implements SecretGenerator {
  readonly token = (): string => randomBytes(32).toString('base64url');

  readonly hash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
}
