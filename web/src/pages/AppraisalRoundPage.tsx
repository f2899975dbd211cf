import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Descriptions, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useRound } from '../api/appraisal.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { GradingTab } from '../components/appraisal/GradingTab.tsx';
import { MutualTab } from '../components/appraisal/MutualTab.tsx';
import { ParticipantsTab } from '../components/appraisal/ParticipantsTab.tsx';
import { StageBar } from '../components/appraisal/StageBar.tsx';
import { StateTag } from '../components/appraisal/StateTag.tsx';
import { useAprText } from '../components/appraisal/text.ts';
import { QueryError } from '../components/QueryError.tsx';

/** One appraisal round: stages, participants with their self-assessments, mutual assessment, votes and grades. */
export default function AppraisalRoundPage() {
  const tx = useAprText();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const q = useRound(id);
  const [sp, setSp] = useSearchParams();
  const [tab, setTab] = useState(sp.get('tab') ?? '');
  const r = q.data;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!r) return <Skeleton active paragraph={{ rows: 10 }} />;
  const writable = can('member.write');
  const defaultTab = r.state === 'mutual_assessment' ? 'mutual' : r.state === 'voting' || r.state === 'published' || r.state === 'closed' ? 'grading' : 'participants';
  const active = tab || defaultTab;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="round-page">
      <Link to={`/appraisal?orgId=${r.orgId}`}>
        <ArrowLeftOutlined /> {tx('back')}
      </Link>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {r.orgName} · {r.year} {tx('title')}
        </Typography.Title>
        <Space wrap>
          <StateTag state={r.state} />
          {r.overdue && <Tag color="red">{`${tx('deadline')} ${r.deadline} ${tx('overdue')}`}</Tag>}
        </Space>
      </div>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={tx('startsOn')}>{r.startsOn}</Descriptions.Item>
          <Descriptions.Item label={tx('endsOn')}>{r.endsOn}</Descriptions.Item>
          <Descriptions.Item label={tx('deadline')}>{r.deadline}</Descriptions.Item>
          <Descriptions.Item label={tx('participants')}>{`${r.participants}（${tx('voters', { count: r.voters })}）`}</Descriptions.Item>
          {r.publishedOn && <Descriptions.Item label={tx('publishedOn')}>{r.publishedOn}</Descriptions.Item>}
          {r.note && <Descriptions.Item label={tx('note')}>{r.note}</Descriptions.Item>}
        </Descriptions>
        <StageBar round={r} writable={writable} />
      </Card>
      <Card size="small">
        <Tabs
          activeKey={active}
          onChange={(k) => {
            setTab(k);
            setSp({ tab: k }, { replace: true });
          }}
          items={[
            { key: 'participants', label: tx('tabParticipants'), children: <ParticipantsTab round={r} writable={writable} /> },
            { key: 'mutual', label: tx('tabMutual'), children: <MutualTab round={r} writable={writable} /> },
            { key: 'grading', label: tx('tabGrading'), children: <GradingTab round={r} writable={writable} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
