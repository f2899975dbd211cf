import { Alert, App, Button, Checkbox, Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { DEV_STEP } from '../../../../src/shared/enums.ts';
import { useRecordStep, type DevCase, type RecordStepBody } from '../../api/development.ts';
import { useLabel } from '../../labels.ts';
import { IntroducerSelect } from './IntroducerSelect.tsx';
import { NextCell } from './NextCell.tsx';
import { documentsFromText, showApiError } from './formErrors.ts';
import { useDevText } from './text.ts';

interface Values {
  doneOn: string;
  documentsText?: string;
  note?: string;
  approver?: string;
  votes?: { entitled: number; present: number; for: number; against: number; abstain: number };
  introducerIds?: number[];
  trainingDays?: number;
  trainingHours?: number;
  leagueRecommended?: boolean;
  special?: boolean;
}

const FIELDS = ['doneOn', 'note', 'approver', 'votes.entitled', 'votes.present', 'votes.for', 'votes.against', 'votes.abstain', 'votes', 'introducerIds', 'trainingDays', 'trainingHours', 'leagueRecommended', 'special'];
const MEETINGS = new Set(['branch_meeting', 'full_meeting']);
const APPROVALS = new Set(['approval', 'full_approval']);
const WITH_APPROVER = new Set(['approval', 'full_approval', 'committee_talk', 'pre_review']);

/** Record the step due now; a rule the step breaks comes back inline, with the rule and its source. */
export function StepForm({ c }: { c: DevCase }) {
  const tx = useDevText();
  const label = useLabel();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const record = useRecordStep(c.id);
  const [error, setError] = useState<string | null>(null);
  const step = c.next!.step;
  const stepName = label(DEV_STEP, step);

  const send = (v: Values) => {
    setError(null);
    const { documentsText, ...rest } = v;
    const body: RecordStepBody = { ...rest, step: step as RecordStepBody['step'], documents: documentsFromText(documentsText) };
    record.mutate(body, {
      onSuccess: () => {
        void message.success(tx('saved', { step: stepName }));
        form.resetFields();
      },
      onError: (err) => setError(showApiError(form, err, FIELDS)),
    });
  };

  const submit = async () => {
    const v = await form.validateFields();
    if (APPROVALS.has(step) || step === 'archive') {
      modal.confirm({
        title: tx('confirmTitle', { step: stepName }),
        content: step === 'approval' ? tx('confirmAdmit', { name: c.name }) : step === 'full_approval' ? tx('confirmFull', { name: c.name }) : undefined,
        okText: tx('submit'),
        onOk: () => send(v),
      });
    } else send(v);
  };

  const n = (name: string[], text: string, tooltip?: string) => (
    <Col xs={8} sm={8} md={4}>
      <Form.Item name={name} label={text} tooltip={tooltip} rules={[{ required: true }]}>
        <InputNumber min={0} max={10000} style={{ width: '100%' }} data-testid={`dev-votes-${name[1]}`} />
      </Form.Item>
    </Col>
  );

  return (
    <div data-testid="dev-step-form">
      <div style={{ marginBottom: 12 }}>
        <Typography.Text strong>{tx('nextHint', { step: stepName })}</Typography.Text> <NextCell c={c} hideStep />
      </div>
      {error && <Alert type="error" showIcon title={tx('rejected')} description={error} closable={{ onClose: () => setError(null) }} style={{ marginBottom: 12 }} data-testid="dev-step-error" />}
      <Form form={form} layout="vertical" initialValues={{ doneOn: dayjs().format('YYYY-MM-DD') }} onValuesChange={() => error && setError(null)}>
        <Row gutter={12}>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="doneOn" label={tx('doneOn')} rules={[{ required: true }]}>
              <Input type="date" data-testid="dev-step-date" />
            </Form.Item>
          </Col>
          {WITH_APPROVER.has(step) && (
            <Col xs={24} sm={12} md={8}>
              <Form.Item name="approver" label={tx('approver')} rules={[{ required: APPROVALS.has(step) }]}>
                <Input maxLength={100} data-testid="dev-step-approver" />
              </Form.Item>
            </Col>
          )}
          {step === 'training' && (
            <>
              <Col xs={12} md={4}>
                <Form.Item name="trainingDays" label={tx('trainingDays')}>
                  <InputNumber min={0} max={365} style={{ width: '100%' }} data-testid="dev-training-days" />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name="trainingHours" label={tx('trainingHours')}>
                  <InputNumber min={0} max={2000} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
          {step === 'introducers' && (
            <Col xs={24} md={16}>
              <Form.Item name="introducerIds" label={tx('introducers')} rules={[{ required: true }]}>
                <IntroducerSelect orgId={c.orgId} />
              </Form.Item>
            </Col>
          )}
        </Row>
        {MEETINGS.has(step) && (
          <>
            <Typography.Text strong>{tx('votesTitle')}</Typography.Text>
            <Row gutter={12} style={{ marginTop: 8 }}>
              {n(['votes', 'entitled'], tx('entitled'), tx('entitledHint'))}
              {n(['votes', 'present'], tx('present'))}
              {n(['votes', 'for'], tx('for'))}
              {n(['votes', 'against'], tx('against'))}
              {n(['votes', 'abstain'], tx('abstain'))}
            </Row>
          </>
        )}
        {step === 'activist' && c.isLeagueMember && (
          <Form.Item name="leagueRecommended" valuePropName="checked">
            <Checkbox>{tx('leagueRecommended')}</Checkbox>
          </Form.Item>
        )}
        {step === 'approval' && (
          <Form.Item name="special" valuePropName="checked">
            <Checkbox>{tx('special')}</Checkbox>
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="documentsText" label={tx('documents')}>
              <Input.TextArea rows={2} placeholder={tx('documentsPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="note" label={tx('note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" onClick={() => void submit()} loading={record.isPending} data-testid="dev-step-submit">
          {tx('submit')}
        </Button>
      </Form>
    </div>
  );
}
