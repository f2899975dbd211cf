import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Space, Spin, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useAsmSheet, type AsmIndicator } from '../api/assessment.ts';
import { EvidenceDrawer } from '../components/assessment/EvidenceDrawer.tsx';
import { ReviewPanel } from '../components/assessment/ReviewPanel.tsx';
import { SelfCheckForm } from '../components/assessment/SelfCheckForm.tsx';
import { ReachedTag, SheetStateTag, Stars } from '../components/assessment/SheetBits.tsx';
import { SheetItems } from '../components/assessment/SheetItems.tsx';
import { useAsmText } from '../components/assessment/text.ts';
import { QueryError } from '../components/QueryError.tsx';

/** One organization's assessment sheet: items → indicators → figures and their records; self-check, review and result. */
export default function AssessmentSheetPage() {
  const tx = useAsmText();
  const id = Number(useParams().id);
  const sheet = useAsmSheet(id);
  const [evidence, setEvidence] = useState<AsmIndicator | null>(null);
  const s = sheet.data;
  if (sheet.isError) return <QueryError error={sheet.error} onRetry={() => void sheet.refetch()} />;
  if (!s) return <Spin />;
  const at = s.computedAt ? dayjs(s.computedAt).format('YYYY-MM-DD HH:mm') : '';
  const basis = s.live ? tx('live') : `${tx('snapshot', { at })}${s.recomputedByName ? tx('recomputedBy', { name: s.recomputedByName }) : ''}`;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link to={`/assessment/rounds/${s.roundId}`}>
        <ArrowLeftOutlined /> {tx('backRound')}
      </Link>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="sheet-title">
          {s.orgName}
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary">{s.roundTitle}</Typography.Text>
          <SheetStateTag state={s.state} />
        </Space>
      </div>
      {s.state === 'returned' && s.returnedReason && <Alert type="error" showIcon title={tx('returnedNote', { reason: s.returnedReason })} />}
      <Alert type={s.live ? 'info' : 'success'} showIcon title={basis} data-testid="sheet-basis" />
      <Card size="small" title={tx('result')}>
        <Space wrap size={32}>
          <Statistic title={tx('total')} value={s.result.pct ?? '—'} suffix={s.result.pct === null ? '' : '%'} />
          <Statistic title={tx('points')} value={`${s.result.points} / ${s.result.full}`} />
          <div>
            <Typography.Text type="secondary">{tx('reached')}</Typography.Text>
            <div style={{ marginTop: 6 }} data-testid="sheet-reached">
              <ReachedTag passed={s.result.passed} />
            </div>
          </div>
          <div>
            <Typography.Text type="secondary">{tx('stars')}</Typography.Text>
            <div style={{ marginTop: 6, fontSize: 18 }}>
              <Stars n={s.result.stars} />
            </div>
          </div>
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {tx('passRule', { item: s.result.itemMinPct, total: s.result.totalMinPct })}
        </Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginTop: 8 }}>
          <Descriptions.Item label={tx('period')}>{`${s.periodFrom} — ${s.periodTo}`}</Descriptions.Item>
          <Descriptions.Item label={tx('standard')}>{`${s.standardName} v${s.standardVersion}`}</Descriptions.Item>
          <Descriptions.Item label={tx('dueOn')}>{s.dueOn}</Descriptions.Item>
          {s.submittedOn && <Descriptions.Item label={tx('s_submitted')}>{tx('submittedBy', { name: s.submittedByName ?? '', date: s.submittedOn })}</Descriptions.Item>}
          {s.reviewedOn && <Descriptions.Item label={tx('s_reviewed')}>{tx('reviewedBy', { name: s.reviewedByName ?? '', date: s.reviewedOn })}</Descriptions.Item>}
          {s.reviewComment && <Descriptions.Item label={tx('comment')}>{s.reviewComment}</Descriptions.Item>}
          {s.finalizedOn && <Descriptions.Item label={tx('s_final')}>{tx('finalizedBy', { name: s.finalizedByName ?? '', date: s.finalizedOn })}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <SheetItems items={s.items} onEvidence={setEvidence} />
      {s.canSelfCheck && <SelfCheckForm key={`${s.id}-${s.state}`} sheet={s} />}
      {s.canReview && <ReviewPanel key={`${s.id}-${s.state}-${s.computedAt ?? ''}`} sheet={s} />}
      <EvidenceDrawer indicator={evidence} onClose={() => setEvidence(null)} />
    </Space>
  );
}
