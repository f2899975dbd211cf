import { BarChartOutlined, HomeOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Grid, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { JOINT_TYPE, ORG_DOMAIN, ORG_LEVEL, URBAN_RURAL } from '../../../src/shared/enums.ts';
import { useOrgChecks, useOrgDetail } from '../api/queries.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { MemberTable } from '../components/MemberTable.tsx';
import { OrgChildrenTable } from '../components/OrgChildrenTable.tsx';
import { OrgKindTag } from '../components/OrgKindTag.tsx';
import { OrgStats } from '../components/OrgStats.tsx';
import { OrgStatsPanel } from '../components/OrgStatsPanel.tsx';
import { OrgHistoryPanel } from '../components/org/OrgHistoryPanel.tsx';
import { OrgPostsPanel } from '../components/org/OrgPostsPanel.tsx';
import { OrgUnitsPanel } from '../components/org/OrgUnitsPanel.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { OrgRemindersPanel, RemindersTabLabel } from '../components/reminders/OrgRemindersPanel.tsx';
import { useLabel } from '../labels.ts';

function TabLabel({ text, count }: { text: string; count: number }) {
  return (
    <span>
      {text}
      <span className="tab-count">{count.toLocaleString()}</span>
    </span>
  );
}

export default function OrgPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const { can } = useAuth();
  const screens = Grid.useBreakpoint();
  const params = useParams();
  const id = params.id && /^\d+$/.test(params.id) ? Number(params.id) : -1;
  const q = useOrgDetail(id > 0 ? id : null);
  const checks = useOrgChecks(id);
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') ?? 'info';
  const setTab = (key: string) => setSearch(key === 'info' ? {} : { tab: key }, { replace: true });

  if (id <= 0) return <QueryError error={{}} notFoundText={t('org.notFound')} />;
  if (q.isError) return <QueryError error={q.error} notFoundText={t('org.notFound')} onRetry={() => void q.refetch()} />;
  const org = q.data;
  if (!org) {
    return (
      <div className="page">
        <Skeleton active paragraph={{ rows: 2 }} />
        <Skeleton active paragraph={{ rows: 6 }} />
      </div>
    );
  }
  const none = t('common.none');
  const parent = org.ancestors.at(-1);

  return (
    <div className="page" data-testid="org-page">
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { title: <Link to="/" aria-label={t('nav.home')}><HomeOutlined /></Link> },
          ...org.ancestors.map((a) => ({ title: <Link to={`/orgs/${a.id}`}>{a.name}</Link> })),
          { title: org.name },
        ]}
      />
      <div className="page-head">
        <Space align="center" wrap size={[12, 4]}>
          <Typography.Title level={3} className="page-title" data-testid="org-title">
            {org.name}
          </Typography.Title>
          <OrgKindTag kind={org.kind} />
          {org.status === 'dissolved' && <Tag>{t('org.dissolved')}</Tag>}
          <Button
            size="small"
            icon={<BarChartOutlined />}
            href={`/orgs/${org.id}/stats`}
            data-testid="org-stats-link"
            onClick={(e) => {
              e.preventDefault();
              void navigate(`/orgs/${org.id}/stats`);
            }}
          >
            {t('orgTabs.statsLink')}
          </Button>
        </Space>
        <Typography.Text type="secondary" className="page-subtitle">
          {label(ORG_LEVEL, org.level)} · {label(ORG_DOMAIN, org.domain)} · <span className="mono">{org.code}</span>
        </Typography.Text>
      </div>
      <OrgStats org={org} />
      <Card className="page-card" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          tabBarGutter={screens.sm ? undefined : 18}
          onChange={setTab}
          items={[
            {
              key: 'info',
              label: t('org.tabInfo'),
              children: (
                <Descriptions bordered column={{ xs: 1, sm: 1, md: 2, xl: 2 }} size="middle" styles={{ label: { width: 140 } }} data-testid="org-info">
                  <Descriptions.Item label={t('org.name')} span="filled">
                    {org.name}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('org.shortName')}>{org.shortName ?? none}</Descriptions.Item>
                  <Descriptions.Item label={t('org.code')}>
                    <span className="mono">{org.code}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('org.kind')}>
                    <OrgKindTag kind={org.kind} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('org.level')}>{label(ORG_LEVEL, org.level)}</Descriptions.Item>
                  <Descriptions.Item label={t('org.domain')}>{label(ORG_DOMAIN, org.domain)}</Descriptions.Item>
                  <Descriptions.Item label={t('org.urbanRural')}>{label(URBAN_RURAL, org.urbanRural)}</Descriptions.Item>
                  <Descriptions.Item label={t('org.divisionCode')}>{org.divisionCode ? <span className="mono">{org.divisionCode}</span> : none}</Descriptions.Item>
                  <Descriptions.Item label={t('org.establishedOn')}>{org.establishedOn ?? none}</Descriptions.Item>
                  <Descriptions.Item label={t('org.termStartedOn')}>{org.termStartedOn ?? none}</Descriptions.Item>
                  {org.jointType && <Descriptions.Item label={t('org.jointType')}>{label(JOINT_TYPE, org.jointType)}</Descriptions.Item>}
                  {org.dissolvedOn && <Descriptions.Item label={t('org.dissolvedOn')}>{org.dissolvedOn}</Descriptions.Item>}
                  <Descriptions.Item label={t('org.parent')} span="filled">
                    {parent ? <Link to={`/orgs/${parent.id}`}>{parent.name}</Link> : none}
                  </Descriptions.Item>
                </Descriptions>
              ),
            },
            {
              key: 'children',
              label: <TabLabel text={t('org.tabChildren')} count={org.childCount} />,
              children: <OrgChildrenTable key={org.id} orgId={org.id} />,
            },
            {
              key: 'stats',
              label: t('org.tabStats'),
              children: <OrgStatsPanel key={org.id} orgId={org.id} />,
            },
            ...(can('member.read')
              ? [{ key: 'members', label: <TabLabel text={t('org.tabMembers')} count={org.subtreeMemberCount} />, children: <MemberTable key={org.id} orgId={org.id} total={org.subtreeMemberCount} /> }]
              : []),
            // Added after the first four so those stay in view on a phone (the rest scroll into the tab bar's menu).
            { key: 'posts', label: t('orgTabs.posts'), children: <OrgPostsPanel key={org.id} orgId={org.id} /> },
            { key: 'units', label: t('orgTabs.units'), children: <OrgUnitsPanel key={org.id} orgId={org.id} /> },
            { key: 'history', label: t('orgTabs.history'), children: <OrgHistoryPanel key={org.id} orgId={org.id} /> },
            { key: 'checks', label: <RemindersTabLabel text={t('orgTabs.checks')} checks={checks.data} orgId={org.id} />, children: <OrgRemindersPanel key={org.id} orgId={org.id} /> },
          ]}
          destroyOnHidden
        />
      </Card>
    </div>
  );
}
