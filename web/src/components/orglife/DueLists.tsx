import { Badge, Card, Col, Empty, List, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Overview } from '../../api/orglife.ts';
import { ORGLIFE_KIND } from '../../../../src/shared/enums.ts';
import { useLabel, useOlText } from './text.ts';

const MAX = 30;

/** Missed requirements of the year, periods closing without a meeting, and inactive branches. */
export function DueLists({ data, onOrg }: { data: Overview; onOrg: (orgId: number) => void }) {
  const tx = useOlText();
  const label = useLabel();
  const org = (id: number, name: string) => (
    <Link to={`/orglife?orgId=${id}&span=${data.span}`} onClick={() => onOrg(id)}>
      {name}
    </Link>
  );
  const box = (title: string, count: number, color: string, empty: string, body: React.ReactNode, testid: string) => (
    <Col xs={24} lg={8}>
      <Card size="small" title={<Badge color={color} text={`${title}（${count}）`} />} data-testid={testid} styles={{ body: { maxHeight: 300, overflowY: 'auto' } }}>
        {count === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> : body}
      </Card>
    </Col>
  );
  return (
    <Row gutter={[12, 12]}>
      {box(
        tx('overdue'),
        data.overdueTotal,
        'red',
        tx('noOverdue'),
        <List size="small" dataSource={data.overdue.slice(0, MAX)} renderItem={(o) => <List.Item>{org(o.orgId, o.orgName)}<Typography.Text type="danger">{`${o.label} ${label(ORGLIFE_KIND.table[o.kind], o.kind)}`}</Typography.Text></List.Item>} />,
        'overdue-list',
      )}
      {box(
        tx('closing'),
        data.closing.length,
        'orange',
        tx('noClosing'),
        <List size="small" dataSource={data.closing.slice(0, MAX)} renderItem={(o) => <List.Item>{org(o.orgId, o.orgName)}<Typography.Text type="warning">{`${label(ORGLIFE_KIND.table[o.kind], o.kind)} · ${tx('daysLeft', { days: o.daysLeft })}`}</Typography.Text></List.Item>} />,
        'closing-list',
      )}
      {box(
        tx('inactive', { days: data.inactiveDays }),
        data.inactiveTotal,
        'volcano',
        tx('noInactive'),
        <List size="small" dataSource={data.inactive.slice(0, MAX)} renderItem={(o) => <List.Item>{org(o.orgId, o.orgName)}<Typography.Text type="secondary">{o.lastHeldOn ? tx('daysSince', { days: o.days ?? 0, date: o.lastHeldOn }) : tx('never')}</Typography.Text></List.Item>} />,
        'inactive-list',
      )}
    </Row>
  );
}
