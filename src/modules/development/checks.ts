import { addMonths, yearsBetween } from '../../lib/dates.ts';
import { param, probationEnd, type DoneDates, type RuleParams } from './steps.ts';

// The development rules as pure checks: each returns the violations it finds, every one naming
// the rule, the field, a plain explanation and the rule's source (from the rules table).

export interface Violation {
  rule: string;
  field: string;
  message: string;
  messageEn: string;
  source: string;
}

export interface Votes {
  entitled: number;
  present: number;
  for: number;
  against: number;
  abstain: number;
}

export interface IntroducerFact {
  id: number;
  name: string | null;
  status: string | null;
  leftOn: string | null;
  fullMemberOn: string | null;
}

export interface CaseFacts {
  name: string;
  birthDate: string;
  isLeagueMember: boolean;
  appliedOn: string;
  done: DoneDates;
  extensionMonths: number | null;
}

export interface StepInput {
  step: string;
  doneOn: string;
  votes?: Votes | null | undefined;
  introducers?: IntroducerFact[] | undefined;
  trainingDays?: number | null | undefined;
  trainingHours?: number | null | undefined;
  leagueRecommended?: boolean | null | undefined;
  special?: boolean | null | undefined;
}

function violation(rules: RuleParams, rule: string, field: string, message: string, messageEn: string): Violation {
  return { rule, field, message, messageEn, source: rules.get(rule)?.source ?? '' };
}

/** At least 18 on the day of application. */
export function checkAge(rules: RuleParams, birthDate: string, appliedOn: string): Violation[] {
  const years = param(rules, 'dev.min_age', 'years');
  const age = yearsBetween(birthDate, appliedOn);
  if (age >= years) return [];
  return [violation(rules, 'dev.min_age', 'appliedOn', `申请人出生于 ${birthDate}，递交申请书时（${appliedOn}）未满 ${years} 周岁，最早可于 ${addMonths(birthDate, years * 12)} 申请`, `Born on ${birthDate}, the applicant was under ${years} on ${appliedOn}; the earliest application date is ${addMonths(birthDate, years * 12)}`)];
}

/** Votes of a branch general meeting: more than half of those entitled present, and more than half of them agreeing. */
function checkVotes(rules: RuleParams, votes: Votes, what: string): Violation[] {
  const out: Violation[] = [];
  const quorum = param(rules, 'dev.meeting_quorum', 'morePercent');
  const majority = param(rules, 'dev.meeting_majority', 'morePercent');
  if (votes.present * 100 <= votes.entitled * quorum) {
    out.push(violation(rules, 'dev.meeting_quorum', 'votes.present', `应到会有表决权的正式党员 ${votes.entitled} 人，实到 ${votes.present} 人，未超过半数，会议不能${what}`, `Only ${votes.present} of ${votes.entitled} members entitled to vote attended: not more than half, so the meeting cannot decide`));
  }
  if (votes.for * 100 <= votes.entitled * majority) {
    const need = Math.floor((votes.entitled * majority) / 100) + 1;
    out.push(violation(rules, 'dev.meeting_majority', 'votes.for', `赞成 ${votes.for} 票，未超过应到会有表决权的正式党员（${votes.entitled} 人）的半数（至少需 ${need} 票），${what}决议未通过`, `${votes.for} votes for is not more than half of the ${votes.entitled} members entitled to vote (at least ${need} needed); the resolution fails`));
  }
  return out;
}

