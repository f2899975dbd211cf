import { describe, expect, it } from 'vitest';
import { detectType } from './orglife.files.ts';
import { kindAllowedFor, parseSpan, quorum, slotLabel, slotsOverlapping } from './orglife.rules.ts';

const P = { numerator: 1, denominator: 2, probationaryInBase: 1, leaveReducesBase: 0 };
const rows = (present: number, leave: number, absent: number, probationary = 0) => [
  ...Array.from({ length: present }, (_, i) => ({ memberStatus: i < probationary ? 'probationary' : 'full', status: 'present' })),
  ...Array.from({ length: leave }, () => ({ memberStatus: 'full', status: 'leave' })),
  ...Array.from({ length: absent }, () => ({ memberStatus: 'full', status: 'absent' })),
];

describe('quorum', () => {
  it('needs strictly more than half: 2 of 4 fails, 3 of 4 passes, 3 of 5 passes, nobody never passes', () => {
    expect(quorum('member_meeting', rows(2, 0, 2), P)).toMatchObject({ base: 4, needed: 3, met: false });
    expect(quorum('member_meeting', rows(3, 0, 1), P)).toMatchObject({ met: true });
    expect(quorum('member_meeting', rows(3, 0, 2), P)).toMatchObject({ base: 5, needed: 3, met: true });
    expect(quorum('member_meeting', [], P).met).toBe(false);
  });
  it('follows the rule on leave and probationary members', () => {
    expect(quorum('member_meeting', rows(2, 2, 0), P).met).toBe(false);
    expect(quorum('member_meeting', rows(2, 2, 0), { ...P, leaveReducesBase: 1 })).toMatchObject({ base: 2, met: true });
    expect(quorum('member_meeting', rows(3, 0, 2, 2), { ...P, probationaryInBase: 0 })).toMatchObject({ base: 3, present: 1, met: false });
    expect(quorum('theme_day', rows(1, 0, 3), P).applies).toBe(false);
  });
});

describe('periods', () => {
  it('parses spans and aligns slots to the calendar', () => {
    expect(parseSpan('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(parseSpan('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(parseSpan('2026-H2')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(slotsOverlapping(3, '2026-03-01', '2026-03-31')).toEqual([{ from: '2026-01-01', to: '2026-03-31' }]);
    expect(slotsOverlapping(1, '2026-01-01', '2026-03-31')).toHaveLength(3);
    expect(slotsOverlapping(12, '2026-04-01', '2026-06-30')).toEqual([{ from: '2026-01-01', to: '2026-12-31' }]);
    expect(slotLabel(3, '2026-04-01')).toBe('2026年第二季度');
  });
  it('gives group meetings to 党小组 only', () => {
    expect(kindAllowedFor('group', 'group_meeting')).toBe(true);
    expect(kindAllowedFor('group', 'member_meeting')).toBe(false);
    expect(kindAllowedFor('branch', 'group_meeting')).toBe(false);
  });
});

describe('attachment types by content', () => {
  it('accepts what the content shows and refuses disguises', () => {
    expect(detectType('a.pdf', Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(detectType('a.PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(detectType('a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(detectType('a.docx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....word/document.xml')]))).toContain('wordprocessingml');
    expect(detectType('a.docx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....xl/workbook.xml')]))).toBeNull();
    expect(detectType('a.pdf', Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(detectType('a.txt', Buffer.from('会议记录\n'))).toContain('text/plain');
    expect(detectType('a.txt', Buffer.from([0x41, 0x00, 0x42]))).toBeNull();
    expect(detectType('a.txt', Buffer.from([0xc3, 0x28]))).toBeNull();
    expect(detectType('a.exe', Buffer.from('MZ'))).toBeNull();
  });
});
