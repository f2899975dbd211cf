// Rows → API objects for 四级承诺一评议.
import type { z } from 'zod';
import type { COMMITMENT_CATEGORY, COMMITMENT_EVALUATOR, COMMITMENT_ITEM_STATUS, COMMITMENT_MAKER, COMMITMENT_RATING } from '../../shared/enums.ts';
import type { CommitmentRow, ItemRow } from './commitments.repository.ts';
import { meetsTarget, rate, satisfaction, standing } from './commitments.rules.ts';
import type { Ballots, CommitmentSummary, Figure, Item } from './commitments.schemas.ts';

type Maker = (typeof COMMITMENT_MAKER.values)[number];
export type Rating = (typeof COMMITMENT_RATING.values)[number];
export type Evaluator = (typeof COMMITMENT_EVALUATOR.values)[number];

export function summary(r: CommitmentRow): z.infer<typeof CommitmentSummary> {
  const kept = Number(r.kept);
  const due = Number(r.due);
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    orgLevel: r.org_level,
    makerType: r.maker_type as Maker,
    memberId: r.member_id,
    memberName: r.member_name,
    year: r.year,
    title: r.title,
    announcedOn: r.announced_on,
    items: Number(r.items),
    kept,
    due,
    overdue: Number(r.overdue),
    open: Number(r.open),
    rate: rate(kept, due),
  };
}

export function item(i: ItemRow, progress: { id: number; item_id: number; noted_on: string; text: string; recorded_by_name: string }[], today: string): z.infer<typeof Item> {
  return {
    id: i.id,
    content: i.content,
    category: i.category as (typeof COMMITMENT_CATEGORY.values)[number],
    deadline: i.deadline,
    responsible: i.responsible,
    status: i.status as (typeof COMMITMENT_ITEM_STATUS.values)[number],
    standing: standing(i, today),
    doneOn: i.done_on,
    doneNote: i.done_note,
    reason: i.reason,
    statusOn: i.status_on,
    progress: progress.filter((p) => p.item_id === i.id).map((p) => ({ id: p.id, on: p.noted_on, text: p.text, by: p.recorded_by_name })),
  };
}

export function figure(c: { kept: number; due: number; pending: number; withdrawn: number }, percent: number): Figure {
  return { ...c, rate: rate(c.kept, c.due), meetsTarget: meetsTarget(c.kept, c.due, percent) };
}

export function ballots(rows: { satisfied: number; basic: number; dissatisfied: number }[]): Ballots {
  const t = rows.reduce((s, r) => ({ satisfied: s.satisfied + r.satisfied, basic: s.basic + r.basic, dissatisfied: s.dissatisfied + r.dissatisfied }), { satisfied: 0, basic: 0, dissatisfied: 0 });
  return { ...t, total: t.satisfied + t.basic + t.dissatisfied, rate: satisfaction(t) };
}

/** A rating as one ballot's counts. */
export const ballotOf = (r: Rating) => ({ satisfied: r === 'satisfied' ? 1 : 0, basic: r === 'basic' ? 1 : 0, dissatisfied: r === 'dissatisfied' ? 1 : 0 });
export const ratingOf = (e: { satisfied: number; basic: number }): Rating => (e.satisfied ? 'satisfied' : e.basic ? 'basic' : 'dissatisfied');
