import { Alert, App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { EDUCATION, GENDER, MEMBER_CATEGORY } from '../../../../src/shared/enums.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useTransferAction, type ConfirmBody, type TransferDetail } from '../../api/transfers.ts';
import { useCodeOptions } from '../../labels.ts';
import { useTransferText } from './text.ts';

type Values = NonNullable<ConfirmBody['member']>;

/** Confirming a letter from outside the system registers the member with their full registry data. */
export function RegisterMemberModal({ open, transfer, onClose }: { open: boolean; transfer: TransferDetail; onClose: () => void }) {
  const tx = useTransferText();
  const options = useCodeOptions();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const act = useTransferAction(transfer.id);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    act.mutate(
      { action: 'confirm', body: { member: { ...v, fullMemberOn: v.fullMemberOn || null, phone: v.phone || null } } },
      {
        onSuccess: () => {
          void message.success(tx('actionDone', { action: tx('a_confirm') }));
          onClose();
        },
        onError: (err) => {
          if (err instanceof ApiError) form.setFields(err.fieldErrors.filter((f) => f.field.startsWith('member.')).map((f) => ({ name: f.field.slice(7).split('.'), errors: [f.message] })));
          setError(errorMessage(err));
        },
      },
    );
  };
  const field = (name: keyof Values, label: string, node: React.ReactNode, required = true) => (
    <Col xs={24} sm={12}>
      <Form.Item name={name} label={label} rules={required ? [{ required: true }] : []}>
        {node}
      </Form.Item>
    </Col>
  );
  return (
    <Modal open={open} title={tx('registerTitle')} onCancel={onClose} onOk={() => void submit()} okText={tx('a_confirm')} confirmLoading={act.isPending} width={640} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ name: transfer.memberName, gender: 'male', education: 'high_school', category: 'farmer' }}>
        <Row gutter={12}>
          {field('name', tx('memberName'), <Input maxLength={30} />)}
          {field('gender', tx('gender'), <Select options={options(GENDER)} />)}
          {field('idNumber', tx('idNumber'), <Input maxLength={18} className="mono" />)}
          {field('education', tx('education'), <Select options={options(EDUCATION)} />)}
          {field('category', tx('category'), <Select options={options(MEMBER_CATEGORY)} />)}
          {field('joinedOn', tx('joinedOn'), <Input type="date" />)}
          {field('fullMemberOn', tx('fullMemberOn'), <Input type="date" />, false)}
          {field('phone', tx('phone'), <Input maxLength={20} />, false)}
        </Row>
      </Form>
    </Modal>
  );
}
