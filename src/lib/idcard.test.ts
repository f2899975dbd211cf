import { describe, expect, it } from 'vitest';
import { checkChar, idBirthDate, idNumberProblem, maskIdNumber } from './idcard.ts';

/** Build a checksum-valid number from a region, birth date (YYYYMMDD) and 3-digit sequence. */
const make = (region: string, birth: string, seq: string) => `${region}${birth}${seq}${checkChar(`${region}${birth}${seq}`)}`;

describe('checkChar (ISO 7064 MOD 11-2)', () => {
  it('matches published examples', () => {
    // GB 11643-1999 appendix example, and a well-known X case.
    expect(checkChar('11010519491231002')).toBe('X');
    expect(checkChar('44052418800101001')).toBe('4');
  });
  it('yields X exactly when the weighted sum is 2 mod 11', () => {
    let xs = 0;
    for (let s = 0; s < 200; s++) {
      const first17 = `330402199001${String(10 + (s % 18)).padStart(2, '0')}${String(s).padStart(3, '0')}`;
      const c = checkChar(first17);
      expect(c).toMatch(/^[\dX]$/);
      if (c === 'X') xs++;
    }
    expect(xs).toBeGreaterThan(0);
  });
});

describe('idNumberProblem', () => {
  it('accepts valid numbers, with an X check character in either case', () => {
    expect(idNumberProblem('110105194912310021'.slice(0, 17) + checkChar('11010519491231002'))).toBeNull();
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
    expect(idNumberProblem(' 11010519491231002X ')).toBeNull();
  });

  it('rejects a wrong check character', () => {
    expect(idNumberProblem('110105194912310021')).toBe('checksum');
    const good = make('330402', '19800101', '123');
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(idNumberProblem(wrong)).toBe('checksum');
    // A single changed digit in the body is caught by the check character.
    const typo = `${good.slice(0, 3)}${(Number(good[3]) + 1) % 10}${good.slice(4)}`;
    expect(idNumberProblem(typo)).toBe('checksum');
  });

  it('rejects wrong formats', () => {
    for (const bad of ['', '12345', '1101051949123100', '1101051949123100211', '11010519491231002Y', 'X10105194912310021', '11010519491231 021']) {
      expect(idNumberProblem(bad), bad).toBe('format');
    }
  });

  it('checks Feb 29: valid in leap years only', () => {
    expect(idNumberProblem(make('330402', '20000229', '011'))).toBeNull(); // 2000: divisible by 400
    expect(idNumberProblem(make('330402', '19960229', '011'))).toBeNull();
    expect(idNumberProblem(make('330402', '19000229', '011'))).toBe('birthDate'); // 1900: not a leap year
    expect(idNumberProblem(make('330402', '19970229', '011'))).toBe('birthDate');
    expect(idNumberProblem(make('330402', '19970230', '011'))).toBe('birthDate');
  });

  it('rejects impossible dates and years before 1900', () => {
    expect(idNumberProblem(make('330402', '19801301', '011'))).toBe('birthDate');
    expect(idNumberProblem(make('330402', '19800431', '011'))).toBe('birthDate');
    expect(idNumberProblem(make('330402', '19800100', '011'))).toBe('birthDate');
    expect(idNumberProblem(make('330402', '18991231', '011'))).toBe('birthDate');
  });

  it('compares with a given birth date', () => {
    const id = make('330402', '19850607', '021');
    expect(idNumberProblem(id, '1985-06-07')).toBeNull();
    expect(idNumberProblem(id, '1985-06-08')).toBe('birthDate');
    expect(idNumberProblem(id, '1985-07-06')).toBe('birthDate');
    expect(idBirthDate(id)).toBe('1985-06-07');
  });
});

describe('maskIdNumber', () => {
  it('keeps the region code and last four, stars the birth date and sequence', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    const masked = maskIdNumber('330402198506070215');
    expect(masked).toBe('330402********0215');
    expect(masked).not.toContain('19850607');
    expect(masked).toHaveLength(18);
  });
  it('stars everything of a value that is not 18 characters', () => {
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskIdNumber('')).toBe('');
  });
});
