import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Empty, Form, Input, List, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { useAddTask, useTaskDone, useTaskNote, type Entry, type Task } from '../../api/rectification.ts';
import { OrgPicker } from '../OrgPicker.tsx';
import { useRectText } from './text.ts';

/** An entry's tasks: owner, deadline (overdue marked), progress notes, done; adding a task. */
export function TaskTable({ entry, canEdit }: { entry: Entry; canEdit: boolean }) {
  const tx = useRectText();
  const { message } = App.useApp();
  const done = useTaskDone();
  const [adding, setAdding] = useState(false);
  const [noting, setNoting] = useState<Task | null>(null);
  const fail = (err: unknown) => void message.error(errorMessage(err));

  const columns: TableColumnsType<Task> = [
    {
      title: tx('taskContent'),
      key: 'content',
      render: (_: unknown, t) => (
        <Space orientation="vertical" size={2}>
          <span>{t.content}</span>
          {t.notes.length > 0 && (
            <List
              size="small"
              split={false}
              dataSource={t.notes}
              renderItem={(n) => (
                <List.Item style={{ padding: '0 0 0 8px' }}>
                  <Typography.Text type="secondary">{`${n.on} ${n.text}（${n.byName}）`}</Typography.Text>
                </List.Item>
              )}
            />
          )}
        </Space>
      ),
    },
    { title: tx('owner'), key: 'owner', width: 180, render: (_: unknown, t) => `${t.ownerName}${t.ownerPost ? `（${t.ownerPost}）` : ''} · ${t.ownerOrgName}` },
    { title: tx('deadline'), key: 'deadline', width: 140, render: (_: unknown, t) => (t.overdue ? <Tag color="orange">{`${t.deadline} ${tx('overdue')}`}</Tag> : t.deadline) },
    { title: tx('doneOn'), key: 'done', width: 120, render: (_: unknown, t) => (t.doneOn ? <Tag color="green">{t.doneOn}</Tag> : '—') },
    ...(canEdit
      ? [
          {
            title: '',
            key: 'actions',
            width: 200,
            render: (_: unknown, t: Task) => (
              <Space wrap size={4}>
                <Button size="small" onClick={() => setNoting(t)} data-testid="add-note">
                  {tx('addNote')}
                </Button>
                {t.doneOn ? (
                  <Button size="small" type="link" onClick={() => done.mutate({ taskId: t.id, doneOn: null }, { onError: fail })}>
                    {tx('undo')}
                  </Button>
                ) : (
                  <Popconfirm title={tx('doneConfirm')} okText={tx('ok')} cancelText={tx('cancel')} onConfirm={() => done.mutate({ taskId: t.id, doneOn: dayjs().format('YYYY-MM-DD') }, { onError: fail })}>
                    <Button size="small" type="primary" icon={<CheckOutlined />} data-testid="task-done">
                      {tx('done')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={entry.taskList}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={<Space orientation="vertical" size={2}><span>{tx('noTasks')}</span><Typography.Text type="secondary">{tx('noTasksHint')}</Typography.Text></Space>} /> }}
        footer={
          canEdit
            ? () => (
                <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-task">
                  {tx('addTask')}
                </Button>
              )
            : undefined
        }
      />
      <TaskModal open={adding} entry={entry} onClose={() => setAdding(false)} />
      <NoteModal task={noting} onClose={() => setNoting(null)} />
    </>
  );
}

function TaskModal({ open, entry, onClose }: { open: boolean; entry: Entry; onClose: () => void }) {
  const tx = useRectText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ content: string; ownerName: string; ownerPost?: string; ownerOrgId: number; deadline: dayjs.Dayjs }>();
  const add = useAddTask(entry.id);
  const submit = async () => {
    const v = await form.validateFields();
    add.mutate(
      { content: v.content, ownerName: v.ownerName, ownerPost: v.ownerPost || null, ownerOrgId: v.ownerOrgId, deadline: v.deadline.format('YYYY-MM-DD') },
      {
        onSuccess: () => {
          form.resetFields();
          onClose();
        },
        onError: (err) => void message.error(errorMessage(err)),
      },
    );
  };
  return (
    <Modal open={open} title={tx('addTask')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={add.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ ownerOrgId: entry.orgId, deadline: dayjs().add(3, 'month') }}>
        <Form.Item name="content" label={tx('taskContent')} rules={[{ required: true, min: 2, message: tx('required') }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="task-content" />
        </Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="ownerName" label={tx('owner')} rules={[{ required: true, min: 2, message: tx('required') }]}>
            <Input maxLength={60} data-testid="task-owner" />
          </Form.Item>
          <Form.Item name="ownerPost" label={tx('ownerPost')}>
            <Input maxLength={100} />
          </Form.Item>
        </Space>
        <Form.Item name="ownerOrgId" label={tx('ownerOrg')} rules={[{ required: true, message: tx('required') }]}>
          <OrgPicker initial={{ id: entry.orgId, name: entry.orgName }} id="task-org" />
        </Form.Item>
        <Form.Item name="deadline" label={tx('deadline')} rules={[{ required: true, message: tx('required') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(entry.listedOn), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NoteModal({ task, onClose }: { task: Task | null; onClose: () => void }) {
  const tx = useRectText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const note = useTaskNote();
  const submit = async () => {
    const v = await form.validateFields();
    if (!task) return;
    note.mutate(
      { taskId: task.id, text: v.text },
      {
        onSuccess: () => {
          form.resetFields();
          onClose();
        },
        onError: (err) => void message.error(errorMessage(err)),
      },
    );
  };
  return (
    <Modal open={!!task} title={tx('addNote')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={note.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">{task?.content}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="text" label={tx('noteText')} rules={[{ required: true, min: 2, message: tx('required') }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="note-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
