import { App, Button, Empty, Input, Modal, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { DUES_CATEGORY, DUES_METHOD } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useVoidPayment, type DuesAccount, type DuesMonth, type DuesPayment } from '../../api/dues.ts';
import { useLabel } from '../../labels.ts';
import { percent, yuan } from './money.ts';
import { useDuesText } from './text.ts';

/** Every month from the first due month, newest first: base, rate, due, paid / unpaid / exempt. */
export function MonthsTable({ account }: { account: DuesAccount }) {
  const tx = useDuesText();
  const label = useLabel();
  const status = (m: DuesMonth) =>
    m.status === 'paid' ? <Tag color="green">{tx('statusPaid')}</Tag> : m.status === 'exempt' ? <Tag>{tx('statusExempt')}</Tag> : m.overdue ? <Tag color="red">{tx('statusOverdue')}</Tag> : <Tag color="orange">{tx('statusUnpaid')}</Tag>;
  const columns: TableColumnsType<DuesMonth> = [
    { title: tx('colMonth'), key: 'month', dataIndex: 'month', width: 86 },
    { title: tx('colCategory'), key: 'cat', dataIndex: 'category', width: 120, render: (c: DuesMonth['category']) => label(DUES_CATEGORY, c), responsive: ['md'] },
    { title: tx('colBase'), key: 'base', dataIndex: 'baseFen', width: 100, align: 'right', render: (f: number | null) => (f === null ? '—' : yuan(f)), responsive: ['sm'] },
    { title: tx('colRate'), key: 'rate', dataIndex: 'rateBp', width: 90, render: (bp: number | null) => (bp === null ? tx('fixed') : percent(bp)), responsive: ['sm'] },
    {
      title: tx('colDue'),
      key: 'due',
      dataIndex: 'dueFen',
      width: 96,
      align: 'right',
      render: (f: number, m) => (m.relief === 'reduce' ? <span title={`${yuan(m.standardFen)}`}>{yuan(f)} <Tag>{tx('reduced')}</Tag></span> : yuan(f)),
    },
    { title: tx('colStatus'), key: 'status', width: 80, render: (_: unknown, m) => status(m) },
  ];
  return (
    <Table<DuesMonth>
      rowKey="month"
      size="small"
      columns={columns}
      dataSource={[...account.months].reverse()}
      pagination={{ pageSize: 12, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx('emptyAccount')} /> }}
      data-testid="account-months"
    />
  );
}

/** Payments, newest first, with months, extra and payer; a wrong one can be voided with a reason. */
export function PaymentsTable({ account, canWrite }: { account: DuesAccount; canWrite: boolean }) {
  const tx = useDuesText();
  const label = useLabel();
  const { message } = App.useApp();
  const voidPayment = useVoidPayment(account.member.id);
  const [target, setTarget] = useState<DuesPayment | null>(null);
  const [reason, setReason] = useState('');
  const monthsText = (ms: string[]) => (ms.length === 0 ? '—' : ms.length === 1 ? ms[0]! : `${ms[0]}–${ms.at(-1)}（${ms.length}）`);
  const columns: TableColumnsType<DuesPayment> = [
    { title: tx('paidOn'), key: 'paidOn', dataIndex: 'paidOn', width: 104, render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{d}</span> },
    { title: tx('paidMonths'), key: 'months', dataIndex: 'months', width: 170, render: (ms: string[]) => <span style={{ whiteSpace: 'nowrap' }}>{monthsText(ms)}</span> },
    {
      title: tx('amountPaid'),
      key: 'amount',
      dataIndex: 'amountFen',
      width: 130,
      align: 'right',
      render: (f: number, p) => (
        <span>
          {yuan(f)}
          {p.extraFen > 0 && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{`${tx('extraPart')} ${yuan(p.extraFen)}`}</Typography.Text>}
        </span>
      ),
    },
    {
      title: tx('method'),
      key: 'method',
      width: 120,
      responsive: ['md'],
      render: (_: unknown, p) => (
        <span>
          {label(DUES_METHOD, p.method)}
          {p.payerName && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{`${tx('payer')} ${p.payerName}`}</Typography.Text>}
        </span>
      ),
    },
    { title: tx('receiptNo'), key: 'receipt', dataIndex: 'receiptNo', width: 120, responsive: ['lg'], render: (r: string | null) => r ?? '—' },
    {
      title: '',
      key: 'actions',
      width: 80,
      render: (_: unknown, p) =>
        p.voidedAt ? (
          <Tag title={p.voidReason ?? undefined}>{tx('voided')}</Tag>
        ) : canWrite ? (
          <Button size="small" danger type="link" onClick={() => setTarget(p)} data-testid="payment-void">
            {tx('void')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <Table<DuesPayment>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={account.payments}
        rowClassName={(p) => (p.voidedAt ? 'muted' : '')}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx('emptyPayments')} /> }}
        data-testid="account-payments"
      />
      <Modal
        open={target !== null}
        title={tx('voidTitle')}
        okText={tx('void')}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        cancelText={tx('no')}
        confirmLoading={voidPayment.isPending}
        onCancel={() => setTarget(null)}
        onOk={async () => {
          try {
            await voidPayment.mutateAsync({ paymentId: target!.id, reason: reason.trim() });
            void message.success(tx('saved'));
            setTarget(null);
            setReason('');
          } catch (err) {
            void message.error(errorMessage(err));
          }
        }}
      >
        <Typography.Paragraph>{tx('voidHint')}</Typography.Paragraph>
        <Input value={reason} maxLength={200} placeholder={tx('voidReason')} onChange={(e) => setReason(e.target.value)} data-testid="void-reason" />
      </Modal>
    </>
  );
}
