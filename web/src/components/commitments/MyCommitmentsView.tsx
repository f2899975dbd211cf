import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMyCommitments, type CommitmentSummary } from '../../api/commitments.ts';
import { QueryError } from '../QueryError.tsx';
import { NewCommitmentModal } from './NewCommitmentModal.tsx';
import { LISTS, pct, useCmtText, useLabel } from './text.ts';

function Line({ c, extra }: { c: CommitmentSummary; extra?: React.ReactNode }) {
  const tx = useCmtText();
  return (
    <List.Item>
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <Link to={`/commitments/${c.id}`}>{c.title}</Link>
        <Space size={4} wrap>
          <Typography.Text type="secondary">
            {tx('itemsCount')} {c.items} · {tx('rate')} {c.rate === null ? '—' : `${pct(c.rate)}（${c.kept}/${c.due}）`}
          </Typography.Text>
          {c.overdue > 0 && <Tag color="red">{tx('overdueN', { n: c.overdue })}</Tag>}
          {extra}
        </Space>
      </Space>
    </List.Item>
  );
}

/** A member's page: their own commitments (and recording one), and their organization's to rate. */
export function MyCommitmentsView() {
  const tx = useCmtText();
  const label = useLabel();
  const navigate = useNavigate();
  const q = useMyCommitments();
  const [creating, setCreating] = useState(false);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin />;
  const d = q.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ marginBottom: 0 }}>
        {tx('mine')}
      </Typography.Title>
      <Card
        size="small"
        title={`${d.memberName} · ${d.orgName}`}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-my-commitment">
            {tx('newMine')}
          </Button>
        }
      >
        {d.own.length ? <List dataSource={d.own} renderItem={(c) => <Line c={c} />} /> : <Empty description={tx('noMine')} />}
      </Card>
      <Card size="small" title={tx('myOrg')}>
        {d.ofMyOrg.length ? (
          <List dataSource={d.ofMyOrg} renderItem={(c) => <Line c={c} extra={c.myRating ? <Tag color="green">{`${tx('myRating')}：${label(LISTS.COMMITMENT_RATING.table[c.myRating], c.myRating)}`}</Tag> : <Tag>{tx('rateHint')}</Tag>} />} />
        ) : (
          <Empty description={tx('empty')} />
        )}
      </Card>
      <NewCommitmentModal open={creating} orgId={d.orgId} selfMemberId={d.memberId} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/commitments/${id}`)} />
    </Space>
  );
}
