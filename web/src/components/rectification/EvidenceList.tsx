import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Evidence } from '../../api/rectification.ts';

/** The records behind a figure: each with its date, a mark for or against, and a link to open it. */
export function EvidenceList({ items, total, more }: { items: Evidence[]; total: number; more?: (shown: number, total: number) => string }) {
  if (items.length === 0) return null;
  return (
    <ul style={{ margin: '4px 0 0', paddingLeft: 0, listStyle: 'none' }} data-testid="evidence-list">
      {items.map((e) => (
        <li key={`${e.kind}-${e.id}`} style={{ display: 'flex', gap: 6, alignItems: 'baseline', lineHeight: 1.7 }}>
          {e.ok === true ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : e.ok === false ? <CloseCircleFilled style={{ color: '#c8161d' }} /> : <MinusCircleOutlined style={{ color: '#999' }} />}
          <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{e.link?.startsWith('/') ? <Link to={e.link}>{e.label}</Link> : e.label}</span>
        </li>
      ))}
      {more && total > items.length && (
        <li>
          <Typography.Text type="secondary">{more(items.length, total)}</Typography.Text>
        </li>
      )}
    </ul>
  );
}
