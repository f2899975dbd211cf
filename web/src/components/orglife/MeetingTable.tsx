import { Empty, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { MeetingList, MeetingSummary } from '../../api/orglife.ts';
import { ORGLIFE_KIND, ORGLIFE_STATE } from '../../../../src/shared/enums.ts';
import { useLabel, useOlText } from './text.ts';

const STATE_COLOR: Record<string, string> = { planned: 'blue', held: 'green', cancelled: 'default' };

/** Meetings with date, kind, topic, state and attendance; a row opens the meeting. */
export function MeetingTable({ data, loading, page, onPage }: { data: MeetingList | undefined; loading: boolean; page: number; onPage: (p: number) => void }) {
  const tx = useOlText();
  const label = useLabel();
  const navigate = useNavigate();
  const columns: TableColumnsType<MeetingSummary> = [
    { title: tx('date'), key: 'date', width: 110, render: (_: unknown, m) => <Link to={`/orglife/meetings/${m.id}`} data-testid="meeting-link">{m.heldOn ?? m.plannedOn}</Link> },
    { title: tx('kind'), dataIndex: 'kind', key: 'kind', width: 120, render: (k: string) => label(ORGLIFE_KIND.table[k as keyof typeof ORGLIFE_KIND.table], k) },
    { title: tx('topic'), dataIndex: 'topic', key: 'topic', render: (t: string) => <Typography.Text ellipsis={{ tooltip: t }} style={{ maxWidth: 280 }}>{t}</Typography.Text> },
    { title: tx('org'), dataIndex: 'orgName', key: 'org', responsive: ['lg'], render: (t: string) => <Typography.Text ellipsis={{ tooltip: t }} style={{ maxWidth: 200 }}>{t}</Typography.Text> },
    {
      title: tx('state'),
      key: 'state',
      width: 150,
      render: (_: unknown, m) => (
        <Space size={4} wrap>
          <Tag color={STATE_COLOR[m.state]}>{label(ORGLIFE_STATE.table[m.state], m.state)}</Tag>
          {m.quorumMet === false && <Tag color="red">{tx('quorumNotMet')}</Tag>}
        </Space>
      ),
    },
    { title: tx('attendance'), key: 'att', width: 90, responsive: ['md'], render: (_: unknown, m) => (m.state === 'held' ? `${m.present} / ${m.invited}` : m.invited) },
  ];
  return (
    <Table
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={data?.items ?? []}
      scroll={{ x: 'max-content' }}
      pagination={(data?.total ?? 0) > 20 ? { current: page, pageSize: 20, total: data?.total ?? 0, onChange: onPage, showSizeChanger: false, size: 'small' } : false}
      onRow={(m) => ({ onClick: () => navigate(`/orglife/meetings/${m.id}`), style: { cursor: 'pointer' } })}
      locale={{ emptyText: <Empty description={<Space orientation="vertical" size={2}><span>{tx('emptyMeetings')}</span><Typography.Text type="secondary">{tx('emptyMeetingsHint')}</Typography.Text></Space>} /> }}
    />
  );
}
