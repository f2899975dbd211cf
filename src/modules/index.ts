import type { App } from '../server/types.ts';
import { alliancesModule } from './alliances/alliances.routes.ts';
import { auditModule } from './audit/audit.routes.ts';
import { authModule } from './auth/auth.routes.ts';
import { healthModule } from './health/health.routes.ts';
import { householdsModule } from './households/households.routes.ts';
import { importsModule } from './imports/imports.routes.ts';
import { membersModule } from './members/members.routes.ts';
import { organizationsModule } from './organizations/organizations.routes.ts';
import { structureModule } from './organizations/structure.routes.ts';
import { rulesModule } from './rules/rules.routes.ts';
import { statisticsModule } from './statistics/statistics.routes.ts';
import { unitsModule } from './units/units.routes.ts';
import { usersModule } from './users/users.routes.ts';

export interface Module {
  name: string;
  register(app: App): void | Promise<void>;
}

/** Every domain module; adding a module is adding its folder and one line here. */
export const modules: Module[] = [healthModule, authModule, usersModule, organizationsModule, structureModule, membersModule, auditModule, rulesModule, unitsModule, alliancesModule, householdsModule, statisticsModule, importsModule];
