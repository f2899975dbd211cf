import { Alert, App, Button, Descriptions, Drawer, Form, Grid, Input, List, Popconfirm, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CONTACT_WAY } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useAddContact, useMobileRecord, useRegisterReturn, type ContactBody } from '../../api/transfers.ts';
import { useCodeOptions, useLabel } from '../../labels.ts';
import { QueryError } from '../QueryError.tsx';
import { todayLocal } from './dates.ts';
import { useMobileText } from './text.ts';

/** One mobile-member record: facts, contacts (add one), and the return. */
export function MobileDrawer({ id, canWrite, onClose }: { id: number | null; canWrite: boolean; onClose: () => void }) {
  const tx = useMobileText();
  const label = useLabel();
  const options = useCodeOptions();
  const { message } = App.useApp();
  const isPhone = !Grid.useBreakpoint().md;
  const q = useMobileRecord(id);
  const contact = useAddContact(id ?? 0);
  const ret = useRegisterReturn(id ?? 0);
  const [form] = Form.useForm<ContactBody>();
  const [returnedOn, setReturnedOn] = useState(todayLocal());
  const r = q.data;
  const addContact = async () => {
    const v = await form.validateFields();
    contact.mutate(v, { onSuccess: () => { void message.success(tx('saved')); form.resetFields(); }, onError: (e) => void message.error(errorMessage(e)) });
  };
  return (
    <Drawer open={id !== null} onClose={onClose} title={tx('detail')} size={isPhone ? '100%' : 520} placement={isPhone ? 'bottom' : 'right'} destroyOnHidden data-testid="mobile-drawer">
      {q.isPending ? (
        <Spin />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : r ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>{r.personName}</Typography.Title>
            <Tag>{tx(r.direction)}</Tag>
            {r.returnedOn && <Tag color="green">{tx('returned')} {r.returnedOn}</Tag>}
            {r.flagged && <Tag color="red" data-testid="mobile-flagged">{tx('flagged')}</Tag>}
            {r.contactOverdue && !r.flagged && <Tag color="orange">{tx('noContact')}</Tag>}
          </Space>
          {r.flagged && <Alert type="warning" showIcon title={tx('flaggedHint')} />}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={tx('org')}>{r.orgName}</Descriptions.Item>
            <Descriptions.Item label={tx(r.direction === 'outflow' ? 'place' : 'placeFrom')}>{r.place}</Descriptions.Item>
            <Descriptions.Item label={tx('since')}>{r.since}</Descriptions.Item>
            {r.phone && <Descriptions.Item label={tx('phone')}>{r.phone}</Descriptions.Item>}
            {r.reason && <Descriptions.Item label={tx('reason')}>{r.reason}</Descriptions.Item>}
            {r.hostOrgName && <Descriptions.Item label={tx('host')}>{r.hostOrgName}{r.hostIsTemporary ? `（${tx('hostTemporary')}）` : ''}</Descriptions.Item>}
            {r.homeOrgName && <Descriptions.Item label={tx('homeOrg')}>{r.homeOrgName}</Descriptions.Item>}
            {r.certificateNo && <Descriptions.Item label={tx('certificate')}>{r.certificateNo}</Descriptions.Item>}
          </Descriptions>
          <div>
            <Typography.Title level={5}>{tx('contacts')}</Typography.Title>
            <List size="small" bordered locale={{ emptyText: tx('never') }} dataSource={r.contacts} renderItem={(c) => <List.Item><span>{c.contactedOn} · {label(CONTACT_WAY, c.way)}{c.note ? ` · ${c.note}` : ''} <Typography.Text type="secondary">（{c.recordedByName}）</Typography.Text></span></List.Item>} />
          </div>
          {canWrite && !r.returnedOn && (
            <>
              <Form form={form} layout="inline" initialValues={{ contactedOn: todayLocal(), way: 'phone' }} style={{ rowGap: 8 }}>
                <Form.Item name="contactedOn" rules={[{ required: true }]}><Input type="date" aria-label={tx('contactedOn')} /></Form.Item>
                <Form.Item name="way" rules={[{ required: true }]}><Select options={options(CONTACT_WAY)} style={{ width: 140 }} aria-label={tx('way')} /></Form.Item>
                <Form.Item name="note" style={{ flex: '1 1 160px' }}><Input maxLength={200} placeholder={tx('note')} /></Form.Item>
                <Button onClick={() => void addContact()} loading={contact.isPending} data-testid="mobile-add-contact">{tx('addContact')}</Button>
              </Form>
              <Space wrap>
                <Input type="date" value={returnedOn} onChange={(e) => setReturnedOn(e.target.value)} aria-label={tx('returnedOn')} style={{ width: 170 }} />
                <Popconfirm title={tx('return')} description={<div style={{ maxWidth: 260 }}>{tx('returnConfirm')}</div>} onConfirm={() => ret.mutateAsync({ returnedOn }).then(() => void message.success(tx('saved')), (e: unknown) => void message.error(errorMessage(e)))}>
                  <Button danger data-testid="mobile-return">{tx('return')}</Button>
                </Popconfirm>
              </Space>
            </>
          )}
        </Space>
      ) : null}
    </Drawer>
  );
}
