import { DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { usePlanMeeting, type MeetingKind } from '../../api/orglife.ts';
import { useMembers } from '../../api/queries.ts';
import { ORGLIFE_KIND } from '../../../../src/shared/enums.ts';
import { OrgPicker } from '../OrgPicker.tsx';
import { useLabel, useOlText } from './text.ts';

interface Values {
  orgId: number;
  kind: MeetingKind;
  topic: string;
  plannedOn: dayjs.Dayjs;
  startsAt?: string;
  place?: string;
  notice?: string;
  noticeSentOn?: dayjs.Dayjs | null;
  participantIds?: number[];
}

/** Plan a meeting and its notice; those entitled to attend come from the register, never typed. */
export function PlanMeetingModal({ open, orgId, orgName, onClose, onCreated }: { open: boolean; orgId: number; orgName: string | undefined; onClose: () => void; onCreated: (id: number) => void }) {
  const tx = useOlText();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const plan = usePlanMeeting();
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const chosenOrg = Form.useWatch('orgId', form) ?? orgId;
  const members = useMembers({ orgId: chosenOrg, q: '', status: '' }, open && kind === 'talk');
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    plan.mutate(
      {
        orgId: v.orgId,
        kind: v.kind,
        topic: v.topic,
        plannedOn: v.plannedOn.format('YYYY-MM-DD'),
        startsAt: v.startsAt || null,
        place: v.place || null,
        notice: v.notice || null,
        noticeSentOn: v.noticeSentOn ? v.noticeSentOn.format('YYYY-MM-DD') : null,
        ...(v.kind === 'talk' ? { participantIds: v.participantIds ?? [] } : {}),
      },
      {
        onSuccess: (m) => {
          form.resetFields();
          onClose();
          onCreated(m.id);
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  };
  return (
    <Modal open={open} title={tx('newMeeting')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={plan.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'plan-save' } as React.ComponentProps<typeof Modal>['okButtonProps']}>
      <Form form={form} layout="vertical" initialValues={{ orgId, kind: 'member_meeting', plannedOn: dayjs(), startsAt: '19:30', noticeSentOn: dayjs() }}>
        <Form.Item name="orgId" label={tx('org')} rules={[{ required: true }]}>
          <OrgPicker value={orgId} initial={orgName ? { id: orgId, name: orgName } : undefined} onChange={(id) => form.setFieldValue('orgId', id)} id="plan-org" />
        </Form.Item>
        <Form.Item name="kind" label={tx('kind')} rules={[{ required: true }]}>
          <Select data-testid="plan-kind" options={ORGLIFE_KIND.values.map((k) => ({ value: k, label: label(ORGLIFE_KIND.table[k], k) }))} />
        </Form.Item>
        <Form.Item name="topic" label={tx('topic')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} data-testid="plan-topic" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="plannedOn" label={tx('plannedOn')} rules={[{ required: true }]} style={{ flex: '1 1 160px' }}>
            <DatePicker style={{ width: '100%' }} data-testid="plan-date" />
          </Form.Item>
          <Form.Item name="startsAt" label={tx('startsAt')} rules={[{ pattern: /^[0-2]\d:[0-5]\d$/, message: 'HH:mm' }]} style={{ flex: '1 1 100px' }}>
            <Input placeholder="19:30" />
          </Form.Item>
        </div>
        <Form.Item name="place" label={tx('place')}>
          <Input maxLength={200} />
        </Form.Item>
        {kind === 'talk' ? (
          <Form.Item name="participantIds" label={tx('participants')} extra={tx('participantsHint')} rules={[{ required: true, type: 'array', min: 2 }]}>
            <Select mode="multiple" loading={members.isPending} options={(members.data?.pages[0]?.items ?? []).map((m) => ({ value: m.id, label: m.name }))} optionFilterProp="label" />
          </Form.Item>
        ) : (
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {tx('invitedHint')}
          </Typography.Paragraph>
        )}
        <Form.Item name="notice" label={tx('notice')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="noticeSentOn" label={tx('noticeSentOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {error && (
          <Typography.Text type="danger" data-testid="plan-error">
            {error}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
