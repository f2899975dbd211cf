// 党费 rates at their edges, integer-fen rounding, rate versions by month, arrears runs.
import { describe, expect, it } from 'vitest';
import { DUES_RULES } from '../../db/migrations/20261201T1530_dues.ts';
import { applyRate, arrearsOf, DuesRules, firstDueMonth, monthDue, standardDue, type MemberFacts, type RuleVersion } from './dues.calc.ts';
import { addMonth, fenToYuan, monthDiff, monthRange } from './months.ts';

const seeded: RuleVersion[] = DUES_RULES.map((r) => ({ code: r.code, version: 1, effectiveFrom: '2008-04-01', params: r.params, source: r.source }));
const rules = new DuesRules(seeded);
const due = (category: Parameters<typeof standardDue>[2], baseFen: number | null, month = '2026-06', province: string | null = null) => standardDue(rules, month, category, baseFen, province).fen;
const rate = (category: 'employed' | 'retired', baseFen: number) => standardDue(rules, '2026-06', category, baseFen, null).rateBp;

describe('employed rates (after-tax wage, whole base, upper bounds inclusive)', () => {
  it.each([
    [100, 50], [300000, 50], [300001, 100], [500000, 100], [500001, 150], [1000000, 150], [1000001, 200], [5000000, 200],
  ])('base %i fen → %i bp', (base, bp) => expect(rate('employed', base)).toBe(bp));

  it('applies the rate to the whole base, not progressively', () => {
    expect(due('employed', 300000)).toBe(1500); // 3000.00 × 0.5% = 15.00
    expect(due('employed', 300001)).toBe(3000); // 3000.01 × 1% = 30.0001 → 30.00
    expect(due('employed', 500000)).toBe(5000); // 5000 × 1% = 50.00
    expect(due('employed', 1000000)).toBe(15000); // 10000 × 1.5% = 150.00
    expect(due('employed', 1000001)).toBe(20000); // 10000.01 × 2% = 200.0002 → 200.00
  });
});

describe('retiree rates', () => {
  it('5000.00 is 0.5%, 5000.01 is 1%', () => {
    expect(rate('retired', 500000)).toBe(50);
    expect(due('retired', 500000)).toBe(2500);
    expect(rate('retired', 500001)).toBe(100);
    expect(due('retired', 500001)).toBe(5000);
  });
});

describe('fixed amounts', () => {
  it('students, unemployed and 低保 members pay 0.20 yuan; farmers the province amount or 0.20', () => {
    expect(due('student', null)).toBe(20);
    expect(due('unemployed', null)).toBe(20);
    expect(due('low_income', null)).toBe(20);
    expect(due('farmer', null, '2026-06', '33')).toBe(20);
    const withProvince = new DuesRules([...seeded, { code: 'dues.farmer_amounts', version: 2, effectiveFrom: '2026-01-01', params: { minFen: 20, maxFen: 100, defaultFen: 20, p33: 50 }, source: '测试' }]);
    expect(standardDue(withProvince, '2026-06', 'farmer', null, '33').fen).toBe(50);
    expect(standardDue(withProvince, '2026-06', 'farmer', null, '11').fen).toBe(20);
    const tooHigh = new DuesRules([...seeded, { code: 'dues.farmer_amounts', version: 2, effectiveFrom: '2026-01-01', params: { minFen: 20, maxFen: 100, defaultFen: 20, p33: 150 }, source: '测试' }]);
    expect(standardDue(tooHigh, '2026-06', 'farmer', null, '33').fen).toBe(100);
  });
});

describe('integer fen arithmetic', () => {
  it('rounds half up to the fen without float drift', () => {
    expect(applyRate(666667, 150)).toBe(10000); // 6666.67 × 1.5% = 100.00005 → 100.00
    expect(applyRate(432150, 50)).toBe(2161); // 4321.50 × 0.5% = 21.6075 → 21.61 (float gives 21.607499…)
    expect(applyRate(432149, 50)).toBe(2161); // 21.60745 → 21.61
    expect(applyRate(432100, 50)).toBe(2161); // 21.605 exactly half → up
    expect(applyRate(432099, 50)).toBe(2160); // 21.604995 → 21.60
    expect(applyRate(432150, 50, 'down')).toBe(2160);
    expect(applyRate(100000000000, 200)).toBe(2000000000); // large bases stay exact
  });
  it('formats fen as yuan with two decimals', () => {
    expect(fenToYuan(2161)).toBe('21.61');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(-120)).toBe('-1.20');
  });
});

