import { Card, Col, Progress, Row, Tag, Tooltip, Typography } from 'antd';
import { HONOUR_KIND } from '../../../../src/shared/enums.ts';
import type { QuotaUsage } from '../../api/recognition.ts';
import { useLabel } from '../../labels.ts';
import { useRecText } from './text.ts';

/**
 * One bar per honour: approved (solid) and pending (light) against the yearly quota; an honour with
 * a minimum (旗帜党委 3–5) is flagged while below it. Hover shows the rule's source.
 */
export function QuotaBars({ quotas }: { quotas: QuotaUsage[] }) {
  const tx = useRecText();
  const label = useLabel();
  return (
    <Row gutter={[16, 12]}>
      {quotas.map((q) => {
        const approved = q.approved ?? 0;
        const pending = q.pending ?? 0;
        const full = q.approved !== null && approved >= q.max;
        return (
          <Col key={q.kind} xs={24} sm={12} lg={8}>
            <Card size="small" styles={{ body: { padding: '10px 12px' } }} data-testid={`quota-${q.kind}`}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                <Tooltip title={`${tx('quotaSource')}：${q.source}`}>
                  <Typography.Text strong>{label(HONOUR_KIND, q.kind)}</Typography.Text>
                </Tooltip>
                {q.approved === null ? (
                  <Typography.Text type="secondary">{tx('quotaOnlyAwarding', { max: q.max })}</Typography.Text>
                ) : (
                  <Typography.Text data-testid={`quota-text-${q.kind}`} type={full ? 'danger' : undefined}>
                    {tx('quotaText', { approved, max: q.max })}
                  </Typography.Text>
                )}
              </div>
              {q.approved !== null && (
                <>
                  <Progress
                    percent={Math.min(100, Math.round(((approved + pending) / q.max) * 100))}
                    success={{ percent: Math.min(100, Math.round((approved / q.max) * 100)), strokeColor: full ? '#c8161d' : '#52c41a' }}
                    strokeColor="#d9f7be"
                    showInfo={false}
                    size="small"
                    aria-label={tx('quotaText', { approved, max: q.max })}
                  />
                  <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
                    {pending > 0 && <Tag>{tx('pendingText', { count: pending })}</Tag>}
                    {q.min > 0 && <Tag color={approved < q.min ? 'orange' : 'green'}>{tx('quotaRange', { min: q.min, max: q.max })}</Tag>}
                  </div>
                </>
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
