import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Grid, Input, List, Modal, Popconfirm, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { TRANSFER_KIND, TRANSFER_SCOPE_CASE } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { letterUrl, useTransfer, useTransferAction, type TransferAction, type TransferDetail } from '../../api/transfers.ts';
import { useLabel } from '../../labels.ts';
import { QueryError } from '../QueryError.tsx';
import { RegisterMemberModal } from './RegisterMemberModal.tsx';
import { TransferStateTag } from './TransferStateTag.tsx';
import { useTransferText, type TransferTextKey } from './text.ts';

const CONFIRM_TEXT: Partial<Record<TransferAction, TransferTextKey>> = { submit: 'confirmSubmit', approve: 'confirmApprove', cancel: 'confirmCancel', reissue: 'confirmReissue' };

/** One transfer: its facts, approvals, letters, and the buttons for what the caller may do now. */
export function TransferDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const tx = useTransferText();
  const label = useLabel();
  const { message } = App.useApp();
  const isPhone = !Grid.useBreakpoint().md;
  const q = useTransfer(id);
  const act = useTransferAction(id ?? 0);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const [registering, setRegistering] = useState(false);
  const t = q.data;

  const run = (action: TransferAction, body?: Record<string, unknown>) =>
    act.mutateAsync({ action, body }).then(
      () => void message.success(tx('actionDone', { action: tx(`a_${action}`) })),
      (err: unknown) => void message.error(errorMessage(err)),
    );

  const button = (t: TransferDetail, a: TransferAction) => {
    const primary = a === 'approve' || a === 'confirm' || a === 'submit';
    const btn = (onClick?: () => void) => (
      <Button key={a} type={primary ? 'primary' : 'default'} danger={a === 'cancel' || a === 'reject'} loading={act.isPending && act.variables?.action === a} onClick={onClick} data-testid={`transfer-action-${a}`}>
        {tx(`a_${a}`)}
      </Button>
    );
    if (a === 'reject') return btn(() => setRejecting(true));
    if (a === 'confirm' && t.kind === 'incoming') return btn(() => setRegistering(true));
    const text = a === 'confirm' ? tx(t.kind === 'outgoing' ? 'confirmConfirmOut' : 'confirmConfirm', { name: t.memberName, org: t.toOrgName }) : tx(CONFIRM_TEXT[a]!);
    return (
      <Popconfirm key={a} title={tx(`a_${a}`)} description={<div style={{ maxWidth: 280 }}>{text}</div>} onConfirm={() => run(a)} okButtonProps={{ 'data-testid': `transfer-confirm-${a}` } as React.ComponentProps<typeof Button>}>
        {btn()}
      </Popconfirm>
    );
  };

  return (
    <Drawer open={id !== null} onClose={onClose} title={tx('detail')} size={isPhone ? '100%' : 560} placement={isPhone ? 'bottom' : 'right'} destroyOnHidden data-testid="transfer-drawer">
      {q.isPending ? (
        <Spin />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : t ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="transfer-member">
              {t.memberName}
            </Typography.Title>
            <TransferStateTag state={t.state} />
            <Tag>{label(TRANSFER_KIND, t.kind)}</Tag>
            <Tag color="blue">{label(TRANSFER_SCOPE_CASE, t.scopeCase)}</Tag>
          </Space>
          {t.state === 'expired' && <Alert type="warning" showIcon title={tx('expiredHint')} />}
          {t.actions.length > 0 && (
            <Space wrap data-testid="transfer-actions">
              {t.actions.map((a) => button(t, a))}
            </Space>
          )}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={tx('from')}>{t.fromOrgName}</Descriptions.Item>
            <Descriptions.Item label={tx('to')}>
              {t.toOrgName}
              {t.toOrgAddress ? `（${t.toOrgAddress}）` : ''}
            </Descriptions.Item>
            {t.reason && <Descriptions.Item label={tx('reason')}>{t.reason}</Descriptions.Item>}
            <Descriptions.Item label={tx('duesPaidUntil')}>{t.duesPaidUntil ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={tx('createdBy')}>{t.createdByName}</Descriptions.Item>
            {t.confirmedOn && <Descriptions.Item label={tx('confirmedOn')}>{`${t.confirmedOn}（${t.confirmedByName ?? ''}）`}</Descriptions.Item>}
            {t.closedNote && <Descriptions.Item label={tx('closedNote')}>{t.closedNote}</Descriptions.Item>}
          </Descriptions>
          {t.steps.length > 0 && (
            <div>
              <Typography.Title level={5}>{tx('steps')}</Typography.Title>
              <Timeline
                items={t.steps.map((s) => ({
                  color: s.decision === 'approved' ? 'green' : s.decision === 'rejected' ? 'red' : 'gray',
                  content: (
                    <div data-testid="transfer-step">
                      <div>
                        {tx(s.role === 'county' ? 'stepCounty' : 'stepProvince')}：{s.orgName}
                      </div>
                      <Typography.Text type="secondary">{s.decision ? `${s.decision === 'approved' ? '通过' : '退回'} ${s.decidedOn ?? ''} ${s.decidedByName ?? ''} ${s.note ?? ''}` : tx('waiting')}</Typography.Text>
                    </div>
                  ),
                }))}
              />
            </div>
          )}
          {t.letters.length > 0 && (
            <div>
              <Typography.Title level={5}>{tx('letters')}</Typography.Title>
              <List
                size="small"
                bordered
                dataSource={[...t.letters].reverse()}
                renderItem={(l) => (
                  <List.Item>
                    <Space orientation="vertical" size={0}>
                      <span className="mono" data-testid="transfer-letter-number">
                        {l.number}
                      </span>
                      <Typography.Text type="secondary">
                        {l.issuerName} · {l.issuedOn} — {tx('validUntil')} {l.validUntil}
                        {l.supersededOn ? ` · ${tx('superseded')}` : ''}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
              {t.kind !== 'incoming' && t.letterNumber && (
                <Button icon={<DownloadOutlined />} href={letterUrl(t.id)} target="_blank" style={{ marginTop: 8 }} data-testid="transfer-letter-pdf">
                  {tx('download')}
                </Button>
              )}
            </div>
          )}
          <Modal
            open={rejecting}
            title={tx('rejectTitle')}
            onCancel={() => setRejecting(false)}
            okButtonProps={{ danger: true, disabled: !note.trim() }}
            onOk={() => void run('reject', { note: note.trim() }).then(() => setRejecting(false))}
            destroyOnHidden
          >
            <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} placeholder={tx('rejectNote')} data-testid="transfer-reject-note" />
          </Modal>
          <RegisterMemberModal open={registering} transfer={t} onClose={() => setRegistering(false)} />
        </Space>
      ) : null}
    </Drawer>
  );
}
