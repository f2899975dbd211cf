import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Grid, Skeleton, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useDuesAccount } from '../../api/dues.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { QueryError } from '../QueryError.tsx';
import { BasesTab, ReliefsTab } from './AccountSettings.tsx';
import { MonthsTable, PaymentsTable } from './AccountTables.tsx';
import { yuan } from './money.ts';
import { PaymentForm } from './PaymentForm.tsx';
import { useDuesText } from './text.ts';

/** A member's dues account: paid until, this month, arrears (and the six-month flag), months, payments, bases, reductions. */
export function DuesAccountDrawer({ memberId, onClose }: { memberId: number | null; onClose: () => void }) {
  const tx = useDuesText();
  const { can } = useAuth();
  const screens = Grid.useBreakpoint();
  const q = useDuesAccount(memberId);
  const a = q.data?.member.id === memberId ? q.data : undefined;
  const canWrite = can('member.write');
  const [paying, setPaying] = useState(false);
  const [tab, setTab] = useState('months');

  return (
    <Drawer open={memberId !== null} onClose={onClose} title={a ? tx('drawerTitle', { name: a.member.name }) : tx('findMember')} size={screens.md ? 640 : '100%'} destroyOnHidden data-testid="dues-drawer">
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {!a && q.isLoading && <Skeleton active />}
      {a && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={screens.sm ? 2 : 1} bordered>
            <Descriptions.Item label={tx('memberOrg')}>{a.member.orgName}</Descriptions.Item>
            <Descriptions.Item label={tx('paidUntil')}>
              <span data-testid="account-paid-until">{a.paidUntil ?? tx('none')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={tx('current')}>{a.current ? `${yuan(a.current.dueFen)}（${a.current.status === 'paid' ? tx('statusPaid') : a.current.status === 'exempt' ? tx('statusExempt') : tx('statusUnpaid')}）` : '—'}</Descriptions.Item>
            <Descriptions.Item label={tx('arrears')}>
              <span data-testid="account-arrears">{a.arrears.months.length ? <Tag color="red">{tx('arrearsText', { n: a.arrears.months.length, amount: yuan(a.arrears.amountFen) })}</Tag> : tx('noArrears')}</span>
            </Descriptions.Item>
          </Descriptions>
          {a.arrears.flagged && <Alert type="error" showIcon title={tx('flaggedAlert', { n: a.arrears.longestRun, from: a.arrears.runFrom ?? '', to: a.arrears.runTo ?? '' })} data-testid="account-flag" />}
          {a.bases.length === 0 && <Alert type="info" showIcon title={tx('emptyAccount')} description={tx('emptyAccountHint')} />}
          {canWrite && a.bases.length > 0 && !a.member.leftOn && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPaying(true)} data-testid="record-payment">
              {tx('recordPayment')}
            </Button>
          )}
          <Tabs
            activeKey={a.bases.length === 0 && tab === 'months' ? 'bases' : tab}
            onChange={setTab}
            items={[
              { key: 'months', label: tx('tabMonths'), children: <MonthsTable account={a} /> },
              { key: 'payments', label: `${tx('tabPayments')} ${a.payments.length || ''}`, children: <PaymentsTable account={a} canWrite={canWrite} /> },
              { key: 'bases', label: tx('tabBases'), children: <BasesTab account={a} canWrite={canWrite} /> },
              { key: 'reliefs', label: tx('tabReliefs'), children: <ReliefsTab account={a} canWrite={canWrite} /> },
            ]}
          />
          {paying && <PaymentForm memberId={a.member.id} orgId={a.member.orgId} open={paying} onClose={() => setPaying(false)} />}
        </Space>
      )}
    </Drawer>
  );
}
