import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Empty, InputNumber, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { arrearsExportUrl, useDuesArrears, type ArrearsItem } from '../../api/dues.ts';
import { QueryError } from '../QueryError.tsx';
import { yuan } from './money.ts';
import { useDuesText } from './text.ts';

interface Props {
  orgId: number;
  minMonths: number;
  flaggedOnly: boolean;
  onFilter: (f: { minMonths: number; flaggedOnly: boolean }) => void;
  onOpen: (memberId: number) => void;
}

/** Members behind with dues, the six-month cases first, each opening the member's dues account. */
export function ArrearsPanel({ orgId, minMonths, flaggedOnly, onFilter, onOpen }: Props) {
  const tx = useDuesText();
  const { message } = App.useApp();
  const q = useDuesArrears(orgId, minMonths, flaggedOnly);
  const items = q.data?.items ?? [];

  const columns: TableColumnsType<ArrearsItem> = [
    {
      title: tx('name'),
      key: 'name',
      dataIndex: 'name',
      width: 100,
      fixed: 'left',
      render: (n: string, r) => (
        <Typography.Link onClick={() => onOpen(r.memberId)} data-testid="arrears-name">
          {n}
        </Typography.Link>
      ),
    },
    { title: tx('memberOrg'), key: 'org', dataIndex: 'orgName', ellipsis: true, width: 220, responsive: ['md'] },
    { title: tx('paidUntil'), key: 'paidUntil', dataIndex: 'paidUntil', width: 96, render: (m: string | null) => m ?? tx('none'), responsive: ['sm'] },
    { title: tx('monthCount'), key: 'count', dataIndex: 'monthCount', width: 86, align: 'right' },
    { title: tx('range'), key: 'range', width: 160, render: (_: unknown, r) => `${r.firstMonth} – ${r.lastMonth}`, responsive: ['lg'] },
    { title: tx('amount'), key: 'amount', dataIndex: 'amountFen', width: 110, align: 'right', render: (f: number) => yuan(f) },
    {
      title: tx('hint'),
      key: 'flag',
      width: 130,
      render: (_: unknown, r) =>
        r.flagged ? (
          <Tooltip title={tx('flagTip', { n: r.longestRun })}>
            <Tag color="red" data-testid="arrears-flag">
              {tx('flagTag')}
            </Tag>
          </Tooltip>
        ) : null,
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="dues-arrears">
      <div className="toolbar">
        <Space size={6}>
          <Typography.Text>{tx('minMonths')}</Typography.Text>
          <InputNumber min={1} max={120} value={minMonths} onChange={(v) => onFilter({ minMonths: v ?? 1, flaggedOnly })} style={{ width: 72 }} data-testid="arrears-min" />
          <Typography.Text>{tx('monthsUnit')}</Typography.Text>
        </Space>
        <Checkbox checked={flaggedOnly} onChange={(e) => onFilter({ minMonths, flaggedOnly: e.target.checked })} data-testid="arrears-flagged-only">
          {tx('flaggedOnly')}
        </Checkbox>
        <Button icon={<DownloadOutlined />} href={arrearsExportUrl(orgId, minMonths, flaggedOnly)} download onClick={() => void message.success(tx('exportStarted'))} data-testid="dues-arrears-export">
          {tx('export')}
        </Button>
      </div>
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      <Table<ArrearsItem>
        rowKey="memberId"
        size="small"
        loading={q.isLoading}
        columns={columns}
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Space orientation="vertical" size={2}><span>{tx('emptyArrears')}</span><Typography.Text type="secondary">{tx('emptyArrearsHint')}</Typography.Text></Space>} /> }}
        data-testid="arrears-table"
      />
    </Space>
  );
}
