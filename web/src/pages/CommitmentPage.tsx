import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Descriptions, Progress, Space, Spin, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useCommitment } from '../api/commitments.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { EvaluationCard } from '../components/commitments/EvaluationCard.tsx';
import { ItemList } from '../components/commitments/ItemList.tsx';
import { LISTS, pct, useCmtText, useLabel } from '../components/commitments/text.ts';
import { QueryError } from '../components/QueryError.tsx';

/** One commitment: its items (mark done, progress, not done), the evaluation and the rate. */
export default function CommitmentPage() {
  const tx = useCmtText();
  const label = useLabel();
  const { me, can } = useAuth();
  const id = Number(useParams().id);
  const q = useCommitment(id);
  const staff = me?.role !== 'member' && can('member.write');
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin />;
  const c = q.data;
  const maker = c.makerType === 'member' ? `${c.memberName}（${c.orgName}）` : c.orgName;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link to={me?.role === 'member' ? '/commitments' : `/commitments?orgId=${c.orgId}&year=${c.year}`}>
        <ArrowLeftOutlined /> {tx('back')}
      </Link>
      <div>
        <Space wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="cmt-heading">
            {c.title}
          </Typography.Title>
          <Tag color={c.makerType === 'member' ? 'blue' : 'red'}>{label(LISTS.COMMITMENT_MAKER.table[c.makerType], c.makerType)}</Tag>
        </Space>
      </div>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={tx('maker')}>{maker}</Descriptions.Item>
          <Descriptions.Item label={tx('year')}>{c.year}</Descriptions.Item>
          <Descriptions.Item label={tx('announcedOn')}>{c.announcedOn ? `${c.announcedOn}${c.announceWay ? `（${c.announceWay}）` : ''}` : tx('notAnnounced')}</Descriptions.Item>
          <Descriptions.Item label={tx('rate')}>
            <Space size={6} wrap data-testid="cmt-rate">
              <span>{c.rate === null ? tx('noDue') : `${pct(c.rate)}（${c.kept}/${c.due}）`}</span>
              <Typography.Text type="secondary">
                {tx('target')} ≥{c.target}%
              </Typography.Text>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={tx('itemsCount')}>{c.items}</Descriptions.Item>
          <Descriptions.Item label={tx('recordedBy')}>{c.createdBy}</Descriptions.Item>
        </Descriptions>
        {c.rate !== null && <Progress percent={Math.round(c.rate * 1000) / 10} strokeColor={c.rate * 100 >= c.target ? '#52c41a' : '#c8161d'} />}
      </Card>
      <Card size="small" title={tx('items')}>
        <ItemList c={c} />
      </Card>
      <EvaluationCard c={c} staff={staff} />
    </Space>
  );
}
