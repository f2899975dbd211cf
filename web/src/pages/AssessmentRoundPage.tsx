import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Spin, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useAsmRound, type AsmRoundDetail } from '../api/assessment.ts';
import { ReachedTag, SheetStateTag, Stars } from '../components/assessment/SheetBits.tsx';
import { useAsmText } from '../components/assessment/text.ts';
import { QueryError } from '../components/QueryError.tsx';

const RoundCharts = lazy(() => import('../components/assessment/RoundCharts.tsx'));

type Row = AsmRoundDetail['sheetList'][number];
const STATE_COLORS = { not_started: '#bfbfbf', returned: '#ff4d4f', submitted: '#1677ff', reviewed: '#fa8c16', final: '#52c41a' } as const;
const STAR_COLORS = ['#d9d9d9', '#ffe58f', '#ffd666', '#ffc53d', '#faad14', '#d48806'];

/** One round: how many sheets are in which state, the stars so far, and every organization's sheet. */
export default function AssessmentRoundPage() {
  const tx = useAsmText();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const round = useAsmRound(id);
  const r = round.data;

  const charts = useMemo(() => {
    if (!r) return null;
    const states = (['not_started', 'returned', 'submitted', 'reviewed', 'final'] as const).map((s) => ({ name: tx(`s_${s}`), value: r.counts[s], color: STATE_COLORS[s] }));
    const judged = r.sheetList.filter((s) => s.state === 'reviewed' || s.state === 'final');
    const stars = [0, 1, 2, 3, 4, 5].map((n) => ({ name: n === 0 ? tx('noStar') : '★'.repeat(n), value: judged.filter((s) => (s.stars ?? 0) === n).length, color: STAR_COLORS[n]! }));
    return { states, stars };
  }, [r, tx]);

  if (round.isError) return <QueryError error={round.error} onRetry={() => void round.refetch()} />;
  if (!r || !charts) return <Spin />;

  const columns: TableColumnsType<Row> = [
    { title: tx('orgName'), dataIndex: 'orgName', key: 'orgName', render: (n: string, s) => <Link to={`/assessment/sheets/${s.id}`} data-testid="sheet-link">{n}</Link> },
    { title: tx('state'), dataIndex: 'state', key: 'state', width: 120, render: (_: unknown, s) => <SheetStateTag state={s.state} /> },
    { title: tx('total'), dataIndex: 'totalPct', key: 'totalPct', width: 100, render: (p: number | null) => (p === null ? '—' : `${p}%`) },
    { title: tx('reached'), dataIndex: 'passed', key: 'passed', width: 110, render: (p: boolean | null, s) => (s.state === 'reviewed' || s.state === 'final' ? <ReachedTag passed={p} /> : '—') },
    { title: tx('stars'), dataIndex: 'stars', key: 'stars', width: 110, responsive: ['sm'], render: (n: number | null, s) => (s.state === 'reviewed' || s.state === 'final' ? <Stars n={n} /> : '—') },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link to="/assessment">
        <ArrowLeftOutlined /> {tx('back')}
      </Link>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="round-title">
        {r.title}
      </Typography.Title>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={tx('period')}>{`${r.periodFrom} — ${r.periodTo}`}</Descriptions.Item>
          <Descriptions.Item label={tx('standard')}>
            <Link to="/assessment/standards">{`${r.standardName} v${r.standardVersion}`}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={tx('dueOn')}>{r.dueOn}</Descriptions.Item>
          <Descriptions.Item label={tx('launchedBy')}>{r.orgName}</Descriptions.Item>
          <Descriptions.Item label={tx('passedCount')}>{`${r.passed} / ${r.sheets}`}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={`${tx('chartStates')} · ${tx('chartStars')}`}>
        <Suspense fallback={<div style={{ height: 300 }} />}>
          <RoundCharts states={charts.states} stars={charts.stars} statesTitle={tx('chartStates')} starsTitle={tx('chartStars')} />
        </Suspense>
      </Card>
      <Card
        size="small"
        title={tx('sheets')}
        extra={
          // A plain download link: the browser saves 考核结果_<title>.xlsx with the session cookie.
          <Button size="small" icon={<DownloadOutlined />} href={`/api/assessment-rounds/${r.id}/export`} download data-testid="round-export">
            {tx('exportXlsx')}
          </Button>
        }
      >
        <Table
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={r.sheetList}
          pagination={r.sheetList.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          onRow={(s) => ({ onClick: () => navigate(`/assessment/sheets/${s.id}`), style: { cursor: 'pointer' } })}
          locale={{ emptyText: <Empty description={tx('noEvidence')} /> }}
        />
      </Card>
    </Space>
  );
}
