import { HomeOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Col, DatePicker, Row, Skeleton, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useOrgDetail, useOrgStatistics } from '../api/queries.ts';
import { QueryError } from '../components/QueryError.tsx';
import { BreakdownCard, type BreakdownSpec } from '../components/stats/BreakdownCard.tsx';
import { CoverageSection } from '../components/stats/CoverageSection.tsx';
import { ExportButton } from '../components/stats/ExportButton.tsx';
import { RollupSection } from '../components/stats/RollupSection.tsx';
import { StatsSummary } from '../components/stats/StatsSummary.tsx';
import { useBreakdowns } from '../components/stats/useBreakdowns.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function Section({ title, specs }: { title: string; specs: BreakdownSpec[] }) {
  return (
    <section className="stats-section">
      <Typography.Title level={4} style={{ margin: '24px 0 12px' }}>
        {title}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {specs.map((s) => (
          <Col xs={24} md={12} xl={8} key={s.key}>
            <BreakdownCard spec={s} />
          </Col>
        ))}
      </Row>
    </section>
  );
}

/** Statistics of an organization and everything below it, as of a chosen date, with an Excel export. */
export default function OrgStatsPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = params.id && /^\d+$/.test(params.id) ? Number(params.id) : -1;
  const [search, setSearch] = useSearchParams();
  const asOfParam = search.get('asOf');
  const asOf = asOfParam && DATE.test(asOfParam) ? asOfParam : null;
  const org = useOrgDetail(id > 0 ? id : null);
  const q = useOrgStatistics(id, asOf);
  const breakdowns = useBreakdowns(q.data);

  if (id <= 0) return <QueryError error={{}} notFoundText={t('org.notFound')} />;
  if (org.isError) return <QueryError error={org.error} notFoundText={t('org.notFound')} onRetry={() => void org.refetch()} />;

  const stats = q.data;
  const shownDate = stats?.asOf ?? asOf;
  const setDate = (d: Dayjs | null) => {
    const next = new URLSearchParams(search);
    if (d) next.set('asOf', d.format('YYYY-MM-DD'));
    else next.delete('asOf');
    setSearch(next, { replace: true });
  };
  const empty = stats && stats.organizations.total === 0 && stats.members.total === 0;
  const established = org.data?.establishedOn;
  const notYet = empty && established && stats.asOf < established;

  return (
    <div className="page" data-testid="stats-page">
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { title: <Link to="/" aria-label={t('nav.home')}><HomeOutlined /></Link> },
          ...(org.data?.ancestors ?? []).map((a) => ({ title: <Link to={`/orgs/${a.id}`}>{a.name}</Link> })),
          { title: org.data ? <Link to={`/orgs/${id}`}>{org.data.name}</Link> : '…' },
          { title: t('statsPage.title') },
        ]}
      />
      <div className="page-head">
        <Typography.Title level={3} className="page-title" data-testid="stats-title">
          {t('statsPage.title')}
          {org.data && <Typography.Text type="secondary" style={{ fontSize: '0.7em', fontWeight: 400, marginLeft: 10 }}>{org.data.name}</Typography.Text>}
        </Typography.Title>
      </div>
      <div className="toolbar">
        <Space size={8} wrap>
          <label htmlFor="stats-asof">{t('statsPage.asOf')}</label>
          <DatePicker
            id="stats-asof"
            data-testid="stats-asof"
            allowClear={false}
            value={shownDate ? dayjs(shownDate) : dayjs()}
            onChange={setDate}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          />
          {q.isFetching && <Spin size="small" />}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('statsPage.asOfHint')}
          </Typography.Text>
        </Space>
        <span className="toolbar-spacer" />
        {stats && <ExportButton orgId={id} asOf={stats.asOf} />}
      </div>
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : !stats ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <div data-testid="stats-content" data-asof={stats.asOf} style={{ opacity: q.isPlaceholderData ? 0.6 : 1, transition: 'opacity .2s' }}>
          <StatsSummary stats={stats} />
          {empty ? (
            <Alert
              style={{ marginTop: 16 }}
              type="info"
              showIcon
              data-testid="stats-empty"
              title={notYet ? t('statsPage.notYet', { date: stats.asOf, established }) : t('statsPage.nothing', { date: stats.asOf })}
            />
          ) : (
            <>
              <Section title={t('statsPage.sectionOrgs')} specs={breakdowns.orgs} />
              <Section title={t('statsPage.sectionMembers')} specs={breakdowns.members} />
              <section>
                <Typography.Title level={4} style={{ margin: '24px 0 12px' }}>
                  {t('statsPage.coverage')}
                </Typography.Title>
                <CoverageSection coverage={stats.coverage} />
              </section>
              <RollupSection orgId={id} orgLevel={org.data?.level} />
            </>
          )}
        </div>
      )}
    </div>
  );
}
