import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, List, Popconfirm, Space, Typography } from 'antd';
import { useRef } from 'react';
import { errorMessage } from '../../api/client.ts';
import { useDeleteAttachment, useUploadAttachment, type MeetingDetail } from '../../api/orglife.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { useOlText } from './text.ts';

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** The meeting's files (kept in the database): upload, download, delete with confirmation. */
export function Attachments({ meeting, editable }: { meeting: MeetingDetail; editable: boolean }) {
  const tx = useOlText();
  const me = useMe();
  const { message } = AntApp.useApp();
  const upload = useUploadAttachment(meeting.id, me.csrfToken);
  const remove = useDeleteAttachment();
  const input = useRef<HTMLInputElement | null>(null);
  const pick = (files: FileList | null) => {
    const f = files?.[0];
    if (!f) return;
    upload.mutate(f, { onError: (e) => void message.error(errorMessage(e)) });
    if (input.current) input.current.value = '';
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {editable && (
        <Space wrap>
          <input ref={input} type="file" accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.txt" style={{ display: 'none' }} onChange={(e) => pick(e.target.files)} data-testid="file-input" />
          <Button icon={<UploadOutlined />} loading={upload.isPending} onClick={() => input.current?.click()}>
            {tx('upload')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tx('uploadHint')}
          </Typography.Text>
        </Space>
      )}
      <List
        size="small"
        dataSource={meeting.files}
        locale={{ emptyText: tx('noFiles') }}
        renderItem={(f) => (
          <List.Item
            actions={
              editable
                ? [
                    <Popconfirm key="d" title={tx('deleteFileConfirm', { name: f.fileName })} onConfirm={() => remove.mutate(f.id, { onError: (e) => void message.error(errorMessage(e)) })} okText={tx('deleteFile')} cancelText={tx('cancel')}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={tx('deleteFile')} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space>
              <PaperClipOutlined />
              <a href={`/api/orglife/attachments/${f.id}`} target="_blank" rel="noreferrer">
                {f.fileName}
              </a>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {size(f.size)} · {f.uploadedByName}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}
