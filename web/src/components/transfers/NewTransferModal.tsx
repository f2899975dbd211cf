import { Alert, App, Checkbox, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useBatchTransfer, useCreateTransfer } from '../../api/transfers.ts';
import { showApiError } from '../development/formErrors.ts';
import { MemberSelect } from './MemberSelect.tsx';
import { ReceivingOrgSelect } from './ReceivingOrgSelect.tsx';
import { useTransferText } from './text.ts';

interface Values {
  memberIds: number[];
  destination: 'in' | 'out';
  toOrgCode?: string;
  toOrgName?: string;
  toOrgAddress?: string;
  crossProvince?: boolean;
  reason?: string;
  duesPaidUntil?: string;
  submit: boolean;
}

/** New transfer for one member, or a batch (several members, one letter each, all or nothing). */
export function NewTransferModal({ open, orgId, onClose, onCreated }: { open: boolean; orgId: number; onClose: () => void; onCreated: (id: number | null) => void }) {
  const tx = useTransferText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const destination = Form.useWatch('destination', form);
  const create = useCreateTransfer();
  const batch = useBatchTransfer();
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const dest = v.destination === 'in' ? { toOrgCode: v.toOrgCode } : { toOrgName: v.toOrgName, toOrgAddress: v.toOrgAddress || undefined, crossProvince: !!v.crossProvince };
    const common = { ...dest, reason: v.reason || undefined, submit: v.submit };
    const fields = ['toOrgCode', 'toOrgName', 'toOrgAddress', 'reason', 'duesPaidUntil'];
    try {
      if (v.memberIds.length === 1) {
        const t = await create.mutateAsync({ memberId: v.memberIds[0]!, ...common, duesPaidUntil: v.duesPaidUntil || undefined });
        void message.success(tx('created'));
        onCreated(t.id);
      } else {
        const r = await batch.mutateAsync({ memberIds: v.memberIds, ...common });
        void message.success(tx('batchCreated', { count: r.items.length }));
        onCreated(null);
      }
      form.resetFields();
      onClose();
    } catch (err) {
      // A refused batch names every member with a problem: show them all, one per line.
      const perMember = err instanceof ApiError ? err.fieldErrors.filter((f) => f.field.startsWith('memberIds.')) : [];
      setError(perMember.length > 1 ? perMember.map((f) => f.message).join('\n') : showApiError(form, err, fields));
    }
  };

  return (
    <Modal open={open} title={tx('newTransfer')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} confirmLoading={create.isPending || batch.isPending} width={600} destroyOnHidden data-testid="transfer-new-modal">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} data-testid="transfer-new-error" />}
      <Form form={form} layout="vertical" initialValues={{ destination: 'in', submit: true, memberIds: [] }}>
        <Form.Item name="memberIds" label={tx('members')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <MemberSelect multiple orgId={orgId} placeholder={tx('membersPlaceholder')} />
        </Form.Item>
        <Form.Item name="destination" label={tx('destination')}>
          <Radio.Group optionType="button" options={[{ value: 'in', label: tx('inSystem') }, { value: 'out', label: tx('outSystem') }]} />
        </Form.Item>
        {destination !== 'out' ? (
          <Form.Item name="toOrgCode" label={tx('to')} rules={[{ required: true }]}>
            <ReceivingOrgSelect placeholder={tx('toOrgPlaceholder')} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="toOrgName" label={tx('toOrgName')} rules={[{ required: true, max: 100 }]}>
              <Input maxLength={100} data-testid="transfer-out-name" />
            </Form.Item>
            <Form.Item name="toOrgAddress" label={tx('toOrgAddress')} rules={[{ max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="crossProvince" valuePropName="checked">
              <Checkbox>{tx('crossProvince')}</Checkbox>
            </Form.Item>
          </>
        )}
        <Form.Item name="reason" label={tx('reason')} rules={[{ max: 200 }]}>
          <Input maxLength={200} placeholder="如：工作调动、毕业离校、外出务工" data-testid="transfer-reason" />
        </Form.Item>
        <Form.Item name="duesPaidUntil" label={tx('duesPaidUntil')} extra={tx('duesHint')} rules={[{ pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: 'YYYY-MM' }]}>
          <Input type="month" style={{ maxWidth: 200 }} />
        </Form.Item>
        <Form.Item name="submit" valuePropName="checked">
          <Checkbox data-testid="transfer-submit-now">{tx('submitNow')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
