/**
 * Team placement hash. FROZEN: every team's slot, and so its shard, derives from this function. Changing
 * a single bit of its output re-homes almost every team, so the test vectors in
 * test/unit/shard-router/stable-hash.test.ts must never be edited to make a change pass.
 *
 * MurmurHash3 x86_32 (seed 0) over the UTF-8 bytes of the id: its finaliser mixes every input bit into
 * the low bits, which are the ones `mod 1024` keeps, and it has reference implementations in every
 * language and database extension an operator might want to recompute a slot with.
 */

/** Number of placement slots; fixed forever, like the hash. */
export const SLOT_COUNT = 1024;

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

const rotl32 = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

const mixK = (k: number): number => Math.imul(rotl32(Math.imul(k, C1), 15), C2);

const finalMix = (h: number): number => {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
};

/** MurmurHash3 x86_32 of raw bytes, as an unsigned 32-bit integer. */
export const murmur3x86_32 = (bytes: Uint8Array, seed = 0): number => {
  const blocks = bytes.length >>> 2;
  let h = seed >>> 0;
  for (let i = 0; i < blocks; i++) {
    const o = i * 4;
    const k = (bytes[o] ?? 0) | ((bytes[o + 1] ?? 0) << 8) | ((bytes[o + 2] ?? 0) << 16) | ((bytes[o + 3] ?? 0) << 24);
    h ^= mixK(k);
    h = rotl32(h, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = blocks * 4;
  const rest = bytes.length & 3;
  if (rest > 0) {
    // The reference switch falls through from 3 to 1: the same as reading the tail bytes little-endian.
    let k = 0;
    for (let i = rest - 1; i >= 0; i--) k = (k << 8) | (bytes[tail + i] ?? 0);
    h ^= mixK(k);
  }
  return finalMix(h ^ bytes.length);
};

/** The frozen 32-bit hash of a string: MurmurHash3 x86_32, seed 0, over its UTF-8 bytes. */
export const stableHash = (s: string): number => murmur3x86_32(new TextEncoder().encode(s));

/** The placement slot of a team: `stableHash(teamId) mod 1024`. */
export const slotOf = (teamId: string): number => stableHash(teamId) % SLOT_COUNT;
