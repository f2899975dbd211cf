import { Card, Col, Empty, Progress, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useFulfillment, type Fulfillment, type FulfillmentFigure } from '../../api/commitments.ts';
import { QueryError } from '../QueryError.tsx';
import { pct, useCmtText } from './text.ts';

const FulfillmentChart = lazy(() => import('./FulfillmentChart.tsx'));

type Row = Fulfillment['rows'][number];

/** Length of the prefix all names share ('中共嘉兴市南湖区'), so chart labels show what differs. */
function commonPrefix(names: string[]): number {
  if (names.length < 2) return 0;
  let n = 0;
  while (names.every((x) => x[n] !== undefined && x[n] === names[0]![n])) n++;
  return n;
}

/** A rate with kept/due and whether it meets its target. */
export function FigureCell({ f, target }: { f: FulfillmentFigure; target: number }) {
  const tx = useCmtText();
  if (f.rate === null) return <Typography.Text type="secondary">{f.pending ? tx('pendingN', { n: f.pending }) : '—'}</Typography.Text>;
  return (
    <Space size={4} wrap>
      <span>{pct(f.rate)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        ({tx('keptOfDue', { kept: f.kept, due: f.due })})
      </Typography.Text>
      <Tag color={f.meetsTarget ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
        {f.meetsTarget ? tx('meets') : `${tx('below')} ${target}%`}
      </Tag>
    </Space>
  );
}

function Headline({ title, f, target, testId }: { title: string; f: FulfillmentFigure; target: number; testId: string }) {
  const tx = useCmtText();
  return (
    <Card size="small" data-testid={testId}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 8, margin: '4px 0' }}>
        <span style={{ fontSize: 28, fontWeight: 600, color: f.rate === null ? '#999' : f.meetsTarget ? '#389e0d' : '#c8161d' }} data-testid={`${testId}-value`}>
          {pct(f.rate)}
        </span>
        <Typography.Text type="secondary">
          {tx('target')} ≥{target}%
        </Typography.Text>
      </div>
      {f.rate === null ? (
        <Typography.Text type="secondary">{tx('noDueHint')}</Typography.Text>
      ) : (
        <>
          <Progress percent={Math.round(f.rate * 1000) / 10} showInfo={false} strokeColor={f.meetsTarget ? '#52c41a' : '#c8161d'} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tx('keptOfDue', { kept: f.kept, due: f.due })}
            {f.pending ? ` · ${tx('pendingN', { n: f.pending })}` : ''}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}

/** The year's rates for the chosen organization: headline figures, a chart per organization with the target lines, and the table. */
export function FulfillmentPanel({ orgId, year }: { orgId: number; year: number }) {
  const tx = useCmtText();
  const q = useFulfillment(orgId, year);
  const d = q.data;
  const bars = useMemo(() => {
    if (!d) return [];
    const rows = d.rows.filter((r) => r.org.due + r.member.due > 0);
    const cut = commonPrefix(rows.filter((r) => !r.own).map((r) => r.orgName));
    return rows.map((r) => ({ name: r.own ? tx('orgOwn') : r.orgName.slice(cut) || r.orgName, org: r.org.rate, member: r.member.rate }));
  }, [d, tx]);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!d) return <Spin />;
  const columns: TableColumnsType<Row> = [
    { title: tx('org'), dataIndex: 'orgName', key: 'org', render: (n: string, r) => (r.orgId && !r.own ? <Link to={`/commitments?orgId=${r.orgId}&year=${year}`}>{n}</Link> : n) },
    { title: tx('orgRate'), key: 'o', render: (_: unknown, r) => <FigureCell f={r.org} target={d.targets.orgPercent} /> },
    { title: tx('memberRate'), key: 'm', render: (_: unknown, r) => <FigureCell f={r.member} target={d.targets.memberPercent} /> },
  ];
  const anything = d.rows.some((r) => r.org.due + r.member.due > 0);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Headline title={tx('orgRate')} f={d.total.org} target={d.targets.orgPercent} testId="rate-org" />
        </Col>
        <Col xs={24} md={12}>
          <Headline title={tx('memberRate')} f={d.total.member} target={d.targets.memberPercent} testId="rate-member" />
        </Col>
      </Row>
      <Card size="small" title={tx('byOrg')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${d.from} ~ ${d.to}`}</Typography.Text>}>
        {anything ? (
          <Suspense fallback={<Spin />}>
            <FulfillmentChart data={bars} orgTarget={d.targets.orgPercent} memberTarget={d.targets.memberPercent} orgLabel={tx('orgRate')} memberLabel={tx('memberRate')} orgTargetLabel={tx('targetLine', { pct: d.targets.orgPercent })} memberTargetLabel={tx('targetLine', { pct: d.targets.memberPercent })} />
          </Suspense>
        ) : (
          <Empty description={tx('noDue')} />
        )}
        <Table rowKey={(r) => `${r.orgId ?? 'x'}-${r.own}`} size="small" columns={columns} dataSource={d.rows} pagination={false} scroll={{ x: 'max-content' }} style={{ marginTop: 8 }} data-testid="fulfillment-table" />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {tx('source', { source: d.targets.source })}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
