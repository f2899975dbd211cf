import { App, Button, Empty, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { HONOUR_KIND, NOMINATION_STATE } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useApprove, useCloseNomination, useReview, type CampaignView, type NominationView } from '../../api/recognition.ts';
import { useLabel } from '../../labels.ts';
import { FigureList } from './RecordsDrawer.tsx';
import { useRecText } from './text.ts';

const STATE_COLOR: Record<NominationView['state'], string> = { nominated: 'blue', reviewed: 'cyan', rejected: 'default', approved: 'green', withdrawn: 'default', revoked: 'red' };

const nomineeName = (n: NominationView) => n.memberName ?? n.orgName;

/** The nominations of a campaign, with review, approval (confirmed against the quota), withdrawal and revocation. */
export function NominationTable({ campaign, canWrite, onRecords }: { campaign: CampaignView; canWrite: boolean; onRecords: (orgId: number, orgName: string) => void }) {
  const tx = useRecText();
  const label = useLabel();
  const { message } = App.useApp();
  const review = useReview();
  const approve = useApprove();
  const close = useCloseNomination();
  const [kind, setKind] = useState<string>('');
  const [closing, setClosing] = useState<{ n: NominationView; action: 'withdraw' | 'revoke' } | null>(null);
  const [rejecting, setRejecting] = useState<NominationView | null>(null);
  const [text, setText] = useState('');
  const open = campaign.state === 'open';
  const manage = campaign.manage && canWrite;
  const fail = (err: unknown) => void message.error(errorMessage(err));
  const quotaOf = (k: string) => campaign.quotas.find((q) => q.kind === k);

  const actions = (n: NominationView) => {
    const q = quotaOf(n.kind);
    return (
      <Space wrap size={4}>
        <Button size="small" type="link" onClick={() => onRecords(n.orgId, n.orgName)} data-testid="records">
          {tx('records')}
        </Button>
        {manage && open && n.state === 'nominated' && (
          <>
            <Button size="small" onClick={() => review.mutate({ id: n.id, pass: true }, { onError: fail })} data-testid="pass">
              {tx('pass')}
            </Button>
            <Button size="small" onClick={() => (setText(''), setRejecting(n))}>
              {tx('reject')}
            </Button>
          </>
        )}
        {manage && open && n.state === 'reviewed' && (
          <Popconfirm
            title={tx('approve')}
            description={<div style={{ maxWidth: 280 }}>{tx('approveConfirm', { name: nomineeName(n), kind: label(HONOUR_KIND, n.kind), approved: q?.approved ?? 0, max: q?.max ?? 0 })}{n.memberId ? ` ${tx('approveMember')}` : ''}</div>}
            okText={tx('ok')}
            cancelText={tx('cancel')}
            onConfirm={() => approve.mutateAsync({ id: n.id }).then(() => void message.success(tx('done')), fail)}
          >
            <Button size="small" type="primary" data-testid="approve">
              {tx('approve')}
            </Button>
          </Popconfirm>
        )}
        {canWrite && open && (n.state === 'nominated' || n.state === 'reviewed') && (
          <Button size="small" type="text" onClick={() => (setText(''), setClosing({ n, action: 'withdraw' }))}>
            {tx('withdraw')}
          </Button>
        )}
        {manage && n.state === 'approved' && (
          <Button size="small" type="text" danger onClick={() => (setText(''), setClosing({ n, action: 'revoke' }))}>
            {tx('revoke')}
          </Button>
        )}
      </Space>
    );
  };

  const columns: TableColumnsType<NominationView> = [
    { title: tx('kind'), dataIndex: 'kind', key: 'kind', width: 130, render: (k: NominationView['kind']) => <Tag color="volcano">{label(HONOUR_KIND, k)}</Tag> },
    {
      title: tx('nominee'),
      key: 'nominee',
      render: (_: unknown, n) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{nomineeName(n)}</Typography.Text>
          {n.memberName && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{n.orgName}</Typography.Text>}
        </Space>
      ),
    },
    { title: tx('nominatedOn'), dataIndex: 'nominatedOn', key: 'on', width: 110, responsive: ['md'] },
    {
      title: tx('state'),
      key: 'state',
      width: 110,
      render: (_: unknown, n) => (n.published ? <Tag color="gold">{tx('published')}</Tag> : <Tag color={STATE_COLOR[n.state]}>{label(NOMINATION_STATE, n.state)}</Tag>),
    },
    { title: '', key: 'actions', render: (_: unknown, n) => actions(n) },
  ];

  // Newest first: a nomination just made is at the top of the first page.
  const rows = campaign.nominations.filter((n) => !kind || n.kind === kind).sort((a, b) => b.id - a.id);
  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <Select
          value={kind}
          onChange={setKind}
          style={{ minWidth: 160 }}
          options={[{ value: '', label: tx('all') }, ...campaign.quotas.map((q) => ({ value: q.kind, label: `${label(HONOUR_KIND, q.kind)}（${campaign.nominations.filter((n) => n.kind === q.kind).length}）` }))]}
          aria-label={tx('kind')}
        />
      </Space>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        data-testid="nominations"
        expandable={{
          expandedRowRender: (n) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Paragraph style={{ marginBottom: 0 }}>
                <Typography.Text type="secondary">{tx('reasons')}：</Typography.Text>
                {n.reasons}
              </Typography.Paragraph>
              <Typography.Text type="secondary">{`${tx('nominatedBy')}：${n.nominatedByName}${n.nominatedByOrgName ? `（${n.nominatedByOrgName}）` : ''}`}</Typography.Text>
              {n.reviewNote && <Typography.Text type="secondary">{`${tx('reviewNote')}：${n.reviewNote}`}</Typography.Text>}
              {n.closedReason && <Typography.Text type="danger">{`${tx('closeReason')}：${n.closedReason}（${n.closedOn ?? ''}）`}</Typography.Text>}
              {n.summary.length > 0 && (
                <>
                  <Typography.Text strong>{tx('snapshot')}</Typography.Text>
                  <FigureList figures={n.summary} empty="" />
                </>
              )}
            </Space>
          ),
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx('noNominations')} /> }}
      />
      <Modal
        open={!!rejecting}
        title={tx('reject')}
        okText={tx('reject')}
        cancelText={tx('cancel')}
        okButtonProps={{ danger: true, disabled: text.trim().length < 2 }}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && review.mutateAsync({ id: rejecting.id, pass: false, note: text.trim() }).then(() => setRejecting(null), fail)}
      >
        <Typography.Paragraph type="secondary">{tx('rejectNeedsNote')}</Typography.Paragraph>
        <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} aria-label={tx('reviewNote')} />
      </Modal>
      <Modal
        open={!!closing}
        title={closing ? tx(closing.action === 'revoke' ? 'revokeTitle' : 'withdrawTitle', { name: nomineeName(closing.n) }) : ''}
        okText={closing?.action === 'revoke' ? tx('revoke') : tx('withdraw')}
        cancelText={tx('cancel')}
        okButtonProps={{ danger: true, disabled: text.trim().length < 2 }}
        onCancel={() => setClosing(null)}
        onOk={() => closing && close.mutateAsync({ id: closing.n.id, action: closing.action, reason: text.trim() }).then(() => setClosing(null), fail)}
      >
        {closing?.action === 'revoke' && <Typography.Paragraph type="secondary">{tx('revokeHint')}</Typography.Paragraph>}
        <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} placeholder={tx('closeReason')} aria-label={tx('closeReason')} />
      </Modal>
    </>
  );
}
