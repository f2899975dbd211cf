import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { RequestContext } from '../../server/context.ts';
import { notFound } from '../../server/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import * as repo from './rules.repository.ts';
import type { NewRuleVersionBody, RuleItem } from './rules.schemas.ts';

type Item = z.infer<typeof RuleItem>;
const present = (r: Awaited<ReturnType<typeof repo.listVersions>>[number]): Item => ({
  code: r.code,
  version: r.version,
  effectiveFrom: r.effective_from,
  params: r.params as Item['params'],
  source: r.source,
  note: r.note,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function list(db: Kysely<DB>) {
  return { items: (await repo.listVersions(db)).map(present) };
}

/** A rule change is a new version with its source; earlier versions stay for past dates. */
export async function addVersion(db: Kysely<DB>, ctx: RequestContext, code: string, body: z.infer<typeof NewRuleVersionBody>) {
  return db.transaction().execute(async (trx) => {
    const existing = (await repo.listVersions(trx)).filter((r) => r.code === code);
    if (existing.length === 0) throw notFound();
    const { version } = await repo.insertVersion(trx, { code, effectiveFrom: body.effectiveFrom, params: body.params, source: body.source, note: body.note ?? existing[0]!.note });
    await appendAudit(trx, ctx, { action: 'rule.newVersion', entity: 'rule', entityId: `${code}@${version}`, scopePath: null, after: { code, version, ...body } });
    const row = (await repo.listVersions(trx)).find((r) => r.code === code && r.version === version)!;
    return present(row);
  });
}
