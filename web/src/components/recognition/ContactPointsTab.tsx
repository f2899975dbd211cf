import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Collapse, Empty, List, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useContactPoints, type TownshipPoints } from '../../api/recognition.ts';
import { QueryError } from '../QueryError.tsx';
import { PointModal, type PointDialog } from './PointModals.tsx';
import { useRecText } from './text.ts';

const PointsChart = lazy(() => import('./PointsChart.tsx'));

/** 联系点与示范点: every township's leaders' contact points (with visits) and demonstration points; gaps stand out. */
export function ContactPointsTab({ orgId, canWrite }: { orgId: number; canWrite: boolean }) {
  const tx = useRecText();
  const q = useContactPoints(orgId);
  const [dialog, setDialog] = useState<PointDialog | null>(null);
  const labels = useMemo(() => ({ contact: tx('contactPoints'), demo: tx('demoPoints') }), [tx]);
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const { townships, rules } = q.data;
  const real = townships.filter((t) => t.isTownship);
  const withGaps = real.filter((t) => t.gaps.length > 0).length;

  const gapTags = (t: TownshipPoints) =>
    t.isTownship && (t.gaps.length === 0 ? <Tag color="green">{tx('complete')}</Tag> : t.gaps.map((g) => <Tag key={g} color="orange" data-testid="gap">{g === 'no_contact_point' ? tx('gapNoContact') : tx('gapDemoShort', { min: rules.demoMin })}</Tag>));

  const body = (t: TownshipPoints) => (
    <Row gutter={[16, 8]}>
      <Col xs={24} lg={14}>
        <Typography.Text strong>{tx('contactPoints')}</Typography.Text>
        <List
          size="small"
          dataSource={t.contactPoints}
          locale={{ emptyText: tx('noPoints') }}
          renderItem={(p) => (
            <List.Item
              key={p.id}
              actions={canWrite && !p.endedOn ? [<a key="v" onClick={() => setDialog({ kind: 'visit', id: p.id, name: `${p.leaderName} · ${p.orgName}` })}>{tx('addVisit')}</a>, <a key="e" onClick={() => setDialog({ kind: 'end', what: 'contact', id: p.id, name: `${p.leaderName} · ${p.orgName}` })}>{tx('end')}</a>] : []}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <span>{p.leaderName}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.leaderPost}</Typography.Text>
                    {p.endedOn && <Tag>{`${tx('ended')} ${p.endedOn}`}</Tag>}
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={0}>
                    <span>{`${tx('point')}：${p.orgName}（${tx('startedOn')} ${p.startedOn}）`}</span>
                    <span>{p.visits.length ? `${tx('visits')} ${p.visits.length} · ${tx('lastVisit')} ${p.lastVisitOn}：${p.visits[0]!.content}` : <Typography.Text type="warning">{tx('noVisit')}</Typography.Text>}</span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Col>
      <Col xs={24} lg={10}>
        <Typography.Text strong>{tx('demoPoints')}</Typography.Text>
        <List
          size="small"
          dataSource={t.demoPoints}
          locale={{ emptyText: tx('noPoints') }}
          renderItem={(d) => (
            <List.Item key={d.id} actions={canWrite && !d.endedOn ? [<a key="e" onClick={() => setDialog({ kind: 'end', what: 'demo', id: d.id, name: d.orgName })}>{tx('end')}</a>] : []}>
              <List.Item.Meta title={<Space wrap size={4}><span>{d.orgName}</span>{d.endedOn && <Tag>{`${tx('ended')} ${d.endedOn}`}</Tag>}</Space>} description={`${d.theme} · ${tx('since')} ${d.since}`} />
            </List.Item>
          )}
        />
      </Col>
    </Row>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {tx('pointsIntro', { min: rules.demoMin, max: rules.demoMax })}
      </Typography.Paragraph>
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space size={32} wrap>
            <Statistic title={tx('townshipsTotal', { count: real.length })} value={real.length} />
            <Statistic title={tx('townshipsWithGaps', { count: withGaps })} value={withGaps} styles={{ content: { color: withGaps ? '#fa8c16' : '#52c41a' } }} />
          </Space>
          {canWrite && (
            <Space wrap>
              <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'contact' })} data-testid="add-point">{tx('addPoint')}</Button>
              <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'demo' })}>{tx('addDemo')}</Button>
            </Space>
          )}
        </Space>
      </Card>
      {real.length > 0 && (
        <Card size="small" title={tx('chartTitle')}>
          <Suspense fallback={<Skeleton active />}>
            <PointsChart townships={real} demoMin={rules.demoMin} labels={labels} />
          </Suspense>
        </Card>
      )}
      {townships.length === 0 ? (
        <Empty description={tx('noTownships')} />
      ) : (
        <Collapse
          defaultActiveKey={townships.length === 1 ? [String(townships[0]!.id)] : []}
          items={townships.map((t) => ({
            key: String(t.id),
            label: (
              <Space wrap size={6}>
                <Typography.Text strong>{t.name}</Typography.Text>
                <Typography.Text type="secondary">{`${tx('contactPoints')} ${t.activeContacts} · ${tx('demoPoints')} ${t.activeDemos}`}</Typography.Text>
                {gapTags(t)}
              </Space>
            ),
            children: body(t),
          }))}
        />
      )}
      <PointModal dialog={dialog} onClose={() => setDialog(null)} />
    </Space>
  );
}
