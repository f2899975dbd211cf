import type { App } from '../server/types.ts';
import { alliancesModule } from './alliances/alliances.routes.ts';
import { appraisalModule } from './appraisal/appraisal.routes.ts';
import { assessmentModule } from './assessment/assessment.routes.ts';
import { auditModule } from './audit/audit.routes.ts';
import { commitmentsModule } from './commitments/commitments.routes.ts';
import { duesModule } from './dues/dues.routes.ts';
import { developmentModule } from './development/development.routes.ts';
import { authModule } from './auth/auth.routes.ts';
import { healthModule } from './health/health.routes.ts';
import { householdsModule } from './households/households.routes.ts';
import { importsModule } from './imports/imports.routes.ts';
import { membersModule } from './members/members.routes.ts';
import { organizationsModule } from './organizations/organizations.routes.ts';
import { structureModule } from './organizations/structure.routes.ts';
import { remindersModule } from './reminders/reminders.routes.ts';
import { rulesModule } from './rules/rules.routes.ts';
import { selfModule } from './self/self.routes.ts';
import { statisticsModule } from './statistics/statistics.routes.ts';
import { statusModule } from './status/status.routes.ts';
import { unitsModule } from './units/units.routes.ts';
import { usersModule } from './users/users.routes.ts';
import { transfersModule } from './transfers/transfers.routes.ts';
import { mobileModule } from './mobile/mobile.routes.ts';
import { recognitionModule } from './recognition/recognition.routes.ts';
import { orglifeModule } from './orglife/orglife.routes.ts';
import { serviceModule } from './service/service.routes.ts';
import { rectificationModule } from './rectification/rectification.routes.ts';
import { secretariesModule } from './secretaries/secretaries.routes.ts';

export interface Module {
  name: string;
  register(app: App): void | Promise<void>;
}

/** Every domain module; adding a module is adding its folder and one line here. */
export const modules: Module[] = [healthModule, authModule, usersModule, organizationsModule, structureModule, membersModule, developmentModule, auditModule, rulesModule, unitsModule, alliancesModule, householdsModule, appraisalModule, commitmentsModule, assessmentModule, statusModule, statisticsModule, importsModule, transfersModule, mobileModule, remindersModule, selfModule, duesModule, serviceModule, orglifeModule, rectificationModule, secretariesModule, recognitionModule];
