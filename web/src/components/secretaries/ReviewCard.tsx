import { App, Button, Card, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import { SECRETARY_RATING } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useRateReport, type Rating, type Report } from '../../api/secretaries.ts';
import { useCodeOptions, useLabel } from '../../labels.ts';
import { RatingTag } from './RatingTag.tsx';
import { useSecText } from './text.ts';

interface Values {
  rating: Rating;
  comment: string;
  good?: number | null;
  fairly_good?: number | null;
  average?: number | null;
  poor?: number | null;
}

/** The level above's review: the rating given, or the form (rating, comment, optional vote counts) with its confirmation. */
export function ReviewCard({ report, canRate }: { report: Report; canRate: boolean }) {
  const tx = useSecText();
  const label = useLabel();
  const options = useCodeOptions();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const rate = useRateReport(report.id);
  const submit = async () => {
    const v = await form.validateFields();
    const counts = [v.good, v.fairly_good, v.average, v.poor];
    const votes = counts.some((c) => typeof c === 'number') ? { good: v.good ?? 0, fairly_good: v.fairly_good ?? 0, average: v.average ?? 0, poor: v.poor ?? 0 } : null;
    modal.confirm({
      title: tx('rateConfirm', { rating: label(SECRETARY_RATING, v.rating) }),
      okText: tx('rate'),
      cancelText: tx('cancel'),
      onOk: () => rate.mutateAsync({ rating: v.rating, comment: v.comment, votes }).then(() => undefined, (err: unknown) => void message.error(errorMessage(err))),
    });
  };
  return (
    <Card size="small" title={tx('review')} data-testid="review-card">
      {report.state === 'rated' ? (
        <Space orientation="vertical" size={4}>
          <Space>
            <span>{tx('rating')}</span>
            <RatingTag rating={report.rating} />
          </Space>
          <span>{report.ratingComment}</span>
          {report.votes && <Typography.Text type="secondary">{SECRETARY_RATING.values.map((g) => `${label(SECRETARY_RATING, g)} ${report.votes![g]}`).join(' · ')}</Typography.Text>}
          <Typography.Text type="secondary">{tx('ratedBy', { org: report.ratedByOrgName ?? '', name: report.ratedByName ?? '', date: report.ratedOn ?? '' })}</Typography.Text>
        </Space>
      ) : canRate ? (
        <Form form={form} layout="vertical">
          <Typography.Paragraph type="secondary">{tx('reviewHint')}</Typography.Paragraph>
          <Form.Item name="rating" label={tx('rating')} rules={[{ required: true, message: tx('required') }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={options(SECRETARY_RATING)} data-testid="rating" />
          </Form.Item>
          <Form.Item name="comment" label={tx('comment')} rules={[{ required: true, min: 2, message: tx('required') }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="rating-comment" />
          </Form.Item>
          <Form.Item label={tx('votes')} style={{ marginBottom: 8 }}>
            <Space wrap>
              {SECRETARY_RATING.values.map((g) => (
                <Form.Item key={g} name={g} noStyle>
                  <InputNumber min={0} max={100000} placeholder={label(SECRETARY_RATING, g)} style={{ width: 96 }} />
                </Form.Item>
              ))}
            </Space>
          </Form.Item>
          <Button type="primary" onClick={() => void submit()} loading={rate.isPending} data-testid="submit-rating">
            {tx('rate')}
          </Button>
        </Form>
      ) : (
        <Typography.Text type="secondary">{tx('notAbove')}</Typography.Text>
      )}
    </Card>
  );
}
