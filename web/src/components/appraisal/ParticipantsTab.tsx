import { App, Button, Input, Modal, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { APPRAISAL_GRADE, APPRAISAL_STATE } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useSelfAssessment, type RoundDetail, type RoundParticipant } from '../../api/appraisal.ts';
import { useLabel } from '../../labels.ts';
import { useAprText } from './text.ts';

/** The participants (fixed at the start date) and their self-assessments, recorded in the self-assessment stage. */
export function ParticipantsTab({ round, writable }: { round: RoundDetail; writable: boolean }) {
  const tx = useAprText();
  const label = useLabel();
  const { message } = App.useApp();
  const save = useSelfAssessment(round.id);
  const [editing, setEditing] = useState<RoundParticipant | null>(null);
  const [text, setText] = useState('');
  const canEdit = writable && round.state === 'self_assessment';
  const columns: TableColumnsType<RoundParticipant> = [
    { title: tx('name'), dataIndex: 'name', key: 'name', width: 90, fixed: 'left' },
    { title: tx('statusOnStart'), dataIndex: 'statusOnStart', key: 's', width: 90, render: (s: string) => (s === 'full' ? tx('full') : <Tag>{tx('probationary')}</Tag>) },
    {
      title: tx('selfAssessment'),
      key: 'self',
      render: (_: unknown, p) =>
        p.selfAssessment ? (
          <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ marginBottom: 0, maxWidth: 520 }}>
            {p.selfAssessment} <Typography.Text type="secondary">{p.selfAssessedOn}</Typography.Text>
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{tx('notYet')}</Typography.Text>
        ),
    },
    ...(round.state === 'published' || round.state === 'closed' ? [{ title: tx('grade'), key: 'grade', width: 100, render: (_: unknown, p: RoundParticipant) => label(APPRAISAL_GRADE, p.grade) }] : []),
    ...(canEdit
      ? [
          {
            title: '',
            key: 'edit',
            width: 80,
            render: (_: unknown, p: RoundParticipant) => (
              <Button size="small" onClick={() => (setEditing(p), setText(p.selfAssessment ?? ''))} data-testid="edit-self">
                {tx('edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      {!canEdit && writable && round.state !== 'published' && round.state !== 'closed' && (
        <Typography.Paragraph type="secondary">{tx('onlyInStage', { stage: label(APPRAISAL_STATE, 'self_assessment') })}</Typography.Paragraph>
      )}
      <Table rowKey="memberId" size="small" columns={columns} dataSource={round.participantList} pagination={false} scroll={{ x: 'max-content' }} />
      <Modal
        open={!!editing}
        title={`${tx('selfAssessment')} · ${editing?.name ?? ''}`}
        onCancel={() => setEditing(null)}
        okText={tx('save')}
        cancelText={tx('cancel')}
        confirmLoading={save.isPending}
        onOk={() =>
          editing &&
          save.mutate(
            { memberId: editing.memberId, text },
            { onSuccess: () => (setEditing(null), void message.success(tx('saved'))), onError: (err) => void message.error(errorMessage(err)) },
          )
        }
      >
        <Input.TextArea rows={6} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} data-testid="self-text" />
      </Modal>
    </>
  );
}
