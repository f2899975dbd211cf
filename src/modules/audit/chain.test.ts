import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, rowHash, toJsonValue, type ChainedFields } from './chain.ts';

const row = (over: Partial<ChainedFields> = {}): ChainedFields => ({
  seq: 1,
  at: new Date('2026-11-23T06:00:00.123Z'),
  actor_id: 7,
  actor_name: 'staff',
  action: 'org.update',
  entity: 'organization',
  entity_id: '42',
  scope_path: '1.2.42',
  before: { name: '旧名' },
  after: { name: '新名', nested: { b: 2, a: 1 } },
  request_id: 'req-1',
  ip: '10.0.0.1',
  prev_hash: GENESIS_HASH,
  ...over,
});

describe('rowHash', () => {
  it('is a hex sha256, the same for the same row', () => {
    expect(rowHash(row())).toMatch(/^[0-9a-f]{64}$/);
    expect(rowHash(row())).toBe(rowHash(row()));
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('does not depend on key order (canonical JSON), including inside before/after', () => {
    const r = row();
    const reordered = Object.fromEntries(Object.entries(r).reverse()) as unknown as ChainedFields;
    expect(rowHash(reordered)).toBe(rowHash(r));
    expect(rowHash(row({ after: { nested: { a: 1, b: 2 }, name: '新名' } }))).toBe(rowHash(r));
  });

  it.each([
    ['seq', { seq: 2 }],
    ['at (1 ms)', { at: new Date('2026-11-23T06:00:00.124Z') }],
    ['actor_id', { actor_id: 8 }],
    ['actor_id null', { actor_id: null }],
    ['actor_name', { actor_name: 'staff2' }],
    ['action', { action: 'org.create' }],
    ['entity', { entity: 'member' }],
    ['entity_id', { entity_id: '43' }],
    ['scope_path', { scope_path: '1.2' }],
    ['before', { before: { name: '旧名 ' } }],
    ['after nested value', { after: { name: '新名', nested: { b: 3, a: 1 } } }],
    ['after type', { after: { name: '新名', nested: { b: '2', a: 1 } } }],
    ['request_id', { request_id: 'req-2' }],
    ['ip', { ip: null }],
    ['prev_hash', { prev_hash: 'f'.repeat(64) }],
  ] as [string, Partial<ChainedFields>][])('changes when %s changes', (_f, over) => {
    expect(rowHash(row(over))).not.toBe(rowHash(row()));
  });

  it('chains: a row’s hash depends on the previous row’s hash', () => {
    const h1 = rowHash(row());
    const h2 = rowHash(row({ seq: 2, prev_hash: h1 }));
    const h1b = rowHash(row({ action: 'org.delete' }));
    expect(rowHash(row({ seq: 2, prev_hash: h1b }))).not.toBe(h2);
  });
});

describe('toJsonValue', () => {
  it('gives what jsonb gives back, so hashes survive the database round trip', () => {
    expect(toJsonValue(undefined)).toBeNull();
    expect(toJsonValue(null)).toBeNull();
    expect(toJsonValue({ d: new Date('2026-01-02T03:04:05.000Z'), u: undefined, n: 1, s: 'x' })).toEqual({ d: '2026-01-02T03:04:05.000Z', n: 1, s: 'x' });
    expect(toJsonValue([1, undefined, 'a'])).toEqual([1, null, 'a']);
    const v = { a: new Date('2026-01-02T00:00:00Z'), b: { c: undefined } };
    expect(rowHash(row({ after: toJsonValue(v) }))).toBe(rowHash(row({ after: JSON.parse(JSON.stringify(v)) as unknown })));
  });
});
