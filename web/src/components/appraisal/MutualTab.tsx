import { App, Button, Empty, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { APPRAISAL_GRADE, APPRAISAL_STATE } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useMutual, type MutualBody, type RoundDetail } from '../../api/appraisal.ts';
import { useCodeOptions, useLabel } from '../../labels.ts';
import { useAprText } from './text.ts';

type Entry = RoundDetail['mutual'][number];

/** Mutual assessment entries (assessor → assessed, suggested grade, comment); recorded in the mutual stage. */
export function MutualTab({ round, writable }: { round: RoundDetail; writable: boolean }) {
  const tx = useAprText();
  const label = useLabel();
  const options = useCodeOptions();
  const { message } = App.useApp();
  const add = useMutual(round.id);
  const [form] = Form.useForm<MutualBody>();
  const canEdit = writable && round.state === 'mutual_assessment';
  const people = round.participantList.map((p) => ({ value: p.memberId, label: p.name }));
  const columns: TableColumnsType<Entry> = [
    { title: tx('assessor'), dataIndex: 'assessorName', key: 'a', width: 90 },
    { title: tx('assessee'), dataIndex: 'assesseeName', key: 'b', width: 90 },
    { title: tx('suggestion'), dataIndex: 'grade', key: 'g', width: 100, render: (g: Entry['grade']) => label(APPRAISAL_GRADE, g) },
    { title: tx('comment'), dataIndex: 'comment', key: 'c', render: (c: string | null) => c ?? '—' },
  ];
  const submit = async () => {
    const v = await form.validateFields();
    add.mutate(v, { onSuccess: () => (form.resetFields(['assesseeId', 'comment']), void message.success(tx('saved'))), onError: (err) => void message.error(errorMessage(err)) });
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {canEdit ? (
        <Form form={form} layout="inline" style={{ rowGap: 8 }} initialValues={{ grade: 'qualified' }}>
          <Form.Item name="assessorId" rules={[{ required: true }]}>
            <Select placeholder={tx('assessor')} options={people} style={{ width: 120 }} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="assesseeId" rules={[{ required: true }]}>
            <Select placeholder={tx('assessee')} options={people} style={{ width: 120 }} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="grade" rules={[{ required: true }]}>
            <Select options={options(APPRAISAL_GRADE)} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="comment" style={{ flex: 1, minWidth: 200 }}>
            <Input placeholder={tx('comment')} maxLength={1000} />
          </Form.Item>
          <Button type="primary" onClick={() => void submit()} loading={add.isPending}>
            {tx('addMutual')}
          </Button>
        </Form>
      ) : (
        writable && round.state !== 'published' && round.state !== 'closed' && <Typography.Text type="secondary">{tx('onlyInStage', { stage: label(APPRAISAL_STATE, 'mutual_assessment') })}</Typography.Text>
      )}
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={round.mutual}
        pagination={round.mutual.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={<Space orientation="vertical" size={2}><span>{tx('mutualEmpty')}</span><Typography.Text type="secondary">{tx('mutualHint')}</Typography.Text></Space>} /> }}
      />
    </Space>
  );
}
