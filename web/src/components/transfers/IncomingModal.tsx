import { Alert, App, Checkbox, Col, Form, Input, Modal, Row } from 'antd';
import { useState } from 'react';
import { useIncomingTransfer, type IncomingTransferBody } from '../../api/transfers.ts';
import { OrgPicker } from '../OrgPicker.tsx';
import { showApiError } from '../development/formErrors.ts';
import { useTransferText } from './text.ts';

const FIELDS = ['toOrgId', 'fromOrgName', 'letterNumber', 'issuedOn', 'validUntil', 'memberName', 'duesPaidUntil'];

/** A letter from outside the system: the receiving organization registers it, then confirms the member later. */
export function IncomingModal({ open, orgId, orgName, onClose, onCreated }: { open: boolean; orgId: number; orgName: string | undefined; onClose: () => void; onCreated: (id: number) => void }) {
  const tx = useTransferText();
  const { message } = App.useApp();
  const [form] = Form.useForm<IncomingTransferBody>();
  const incoming = useIncomingTransfer();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    incoming.mutate(
      { ...v, validUntil: v.validUntil || undefined, duesPaidUntil: v.duesPaidUntil || undefined },
      {
        onSuccess: (t) => {
          void message.success(tx('created'));
          form.resetFields();
          onClose();
          onCreated(t.id);
        },
        onError: (err) => setError(showApiError(form, err, FIELDS)),
      },
    );
  };
  return (
    <Modal open={open} title={tx('incomingTitle')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} confirmLoading={incoming.isPending} width={600} destroyOnHidden data-testid="transfer-incoming-modal">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ toOrgId: orgId, crossProvince: false }}>
        <Form.Item name="toOrgId" label={tx('to')} rules={[{ required: true }]}>
          <OrgPicker initial={orgName ? { id: orgId, name: orgName } : undefined} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="memberName" label={tx('memberName')} rules={[{ required: true, min: 2, max: 30 }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="fromOrgName" label={tx('fromOrgName')} rules={[{ required: true, max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="letterNumber" label={tx('letterNumber')} rules={[{ required: true, max: 50 }]}>
              <Input maxLength={50} placeholder="如：某组介〔2026〕第0012号" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="issuedOn" label={tx('issuedOn')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="validUntil" label={tx('validUntilOptional')}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="duesPaidUntil" label={tx('duesPaidUntil')} rules={[{ pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: 'YYYY-MM' }]}>
              <Input type="month" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="crossProvince" valuePropName="checked">
          <Checkbox>{tx('crossProvince')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
