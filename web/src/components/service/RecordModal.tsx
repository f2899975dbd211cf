import { DatePicker, Form, Input, InputNumber, Modal, Select, Typography, type ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { SERVICE_RECORD_KIND } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useCandidates, useCreateRecord } from '../../api/service.ts';
import { useCodeOptions } from '../../labels.ts';
import { useSvcText } from './text.ts';

interface Values {
  memberId: number | 0;
  occurredOn: dayjs.Dayjs;
  kind: string;
  whom: string;
  matter: string;
  result?: string;
  hours?: number | null;
}

/**
 * 登记记实. Staff pick a member of the organization (or none: the organization's own record); a
 * member signed in records for themself (`selfMemberId`), with no picker.
 */
export function RecordModal({ open, onClose, orgId, selfMemberId, defaultMemberId }: { open: boolean; onClose: () => void; orgId: number; selfMemberId?: number; defaultMemberId?: number | undefined }) {
  const tx = useSvcText();
  const options = useCodeOptions();
  const [form] = Form.useForm<Values>();
  const cands = useCandidates(orgId, open && !selfMemberId);
  const create = useCreateRecord();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const memberId = selfMemberId ?? (v.memberId || null);
    create.mutate(
      { memberId, orgId: memberId ? null : orgId, occurredOn: v.occurredOn.format('YYYY-MM-DD'), kind: v.kind as 'visit', whom: v.whom, matter: v.matter, result: v.result || null, hours: v.hours ?? null },
      { onSuccess: () => (form.resetFields(), onClose()), onError: (e) => setError(errorMessage(e)) },
    );
  };
  return (
    <Modal open={open} title={tx('newRecord')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={create.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'record-save' } as ButtonProps}>
      <Form form={form} layout="vertical" initialValues={{ memberId: defaultMemberId ?? 0, occurredOn: dayjs().startOf('day'), kind: 'visit' }}>
        {!selfMemberId && (
          <Form.Item name="memberId" label={tx('member')}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={cands.isPending}
              options={[{ value: 0, label: tx('forOrg') }, ...(cands.data?.items ?? []).map((c) => ({ value: c.memberId, label: `${c.name}（${c.orgName}）` }))]}
              data-testid="record-member"
            />
          </Form.Item>
        )}
        <Form.Item name="occurredOn" label={tx('date')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="kind" label={tx('kind')} rules={[{ required: true }]}>
          <Select options={options(SERVICE_RECORD_KIND)} data-testid="record-kind" />
        </Form.Item>
        <Form.Item name="whom" label={tx('whom')} extra={tx('whomHint')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="record-whom" />
        </Form.Item>
        <Form.Item name="matter" label={tx('matter')} rules={[{ required: true, max: 1000 }]}>
          <Input.TextArea rows={2} data-testid="record-matter" />
        </Form.Item>
        <Form.Item name="result" label={tx('result')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="hours" label={tx('hours')}>
          <InputNumber min={0.5} max={240} step={0.5} style={{ width: '100%' }} />
        </Form.Item>
        {error && <Typography.Text type="danger" data-testid="service-error">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}
