// Money on the 党费 screens: integer fen from the server, yuan with two decimals on screen; typed
// yuan become fen by string arithmetic (never floating point).

/** 2161 → '21.61'. */
export function yuan(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const s = `${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/** '21.6' → 2160, '3000' → 300000; null when it is not an amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{0,2}))?\s*$/.exec(text.replaceAll(',', ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Basis points as a percentage: 150 → '1.5%'. */
export const percent = (bp: number) => `${bp / 100}%`;
