import { Alert, Descriptions, Drawer, Empty, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { AsmIndicator } from '../../api/assessment.ts';
import { useAsmText } from './text.ts';

/** The records behind a computed figure, each opening its own page (meetings, commitments, appraisals…). */
export function EvidenceDrawer({ indicator, onClose }: { indicator: AsmIndicator | null; onClose: () => void }) {
  const tx = useAsmText();
  const i = indicator;
  return (
    <Drawer open={!!i} onClose={onClose} title={i ? tx('evidenceOf', { name: i.name }) : ''} size="large" styles={{ body: { paddingTop: 8 } }} data-testid="evidence-drawer">
      {i && (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={tx('figure')}>{i.display ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={tx('points')}>{i.points === null ? tx('unavailable') : `${i.points} / ${i.full}`}</Descriptions.Item>
            {i.providerName && <Descriptions.Item label={tx('indicator')}>{`${i.providerName}（${i.provider}）`}</Descriptions.Item>}
            {i.description && <Descriptions.Item label={tx('how')}>{i.description}</Descriptions.Item>}
            {i.scoringText && <Descriptions.Item label={tx('scoring')}>{i.scoringText}</Descriptions.Item>}
          </Descriptions>
          {i.note && <Alert type={i.available ? 'info' : 'warning'} showIcon title={i.note} style={{ marginBottom: 12 }} />}
          <Typography.Text type="secondary">{tx('evidenceShown', { total: i.evidenceTotal, shown: i.evidence.length })}</Typography.Text>
          <List
            size="small"
            dataSource={i.evidence}
            locale={{ emptyText: <Empty description={tx('noEvidence')} /> }}
            renderItem={(e) => (
              <List.Item data-testid="evidence-item">
                <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start', width: '100%' }}>
                  {e.ok === null ? null : <Tag color={e.ok ? 'green' : 'red'}>{e.ok ? tx('okRecord') : tx('badRecord')}</Tag>}
                  <div style={{ flex: 1, minWidth: 0, wordBreak: 'break-word' }}>
                    {e.link ? e.link.startsWith('/') ? <Link to={e.link}>{e.label}</Link> : <a href={e.link} target="_blank" rel="noreferrer">{e.label}</a> : e.label}
                  </div>
                </div>
              </List.Item>
            )}
          />
        </>
      )}
    </Drawer>
  );
}
