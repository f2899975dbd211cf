import { Card, Col, Empty, InputNumber, Popconfirm, Row, Space, Table, Typography, App, Button } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { SECRETARY_RATING } from '../../../src/shared/enums.ts';
import { errorMessage } from '../api/client.ts';
import { useOrgDetail } from '../api/queries.ts';
import { useCreateReport, useReports, type ReportItem, type ReportList } from '../api/secretaries.ts';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { RATING_COLOR, RatingTag, ReportStateTag } from '../components/secretaries/RatingTag.tsx';
import { useSecText } from '../components/secretaries/text.ts';
import { useLabel } from '../labels.ts';
import { PageHeading } from '../components/PageHeading.tsx';

const RatingChart = lazy(() => import('../components/secretaries/RatingChart.tsx'));

/** 书记抓党建述职评议: the year's reports of a subtree with the ratings chart, and secretaries yet to report. */
export default function SecretaryReportsPage() {
  const tx = useSecText();
  const label = useLabel();
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const orgId = Number(sp.get('orgId')) || me.orgId;
  const year = Number(sp.get('year')) || dayjs().year();
  const org = useOrgDetail(orgId !== me.orgId ? orgId : null);
  const orgName = orgId === me.orgId ? me.orgName : org.data?.id === orgId ? org.data.name : undefined;
  const list = useReports(orgId, year);
  const create = useCreateReport();
  const link = (id: number) => `/secretary-reports/orgs/${id}?year=${year}`;

  const columns: TableColumnsType<ReportItem> = [
    { title: tx('orgName'), key: 'org', width: 220, render: (_: unknown, r) => <Link to={link(r.orgId)} data-testid="report-link">{r.orgName}</Link> },
    { title: tx('secretary'), dataIndex: 'holderName', key: 'holder', width: 100 },
    { title: tx('state'), key: 'state', width: 120, render: (_: unknown, r) => <ReportStateTag state={r.state} /> },
    { title: tx('rating'), key: 'rating', width: 90, render: (_: unknown, r) => <RatingTag rating={r.rating} /> },
    { title: tx('ratedOn'), dataIndex: 'ratedOn', key: 'ratedOn', width: 110, responsive: ['md'], render: (d: string | null) => d ?? '—' },
  ];
  const missing: TableColumnsType<ReportList['missing'][number]> = [
    { title: tx('orgName'), dataIndex: 'orgName', key: 'org' },
    { title: tx('secretary'), dataIndex: 'holderName', key: 'holder', width: 100 },
    ...(can('member.write')
      ? [
          {
            title: '',
            key: 'create',
            width: 110,
            render: (_: unknown, m: ReportList['missing'][number]) => (
              <Popconfirm
                title={tx('createConfirm', { org: m.orgName, name: m.holderName, year })}
                onConfirm={() => create.mutate({ orgId: m.orgId, year }, { onSuccess: () => navigate(link(m.orgId)), onError: (e) => void message.error(errorMessage(e)) })}
              >
                <Button size="small" type="primary" ghost data-testid="create-report">
                  {tx('create')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  const d = list.data?.distribution;
  const bars = d ? [...SECRETARY_RATING.values.map((g) => ({ label: label(SECRETARY_RATING, g), count: d[g], color: RATING_COLOR[g] })), { label: tx('unrated'), count: d.unrated, color: '#bfbfbf' }] : [];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="secretary-reports-page">
      <PageHeading title={tx('title')} intro={tx('intro')} />
      <Card size="small">
        <Space wrap>
          <span>{tx('org')}</span>
          <div style={{ minWidth: 260, maxWidth: '80vw' }}>
            <OrgPicker key={`${orgId}-${orgName ?? ''}`} value={orgId} initial={orgName ? { id: orgId, name: orgName } : undefined} onChange={(id) => setSp({ orgId: String(id), year: String(year) }, { replace: true })} id="sec-org" />
          </div>
          <span>{tx('year')}</span>
          <InputNumber min={2000} max={dayjs().year()} value={year} onChange={(v) => v && setSp({ orgId: String(orgId), year: String(v) }, { replace: true })} style={{ width: 100 }} />
        </Space>
      </Card>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={16}>
            <Card size="small">
              <Table
                rowKey="id"
                size="middle"
                loading={list.isPending}
                columns={columns}
                dataSource={list.data?.items ?? []}
                pagination={(list.data?.items.length ?? 0) > 20 ? { pageSize: 20 } : false}
                scroll={{ x: 'max-content' }}
                onRow={(r) => ({ onClick: () => navigate(link(r.orgId)), style: { cursor: 'pointer' } })}
                locale={{ emptyText: <Empty description={<Space orientation="vertical" size={2}><span>{tx('empty')}</span><Typography.Text type="secondary">{tx('emptyHint')}</Typography.Text></Space>} /> }}
              />
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Card size="small" title={tx('distribution')}>
                <Suspense fallback={<div style={{ height: 220 }} />}>{bars.length > 0 && <RatingChart data={bars} />}</Suspense>
              </Card>
              <Card size="small" title={tx('missing', { count: list.data?.missingTotal ?? 0 })}>
                <Typography.Paragraph type="secondary">{tx('missingHint')}</Typography.Paragraph>
                <Table rowKey="orgId" size="small" columns={missing} dataSource={list.data?.missing ?? []} pagination={(list.data?.missing.length ?? 0) > 10 ? { pageSize: 10, simple: true } : false} />
              </Card>
            </Space>
          </Col>
        </Row>
      )}
    </Space>
  );
}
