import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { RequestContext, Scope } from '../../server/context.ts';
import { AppError } from '../../server/errors.ts';
import { t } from '../../server/messages.ts';
import { selfSections, type NamedSection } from './sections.ts';
import { selfMember, selfPeriods } from './self.repository.ts';
import type { SelfRecord } from './self.schemas.ts';

type Log = Pick<FastifyBaseLogger, 'warn'>;
type Member = NonNullable<Awaited<ReturnType<typeof selfMember>>>;

/**
 * The caller as a member: their record (from the session's member id, never a parameter) and a
 * 'self' scope on it. Staff accounts linked to a member record get their own record too.
 */
export async function selfScope(db: Kysely<DB>, ctx: RequestContext): Promise<{ scope: Scope & { kind: 'self' }; member: Member }> {
  const memberId = ctx.actor.memberId;
  const member = memberId ? await selfMember(db, memberId) : undefined;
  if (!member) throw new AppError(404, 'self.noMember');
  return { scope: { kind: 'self', orgId: member.org_id, path: member.org_path, memberId: member.id }, member };
}

/** The member's own record: registry data (ID masked), organization, history and every module's card. */
export async function record(db: Kysely<DB>, ctx: RequestContext, log: Log, sections: readonly NamedSection[] = selfSections): Promise<SelfRecord> {
  const { scope, member: m } = await selfScope(db, ctx);
  const periods = await selfPeriods(db, m.id);
  const who = { memberId: m.id, orgId: m.org_id, orgPath: m.org_path, today: todayCN() };
  const settled = await Promise.allSettled(sections.map((s) => s.section(db, { ...ctx, scope }, who)));
  const cards: SelfRecord['sections'] = [];
  const failures: SelfRecord['failures'] = [];
  settled.forEach((s, i) => {
    const src = sections[i]!;
    if (s.status === 'fulfilled') {
      if (s.value) cards.push(s.value);
    } else {
      log.warn({ err: s.reason, source: src.source }, 'self-service section failed');
      failures.push({ source: src.source, message: t(ctx.locale, 'reminders.sourceFailed', { source: ctx.locale === 'en' ? src.nameEn : src.name }) });
    }
  });
  return {
    member: {
      id: m.id,
      name: m.name,
      gender: m.gender as SelfRecord['member']['gender'],
      birthDate: m.birth_date,
      idNumberMasked: m.id_number_masked,
      ethnicity: m.ethnicity,
      education: m.education as SelfRecord['member']['education'],
      category: m.category as SelfRecord['member']['category'],
      status: m.status as SelfRecord['member']['status'],
      joinedOn: m.joined_on,
      fullMemberOn: m.full_member_on,
      phone: m.phone,
      workUnit: m.work_unit,
      post: m.post,
      household: m.household as SelfRecord['member']['household'],
      isMobile: m.is_mobile,
      leftOn: m.left_on,
    },
    org: { id: m.org_id, name: m.org_name, code: m.org_code },
    periods: periods.map((p) => ({ orgId: p.org_id, orgName: p.org_name, from: p.valid_from, to: p.valid_to })),
    sections: cards,
    failures,
  };
}
