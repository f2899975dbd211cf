import { Alert, Button, DatePicker, Form, Input, List, Modal, Popconfirm, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { useItemStatus, useProgress, type CommitmentDetail, type CommitmentItem } from '../../api/commitments.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { LISTS, useCmtText, useLabel, type CommitmentTextKey } from './text.ts';

type Mode = 'done' | 'not_done' | 'cancelled' | 'progress';
const STANDING_COLOR: Record<CommitmentItem['standing'], string> = { kept: 'green', late: 'orange', not_done: 'red', overdue: 'red', pending: 'blue', excluded: 'default' };

/** The items of a commitment, each with where it stands, its progress and the actions on it. */
export function ItemList({ c }: { c: CommitmentDetail }) {
  const tx = useCmtText();
  const label = useLabel();
  const { me } = useAuth();
  const staff = me?.role !== 'member';
  const [acting, setActing] = useState<{ item: CommitmentItem; mode: Mode } | null>(null);
  const status = useItemStatus();
  return (
    <>
      <List
        dataSource={c.itemList}
        data-testid="cmt-items"
        renderItem={(i, k) => (
          <List.Item data-testid={`item-${k}`} style={{ display: 'block' }}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap size={6}>
                <Typography.Text strong>{i.content}</Typography.Text>
                <Tag color={STANDING_COLOR[i.standing]} data-testid={`item-${k}-standing`}>
                  {tx(`standing_${i.standing}` as CommitmentTextKey)}
                </Tag>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {label(LISTS.COMMITMENT_CATEGORY.table[i.category], i.category)} · {tx('deadline')} {i.deadline}
                {i.responsible ? ` · ${tx('responsible')} ${i.responsible}` : ''}
              </Typography.Text>
              {i.status === 'done' && <Typography.Text>{`${i.doneOn} ${i.doneNote ?? ''}`}</Typography.Text>}
              {(i.status === 'not_done' || i.status === 'cancelled') && <Typography.Text type="danger">{`${i.statusOn ?? ''} ${tx('reason')}：${i.reason ?? ''}`}</Typography.Text>}
              {i.progress.length > 0 && <Timeline style={{ marginTop: 8, marginBottom: -16 }} items={i.progress.map((p) => ({ content: `${p.on} ${p.text}（${p.by}）` }))} />}
              {c.canEdit && (
                <Space wrap size={4}>
                  {i.status === 'in_progress' ? (
                    <>
                      <Button size="small" type="primary" onClick={() => setActing({ item: i, mode: 'done' })} data-testid={`item-${k}-done`}>
                        {tx('markDone')}
                      </Button>
                      <Button size="small" onClick={() => setActing({ item: i, mode: 'progress' })}>
                        {tx('progress')}
                      </Button>
                      <Button size="small" danger onClick={() => setActing({ item: i, mode: 'not_done' })} data-testid={`item-${k}-notdone`}>
                        {tx('markNotDone')}
                      </Button>
                      {staff && (
                        <Button size="small" type="text" onClick={() => setActing({ item: i, mode: 'cancelled' })}>
                          {tx('withdraw')}
                        </Button>
                      )}
                    </>
                  ) : (
                    <Popconfirm title={tx('reopenConfirm')} onConfirm={() => status.mutate({ itemId: i.id, status: 'in_progress' })} okText={tx('save')} cancelText={tx('cancel')}>
                      <Button size="small" type="text">
                        {tx('reopen')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              )}
            </Space>
          </List.Item>
        )}
      />
      {acting && <ActionModal item={acting.item} mode={acting.mode} onClose={() => setActing(null)} />}
    </>
  );
}

function ActionModal({ item, mode, onClose }: { item: CommitmentItem; mode: Mode; onClose: () => void }) {
  const tx = useCmtText();
  const [form] = Form.useForm<{ on: dayjs.Dayjs; text: string }>();
  const status = useItemStatus();
  const progress = useProgress();
  const [error, setError] = useState<string | null>(null);
  const title = mode === 'done' ? tx('markDone') : mode === 'progress' ? tx('progress') : mode === 'not_done' ? tx('markNotDone') : tx('withdraw');
  const textLabel = mode === 'done' ? tx('doneNote') : mode === 'progress' ? tx('progressText') : tx('reason');
  const pending = status.isPending || progress.isPending;
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const on = v.on.format('YYYY-MM-DD');
    const done = { onSuccess: onClose, onError: (e: unknown) => setError(errorMessage(e)) };
    if (mode === 'progress') progress.mutate({ itemId: item.id, on, text: v.text }, done);
    else if (mode === 'done') status.mutate({ itemId: item.id, status: 'done', on, note: v.text }, done);
    else status.mutate({ itemId: item.id, status: mode, on, reason: v.text }, done);
  };
  return (
    <Modal open title={`${title}：${item.content}`} onCancel={onClose} onOk={() => void submit()} okText={mode === 'not_done' ? tx('markNotDone') : mode === 'cancelled' ? tx('withdraw') : tx('save')} okButtonProps={{ danger: mode === 'not_done' || mode === 'cancelled', id: 'item-action-ok' }} cancelText={tx('cancel')} confirmLoading={pending} destroyOnHidden>
      {(mode === 'not_done' || mode === 'cancelled') && <Alert type="warning" showIcon message={mode === 'not_done' ? tx('notDoneConfirm') : tx('withdrawConfirm')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ on: dayjs() }}>
        <Form.Item name="on" label={mode === 'done' ? tx('doneOn') : tx('recordedOn')} rules={[{ required: true }]} extra={mode === 'done' ? `${tx('deadline')} ${item.deadline}` : undefined}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="item-action-on" />
        </Form.Item>
        <Form.Item name="text" label={textLabel} rules={[{ required: true, min: 2 }]} extra={mode === 'done' ? tx('doneNoteHint') : undefined}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="item-action-text" />
        </Form.Item>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}
