import { Alert, App, Checkbox, Col, Form, Input, Modal, Row } from 'antd';
import { useState } from 'react';
import { useRegisterInflow, useRegisterOutflow } from '../../api/transfers.ts';
import { todayLocal } from './dates.ts';
import { OrgPicker } from '../OrgPicker.tsx';
import { showApiError } from '../development/formErrors.ts';
import { MemberSelect } from '../transfers/MemberSelect.tsx';
import { useMobileText } from './text.ts';

const FIELDS = ['memberId', 'orgId', 'personName', 'place', 'since', 'phone', 'reason', 'hostOrgName', 'homeOrgName', 'certificateNo'];

/** Register an outflow (a member of ours away) or an inflow (a member from elsewhere active here). */
export function RegisterModal({ direction, open, orgId, orgName, onClose }: { direction: 'outflow' | 'inflow'; open: boolean; orgId: number; orgName: string | undefined; onClose: () => void }) {
  const tx = useMobileText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, string | number | boolean | undefined>>();
  const out = useRegisterOutflow();
  const inn = useRegisterInflow();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = Object.fromEntries(Object.entries(await form.validateFields()).filter(([, x]) => x !== '' && x !== undefined));
    setError(null);
    try {
      if (direction === 'outflow') await out.mutateAsync(v as never);
      else await inn.mutateAsync(v as never);
      void message.success(tx('saved'));
      form.resetFields();
      onClose();
    } catch (err) {
      setError(showApiError(form, err, FIELDS));
    }
  };
  const col = (node: React.ReactNode) => <Col xs={24} sm={12}>{node}</Col>;
  return (
    <Modal open={open} title={tx(direction === 'outflow' ? 'registerOut' : 'registerIn')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} confirmLoading={out.isPending || inn.isPending} width={620} destroyOnHidden data-testid="mobile-register-modal">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ orgId, since: todayLocal(), hostIsTemporary: false }}>
        <Row gutter={12}>
          {direction === 'outflow'
            ? col(<Form.Item name="memberId" label={tx('member')} rules={[{ required: true }]}><MemberSelect orgId={orgId} /></Form.Item>)
            : (
              <>
                {col(<Form.Item name="orgId" label={tx('org')} rules={[{ required: true }]}><OrgPicker initial={orgName ? { id: orgId, name: orgName } : undefined} /></Form.Item>)}
                {col(<Form.Item name="personName" label={tx('name')} rules={[{ required: true, min: 2, max: 30 }]}><Input maxLength={30} /></Form.Item>)}
                {col(<Form.Item name="homeOrgName" label={tx('homeOrg')} rules={[{ required: true, max: 100 }]}><Input maxLength={100} /></Form.Item>)}
              </>
            )}
          {col(<Form.Item name="place" label={tx(direction === 'outflow' ? 'place' : 'placeFrom')} rules={[{ required: true, max: 100 }]}><Input maxLength={100} placeholder="如：广东省深圳市南山区" data-testid="mobile-place" /></Form.Item>)}
          {col(<Form.Item name="since" label={tx(direction === 'outflow' ? 'since' : 'sinceIn')} rules={[{ required: true }]}><Input type="date" /></Form.Item>)}
          {col(<Form.Item name="phone" label={tx('phone')} rules={[{ pattern: /^[0-9+\- ]{7,20}$/ }]}><Input maxLength={20} /></Form.Item>)}
          {col(<Form.Item name="reason" label={tx('reason')} rules={[{ max: 100 }]}><Input maxLength={100} placeholder="务工、经商、求学……" /></Form.Item>)}
          {direction === 'outflow' && col(<Form.Item name="hostOrgName" label={tx('host')} rules={[{ max: 100 }]}><Input maxLength={100} /></Form.Item>)}
          {direction === 'outflow' && col(<Form.Item name="hostIsTemporary" valuePropName="checked" label=" "><Checkbox>{tx('hostTemporary')}</Checkbox></Form.Item>)}
          {col(<Form.Item name="certificateNo" label={tx('certificate')} rules={[{ max: 40 }]}><Input maxLength={40} /></Form.Item>)}
        </Row>
      </Form>
    </Modal>
  );
}
