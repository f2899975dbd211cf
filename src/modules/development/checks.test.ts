import { describe, expect, it } from 'vitest';
import { checkAge, checkExtension, checkStep } from './checks.ts';
import { nextDue, personStage, type RuleParams } from './steps.ts';

// Version 1 of the development rules as the migration seeds them.
const rules: RuleParams = new Map(
  Object.entries({
    'dev.min_age': { years: 18 },
    'dev.talk_within': { months: 1 },
    'dev.league_recommend': { underAge: 28 },
    'dev.activist_min': { months: 12 },
    'dev.introducers': { count: 2 },
    'dev.political_review_valid': { months: 12 },
    'dev.training_min': { days: 3, hours: 24 },
    'dev.meeting_quorum': { morePercent: 50 },
    'dev.meeting_majority': { morePercent: 50 },
    'dev.approval_within': { months: 3, specialMonths: 6 },
    'dev.probation': { months: 12, extendMinMonths: 6, extendMaxMonths: 12, maxExtensions: 1 },
    'dev.full_approval_within': { months: 3 },
  }).map(([code, params]) => [code, { params, source: `依据 ${code}` }]),
);
const facts = { name: '测试', birthDate: '2000-02-29', isLeagueMember: false, appliedOn: '2024-01-31', done: {}, extensionMonths: null };

describe('development rules', () => {
  it('age: a leap-day birth turns 18 on 28 February of a common year', () => {
    expect(checkAge(rules, '2000-02-29', '2018-02-27')).toHaveLength(1);
    expect(checkAge(rules, '2000-02-29', '2018-02-28')).toEqual([]);
  });

  it('talk: a month after 31 January is the end of February (month-end clamping)', () => {
    expect(checkStep(rules, facts, { step: 'talk', doneOn: '2024-02-29' })).toEqual([]);
    const v = checkStep(rules, facts, { step: 'talk', doneOn: '2024-03-01' });
    expect(v.map((x) => [x.rule, x.field, x.source])).toEqual([['dev.talk_within', 'doneOn', '依据 dev.talk_within']]);
  });

  it('votes: more than half of those entitled, for both quorum and majority; odd numbers round the right way', () => {
    const meeting = (v: { entitled: number; present: number; for: number }) => checkStep(rules, { ...facts, done: { political_review: '2024-01-01' } }, { step: 'branch_meeting', doneOn: '2024-02-01', votes: { ...v, against: 0, abstain: 0 } }).map((x) => x.rule);
    expect(meeting({ entitled: 7, present: 4, for: 4 })).toEqual([]);
    expect(meeting({ entitled: 7, present: 3, for: 3 })).toEqual(['dev.meeting_quorum', 'dev.meeting_majority']);
    expect(meeting({ entitled: 1, present: 1, for: 1 })).toEqual([]);
  });

  it('extension: 6 and 12 months pass, 5 and 13 fail, a second one fails', () => {
    expect(checkExtension(rules, 6, false)).toEqual([]);
    expect(checkExtension(rules, 12, false)).toEqual([]);
    expect(checkExtension(rules, 5, false)).toHaveLength(1);
    expect(checkExtension(rules, 13, false)).toHaveLength(1);
    expect(checkExtension(rules, 6, true)).toHaveLength(1);
  });

  it('stages and what is due next', () => {
    expect(['apply', 'talk', 'activist', 'cultivation', 'target', 'committee_talk', 'approval', 'full_meeting', 'full_approval', 'archive'].map(personStage)).toEqual(['applicant', 'applicant', 'activist', 'activist', 'target', 'target', 'probationary', 'probationary', 'full', 'full']);
    expect(nextDue(rules, 'apply', {}, null, '2024-01-31')).toEqual({ step: 'talk', dueOn: '2024-02-29', earliestOn: null });
    expect(nextDue(rules, 'cultivation', { activist: '2024-02-29' }, null, '2024-01-31')).toEqual({ step: 'target', dueOn: null, earliestOn: '2025-02-28' });
    const admitted = { branch_meeting: '2024-06-10', approval: '2024-09-10', full_application: '2025-06-01' };
    expect(nextDue(rules, 'full_application', admitted, 6, '2023-01-01')).toEqual({ step: 'full_meeting', dueOn: '2025-12-10', earliestOn: '2025-12-10' });
    expect(nextDue(rules, 'archive', admitted, null, '2023-01-01')).toBeNull();
  });
});
