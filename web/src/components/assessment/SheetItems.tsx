import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { AsmIndicator, AsmItem } from '../../api/assessment.ts';
import { ReachedTag } from './SheetBits.tsx';
import { useAsmText } from './text.ts';

/** A sheet's items → indicators → figure (clickable through to its records), points, and manual evidence. */
export function SheetItems({ items, onEvidence }: { items: AsmItem[]; onEvidence: (i: AsmIndicator) => void }) {
  const tx = useAsmText();
  const columns: TableColumnsType<AsmIndicator> = [
    {
      title: tx('indicator'),
      key: 'name',
      render: (_: unknown, i) => (
        <Space orientation="vertical" size={0}>
          <span>{i.name}</span>
          <Tag color={i.type === 'computed' ? 'blue' : 'purple'} style={{ marginTop: 2 }}>
            {i.type === 'computed' ? tx('computed') : tx('manual')}
          </Tag>
        </Space>
      ),
    },
    {
      title: tx('figure'),
      key: 'figure',
      render: (_: unknown, i) => {
        if (i.type === 'manual') {
          const text = i.selfEvidence ? <Typography.Paragraph style={{ margin: 0, maxWidth: 420 }} ellipsis={{ rows: 2, expandable: true }}>{i.selfEvidence}</Typography.Paragraph> : <Typography.Text type="secondary">{i.guide}</Typography.Text>;
          return (
            <Space orientation="vertical" size={0}>
              {text}
              {i.links.map((l) => (l.startsWith('/') ? <Link key={l} to={l}>{l}</Link> : <a key={l} href={l} target="_blank" rel="noreferrer">{l}</a>))}
              {i.reviewReason && <Typography.Text type="warning">{`${tx('reviewReason')}：${i.reviewReason}`}</Typography.Text>}
            </Space>
          );
        }
        if (!i.available) {
          return (
            <Tooltip title={i.note}>
              <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => onEvidence(i)} data-testid="figure">
                <Tag color="default">{tx('unavailable')}</Tag>
                <span style={{ color: '#999' }}>{i.note}</span>
              </Button>
            </Tooltip>
          );
        }
        return (
          <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => onEvidence(i)} data-testid="figure">
            {i.display}
          </Button>
        );
      },
    },
    {
      title: tx('points'),
      key: 'points',
      width: 120,
      render: (_: unknown, i) => {
        if (i.type === 'manual' && i.reviewPoints !== null && i.reviewPoints !== i.selfPoints) {
          return (
            <span data-testid="points">
              <Typography.Text delete type="secondary">{i.selfPoints}</Typography.Text> {`${i.reviewPoints} / ${i.full}`}
            </span>
          );
        }
        const shown = i.points === null ? (i.type === 'manual' ? tx('notScored') : '—') : String(i.points);
        return <span data-testid="points">{`${shown} / ${i.full}`}</span>;
      },
    },
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {items.map((item) => (
        <Card
          key={item.key}
          size="small"
          data-testid={`item-${item.key}`}
          title={
            <Space wrap>
              <span>{item.name}</span>
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{`${item.points} / ${item.full}${item.pct === null ? '' : `（${item.pct}%）`}`}</Typography.Text>
            </Space>
          }
          extra={<ReachedTag item passed={item.pct === null ? null : item.reached} />}
        >
          <Table rowKey="key" size="small" columns={columns} dataSource={item.indicators} pagination={false} scroll={{ x: 'max-content' }} />
        </Card>
      ))}
    </Space>
  );
}
