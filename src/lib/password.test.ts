import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './password.ts';

describe('hashPassword / verifyPassword', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('Correct-horse-7');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('Correct-horse-7', hash)).toBe(true);
    expect(await verifyPassword('Correct-horse-8', hash)).toBe(false);
    expect(await verifyPassword('correct-horse-7', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts: the same password hashes differently each time, both verify', async () => {
    const [a, b] = await Promise.all([hashPassword('Same-passw0rd'), hashPassword('Same-passw0rd')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Same-passw0rd', a)).toBe(true);
    expect(await verifyPassword('Same-passw0rd', b)).toBe(true);
  });

  it('normalizes Unicode (NFKC): full-width digits equal ASCII ones', async () => {
    const hash = await hashPassword('密码Passw0rd１２');
    expect(await verifyPassword('密码Passw0rd12', hash)).toBe(true);
  });

  it('refuses malformed stored hashes instead of throwing', async () => {
    for (const stored of ['', 'plain-text', 'bcrypt$10$abc', 'scrypt$32768$8$1$$']) {
      expect(await verifyPassword('anything1', stored), stored).toBe(false);
    }
  });
});

describe('passwordProblem (policy: ≥ 10 characters with letters and digits)', () => {
  it.each([
    ['abcdefgh1', 'password.tooShort'], // 9 characters
    ['abcdefgh12', null], // 10 characters
    ['', 'password.tooShort'],
    ['1234567890', 'password.tooSimple'], // digits only
    ['12345678901234567890', 'password.tooSimple'],
    ['abcdefghijkl', 'password.tooSimple'], // letters only
    ['密码密码密码密码密码1', 'password.tooSimple'], // no Latin letter
    ['Passw0rd-long-enough', null],
  ])('%j → %s', (pw, expected) => {
    expect(passwordProblem(pw)).toBe(expected);
  });
});

describe('generatePassword', () => {
  it('gives 16 typeable characters without look-alikes, different each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{16}$/);
      seen.add(p);
    }
    expect(seen.size).toBe(50);
    expect(generatePassword(24)).toHaveLength(24);
  });
});
