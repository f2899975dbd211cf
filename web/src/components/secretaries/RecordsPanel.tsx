import { Card, Collapse, Empty, Progress, Space, Typography } from 'antd';
import type { RecordFigure } from '../../api/secretaries.ts';
import { EvidenceList } from '../rectification/EvidenceList.tsx';
import { useSecText } from './text.ts';

/** The records behind a report: each indicator's figure, computed from the records, with the records to click through. */
export function RecordsPanel({ records }: { records: RecordFigure[] }) {
  const tx = useSecText();
  return (
    <Card size="small" title={tx('records')} data-testid="records-panel">
      <Typography.Paragraph type="secondary">{tx('recordsHint')}</Typography.Paragraph>
      {records.length === 0 ? (
        <Empty description={tx('recordsEmpty')} />
      ) : (
        <Collapse
          size="small"
          items={records.map((r) => ({
            key: r.code,
            label: (
              <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                <Typography.Text strong>{r.name}</Typography.Text>
                <Typography.Text type={r.error ? 'danger' : undefined}>{r.error ?? r.display}</Typography.Text>
                {r.ratio !== null && <Progress percent={Math.round(r.ratio * 100)} size="small" showInfo={false} strokeColor={r.ratio >= 0.8 ? '#52c41a' : r.ratio >= 0.5 ? '#faad14' : '#c8161d'} />}
              </Space>
            ),
            children: (
              <>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {r.description}
                </Typography.Paragraph>
                {r.note && <Typography.Paragraph type="secondary">{r.note}</Typography.Paragraph>}
                <EvidenceList items={r.evidence} total={r.evidenceTotal} more={(shown, total) => `${shown} / ${total}`} />
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
