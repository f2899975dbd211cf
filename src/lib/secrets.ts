import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Field encryption for personal ID numbers: AES-256-GCM with a random IV per value, plus a
 * keyed HMAC for exact lookup and uniqueness without decrypting. The 32-byte master key comes
 * from TONGCHOU_SECRET_KEY (base64) or from `<data dir>/secret.key`, created on first start.
 */
export class FieldCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('secret key must be 32 bytes (base64 of 32 random bytes)');
    this.encKey = createHmac('sha256', masterKey).update('tongchou:enc:v1').digest();
    this.macKey = createHmac('sha256', masterKey).update('tongchou:mac:v1').digest();
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `v1.${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url')}`;
  }

  decrypt(token: string): string {
    const [version, b64] = token.split('.');
    if (version !== 'v1' || !b64) throw new Error('unknown cipher text version');
    const raw = Buffer.from(b64, 'base64url');
    const d = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  }

  /** Deterministic keyed hash for exact-match lookups. */
  lookupHash(plain: string): string {
    return createHmac('sha256', this.macKey).update(plain.toUpperCase()).digest('base64url');
  }
}

/** Load the master key from the environment or the data directory (creating it there). */
export function loadMasterKey(envKey: string | undefined, dataDir: string): Buffer {
  if (envKey) return Buffer.from(envKey, 'base64');
  const file = path.join(dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
}
