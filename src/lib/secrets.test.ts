import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FieldCipher, loadMasterKey } from './secrets.ts';

const key = () => randomBytes(32);

describe('FieldCipher', () => {
  it('round-trips, with a random IV (same plain text, different cipher text)', () => {
    const c = new FieldCipher(key());
    const a = c.encrypt('11010519491231002X');
    const b = c.encrypt('11010519491231002X');
    expect(a).toMatch(/^v1\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(c.decrypt(a)).toBe('11010519491231002X');
    expect(c.decrypt(b)).toBe('11010519491231002X');
    expect(c.decrypt(c.encrypt('中文地址 · emoji 🚩'))).toBe('中文地址 · emoji 🚩');
    expect(a).not.toContain('1101051949');
  });

  it('detects tampering (GCM tag) and refuses unknown versions', () => {
    const c = new FieldCipher(key());
    const token = c.encrypt('330402198506070215');
    const raw = Buffer.from(token.slice(3), 'base64url');
    for (const i of [0, 13, raw.length - 1]) {
      const t = Buffer.from(raw);
      t[i] = t[i]! ^ 0x01;
      expect(() => c.decrypt(`v1.${t.toString('base64url')}`), `byte ${i}`).toThrow();
    }
    expect(() => c.decrypt(`v1.${raw.subarray(0, raw.length - 2).toString('base64url')}`)).toThrow();
    expect(() => c.decrypt(token.replace(/^v1/, 'v2'))).toThrow(/version/);
    expect(() => c.decrypt('not-a-token')).toThrow();
  });

  it('another key cannot decrypt', () => {
    const token = new FieldCipher(key()).encrypt('330402198506070215');
    expect(() => new FieldCipher(key()).decrypt(token)).toThrow();
  });

  it('lookupHash is stable, case-insensitive for X, and keyed', () => {
    const k = key();
    const c1 = new FieldCipher(k);
    const c2 = new FieldCipher(Buffer.from(k));
    const h = c1.lookupHash('11010519491231002X');
    expect(h).toBe(c1.lookupHash('11010519491231002X'));
    expect(h).toBe(c2.lookupHash('11010519491231002X'));
    expect(h).toBe(c1.lookupHash('11010519491231002x'));
    expect(h).not.toBe(c1.lookupHash('110105194912310021'));
    expect(new FieldCipher(key()).lookupHash('11010519491231002X')).not.toBe(h);
    expect(h).not.toContain('110105');
  });

  it('requires a 32-byte master key', () => {
    expect(() => new FieldCipher(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => new FieldCipher(Buffer.alloc(0))).toThrow(/32 bytes/);
  });
});

describe('loadMasterKey', () => {
  it('creates <dataDir>/secret.key once (mode 0600) and reads the same key after', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongchou-key-'));
    try {
      const sub = path.join(dir, 'data');
      const k1 = loadMasterKey(undefined, sub);
      expect(k1).toHaveLength(32);
      expect(fs.statSync(path.join(sub, 'secret.key')).mode & 0o777).toBe(0o600);
      expect(loadMasterKey(undefined, sub).equals(k1)).toBe(true);
      // The environment wins over the file.
      const env = randomBytes(32);
      expect(loadMasterKey(env.toString('base64'), sub).equals(env)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
