import { Card, Select, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useOrgDetail } from '../api/queries.ts';
import { useReminders } from '../api/reminders.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useKindLabel } from '../components/reminders/kinds.ts';
import { HORIZONS, HorizonPicker } from '../components/reminders/OrgRemindersPanel.tsx';
import { ReminderList } from '../components/reminders/ReminderList.tsx';
import '../components/reminders/reminders.css';

/** 待办提醒: everything that falls due in the caller's scope (or a chosen organization), filters in the URL. */
export default function RemindersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const kindLabel = useKindLabel();
  const [search, setSearch] = useSearchParams();
  const orgParam = Number(search.get('orgId'));
  const orgId = Number.isInteger(orgParam) && orgParam > 0 ? orgParam : me.orgId;
  const h = Number(search.get('h'));
  const horizonDays = (HORIZONS as readonly number[]).includes(h) ? h : 30;
  const kind = search.get('kind') ?? undefined;
  const org = useOrgDetail(orgId !== me.orgId ? orgId : null);
  const orgName = orgId === me.orgId ? me.orgName : org.data?.id === orgId ? org.data.name : undefined;
  // One kind chosen: list (nearly) all of it; otherwise the most urgent of each kind.
  const q = useReminders({ orgId, horizonDays, kind, limit: kind ? 500 : undefined });
  // The kind choices come from the unfiltered counts, so picking one keeps the others on offer.
  const all = useReminders({ orgId, horizonDays });

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) if (v === undefined) next.delete(k);
    else next.set(k, v);
    setSearch(next, { replace: true });
  };
  const kinds = [...new Set((all.data?.counts ?? []).map((c) => c.kind))];

  return (
    <div className="page" data-testid="reminders-page">
      <div className="page-head">
        <Typography.Title level={3} className="page-title">
          {t('reminders.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="page-intro">
          {t('reminders.subtitle')}
        </Typography.Paragraph>
      </div>
      <Card className="page-card">
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <div className="reminders-filters">
            <div className="org-picker">
              <OrgPicker key={orgId} value={orgId} initial={orgName !== undefined ? { id: orgId, name: orgName } : undefined} onChange={(id) => update({ orgId: id === me.orgId ? undefined : String(id) })} />
            </div>
            <HorizonPicker value={horizonDays} onChange={(d) => update({ h: d === 30 ? undefined : String(d) })} />
            <Select
              allowClear
              placeholder={t('reminders.allKinds')}
              value={kind}
              onChange={(v: string | undefined) => update({ kind: v })}
              options={kinds.map((k) => ({ value: k, label: kindLabel(k) }))}
              style={{ minWidth: 160 }}
              aria-label={t('reminders.kind')}
              data-testid="kind-filter"
            />
            {q.data && (
              <Typography.Text type={q.data.overdue ? 'danger' : 'secondary'} data-testid="reminders-summary">
                {t('reminders.total', { count: q.data.total })}
                {q.data.overdue > 0 && ` · ${t('reminders.overdueCount', { count: q.data.overdue })}`}
              </Typography.Text>
            )}
          </div>
          {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : q.data ? <ReminderList data={q.data} onShowKind={(k) => update({ kind: k })} /> : <Skeleton active paragraph={{ rows: 6 }} />}
        </Space>
      </Card>
    </div>
  );
}
