import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RequestContext } from '../../server/context.ts';
import { moduleSections } from './module-sections.ts';
import type { SelfSection } from './self.schemas.ts';

/** Who the section is about: the signed-in member, already resolved from the session. */
export interface SelfSubject {
  memberId: number;
  orgId: number;
  orgPath: string;
  today: string;
}

/** A module's card on the member's own record; null when the module has nothing for this member. */
export interface NamedSection {
  source: string;
  name: string;
  nameEn: string;
  /** `ctx` is the caller's, with the scope narrowed to the member's own record ('self'). */
  section(db: Kysely<DB>, ctx: RequestContext, who: SelfSubject): Promise<SelfSection | null>;
}

/**
 * The modules that contribute a card to 「我的」. A module not listed here simply has no card
 * (never an error). Adding one is an adapter in this folder over the module's own service.
 */
export const selfSections: NamedSection[] = [...moduleSections];
