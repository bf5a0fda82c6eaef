import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { SLOT_COUNT, murmur3x86_32, slotOf, stableHash } from '../../../src/shard-router/stable-hash';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('stableHash', () => {
  // Published MurmurHash3 x86_32 vectors: they prove the function is murmur3, not merely self-consistent.
  it.each([
    ['', 0, 0x00000000],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['abc', 0, 0xb3dd93fa],
    ['a', 0x9747b28c, 0x7fa09ea6],
    ['ab', 0x9747b28c, 0x74875592],
    ['abc', 0x9747b28c, 0xc84a62dd],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
    ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
  ])('murmur3 of %j with seed %d matches the reference implementation', (input, seed, expected) => {
    expect(murmur3x86_32(utf8(input), seed)).toBe(expected);
  });

  it('hashes four zero bytes like the reference implementation', () => {
    expect(murmur3x86_32(new Uint8Array([0, 0, 0, 0]), 0)).toBe(0x2362f9de);
  });

  // FROZEN. These pin every existing team to its slot; if one fails, the change re-homes teams. Never edit.
  it.each([
    ['00000000-0000-0000-0000-000000000000', 0x16a8edd4, 468],
    ['ffffffff-ffff-ffff-ffff-ffffffffffff', 0xbde6b8ee, 238],
    ['0190b7a2-5c3e-7d4f-8a1b-2c3d4e5f6a7b', 0x1c73362f, 559],
    ['0190b7a2-5c3e-7d4f-8a1b-2c3d4e5f6a7c', 0xeece173b, 827],
    ['123e4567-e89b-12d3-a456-426614174000', 0x1a32ca9e, 670],
    ['550e8400-e29b-41d4-a716-446655440000', 0x38d60cdc, 220],
    ['6ba7b810-9dad-11d1-80b4-00c04fd430c8', 0x38bd905b, 91],
    ['f47ac10b-58cc-4372-a567-0e02b2c3d479', 0xcc5a9309, 777],
    ['018f3a7e-1b2c-7def-9abc-0123456789ab', 0xaddee854, 84],
    ['c9bf9e57-1685-4c89-bafb-ff5af830be8a', 0x178a5b16, 790],
  ])('team %s keeps hash %d and slot %d forever', (teamId, hash, slot) => {
    expect(stableHash(teamId)).toBe(hash);
    expect(slotOf(teamId)).toBe(slot);
  });

  it('hashes the UTF-8 bytes of the string, not its UTF-16 code units', () => {
    expect(stableHash('π')).toBe(murmur3x86_32(new Uint8Array([0xcf, 0x80])));
    expect(stableHash('😀')).toBe(murmur3x86_32(new Uint8Array([0xf0, 0x9f, 0x98, 0x80])));
  });

  it('always yields an unsigned 32-bit integer and a slot below 1024', () => {
    for (let i = 0; i < 1000; i++) {
      const id = randomUUID();
      const hash = stableHash(id);
      expect(Number.isInteger(hash) && hash >= 0 && hash <= 0xffffffff).toBe(true);
      expect(slotOf(id)).toBe(hash % SLOT_COUNT);
    }
  });
});

describe('slot distribution', () => {
  // Slots dealt round-robin to three shards, as seeding does.
  const shareOfEachShard = (ids: readonly string[]): number[] => {
    const counts = [0, 0, 0];
    for (const id of ids) counts[slotOf(id) % 3]! += 1;
    return counts.map((c) => c / ids.length);
  };

  it('spreads 10,000 random team ids evenly over three shards', () => {
    const shares = shareOfEachShard(Array.from({ length: 10_000 }, () => randomUUID()));
    for (const share of shares) expect(Math.abs(share - 1 / 3)).toBeLessThan(0.03);
  });

  it('spreads 10,000 time-ordered ids made in the same instant evenly, despite their shared prefix', () => {
    const shares = shareOfEachShard(Array.from({ length: 10_000 }, () => uuidv7({ msecs: 1_700_000_000_000 })));
    for (const share of shares) expect(Math.abs(share - 1 / 3)).toBeLessThan(0.03);
  });

  it('uses most of the 1024 slots for 10,000 teams, so no slot is a hot spot', () => {
    const perSlot = new Map<number, number>();
    for (let i = 0; i < 10_000; i++) {
      const slot = slotOf(randomUUID());
      perSlot.set(slot, (perSlot.get(slot) ?? 0) + 1);
    }
    expect(perSlot.size).toBeGreaterThan(1010);
    expect(Math.max(...perSlot.values())).toBeLessThan(35);
  });
});
