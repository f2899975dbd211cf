import { Alert, Checkbox, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { EDUCATION, GENDER, MEMBER_CATEGORY } from '../../../../src/shared/enums.ts';
import { useCreateCase, type CreateCaseBody } from '../../api/development.ts';
import { useCodeOptions } from '../../labels.ts';
import { OrgPicker } from '../OrgPicker.tsx';
import { documentsFromText, showApiError } from './formErrors.ts';
import { useDevText } from './text.ts';

interface Values extends Omit<CreateCaseBody, 'documents'> {
  documentsText?: string;
}

const FIELDS = ['orgId', 'trainingOrgId', 'name', 'gender', 'idNumber', 'education', 'category', 'isLeagueMember', 'workUnit', 'phone', 'appliedOn'];

/** Register an application (step 1): the applicant, the admitting and (optionally) the training organization. */
export function NewCaseModal({ open, orgId, orgName, onClose, onCreated }: { open: boolean; orgId: number; orgName: string | undefined; onClose: () => void; onCreated: (id: number) => void }) {
  const tx = useDevText();
  const options = useCodeOptions();
  const [form] = Form.useForm<Values>();
  const create = useCreateCase();
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const { documentsText, ...rest } = v;
    create.mutate(
      { ...rest, documents: documentsFromText(documentsText ?? '入党申请书') },
      {
        onSuccess: (c) => {
          form.resetFields();
          onClose();
          onCreated(c.id);
        },
        onError: (err) => setError(showApiError(form, err, FIELDS)),
      },
    );
  };

  return (
    <Modal open={open} title={tx('newCase')} onCancel={onClose} onOk={() => void submit()} okText={tx('submit')} confirmLoading={create.isPending} width={640} destroyOnHidden data-testid="dev-new-modal">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="dev-new-error" />}
      <Form form={form} layout="vertical" initialValues={{ orgId, gender: 'male', education: 'high_school', category: 'farmer', isLeagueMember: false, documentsText: '入党申请书' }}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="orgId" label={tx('org')} rules={[{ required: true }]}>
              <OrgPicker initial={orgName ? { id: orgId, name: orgName } : undefined} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="trainingOrgId" label={tx('trainingOrg')} tooltip={tx('jointHint')}>
              <OrgPicker />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={tx('name')} rules={[{ required: true, min: 2, max: 30 }]}>
              <Input maxLength={30} data-testid="dev-new-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="gender" label={tx('gender')} rules={[{ required: true }]}>
              <Select options={options(GENDER)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="idNumber" label={tx('idNumber')} extra={tx('idNumberHint')} rules={[{ required: true, pattern: /^\d{17}[\dXx]$/ }]}>
              <Input maxLength={18} className="mono" data-testid="dev-new-id" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="appliedOn" label={tx('appliedOn')} rules={[{ required: true }]}>
              <Input type="date" data-testid="dev-new-applied" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="education" label={tx('education')} rules={[{ required: true }]}>
              <Select options={options(EDUCATION)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="category" label={tx('category')}>
              <Select options={options(MEMBER_CATEGORY)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="workUnit" label={tx('workUnit')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={tx('phone')} rules={[{ pattern: /^[0-9+\- ]{7,20}$/ }]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="isLeagueMember" valuePropName="checked">
              <Checkbox>{tx('league')}</Checkbox>
            </Form.Item>
            <Form.Item name="documentsText" label={tx('documents')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
