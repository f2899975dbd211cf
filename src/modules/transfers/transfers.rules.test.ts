import { describe, expect, it } from 'vitest';
import { allowed, approvalSteps, isExpired, issuerOf, letterNumber, scopeCaseOf, shownState, validUntil, type OrgNode } from './transfers.rules.ts';

const node = (id: number, level: string, kind = 'committee', division_code: string | null = null, name = `中共测试${id}委员会`): OrgNode => ({ id, name, short_name: null, path: '', level, kind, division_code });
const prov = node(1, 'province', 'committee', '330000');
const city = node(2, 'city', 'committee', '330400');
const countyA = node(3, 'county', 'committee', '330402', '中共嘉兴市南湖区委员会');
const townA = node(4, 'township', 'committee', null, '中共南湖区凤桥镇委员会');
const branchA = node(5, 'village', 'branch');
const countyB = node(6, 'county');
const branchB = node(7, 'village', 'branch');

describe('scopeCaseOf', () => {
  it('within a county, across counties (city or province above both), across provinces (no common ancestor)', () => {
    expect(scopeCaseOf([prov, city, countyA, townA, branchA], [prov, city, countyA, node(8, 'village', 'branch')])).toBe('within_county');
    expect(scopeCaseOf([prov, city, countyA, townA, branchA], [prov, city, countyB, branchB])).toBe('cross_county');
    expect(scopeCaseOf([prov, city, countyA, branchA], [prov, countyB, branchB])).toBe('cross_county');
    expect(scopeCaseOf([prov, countyA, branchA], [node(9, 'province', 'committee', '320000'), branchB])).toBe('cross_province');
  });
  it('two separate trees: the division codes decide the province; unknown codes count as another province', () => {
    expect(scopeCaseOf([countyA, branchA], [node(10, 'county', 'committee', '330411'), branchB])).toBe('cross_county');
    expect(scopeCaseOf([countyA, branchA], [node(11, 'county', 'committee', '310115'), branchB])).toBe('cross_province');
    expect(scopeCaseOf([countyA, branchA], [node(12, 'county'), branchB])).toBe('cross_province');
  });
});

describe('approval chain and issuer', () => {
  it('none within a county (the basic committee issues), the county across counties, county then province across provinces', () => {
    const chain = [prov, city, countyA, townA, branchA];
    expect(approvalSteps(chain, 'within_county')).toEqual([]);
    expect(issuerOf(chain, 'within_county').id).toBe(townA.id);
    expect(approvalSteps(chain, 'cross_county').map((s) => [s.role, s.org.id])).toEqual([['county', countyA.id]]);
    expect(approvalSteps(chain, 'cross_province').map((s) => [s.role, s.org.id])).toEqual([['county', countyA.id], ['province', prov.id]]);
    expect(issuerOf(chain, 'cross_province').id).toBe(countyA.id);
  });
});

describe('letter number and validity', () => {
  it('numbers per issuer: 组介 for county and above, 党介 for basic committees, four digits', () => {
    expect(letterNumber(countyA, 2026, 12)).toBe('南组介〔2026〕第0012号');
    expect(letterNumber(townA, 2026, 1)).toBe('凤党介〔2026〕第0001号');
  });
  it('valid through the last day: expiring today is valid, yesterday expired; month ends clamp', () => {
    expect(validUntil('2026-01-10', 3)).toBe('2026-04-10');
    expect(validUntil('2026-08-31', 6)).toBe('2027-02-28');
    expect(isExpired('2026-12-01', '2026-12-01')).toBe(false);
    expect(isExpired('2026-11-30', '2026-12-01')).toBe(true);
    expect(shownState('issued', '2026-11-30', '2026-12-01')).toBe('expired');
    expect(shownState('confirmed', '2026-11-30', '2026-12-01')).toBe('confirmed');
  });
  it('transitions: confirm only from issued (not expired), re-issue only when expired', () => {
    expect(allowed('confirm', 'issued')).toBe(true);
    expect(allowed('confirm', 'expired')).toBe(false);
    expect(allowed('reissue', 'issued')).toBe(false);
    expect(allowed('reissue', 'expired')).toBe(true);
    expect(allowed('approve', 'draft')).toBe(false);
    expect(allowed('cancel', 'confirmed')).toBe(false);
  });
});
