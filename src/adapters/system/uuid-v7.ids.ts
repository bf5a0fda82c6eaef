import { v7 } from 'uuid';
import type { IdGenerator } from '../../application/ports';
import { asUuid, type Uuid } from '../../domain';

/** Time-ordered UUIDv7 ids, so primary-key indexes grow at the end. */
export class UuidV7Ids implements IdGenerator {
  readonly next = (): Uuid => asUuid(v7());
}
