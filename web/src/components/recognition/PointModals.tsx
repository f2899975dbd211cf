import { DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { useAddVisit, useCreateContactPoint, useCreateDemoPoint, useEndPoint } from '../../api/recognition.ts';
import { OrgPicker } from '../OrgPicker.tsx';
import { useRecText } from './text.ts';

const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');
const notFuture = (d: dayjs.Dayjs) => d.isAfter(dayjs(), 'day');

/** The form's fields (those of the dialog shown are required by its rules). */
interface Values {
  orgId: number;
  leaderName: string;
  leaderPost: string;
  startedOn: dayjs.Dayjs;
  since: dayjs.Dayjs;
  visitedOn: dayjs.Dayjs;
  endedOn: dayjs.Dayjs;
  theme: string;
  content: string;
  reason: string;
  note?: string;
}

export type PointDialog =
  | { kind: 'contact' }
  | { kind: 'demo' }
  | { kind: 'visit'; id: number; name: string }
  | { kind: 'end'; what: 'contact' | 'demo'; id: number; name: string };

/** The dialogs of the contact-point tab: a new contact point, a visit, a demonstration point, or ending one. */
export function PointModal({ dialog, onClose }: { dialog: PointDialog | null; onClose: () => void }) {
  const tx = useRecText();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [error, setError] = useState<string | null>(null);
  const contact = useCreateContactPoint();
  const visit = useAddVisit();
  const demo = useCreateDemoPoint();
  const end = useEndPoint();
  const pending = contact.isPending || visit.isPending || demo.isPending || end.isPending;
  const done = {
    onSuccess: () => {
      form.resetFields();
      setError(null);
      onClose();
    },
    onError: (err: unknown) => setError(errorMessage(err)),
  };
  const submit = async () => {
    if (!dialog) return;
    const v = (await form.validateFields()) as unknown as Values;
    if (dialog.kind === 'contact') contact.mutate({ orgId: Number(v.orgId), leaderName: v.leaderName, leaderPost: v.leaderPost, startedOn: fmt(v.startedOn), note: v.note || null }, done);
    if (dialog.kind === 'demo') demo.mutate({ orgId: Number(v.orgId), theme: v.theme, since: fmt(v.since), note: v.note || null }, done);
    if (dialog.kind === 'visit') visit.mutate({ id: dialog.id, visitedOn: fmt(v.visitedOn), content: v.content }, done);
    if (dialog.kind === 'end') end.mutate({ id: dialog.id, what: dialog.what, endedOn: fmt(v.endedOn), reason: v.reason }, done);
  };
  const title = !dialog ? '' : dialog.kind === 'contact' ? tx('addPoint') : dialog.kind === 'demo' ? tx('addDemo') : dialog.kind === 'visit' ? `${tx('addVisit')}：${dialog.name}` : `${tx('end')}：${dialog.name}`;
  return (
    <Modal open={!!dialog} title={title} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={pending} okButtonProps={{ danger: dialog?.kind === 'end' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ startedOn: dayjs(), since: dayjs(), visitedOn: dayjs(), endedOn: dayjs() }}>
        {dialog?.kind === 'contact' && (
          <>
            <Form.Item name="orgId" label={tx('pointOrg')} rules={[{ required: true }]}>
              <OrgPicker id="point-org" />
            </Form.Item>
            <Form.Item name="leaderName" label={tx('leader')} rules={[{ required: true, min: 2 }]}>
              <Input maxLength={40} data-testid="leader-name" />
            </Form.Item>
            <Form.Item name="leaderPost" label={tx('leaderPost')} rules={[{ required: true, min: 2 }]}>
              <Input maxLength={80} placeholder="县委常委、组织部部长" data-testid="leader-post" />
            </Form.Item>
            <Form.Item name="startedOn" label={tx('startedOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'demo' && (
          <>
            <Form.Item name="orgId" label={tx('demoOrg')} rules={[{ required: true }]}>
              <OrgPicker id="demo-org" />
            </Form.Item>
            <Form.Item name="theme" label={tx('theme')} rules={[{ required: true, min: 2 }]}>
              <Input maxLength={100} placeholder="富民能人党建" />
            </Form.Item>
            <Form.Item name="since" label={tx('since')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
          </>
        )}
        {(dialog?.kind === 'contact' || dialog?.kind === 'demo') && (
          <Form.Item name="note" label={tx('note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
        {dialog?.kind === 'visit' && (
          <>
            <Form.Item name="visitedOn" label={tx('visitedOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
            <Form.Item name="content" label={tx('visitContent')} rules={[{ required: true, min: 4 }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'end' && (
          <>
            <Form.Item name="endedOn" label={tx('endedOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
            <Form.Item name="reason" label={tx('endReason')} rules={[{ required: true, min: 2 }]}>
              <Input maxLength={500} placeholder="职务调整" />
            </Form.Item>
          </>
        )}
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}
