import { Alert, App, Checkbox, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useRequestTransfer } from '../../api/transfers.ts';
import { showApiError } from '../development/formErrors.ts';
import { ReceivingOrgSelect } from './ReceivingOrgSelect.tsx';
import { useTransferText } from './text.ts';

interface Values {
  destination: 'in' | 'out';
  toOrgCode?: string;
  toOrgName?: string;
  toOrgAddress?: string;
  crossProvince?: boolean;
  reason: string;
}

/** A member asks for their own transfer; their organization then processes the request. */
export function RequestTransferModal({ memberId, open, onClose, onCreated }: { memberId: number; open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const tx = useTransferText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const destination = Form.useWatch('destination', form);
  const request = useRequestTransfer(memberId);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const dest = v.destination === 'in' ? { toOrgCode: v.toOrgCode } : { toOrgName: v.toOrgName, toOrgAddress: v.toOrgAddress || undefined, crossProvince: !!v.crossProvince };
    request.mutate(
      { ...dest, reason: v.reason },
      {
        onSuccess: (t) => {
          void message.success(tx('created'));
          form.resetFields();
          onClose();
          onCreated(t.id);
        },
        onError: (err) => setError(showApiError(form, err, ['toOrgCode', 'toOrgName', 'reason'])),
      },
    );
  };
  return (
    <Modal open={open} title={tx('requestTitle')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} confirmLoading={request.isPending} destroyOnHidden data-testid="transfer-request-modal">
      <Typography.Paragraph type="secondary">{tx('requestHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ destination: 'in' }}>
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
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="toOrgAddress" label={tx('toOrgAddress')} rules={[{ max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="crossProvince" valuePropName="checked">
              <Checkbox>{tx('crossProvince')}</Checkbox>
            </Form.Item>
          </>
        )}
        <Form.Item name="reason" label={tx('reason')} rules={[{ required: true, max: 200 }]}>
          <Input maxLength={200} placeholder="如：工作调动、搬迁居住" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
