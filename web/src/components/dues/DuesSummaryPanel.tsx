import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo } from 'react';
import { summaryExportUrl, useDuesSummary, type DuesSummaryRow } from '../../api/dues.ts';
import { QueryError } from '../QueryError.tsx';
import { yuan } from './money.ts';
import { useDuesText } from './text.ts';

const DuesBarChart = lazy(() => import('./DuesBarChart.tsx'));

function Figure({ title, value, hint, testId, alert }: { title: string; value: string; hint?: string | undefined; testId: string; alert?: boolean }) {
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={title} value={value} styles={alert ? { content: { color: '#c8161d' } } : undefined} />
      {hint && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Text>}
    </Card>
  );
}

/** The month's figures for an organization's subtree: totals, a chart and a row per child organization. */
export function DuesSummaryPanel({ orgId, month, onMonth }: { orgId: number; month: string; onMonth: (m: string) => void }) {
  const tx = useDuesText();
  const { message } = App.useApp();
  const q = useDuesSummary(orgId, month);
  const s = q.data;
  const bars = useMemo(() => (s?.rows ?? []).map((r) => ({ name: r.own ? `${r.orgName}${tx('own')}` : r.orgName, dueFen: r.dueFen, receivedFen: r.receivedFen })), [s, tx]);
  const rate = (r: { dueMembers: number; paidMembers: number }) => (r.dueMembers ? `${Math.round((r.paidMembers * 100) / r.dueMembers)}%` : '—');

  const columns: TableColumnsType<DuesSummaryRow> = [
    { title: tx('orgCol'), key: 'org', dataIndex: 'orgName', ellipsis: true, render: (n: string, r) => (r.own ? `${n}${tx('own')}` : n) },
    { title: tx('members'), key: 'members', dataIndex: 'members', width: 84, align: 'right', responsive: ['md'] },
    { title: tx('dueMembers'), key: 'due', dataIndex: 'dueMembers', width: 84, align: 'right' },
    { title: tx('paidMembers'), key: 'paid', dataIndex: 'paidMembers', width: 84, align: 'right' },
    { title: tx('payRate'), key: 'rate', width: 80, align: 'right', render: (_: unknown, r) => rate(r), responsive: ['sm'] },
    { title: tx('dueAmount'), key: 'dueFen', dataIndex: 'dueFen', width: 120, align: 'right', render: (f: number) => yuan(f), responsive: ['md'] },
    { title: tx('received'), key: 'receivedFen', dataIndex: 'receivedFen', width: 120, align: 'right', render: (f: number) => yuan(f) },
    { title: tx('arrearsMembers'), key: 'arrears', dataIndex: 'arrearsMembers', width: 90, align: 'right', responsive: ['lg'] },
    { title: tx('flaggedMembers'), key: 'flagged', dataIndex: 'flaggedMembers', width: 120, align: 'right', responsive: ['lg'], render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="dues-summary">
      <div className="toolbar">
        <Typography.Text strong>{tx('month')}</Typography.Text>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && onMonth(d.format('YYYY-MM'))}
          disabledDate={(d) => d.isAfter(dayjs().add(12, 'month'), 'month')}
          inputReadOnly
          data-testid="dues-month"
        />
        <Button icon={<DownloadOutlined />} href={summaryExportUrl(orgId, month)} download onClick={() => void message.success(tx('exportStarted'))} data-testid="dues-summary-export">
          {tx('export')}
        </Button>
      </div>
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {!s && q.isLoading && <Skeleton active />}
      {s && s.totals.members === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Space orientation="vertical" size={2}><span>{tx('emptySummary')}</span><Typography.Text type="secondary">{tx('emptySummaryHint')}</Typography.Text></Space>} />}
      {s && s.totals.members > 0 && (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}><Figure title={tx('paidOfDue')} value={`${s.totals.paidMembers} / ${s.totals.dueMembers}`} hint={`${tx('payRate')} ${rate(s.totals)}`} testId="dues-paid-count" /></Col>
            <Col xs={12} md={6}><Figure title={tx('dueAmount')} value={yuan(s.totals.dueFen)} testId="dues-due-amount" /></Col>
            <Col xs={12} md={6}><Figure title={tx('received')} value={yuan(s.totals.receivedFen)} hint={s.totals.extraFen ? `${tx('extra')} ${yuan(s.totals.extraFen)}` : undefined} testId="dues-received" /></Col>
            <Col xs={12} md={6}><Figure alert={s.totals.flaggedMembers > 0} title={tx('arrearsMembers')} value={String(s.totals.arrearsMembers)} hint={s.totals.flaggedMembers ? `${tx('flaggedMembers')} ${s.totals.flaggedMembers}` : undefined} testId="dues-arrears-count" /></Col>
          </Row>
          {s.totals.noBase > 0 && <Alert type="info" showIcon title={tx('noBaseHint', { n: s.totals.noBase })} />}
          {bars.length > 0 && (
            <Suspense fallback={<Skeleton active />}>
              <Typography.Text strong>{tx('chartTitle')}</Typography.Text>
              <DuesBarChart data={bars} dueLabel={tx('seriesDue')} receivedLabel={tx('seriesReceived')} />
            </Suspense>
          )}
          <Table<DuesSummaryRow>
            rowKey={(r) => `${r.orgId}-${r.own ? 'own' : 'sub'}`}
            size="small"
            columns={columns}
            dataSource={s.rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="dues-summary-table"
          />
        </>
      )}
    </Space>
  );
}
