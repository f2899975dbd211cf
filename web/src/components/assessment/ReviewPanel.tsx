import { App, Button, Card, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { useFinalize, useRecompute, useReturnSheet, useReview, type AsmSheet } from '../../api/assessment.ts';
import { useAsmText } from './text.ts';

interface Adj {
  points: number | null;
  reason: string;
}

/** Review by the level above: recompute, adjust manual scores with a reason, return, finalize — each confirmed. */
export function ReviewPanel({ sheet }: { sheet: AsmSheet }) {
  const tx = useAsmText();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ comment?: string; adj: Record<string, Adj> }>();
  const review = useReview(sheet.id);
  const recompute = useRecompute(sheet.id);
  const ret = useReturnSheet(sheet.id);
  const finalize = useFinalize(sheet.id);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const manual = sheet.items.flatMap((i) => i.indicators).filter((i) => i.type === 'manual');
  const fail = (err: unknown) => void message.error(errorMessage(err));
  const confirm = (title: string, content: string, run: () => Promise<unknown>) => modal.confirm({ title, content, okText: title, cancelText: tx('cancel'), onOk: () => run().catch(fail) });

  const onReview = async () => {
    const v = await form.validateFields();
    const adjustments = manual
      .map((i) => ({ i, a: v.adj?.[i.key] }))
      .filter(({ i, a }) => a && a.points !== null && a.points !== undefined && a.points !== (i.reviewPoints ?? i.selfPoints))
      .map(({ i, a }) => ({ key: i.key, points: a!.points!, reason: a!.reason ?? '' }));
    confirm(tx('review'), tx('reviewConfirm'), () => review.mutateAsync({ adjustments, comment: v.comment || null }));
  };

  return (
    <Card size="small" title={tx('reviewTitle')} data-testid="review-panel">
      <Typography.Paragraph type="secondary">{tx('reviewHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ comment: sheet.reviewComment ?? '', adj: Object.fromEntries(manual.map((i) => [i.key, { points: i.reviewPoints ?? i.selfPoints, reason: i.reviewReason ?? '' }])) }}>
        {manual.map((i) => (
          <Space key={i.key} wrap align="start" style={{ width: '100%' }}>
            <Form.Item name={['adj', i.key, 'points']} label={`${i.name}（${tx('selfPoints')} ${i.selfPoints ?? '—'} / ${i.full}）`}>
              <InputNumber min={0} max={i.full} step={0.5} data-testid={`review-points-${i.key}`} />
            </Form.Item>
            <Form.Item
              name={['adj', i.key, 'reason']}
              label={tx('reviewReason')}
              style={{ minWidth: 260, flex: 1 }}
              dependencies={[['adj', i.key, 'points']]}
              rules={[({ getFieldValue }) => ({ validator: (_, v: string) => (getFieldValue(['adj', i.key, 'points']) !== (i.reviewPoints ?? i.selfPoints) && (!v || v.trim().length < 2) ? Promise.reject(new Error(tx('reviewReason'))) : Promise.resolve()) })]}
            >
              <Input data-testid={`review-reason-${i.key}`} />
            </Form.Item>
          </Space>
        ))}
        <Form.Item name="comment" label={tx('comment')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="review-comment" />
        </Form.Item>
        <Space wrap>
          <Button onClick={() => confirm(tx('recompute'), tx('recomputeConfirm'), () => recompute.mutateAsync(undefined))} loading={recompute.isPending} data-testid="recompute">
            {tx('recompute')}
          </Button>
          <Button type="primary" onClick={() => void onReview()} loading={review.isPending} data-testid="review-save">
            {tx('review')}
          </Button>
          {sheet.state === 'reviewed' && (
            <Button type="primary" style={{ background: '#52c41a' }} onClick={() => confirm(tx('finalize'), tx('finalizeConfirm'), () => finalize.mutateAsync(undefined))} loading={finalize.isPending} data-testid="finalize">
              {tx('finalize')}
            </Button>
          )}
          <Button danger onClick={() => setReturning(true)} data-testid="return">
            {tx('returnSheet')}
          </Button>
        </Space>
      </Form>
      <Modal
        open={returning}
        title={tx('returnSheet')}
        okText={tx('returnSheet')}
        cancelText={tx('cancel')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        onCancel={() => setReturning(false)}
        onOk={() => ret.mutateAsync(reason).then(() => setReturning(false), fail)}
        destroyOnHidden
      >
        <Input.TextArea rows={3} placeholder={tx('returnReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Card>
  );
}
