import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { DEV_CLOSE_KIND } from '../../../../src/shared/enums.ts';
import { useCloseCase, useExtendProbation, type DevCase } from '../../api/development.ts';
import { useLabel } from '../../labels.ts';
import { showApiError } from './formErrors.ts';
import { useDevText } from './text.ts';

type Kind = (typeof DEV_CLOSE_KIND.values)[number];

/** Extending probation (once, 6–12 months) and closing a case, each behind a confirming dialog. */
export function CaseActions({ c }: { c: DevCase }) {
  const tx = useDevText();
  const label = useLabel();
  const { modal } = App.useApp();
  const [dialog, setDialog] = useState<'extend' | 'close' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [extendForm] = Form.useForm<{ decidedOn: string; months: number; reason: string }>();
  const [closeForm] = Form.useForm<{ closedOn: string; kind: Kind; reason: string }>();
  const extend = useExtendProbation(c.id);
  const close = useCloseCase(c.id);
  const admitted = c.stage === 'probationary';
  const kinds: Kind[] = admitted ? ['probation_cancelled'] : ['withdrawn', 'rejected'];
  if (c.status !== 'open' || c.stage === 'full') return null;
  const done = () => {
    setDialog(null);
    setError(null);
  };
  const today = dayjs().format('YYYY-MM-DD');

  return (
    <Space wrap>
      {admitted && c.probationExtensionMonths === null && (
        <Button onClick={() => setDialog('extend')} data-testid="dev-extend">
          {tx('extend')}
        </Button>
      )}
      <Button danger onClick={() => setDialog('close')} data-testid="dev-close">
        {tx('close')}
      </Button>
      <Modal
        open={dialog === 'extend'}
        title={tx('extend')}
        onCancel={done}
        confirmLoading={extend.isPending}
        onOk={() =>
          void extendForm.validateFields().then((v) => extend.mutate({ ...v, documents: [] }, { onSuccess: done, onError: (err) => setError(showApiError(extendForm, err, ['decidedOn', 'months', 'reason'])) }))
        }
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={extendForm} layout="vertical" initialValues={{ decidedOn: today, months: 6 }}>
          <Form.Item name="decidedOn" label={tx('decidedOn')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="months" label={tx('extendMonths')} rules={[{ required: true }]}>
            <InputNumber min={1} max={24} />
          </Form.Item>
          <Form.Item name="reason" label={tx('reason')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={dialog === 'close'}
        title={tx('close')}
        onCancel={done}
        okButtonProps={{ danger: true }}
        confirmLoading={close.isPending}
        onOk={() =>
          void closeForm.validateFields().then((v) => {
            modal.confirm({
              title: tx('closeConfirm'),
              okButtonProps: { danger: true },
              onOk: () => close.mutate(v, { onSuccess: done, onError: (err) => setError(showApiError(closeForm, err, ['closedOn', 'kind', 'reason'])) }),
            });
          })
        }
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={closeForm} layout="vertical" initialValues={{ closedOn: today, kind: kinds[0] }}>
          <Form.Item name="kind" label={tx('closeKind')} rules={[{ required: true }]}>
            <Select options={kinds.map((k) => ({ value: k, label: label(DEV_CLOSE_KIND, k) }))} />
          </Form.Item>
          <Form.Item name="closedOn" label={tx('closedOn')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="reason" label={tx('reason')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
