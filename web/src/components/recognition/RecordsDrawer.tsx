import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { Drawer, Empty, List, Progress, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useRecords, type RecordFigure } from '../../api/recognition.ts';
import { QueryError } from '../QueryError.tsx';
import { useRecText } from './text.ts';

/** Figures computed from the records, each with its evidence linking to the records themselves. */
export function FigureList({ figures, empty }: { figures: RecordFigure[]; empty: string }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  if (figures.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <List
      size="small"
      dataSource={figures}
      renderItem={(f) => (
        <List.Item key={f.code} style={{ display: 'block' }}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
            <Typography.Text strong>{en ? f.nameEn : f.name}</Typography.Text>
            <Typography.Text>{en ? f.displayEn : f.display}</Typography.Text>
          </Space>
          {f.ratio !== null && <Progress percent={Math.round(f.ratio * 100)} size="small" />}
          {f.note && <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{f.note}</Typography.Paragraph>}
          <Space orientation="vertical" size={0}>
            {f.evidence.map((e, i) => (
              <span key={i} style={{ fontSize: 13 }}>
                {e.ok === true ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : e.ok === false ? <CloseCircleTwoTone twoToneColor="#c8161d" /> : null} {e.link ? <Link to={e.link}>{e.label}</Link> : e.label}
              </span>
            ))}
            {f.evidenceTotal > f.evidence.length && <Typography.Text type="secondary">… {f.evidenceTotal}</Typography.Text>}
          </Space>
        </List.Item>
      )}
    />
  );
}

/** The live records of an organization for a year, beside a nomination. */
export function RecordsDrawer({ orgId, orgName, year, onClose }: { orgId: number | null; orgName: string; year: number; onClose: () => void }) {
  const tx = useRecText();
  const q = useRecords(orgId, year);
  return (
    <Drawer open={!!orgId} onClose={onClose} title={tx('recordsTitle', { org: orgName, year })} size="large" destroyOnHidden>
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{tx('recordsPeriod', { from: q.data.from, to: q.data.to })}</Typography.Paragraph>
          <FigureList figures={q.data.figures} empty={tx('recordsEmpty')} />
        </>
      )}
    </Drawer>
  );
}
