import { Card, Segmented, Select, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useOrgDetail } from '../api/queries.ts';
import { useReminders, type ReminderItem } from '../api/reminders.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useNoticeText } from '../components/reminders/noticeText.ts';
import { NoticeList, type Grouping } from '../components/reminders/NoticeList.tsx';
import { HORIZONS, HorizonPicker } from '../components/reminders/OrgRemindersPanel.tsx';
import { SourceCards } from '../components/reminders/SourceCards.tsx';
import '../components/reminders/reminders.css';

const SEVERITIES = ['overdue', 'due', 'info'] as const;

/**
 * 待办中心: everything due in the caller's scope (or a chosen organization) from every registered
 * source — counts per source and status at the top, filters and grouping in the URL, each item a
 * link to its record. A source registered on the server shows here without any change.
 */
export default function RemindersPage() {
  const { i18n } = useTranslation();
  const nx = useNoticeText();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const orgParam = Number(search.get('orgId'));
  const orgId = Number.isInteger(orgParam) && orgParam > 0 ? orgParam : me.orgId;
  const h = Number(search.get('h'));
  const horizonDays = (HORIZONS as readonly number[]).includes(h) ? h : 30;
  const source = search.get('source') ?? undefined;
  const sev = search.get('severity');
  const severity = (SEVERITIES as readonly string[]).includes(sev ?? '') ? (sev as ReminderItem['severity']) : undefined;
  const g = search.get('group');
  const grouping: Grouping = g === 'org' || g === 'date' ? g : 'source';
  const org = useOrgDetail(orgId !== me.orgId ? orgId : null);
  const orgName = orgId === me.orgId ? me.orgName : org.data?.id === orgId ? org.data.name : undefined;
  // The unfiltered list gives the counts at the top; the filtered one (same query when unfiltered) the rows.
  const all = useReminders({ orgId, horizonDays });
  const q = useReminders({ orgId, horizonDays, source, severity, limit: source ? 500 : undefined });
  const en = i18n.language === 'en';

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) if (v === undefined) next.delete(k);
    else next.set(k, v);
    setSearch(next, { replace: true });
  };
  const sources = all.data?.sources ?? [];
  const bySeverity = (s: ReminderItem['severity']) => sources.reduce((n, x) => n + x[s], 0);

  return (
    <div className="page" data-testid="reminders-page">
      <div className="page-head">
        <Typography.Title level={3} className="page-title">
          {nx('title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="page-intro">
          {nx('subtitle')}
        </Typography.Paragraph>
      </div>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {all.data ? <SourceCards sources={sources} selected={source} onSelect={(s) => update({ source: s === source ? undefined : s })} /> : all.isError ? null : <Skeleton active paragraph={{ rows: 2 }} />}
        <Card className="page-card">
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <div className="reminders-filters">
              <div className="org-picker">
                <OrgPicker key={orgId} value={orgId} initial={orgName !== undefined ? { id: orgId, name: orgName } : undefined} onChange={(id) => update({ orgId: id === me.orgId ? undefined : String(id) })} />
              </div>
              <HorizonPicker value={horizonDays} onChange={(d) => update({ h: d === 30 ? undefined : String(d) })} />
              <Select
                allowClear
                placeholder={nx('allSources')}
                value={source}
                onChange={(v: string | undefined) => update({ source: v })}
                options={sources.map((s) => ({ value: s.source, label: `${en ? s.nameEn : s.name}（${s.total}）` }))}
                style={{ minWidth: 180 }}
                aria-label={nx('source')}
                data-testid="source-filter"
              />
            </div>
            <div className="reminders-filters">
              <Segmented
                value={severity ?? 'all'}
                onChange={(v) => update({ severity: v === 'all' ? undefined : String(v) })}
                options={[{ value: 'all', label: nx('all') }, ...SEVERITIES.map((s) => ({ value: s, label: `${nx(s)} ${bySeverity(s)}` }))]}
                data-testid="severity-filter"
              />
              <Segmented
                value={grouping}
                onChange={(v) => update({ group: v === 'source' ? undefined : String(v) })}
                options={[
                  { value: 'source', label: nx('bySource') },
                  { value: 'org', label: nx('byOrg') },
                  { value: 'date', label: nx('byDate') },
                ]}
                data-testid="group-by"
              />
              {q.data && (
                <Typography.Text type={q.data.overdue ? 'danger' : 'secondary'} data-testid="reminders-summary">
                  {nx('summary', { total: q.data.total, overdue: q.data.overdue })}
                </Typography.Text>
              )}
            </div>
            {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : q.data ? <NoticeList data={q.data} grouping={grouping} /> : <Skeleton active paragraph={{ rows: 6 }} />}
          </Space>
        </Card>
      </Space>
    </div>
  );
}
