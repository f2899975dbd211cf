import type { Exec } from './engine.ts';
import { percentile } from './measure.ts';
import type { Strategy } from './strategies.ts';

export interface MoveResult {
  n: number;
  p50: number;
  max: number;
  /** mean subtree size (orgs) per move */
  orgsMoved: number;
  ok: boolean;
  problems: string[];
}

async function ids(x: Exec, s: Strategy, id: number): Promise<Set<number>> {
  const node = await s.resolve(x, id);
  return new Set((await x.q<{ id: number }>(s.subtree(node))).map((r) => r.id));
}

/**
 * Move each township under another county and back, each move ONE transaction (timed),
 * verifying after every move: the subtree is intact, it left the old county and joined the new
 * one (through the strategy's own subtree query), and the strategy's invariant holds.
 */
export async function benchMoves(
  x: Exec,
  s: Strategy,
  moves: { township: number; from: number; to: number }[],
): Promise<MoveResult> {
  const times: number[] = [];
  const problems: string[] = [];
  let orgsMoved = 0;
  const step = async (t: number, from: number, to: number) => {
    const sub = await ids(x, s, t);
    const before = { from: (await ids(x, s, from)).size, to: (await ids(x, s, to)).size };
    const [node, parent] = [await s.resolve(x, t), await s.resolve(x, to)];
    const t0 = performance.now();
    await x.tx((trx) => s.move(trx, node, parent));
    times.push(performance.now() - t0);
    orgsMoved += sub.size;
    const after = { sub: await ids(x, s, t), from: await ids(x, s, from), to: await ids(x, s, to) };
    const where = `${s.key} move ${t}: ${from}→${to}`;
    if (after.sub.size !== sub.size || [...sub].some((i) => !after.sub.has(i))) problems.push(`${where}: subtree changed`);
    if (after.from.size !== before.from - sub.size || after.from.has(t)) problems.push(`${where}: still under old parent`);
    if (after.to.size !== before.to + sub.size || [...sub].some((i) => !after.to.has(i))) problems.push(`${where}: not under new parent`);
    const bad = await s.violations(x);
    if (bad !== 0) problems.push(`${where}: ${bad} invariant violations`);
  };
  for (const m of moves) {
    await step(m.township, m.from, m.to);
    await step(m.township, m.to, m.from);
  }
  times.sort((a, b) => a - b);
  return {
    n: times.length,
    p50: percentile(times, 50),
    max: times[times.length - 1] ?? NaN,
    orgsMoved: Math.round(orgsMoved / Math.max(1, times.length)),
    ok: problems.length === 0,
    problems,
  };
}