describe('months', () => {
  it('adds and counts across year ends', () => {
    expect(addMonth('2026-12', 1)).toBe('2027-01');
    expect(addMonth('2026-01', -1)).toBe('2025-12');
    expect(monthDiff('2025-11', '2026-02')).toBe(3);
    expect(monthRange('2026-11', '2027-01')).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(monthRange('2026-02', '2026-01')).toEqual([]);
  });
});

const facts = (over: Partial<MemberFacts> = {}): MemberFacts => ({
  joinedOn: '2010-07-01',
  leftOn: null,
  provinceCode: null,
  bases: [{ id: 1, effectiveMonth: '2026-01', category: 'employed', baseFen: 600000 }],
  reliefs: [],
  paid: new Map(),
  ...over,
});

describe('member months', () => {
  it('a rate version applies from its effective month; earlier months keep the old rate', () => {
    const v2 = new DuesRules([...seeded, { code: 'dues.employed_rates', version: 2, effectiveFrom: '2026-07-15', params: { b1RateBp: 100 }, source: '测试' }]);
    expect(monthDue(v2, facts(), '2026-06')!.dueFen).toBe(9000); // 6000 × 1.5%
    expect(monthDue(v2, facts(), '2026-07')!).toMatchObject({ dueFen: 6000, ruleVersion: 2 });
  });

  it('probationary members pay from the month of admission', () => {
    const f = facts({ joinedOn: '2026-03-31' });
    expect(firstDueMonth(rules, f)).toBe('2026-03');
    expect(monthDue(rules, f, '2026-02')).toBeNull();
    expect(monthDue(rules, f, '2026-03')!.dueFen).toBe(9000);
  });

  it('a new base applies from its month; reductions and exemptions change the amount due', () => {
    const f = facts({
      bases: [{ id: 1, effectiveMonth: '2026-01', category: 'employed', baseFen: 600000 }, { id: 2, effectiveMonth: '2026-05', category: 'retired', baseFen: 400000 }],
      reliefs: [{ id: 1, kind: 'reduce', fromMonth: '2026-06', toMonth: '2026-06', monthlyFen: 500 }, { id: 2, kind: 'exempt', fromMonth: '2026-07', toMonth: '2026-08', monthlyFen: null }],
    });
    expect(monthDue(rules, f, '2026-04')!.dueFen).toBe(9000);
    expect(monthDue(rules, f, '2026-05')!.dueFen).toBe(2000);
    expect(monthDue(rules, f, '2026-06')!).toMatchObject({ dueFen: 500, relief: 'reduce', standardFen: 2000 });
    expect(monthDue(rules, f, '2026-07')!).toMatchObject({ dueFen: 0, relief: 'exempt', status: 'exempt' });
  });

  it('no dues from the month the member left the register', () => {
    const f = facts({ leftOn: '2026-04-10' });
    expect(monthDue(rules, f, '2026-03')).not.toBeNull();
    expect(monthDue(rules, f, '2026-04')).toBeNull();
  });
});

describe('arrears', () => {
  const paidExcept = (from: string, to: string, unpaid: string[]) => new Map(monthRange(from, to).filter((m) => !unpaid.includes(m)).map((m) => [m, { amountFen: 9000, paymentId: 1 }]));

  it('5 consecutive unpaid months are arrears but not flagged; 6 are flagged for review', () => {
    const five = arrearsOf(rules, facts({ paid: paidExcept('2026-01', '2026-12', ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07']) }), '2026-12-15');
    expect(five).toMatchObject({ longestRun: 5, flagged: false, amountFen: 45000, runFrom: '2026-03', runTo: '2026-07' });
    const six = arrearsOf(rules, facts({ paid: paidExcept('2026-01', '2026-12', ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08']) }), '2026-12-15');
    expect(six).toMatchObject({ longestRun: 6, flagged: true, flagMonths: 6 });
  });

  it('the current month is not yet in arrears; an exempt month breaks a run', () => {
    const a = arrearsOf(rules, facts({ bases: [{ id: 1, effectiveMonth: '2026-07', category: 'student', baseFen: null }] }), '2026-12-01');
    expect(a.months.map((m) => m.month)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(a.amountFen).toBe(100);
    const b = arrearsOf(rules, facts({ bases: [{ id: 1, effectiveMonth: '2026-06', category: 'student', baseFen: null }], reliefs: [{ id: 1, kind: 'exempt', fromMonth: '2026-09', toMonth: '2026-09', monthlyFen: null }] }), '2026-12-01');
    expect(b).toMatchObject({ longestRun: 3, flagged: false });
  });
});
