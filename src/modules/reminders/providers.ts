import { appraisalReminders } from '../appraisal/appraisal.reminders.ts';
import { commitmentReminders } from '../commitments/commitments.reminders.ts';
import { developmentReminders } from '../development/development.reminders.ts';
import { duesReminders } from '../dues/dues.reminders.ts';
import { mobileReminders } from '../mobile/mobile.reminders.ts';
import { orglifeReminders } from '../orglife/orglife.reminders.ts';
import { statusReminders } from '../status/status.reminders.ts';
import { transferReminders } from '../transfers/transfers.reminders.ts';
import { organizationReminders } from './org.reminders.ts';
import { serviceReminders } from '../service/service.reminders.ts';
import { rectificationReminders } from '../rectification/rectification.reminders.ts';
import { assessmentReminders } from '../assessment/assessment.reminders.ts';
import { recognitionReminders } from '../recognition/recognition.reminders.ts';
import { secretaryReminders } from '../secretaries/secretaries.reminders.ts';
import type { ReminderProvider } from './types.ts';

/** A reminder source with the name shown (and logged) when it fails. */
export interface NamedProvider {
  /** Module code, also the prefix of its reminder kinds ('dues' → 'dues.arrears'). */
  source: string;
  name: string;
  nameEn: string;
  provider: ReminderProvider;
}

/**
 * Every module that has things falling due. Adding one is its `*.reminders.ts` and one line here.
 * Mutable on purpose: tests add a failing source to see that it hides none of the others.
 */
export const reminderProviders: NamedProvider[] = [
  { source: 'development', name: '发展党员', nameEn: 'Member development', provider: developmentReminders },
  { source: 'transfer', name: '组织关系转接', nameEn: 'Relationship transfers', provider: transferReminders },
  { source: 'mobile', name: '流动党员', nameEn: 'Mobile members', provider: mobileReminders },
  { source: 'orglife', name: '组织生活', nameEn: 'Organizational life', provider: orglifeReminders },
  { source: 'dues', name: '党费', nameEn: 'Dues', provider: duesReminders },
  { source: 'appraisal', name: '民主评议', nameEn: 'Democratic appraisal', provider: appraisalReminders },
  { source: 'commitment', name: '承诺践诺', nameEn: 'Commitments', provider: commitmentReminders },
  { source: 'status', name: '党员状态与关爱', nameEn: 'Status and care', provider: statusReminders },
  { source: 'org', name: '组织设置与换届', nameEn: 'Organization setup and terms', provider: organizationReminders },
  { source: 'service', name: '设岗定责', nameEn: 'Posts for members without office', provider: serviceReminders },
  { source: 'rectification', name: '软弱涣散整顿', nameEn: 'Rectification of weak organizations', provider: rectificationReminders },
  { source: 'assessment', name: '考核评价', nameEn: 'Assessment', provider: assessmentReminders },
  { source: 'secretaries', name: '书记述职评议', nameEn: 'Secretaries’ reports', provider: secretaryReminders },
  { source: 'recognition', name: '评先评优', nameEn: 'Recognition', provider: recognitionReminders },
];
