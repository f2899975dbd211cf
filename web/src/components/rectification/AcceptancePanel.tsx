import { App, Button, Card, Form, Input, Radio, Space, Timeline, Typography } from 'antd';
import { RECT_ACCEPTANCE } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useAcceptance, type Entry } from '../../api/rectification.ts';
import { useLabel } from '../../labels.ts';
import { useRectText } from './text.ts';

/** Acceptance reviews so far and, for the level above while the entry is open, the form with its confirmation. */
export function AcceptancePanel({ entry, canReview }: { entry: Entry; canReview: boolean }) {
  const tx = useRectText();
  const label = useLabel();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<{ result: 'pass' | 'fail'; comment: string }>();
  const accept = useAcceptance(entry.id);
  const open = entry.state === 'listed';
  const submit = async () => {
    const v = await form.validateFields();
    modal.confirm({
      title: v.result === 'pass' ? tx('acceptConfirmPass') : tx('acceptConfirmFail'),
      okText: tx('ok'),
      cancelText: tx('cancel'),
      okButtonProps: { danger: v.result === 'pass' },
      onOk: () =>
        accept.mutateAsync({ result: v.result, comment: v.comment }).then(
          () => form.resetFields(),
          (err: unknown) => void message.error(errorMessage(err)),
        ),
    });
  };
  return (
    <Card size="small" title={tx('acceptance')} data-testid="acceptance">
      <Typography.Paragraph type="secondary">{tx('acceptanceHint')}</Typography.Paragraph>
      {entry.acceptances.length > 0 && (
        <Timeline
          items={entry.acceptances.map((a) => ({
            color: a.result === 'pass' ? 'green' : 'red',
            content: (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{`${a.on} ${label(RECT_ACCEPTANCE, a.result)}`}</Typography.Text>
                <span>{a.comment}</span>
                <Typography.Text type="secondary">{`${tx('reviewer')}：${a.reviewerOrgName} ${a.reviewerName}`}</Typography.Text>
              </Space>
            ),
          }))}
        />
      )}
      {open && canReview && (
        <Form form={form} layout="vertical" initialValues={{ result: 'pass' }}>
          <Form.Item name="result" label={tx('result')}>
            <Radio.Group optionType="button" options={[{ value: 'pass', label: tx('pass') }, { value: 'fail', label: tx('fail') }]} />
          </Form.Item>
          <Form.Item name="comment" label={tx('comment')} rules={[{ required: true, min: 2, message: tx('required') }]}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="acceptance-comment" />
          </Form.Item>
          <Button type="primary" onClick={() => void submit()} loading={accept.isPending} data-testid="submit-acceptance">
            {tx('submitAcceptance')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
