import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../api/client.ts';
import { useCancelMeeting, useMeeting, type MeetingDetail } from '../api/orglife.ts';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { Attachments } from '../components/orglife/Attachments.tsx';
import { RecordForm } from '../components/orglife/RecordForm.tsx';
import { useLabel, useOlText } from '../components/orglife/text.ts';
import { QueryError } from '../components/QueryError.tsx';
import { ORGLIFE_KIND, ORGLIFE_STATE } from '../../../src/shared/enums.ts';

function QuorumCard({ m }: { m: MeetingDetail }) {
  const tx = useOlText();
  const q = m.quorum;
  const recorded = m.state === 'held';
  const rule = tx('quorumRule', { n: q.rule.numerator, d: q.rule.denominator, prob: q.rule.probationaryInBase ? tx('probIn') : tx('probOut'), leave: q.rule.leaveReducesBase ? tx('leaveOut') : tx('leaveIn') });
  return (
    <Card size="small" title={tx('quorum')} data-testid="quorum">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Progress percent={q.base ? Math.round((q.present / q.base) * 100) : 0} status={!q.applies ? 'normal' : q.met ? 'success' : 'exception'} />
        <Typography.Text>{tx('quorumLine', { base: q.base, present: q.present, needed: q.needed })}</Typography.Text>
        {recorded && (q.applies ? <Tag color={q.met ? 'green' : 'red'}>{q.met ? tx('quorumMet') : tx('quorumMissed')}</Tag> : <Tag>{tx('quorumNA')}</Tag>)}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {`${rule}。${q.rule.source}`}
        </Typography.Text>
      </Space>
    </Card>
  );
}

/** One meeting: the notice, the attendance grid with the quorum, the minutes and the attachments. */
export default function OrgLifeMeetingPage() {
  const tx = useOlText();
  const label = useLabel();
  const me = useMe();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const q = useMeeting(id);
  const cancel = useCancelMeeting(id);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const m = q.data;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!m) return <Skeleton active paragraph={{ rows: 10 }} />;
  const staff = me.role !== 'member' && can('member.write');
  const editable = staff && m.state !== 'cancelled';
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link to={`/orglife?orgId=${m.orgId}`}>
        <ArrowLeftOutlined /> {tx('back')}
      </Link>
      <div>
        <Space wrap align="center">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="meeting-title">
            {`${label(ORGLIFE_KIND.table[m.kind], m.kind)}：${m.topic}`}
          </Typography.Title>
          <Tag color={m.state === 'held' ? 'green' : m.state === 'planned' ? 'blue' : 'default'} data-testid="meeting-state">
            {label(ORGLIFE_STATE.table[m.state], m.state)}
          </Tag>
        </Space>
        <Typography.Text type="secondary">{m.orgName}</Typography.Text>
      </div>
      {m.state === 'cancelled' && <Alert type="warning" showIcon title={tx('cancelledBecause', { date: m.cancelledOn ?? '', reason: m.cancelReason ?? '' })} />}
      <Card size="small" title={tx('noticeCard')} extra={staff && m.state === 'planned' && <Button danger size="small" onClick={() => setCancelling(true)}>{tx('cancelMeeting')}</Button>}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={tx('plannedOn')}>{`${m.plannedOn}${m.startsAt ? ' ' + m.startsAt : ''}`}</Descriptions.Item>
          <Descriptions.Item label={tx('place')}>{m.place ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={tx('invited')}>{m.invited}</Descriptions.Item>
          <Descriptions.Item label={tx('notice')} span={3}>
            {m.notice ?? '—'}
            {m.noticeSentOn && <Typography.Text type="secondary">{`（${tx('sentOn', { date: m.noticeSentOn })}）`}</Typography.Text>}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <QuorumCard m={m} />
      <Card size="small" title={m.state === 'held' ? tx('minutes') : tx('record')}>
        {staff ? <RecordForm key={`${m.id}-${m.state}`} meeting={m} editable={editable} /> : <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.minutes ?? '—'}</Typography.Paragraph>}
      </Card>
      <Card size="small" title={`${tx('files')}（${m.files.length}）`}>
        <Attachments meeting={m} editable={editable} />
      </Card>
      <Modal
        open={cancelling}
        title={tx('cancelMeeting')}
        onCancel={() => setCancelling(false)}
        okText={tx('cancelMeeting')}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        cancelText={tx('cancel')}
        confirmLoading={cancel.isPending}
        onOk={() => cancel.mutate({ reason: reason.trim() }, { onSuccess: () => setCancelling(false), onError: (e) => setError(errorMessage(e)) })}
      >
        <Typography.Paragraph type="secondary">{tx('cancelConfirm')}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={tx('cancelReason')} required>
            <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          </Form.Item>
        </Form>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Modal>
    </Space>
  );
}
