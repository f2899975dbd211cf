import { App, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { errorMessage } from '../../api/client.ts';
import { useSaveManual, useSubmitSheet, type AsmSheet } from '../../api/assessment.ts';
import { useAsmText } from './text.ts';

interface Entry {
  points: number | null;
  evidence: string;
  links: string;
}

/** The organization's self-check: manual indicators scored with evidence (computed ones fill themselves), then submission. */
export function SelfCheckForm({ sheet }: { sheet: AsmSheet }) {
  const tx = useAsmText();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Record<string, Entry>>();
  const save = useSaveManual(sheet.id);
  const submit = useSubmitSheet(sheet.id);
  const manual = sheet.items.flatMap((i) => i.indicators).filter((i) => i.type === 'manual');
  const initial = Object.fromEntries(manual.map((i) => [i.key, { points: i.selfPoints, evidence: i.selfEvidence ?? '', links: i.links.join('\n') }]));

  const entries = (v: Record<string, Entry>) =>
    manual
      .filter((i) => v[i.key] && v[i.key]!.points !== null && v[i.key]!.points !== undefined)
      .map((i) => ({ key: i.key, points: v[i.key]!.points!, evidence: v[i.key]!.evidence ?? '', links: (v[i.key]!.links ?? '').split('\n').map((l) => l.trim()).filter(Boolean) }));

  const onSave = async () => {
    const v = await form.validateFields();
    await save.mutateAsync({ entries: entries(v) }).then(
      () => void message.success(tx('saved')),
      (err: unknown) => void message.error(errorMessage(err)),
    );
  };
  const onSubmit = async () => {
    const v = await form.validateFields();
    modal.confirm({
      title: tx('submit'),
      content: tx('submitConfirm'),
      okText: tx('submit'),
      cancelText: tx('cancel'),
      onOk: async () => {
        try {
          if (manual.length) await save.mutateAsync({ entries: entries(v) });
          await submit.mutateAsync(undefined);
        } catch (err) {
          void message.error(errorMessage(err));
        }
      },
    });
  };
  return (
    <Card size="small" title={tx('manual')} data-testid="self-check">
      <Form form={form} layout="vertical" initialValues={initial}>
        {manual.map((i) => (
          <div key={i.key} style={{ borderBottom: '1px solid #f0f0f0', marginBottom: 12 }}>
            <Typography.Text strong>{`${i.name}（${tx('full')} ${i.full}）`}</Typography.Text>
            {i.guide && <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{i.guide}</Typography.Paragraph>}
            <Space wrap align="start" style={{ width: '100%' }}>
              <Form.Item name={[i.key, 'points']} label={tx('selfPoints')} rules={[{ required: true }]}>
                <InputNumber min={0} max={i.full} step={0.5} data-testid={`self-points-${i.key}`} />
              </Form.Item>
              <Form.Item name={[i.key, 'evidence']} label={tx('evidenceText')} extra={tx('evidenceHint')} rules={[{ required: true, min: 4 }]} style={{ minWidth: 280, flex: 1 }}>
                <Input.TextArea rows={2} maxLength={2000} data-testid={`self-evidence-${i.key}`} />
              </Form.Item>
              <Form.Item name={[i.key, 'links']} label={tx('links')} extra={tx('linksHint')} style={{ minWidth: 220 }}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </Space>
          </div>
        ))}
        <Space wrap>
          {manual.length > 0 && (
            <Button onClick={() => void onSave()} loading={save.isPending} data-testid="self-save">
              {tx('save')}
            </Button>
          )}
          <Button type="primary" onClick={() => void onSubmit().catch(() => undefined)} loading={submit.isPending} data-testid="self-submit">
            {tx('submit')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
