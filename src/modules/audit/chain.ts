import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that its hash covers (everything but the hash itself). */
export interface ChainedFields {
  seq: number;
  at: Date;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  scope_path: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
}

/** sha256 over a canonical (sorted-key) JSON of the row, chained to the previous row's hash. */
export function rowHash(row: ChainedFields): string {
  const canonical = stringify({ ...row, at: row.at.toISOString() });
  return createHash('sha256').update(canonical ?? '').digest('hex');
}

/** Turn a value into what jsonb gives back (Dates as ISO strings, no undefined), so hashes match after a round trip. */
export function toJsonValue(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v)) as unknown;
}
