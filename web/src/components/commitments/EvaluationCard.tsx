import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Radio, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { useAddEvaluation, useDeleteEvaluation, useMyRating, type CommitmentDetail, type Rating } from '../../api/commitments.ts';
import { LISTS, pct, useCmtText, useLabel } from './text.ts';

type Ballots = CommitmentDetail['ballots']['all'];

function BallotStat({ title, b, testId }: { title: string; b: Ballots; testId: string }) {
  const tx = useCmtText();
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={title} value={pct(b.rate)} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {b.total ? `满意 ${b.satisfied} · 基本满意 ${b.basic} · 不满意 ${b.dissatisfied}（${tx('ballotsN', { n: b.total })}）` : tx('noBallots')}
      </Typography.Text>
    </Card>
  );
}

/** 一评议: the satisfaction by members and by the public, the entries, and entering ballots (staff) or one's own rating (a member). */
export function EvaluationCard({ c, staff }: { c: CommitmentDetail; staff: boolean }) {
  const tx = useCmtText();
  const label = useLabel();
  const [adding, setAdding] = useState(false);
  const del = useDeleteEvaluation(c.id);
  const rate = useMyRating(c.id);
  return (
    <Card size="small" title={tx('evaluation')} extra={staff && <Button onClick={() => setAdding(true)} data-testid="add-evaluation">{tx('addEvaluation')}</Button>}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {tx('evaluationIntro')}
      </Typography.Paragraph>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <BallotStat title={tx('memberBallots')} b={c.ballots.member} testId="ballots-member" />
        </Col>
        <Col xs={24} md={8}>
          <BallotStat title={tx('publicBallots')} b={c.ballots.public} testId="ballots-public" />
        </Col>
        <Col xs={24} md={8}>
          <BallotStat title={`${tx('allBallots')} ${tx('satisfaction')}`} b={c.ballots.all} testId="ballots-all" />
        </Col>
      </Row>
      {c.canRate && (
        <Space wrap style={{ marginTop: 12 }}>
          <span>{tx('rateHint')}</span>
          <Radio.Group value={c.myRating} onChange={(e) => rate.mutate(e.target.value as Rating)} optionType="button" options={LISTS.COMMITMENT_RATING.values.map((v) => ({ value: v, label: label(LISTS.COMMITMENT_RATING.table[v], v) }))} data-testid="my-rating" />
        </Space>
      )}
      {staff && c.evaluations.length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={c.evaluations}
          columns={[
            { title: tx('heldOn'), dataIndex: 'heldOn', key: 'h' },
            { title: tx('evaluatorType'), key: 't', render: (_: unknown, e) => `${label(LISTS.COMMITMENT_EVALUATOR.table[e.evaluatorType], e.evaluatorType)}${e.memberName ? `（${e.memberName}）` : ''}` },
            { title: '满意 / 基本满意 / 不满意', key: 'n', render: (_: unknown, e) => `${e.satisfied} / ${e.basic} / ${e.dissatisfied}` },
            { title: tx('note'), dataIndex: 'note', key: 'note', responsive: ['md'], render: (n: string | null) => n ?? '' },
            {
              title: '',
              key: 'x',
              render: (_: unknown, e) => (
                <Popconfirm title={tx('deleteConfirm')} onConfirm={() => del.mutate(e.id)} okText={tx('delete')} cancelText={tx('cancel')} okButtonProps={{ danger: true }}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={tx('delete')} />
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
      {adding && <EvaluationModal id={c.id} onClose={() => setAdding(false)} />}
    </Card>
  );
}

interface Values {
  heldOn: dayjs.Dayjs;
  evaluatorType: 'member' | 'public';
  mode: 'counts' | 'ballot';
  rating: Rating;
  satisfied: number;
  basic: number;
  dissatisfied: number;
  note?: string;
}

function EvaluationModal({ id, onClose }: { id: number; onClose: () => void }) {
  const tx = useCmtText();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const add = useAddEvaluation(id);
  const [error, setError] = useState<string | null>(null);
  const mode = Form.useWatch('mode', form) ?? 'counts';
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const counts = v.mode === 'ballot' ? { satisfied: v.rating === 'satisfied' ? 1 : 0, basic: v.rating === 'basic' ? 1 : 0, dissatisfied: v.rating === 'dissatisfied' ? 1 : 0 } : { satisfied: v.satisfied ?? 0, basic: v.basic ?? 0, dissatisfied: v.dissatisfied ?? 0 };
    add.mutate({ heldOn: v.heldOn.format('YYYY-MM-DD'), evaluatorType: v.evaluatorType, ...counts, note: v.note || null }, { onSuccess: onClose, onError: (e) => setError(errorMessage(e)) });
  };
  const count = (name: 'satisfied' | 'basic' | 'dissatisfied') => (
    <Form.Item name={name} label={label(LISTS.COMMITMENT_RATING.table[name], name)}>
      <InputNumber min={0} max={100000} style={{ width: 110 }} data-testid={`eval-${name}`} />
    </Form.Item>
  );
  return (
    <Modal open title={tx('addEvaluation')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={add.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ heldOn: dayjs(), evaluatorType: 'public', mode: 'counts', rating: 'satisfied', satisfied: 0, basic: 0, dissatisfied: 0 }}>
        <Space wrap>
          <Form.Item name="heldOn" label={tx('heldOn')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="evaluatorType" label={tx('evaluatorType')}>
            <Radio.Group optionType="button" options={LISTS.COMMITMENT_EVALUATOR.values.map((v) => ({ value: v, label: label(LISTS.COMMITMENT_EVALUATOR.table[v], v) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="mode" label={tx('entryMode')}>
          <Radio.Group options={[{ value: 'counts', label: tx('counts') }, { value: 'ballot', label: tx('ballot') }]} />
        </Form.Item>
        {mode === 'ballot' ? (
          <Form.Item name="rating" label={tx('rating')}>
            <Radio.Group optionType="button" options={LISTS.COMMITMENT_RATING.values.map((v) => ({ value: v, label: label(LISTS.COMMITMENT_RATING.table[v], v) }))} />
          </Form.Item>
        ) : (
          <Space wrap>
            {count('satisfied')}
            {count('basic')}
            {count('dissatisfied')}
          </Space>
        )}
        <Form.Item name="note" label={tx('note')}>
          <Input maxLength={500} />
        </Form.Item>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}