/** The rules that apply to recording one step, given the dates already done. */
export function checkStep(rules: RuleParams, c: CaseFacts, s: StepInput): Violation[] {
  const d = s.doneOn;
  const out: Violation[] = [];
  switch (s.step) {
    case 'talk': {
      const limit = addMonths(c.appliedOn, param(rules, 'dev.talk_within', 'months'));
      if (d > limit) out.push(violation(rules, 'dev.talk_within', 'doneOn', `收到入党申请书（${c.appliedOn}）后应在一个月内谈话，最迟 ${limit}，${d} 已超期`, `The talk must take place within a month of the application (${c.appliedOn}), by ${limit}; ${d} is late`));
      break;
    }
    case 'activist': {
      const underAge = param(rules, 'dev.league_recommend', 'underAge');
      const age = yearsBetween(c.birthDate, d);
      if (c.isLeagueMember && age < underAge && !s.leagueRecommended) {
        out.push(violation(rules, 'dev.league_recommend', 'leagueRecommended', `${c.name}是 ${age} 周岁的共青团员（未满 ${underAge} 周岁），确定为入党积极分子须经团组织“推优”，请记录推优情况`, `${c.name} is a League member aged ${age} (under ${underAge}): the League's recommendation (推优) must be recorded`));
      }
      break;
    }
    case 'target': {
      const earliest = addMonths(c.done.activist!, param(rules, 'dev.activist_min', 'months'));
      if (d < earliest) out.push(violation(rules, 'dev.activist_min', 'doneOn', `确定为入党积极分子（${c.done.activist}）后须经一年以上培养考察，最早 ${earliest} 才能确定为发展对象`, `An activist needs at least a year of cultivation (since ${c.done.activist}); the earliest date is ${earliest}`));
      break;
    }
    case 'introducers': {
      const count = param(rules, 'dev.introducers', 'count');
      const list = s.introducers ?? [];
      if (list.length !== count || new Set(list.map((x) => x.id)).size !== list.length) {
        out.push(violation(rules, 'dev.introducers', 'introducerIds', `须有 ${count} 名不同的正式党员作入党介绍人，现填写 ${list.length} 名`, `${count} different full members must act as introducers; ${list.length} given`));
      }
      for (const x of list) {
        const problem =
          x.name === null ? `党员（编号 ${x.id}）不在党员名册中或不在管辖范围内` :
          x.leftOn ? `${x.name}已不在册（${x.leftOn}）` :
          x.status !== 'full' || !x.fullMemberOn ? `${x.name}是预备党员，不能作入党介绍人` :
          x.fullMemberOn > d ? `${x.name}于 ${x.fullMemberOn} 才转为正式党员，${d} 时还是预备党员` : null;
        if (problem) out.push(violation(rules, 'dev.introducers', 'introducerIds', `${problem}：入党介绍人须为正式党员`, `Member ${x.id} is not a full member on the register: introducers must be full members`));
      }
      break;
    }
    case 'training': {
      const days = param(rules, 'dev.training_min', 'days');
      const hours = param(rules, 'dev.training_min', 'hours');
      if ((s.trainingDays ?? 0) < days && (s.trainingHours ?? 0) < hours) {
        out.push(violation(rules, 'dev.training_min', 'trainingDays', `集中培训 ${s.trainingDays ?? 0} 天、${s.trainingHours ?? 0} 学时，不足 ${days} 天或 ${hours} 学时`, `Training of ${s.trainingDays ?? 0} days / ${s.trainingHours ?? 0} hours is less than ${days} days or ${hours} hours`));
      }
      break;
    }
    case 'branch_meeting': {
      const valid = addMonths(c.done.political_review!, param(rules, 'dev.political_review_valid', 'months'));
      if (d > valid) out.push(violation(rules, 'dev.political_review_valid', 'doneOn', `政治审查结论（${c.done.political_review}）至支部大会时已超过一年（有效至 ${valid}），须重新进行政治审查`, `The political review (${c.done.political_review}) is older than a year at the meeting (valid until ${valid}); review again`));
      if (s.votes) out.push(...checkVotes(rules, s.votes, '接收预备党员'));
      break;
    }
    case 'approval': {
      const months = param(rules, 'dev.approval_within', s.special ? 'specialMonths' : 'months');
      const limit = addMonths(c.done.branch_meeting!, months);
      if (d > limit) {
        const zh = s.special ? `特殊情况下审批期限也不得超过 ${months} 个月` : `应在支部大会（${c.done.branch_meeting}）后 ${months} 个月内审批（特殊情况须注明，最长 6 个月）`;
        out.push(violation(rules, 'dev.approval_within', 'doneOn', `${zh}，最迟 ${limit}，${d} 已超期`, `Approval is due within ${months} months of the branch meeting (${c.done.branch_meeting}), by ${limit}; ${d} is late`));
      }
      break;
    }
    case 'full_meeting': {
      const end = probationEnd(rules, c.done, c.extensionMonths)!;
      if (d < end) out.push(violation(rules, 'dev.probation', 'doneOn', `预备期自支部大会通过之日（${c.done.branch_meeting}）起算，至 ${end} 届满；预备期满后方可讨论转正`, `Probation runs from the branch meeting (${c.done.branch_meeting}) until ${end}; full membership is discussed after that`));
      if (s.votes) out.push(...checkVotes(rules, s.votes, '转正'));
      break;
    }
    case 'full_approval': {
      const limit = addMonths(c.done.full_meeting!, param(rules, 'dev.full_approval_within', 'months'));
      if (d > limit) out.push(violation(rules, 'dev.full_approval_within', 'doneOn', `转正决议（${c.done.full_meeting}）应在 3 个月内审批，最迟 ${limit}，${d} 已超期`, `Full membership must be approved within 3 months of the meeting (${c.done.full_meeting}), by ${limit}; ${d} is late`));
      break;
    }
  }
  return out;
}

/** Probation may be extended once, by 6 to 12 months. */
export function checkExtension(rules: RuleParams, months: number, already: boolean): Violation[] {
  const min = param(rules, 'dev.probation', 'extendMinMonths');
  const max = param(rules, 'dev.probation', 'extendMaxMonths');
  const times = param(rules, 'dev.probation', 'maxExtensions');
  const out: Violation[] = [];
  if (already && times <= 1) out.push(violation(rules, 'dev.probation', 'months', `预备期只能延长 ${times} 次，已经延长过`, `Probation can be extended only ${times} time(s); it already was`));
  if (months < min || months > max) out.push(violation(rules, 'dev.probation', 'months', `延长预备期不能少于 ${min} 个月、不能超过 ${max} 个月，填写的是 ${months} 个月`, `An extension must be ${min}–${max} months; ${months} given`));
  return out;
}
