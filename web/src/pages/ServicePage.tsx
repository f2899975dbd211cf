import { AlertOutlined, FileTextOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Row, Skeleton, Space, Tabs, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useOrgDetail } from '../api/queries.ts';
import { useServiceSummary, type RecordFilter } from '../api/service.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { PostsTab } from '../components/service/PostsTab.tsx';
import { RecordsTab } from '../components/service/RecordsTab.tsx';
import { useSvcText } from '../components/service/text.ts';
import { StatCard } from '../components/StatCard.tsx';
import '../components/service/service.css';

const CoverageChart = lazy(() => import('../components/service/CoverageChart.tsx'));

/** 设岗定责与记实: coverage at a glance, then the posts and the record card of an organization and below. */
export default function ServicePage() {
  const tx = useSvcText();
  const me = useMe();
  const [sp, setSp] = useSearchParams();
  const orgId = Number(sp.get('orgId')) || me.orgId;
  const tab = sp.get('tab') === 'records' ? 'records' : 'posts';
  const highlight = Number(sp.get('assignment')) || null;
  const org = useOrgDetail(orgId !== me.orgId ? orgId : null);
  const orgName = orgId === me.orgId ? me.orgName : org.data?.id === orgId ? org.data.name : undefined;
  const summary = useServiceSummary(orgId);
  const s = summary.data;
  const num = (k: string) => (sp.get(k) ? Number(sp.get(k)) : undefined);
  const filter: RecordFilter = { memberId: num('memberId'), kind: sp.get('kind') ?? undefined, from: sp.get('from') ?? undefined, to: sp.get('to') ?? undefined, offset: num('offset') };

  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) if (v === undefined || v === '' || v === 0) next.delete(k);
    else next.set(k, String(v));
    setSp(next, { replace: true });
  };
  const pct = s?.coverage.ratio === null || !s ? null : Math.round(s.coverage.ratio * 100);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="service-page">
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>{tx('title')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{tx('intro')}</Typography.Paragraph>
      </div>
      <Card size="small">
        <Space wrap>
          <span>{tx('org')}</span>
          <div style={{ minWidth: 260, maxWidth: '80vw' }}>
            <OrgPicker key={`${orgId}-${orgName ?? ''}`} value={orgId} initial={orgName ? { id: orgId, name: orgName } : undefined} onChange={(id) => setSp({ orgId: String(id), tab }, { replace: true })} id="service-org" />
          </div>
        </Space>
      </Card>
      {s ? (
        <Row gutter={[12, 12]}>
          <Col xs={24} md={8}>
            <StatCard title={tx('coverage')} value={pct ?? 0} hint={<span data-testid="coverage-hint">{tx('coverageHint', { posted: s.coverage.posted, without: s.coverage.withoutOffice, date: s.to })}</span>} icon={<TeamOutlined />} tone={pct !== null && pct < 60 ? 'red' : 'blue'} testId="coverage-card" />
          </Col>
          <Col xs={12} md={8}>
            <StatCard title={tx('recordsTotal')} value={s.records.total} hint={tx('recordsHint', { hours: s.records.hours, members: s.members.filter((m) => m.records > 0).length })} icon={<FileTextOutlined />} tone="blue" testId="records-card" />
          </Col>
          <Col xs={12} md={8}>
            <StatCard title={tx('reviewsDue')} value={s.reviewsDue} hint={tx('reviewsDueHint')} icon={<AlertOutlined />} tone={s.reviewsDue ? 'red' : 'orange'} testId="reviews-due-card" />
          </Col>
          {s.children.length > 1 && (
            <Col span={24}>
              <Card size="small" title={tx('chartTitle')}>
                <Suspense fallback={<Skeleton active />}>
                  <CoverageChart recordsLabel={tx('chartRecords')} data={s.children.map((c) => ({ name: c.orgName, percent: c.ratio === null ? null : Math.round(c.ratio * 100), posted: c.posted, withoutOffice: c.withoutOffice, records: c.records }))} />
                </Suspense>
              </Card>
            </Col>
          )}
        </Row>
      ) : (
        <Skeleton active paragraph={{ rows: 2 }} />
      )}
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'posts' ? undefined : k, assignment: undefined })}
          items={[
            { key: 'posts', label: <span data-testid="tab-posts">{tx('tabPosts')}</span>, children: <PostsTab orgId={orgId} highlight={highlight} /> },
            { key: 'records', label: <span data-testid="tab-records">{tx('tabRecords')}</span>, children: <RecordsTab orgId={orgId} summary={s} filter={filter} onFilter={(f) => update({ memberId: f.memberId, kind: f.kind, from: f.from, to: f.to, offset: f.offset })} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
