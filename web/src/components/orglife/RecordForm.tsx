import { CheckOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, DatePicker, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { useRecordMeeting, type AttendanceStatus, type MeetingDetail } from '../../api/orglife.ts';
import { useOlText } from './text.ts';

type Row = MeetingDetail['attendance'][number];
interface Mark {
  status: AttendanceStatus | null;
  reason: string;
}

/** The attendance grid ("all present", then mark the exceptions) and the minutes, saved together. */
export function RecordForm({ meeting, editable }: { meeting: MeetingDetail; editable: boolean }) {
  const tx = useOlText();
  const { message } = AntApp.useApp();
  const record = useRecordMeeting(meeting.id);
  const [marks, setMarks] = useState<Record<number, Mark>>(() => Object.fromEntries(meeting.attendance.map((a) => [a.memberId, { status: a.status, reason: a.reason ?? '' }])));
  const [heldOn, setHeldOn] = useState(dayjs(meeting.heldOn ?? (meeting.plannedOn <= dayjs().format('YYYY-MM-DD') ? meeting.plannedOn : undefined)));
  const [minutes, setMinutes] = useState(meeting.minutes ?? '');
  const [host, setHost] = useState(meeting.hostName ?? '');
  const [recorder, setRecorder] = useState(meeting.recorderName ?? '');
  const [visitors, setVisitors] = useState<string[]>(meeting.visitors);
  const [error, setError] = useState<string | null>(null);
  const set = (id: number, m: Partial<Mark>) => setMarks((x) => ({ ...x, [id]: { ...(x[id] ?? { status: null, reason: '' }), ...m } }));
  const present = Object.values(marks).filter((m) => m.status === 'present').length;

  const columns: TableColumnsType<Row> = [
    { title: tx('participants'), dataIndex: 'name', key: 'name', width: 110 },
    { title: tx('memberStatus'), dataIndex: 'memberStatus', key: 'ms', width: 100, responsive: ['sm'], render: (s: string) => (s === 'probationary' ? <Tag color="orange">{tx('probationary')}</Tag> : tx('full')) },
    {
      title: tx('attendance'),
      key: 'status',
      render: (_: unknown, r) => (
        <Space wrap size={4}>
          <Radio.Group size="small" optionType="button" buttonStyle="solid" disabled={!editable} value={marks[r.memberId]?.status ?? null} onChange={(e) => set(r.memberId, { status: e.target.value as AttendanceStatus })} data-testid={`att-${r.memberId}`}>
            <Radio.Button value="present">{tx('present')}</Radio.Button>
            <Radio.Button value="leave">{tx('leave')}</Radio.Button>
            <Radio.Button value="absent">{tx('absent')}</Radio.Button>
          </Radio.Group>
          {marks[r.memberId]?.status === 'leave' && <Input size="small" style={{ width: 140 }} placeholder={tx('reason')} disabled={!editable} value={marks[r.memberId]?.reason} onChange={(e) => set(r.memberId, { reason: e.target.value })} data-testid={`reason-${r.memberId}`} />}
        </Space>
      ),
    },
  ];

  const save = () => {
    setError(null);
    if (!heldOn.isValid()) return setError(tx('heldOn'));
    record.mutate(
      {
        heldOn: heldOn.format('YYYY-MM-DD'),
        minutes,
        hostName: host || null,
        recorderName: recorder || null,
        visitors,
        attendance: meeting.attendance.filter((a) => marks[a.memberId]?.status).map((a) => ({ memberId: a.memberId, status: marks[a.memberId]!.status!, reason: marks[a.memberId]!.reason || null })),
      },
      { onSuccess: () => void message.success(tx('recorded')), onError: (e) => setError(errorMessage(e)) },
    );
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {editable && (
        <Space wrap>
          <Button icon={<CheckOutlined />} onClick={() => setMarks(Object.fromEntries(meeting.attendance.map((a) => [a.memberId, { status: 'present' as const, reason: '' }])))} data-testid="all-present">
            {tx('allPresent')}
          </Button>
          <Typography.Text type="secondary">{`${present} / ${meeting.attendance.length}`}</Typography.Text>
        </Space>
      )}
      <Table rowKey="memberId" size="small" columns={columns} dataSource={meeting.attendance} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: tx('noAttendees') }} />
      <Form layout="vertical" disabled={!editable}>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item label={tx('heldOn')} required style={{ flex: '1 1 160px' }}>
            <DatePicker value={heldOn.isValid() ? heldOn : null} onChange={(d) => setHeldOn(d ?? dayjs(''))} disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} data-testid="held-on" />
          </Form.Item>
          <Form.Item label={tx('host')} style={{ flex: '1 1 120px' }}>
            <Input value={host} onChange={(e) => setHost(e.target.value)} maxLength={30} />
          </Form.Item>
          <Form.Item label={tx('recorder')} style={{ flex: '1 1 120px' }}>
            <Input value={recorder} onChange={(e) => setRecorder(e.target.value)} maxLength={30} />
          </Form.Item>
        </div>
        <Form.Item label={tx('visitors')}>
          <Select mode="tags" value={visitors} onChange={setVisitors} placeholder={tx('visitorsPlaceholder')} open={false} tokenSeparators={['，', ',']} />
        </Form.Item>
        <Form.Item label={tx('minutes')} required>
          <Input.TextArea rows={6} value={minutes} onChange={(e) => setMinutes(e.target.value)} placeholder={tx('minutesPlaceholder')} maxLength={20000} data-testid="minutes" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="record-error" />}
      {editable && (
        <Button type="primary" onClick={save} loading={record.isPending} disabled={!minutes.trim()} data-testid="record-save">
          {meeting.state === 'held' ? tx('recordSave') : tx('record')}
        </Button>
      )}
    </Space>
  );
}
