import { Badge, Divider, Segmented, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReminders, type ReminderList as ReminderListData } from '../../api/reminders.ts';
import type { CheckList } from '../../api/types.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { ChecksTabLabel, OrgChecksPanel } from '../org/OrgChecksPanel.tsx';
import { QueryError } from '../QueryError.tsx';
import { ReminderList } from './ReminderList.tsx';
import './reminders.css';

export const HORIZONS = [7, 30, 90, 180] as const;

/** 7 / 30 / 90 / 180 days ahead. */
export function HorizonPicker({ value, onChange }: { value: number; onChange: (days: number) => void }) {
  const { t } = useTranslation();
  return <Segmented value={value} onChange={(v) => onChange(Number(v))} options={HORIZONS.map((d) => ({ value: d, label: t('reminders.days', { count: d }) }))} data-testid="horizon" />;
}

/**
 * The organization's own setup and term advice is shown below with its rules (OrgChecksPanel);
 * the list above holds everything else that falls due in the subtree.
 */
export function withoutOwnChecks(data: ReminderListData, orgId: number): ReminderListData {
  const items = data.items.filter((r) => !(r.kind.startsWith('org.') && r.orgId === orgId));
  if (items.length === data.items.length) return data;
  const counts = data.counts
    .map((c) => ({ ...c, total: items.filter((r) => r.kind === c.kind).length, overdue: items.filter((r) => r.kind === c.kind && r.severity === 'overdue').length }))
    .filter((c) => c.total > 0);
  return { ...data, items, counts, total: items.length, overdue: items.filter((r) => r.severity === 'overdue').length };
}

/** The reminders tab title: the setup checks' badge as before, plus the overdue items of the subtree in red. */
export function RemindersTabLabel({ text, checks, orgId }: { text: string; checks: CheckList | undefined; orgId: number }) {
  const { can } = useAuth();
  const q = useReminders({ orgId, horizonDays: 30 }, can('member.read'));
  const overdue = q.data ? withoutOwnChecks(q.data, orgId).overdue : 0;
  return (
    <Space size={4}>
      <ChecksTabLabel text={text} data={checks} />
      {overdue > 0 && <Badge count={overdue} size="small" color="#c8161d" title={text} data-testid="reminders-overdue-badge" />}
    </Space>
  );
}

/** An organization's reminders tab: what falls due in its subtree, then its setup checks with their rules. */
export function OrgRemindersPanel({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [horizonDays, setHorizon] = useState(30);
  // Reminders name members: for member readers; a unit contact sees the setup checks only.
  const q = useReminders({ orgId, horizonDays }, can('member.read'));
  if (!can('member.read')) return <OrgChecksPanel orgId={orgId} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="org-reminders">
      <div className="reminders-filters">
        <Typography.Text strong>{t('reminders.title')}</Typography.Text>
        <HorizonPicker value={horizonDays} onChange={setHorizon} />
      </div>
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : q.data ? <ReminderList data={withoutOwnChecks(q.data, orgId)} /> : <Skeleton active paragraph={{ rows: 3 }} />}
      <Divider titlePlacement="start" plain style={{ margin: '4px 0' }}>
        {t('reminders.rulesTitle')}
      </Divider>
      <OrgChecksPanel orgId={orgId} />
    </Space>
  );
}
