import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { APPRAISAL_FOLLOW_UP, APPRAISAL_GRADE, AWARD_LEVEL, STATUS_KIND } from '../../../../src/shared/enums.ts';
import { useMemberAppraisals, useStatusRecords, type StatusRecordItem } from '../../api/appraisal.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { useCodeText, useLabel } from '../../labels.ts';
import { useAprText } from '../appraisal/text.ts';
import { QueryError } from '../QueryError.tsx';
import { StatusForm, type StatusFormPreset } from './StatusForm.tsx';
import { fenToYuan, SUBTYPE_LISTS } from './statusText.ts';

const KIND_COLOR: Record<string, string> = { death: 'default', exit: 'red', discipline: 'volcano', award: 'gold', care: 'green', allowance: 'cyan', restore: 'blue', reversal: 'purple' };

/** 「奖惩与变动」 on the member record: the records, adding one, and the member's appraisal results. */
export function StatusSection({ memberId, memberName }: { memberId: number; memberName: string }) {
  const tx = useAprText();
  const text = useCodeText();
  const label = useLabel();
  const { can, me } = useAuth();
  const q = useStatusRecords(memberId);
  const appraisals = useMemberAppraisals(memberId);
  const [preset, setPreset] = useState<StatusFormPreset | null>(null);
  const writable = can('member.write') && me?.role !== 'member';
  const left = !!q.data?.leftOn;
  const items = [...(q.data?.items ?? [])].reverse();

  const describe = (r: StatusRecordItem) =>
    [
      r.docNumber,
      r.issuer,
      r.awardLevel ? label(AWARD_LEVEL, r.awardLevel) : null,
      r.amountFen !== null ? `${fenToYuan(r.amountFen)} 元${r.kind === 'allowance' ? '/月' : ''}` : null,
      r.endsOn ? `${tx('periodEnd')} ${r.endsOn}` : null,
      r.reason,
      r.note,
    ]
      .filter(Boolean)
      .join(' · ');

  return (
    <div style={{ marginTop: 24 }} data-testid="status-section">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {tx('statusTitle')}
        </Typography.Title>
        {writable && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setPreset({ kind: left ? 'reversal' : 'award' })} data-testid="status-add">
            {tx('add')}
          </Button>
        )}
      </Space>
      {left && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={tx('left', { date: q.data!.leftOn! })} description={writable ? tx('leftHint') : undefined} />}
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      <List
        size="small"
        loading={q.isPending}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx('statusEmpty')} /> }}
        renderItem={(r) => (
          <List.Item
            data-testid="status-item"
            actions={
              writable && r.kind !== 'reversal' && !r.reversedById
                ? [
                    ...(r.kind === 'discipline' && r.subtype === 'probation' && !r.restoredById && !left
                      ? [<a key="restore" onClick={() => setPreset({ kind: 'restore', relatesToId: r.id })}>{text(STATUS_KIND, 'restore')}</a>]
                      : []),
                    <a key="rev" onClick={() => setPreset({ kind: 'reversal', relatesToId: r.id })}>{text(STATUS_KIND, 'reversal')}</a>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <span className="mono">{r.effectiveOn}</span>
                  <Tag color={KIND_COLOR[r.kind]}>{text(STATUS_KIND, r.kind)}</Tag>
                  {SUBTYPE_LISTS[r.kind].values.length > 1 && <span>{text(SUBTYPE_LISTS[r.kind], r.subtype)}</span>}
                  {r.reversedById && <Tag>{tx('reversed')}</Tag>}
                  {r.restoredById && <Tag color="blue">{tx('restored')}</Tag>}
                </Space>
              }
              description={
                <>
                  {describe(r) && <div>{describe(r)}</div>}
                  {r.legalBasis && (
                    <Typography.Paragraph type="secondary" ellipsis={{ rows: 1, expandable: true }} style={{ marginBottom: 0, fontSize: 12 }}>
                      {tx('legalBasis')}：{r.legalBasis}
                    </Typography.Paragraph>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {tx('history')}
      </Typography.Title>
      <List
        size="small"
        loading={appraisals.isPending}
        dataSource={appraisals.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx('historyEmpty')} /> }}
        renderItem={(a) => (
          <List.Item data-testid="appraisal-item">
            <Space wrap size={4}>
              <span>{a.year}</span>
              <Tag color={a.grade === 'excellent' ? 'red' : a.grade === 'unqualified' ? 'default' : 'blue'}>{label(APPRAISAL_GRADE, a.grade)}</Tag>
              <Typography.Text type="secondary">{a.orgName}</Typography.Text>
              {a.followUp && <span>{`${label(APPRAISAL_FOLLOW_UP, a.followUp)}${a.followUpDueOn ? `（${a.followUpDueOn}）` : ''}`}</span>}
            </Space>
          </List.Item>
        )}
      />
      {writable && <StatusForm memberId={memberId} memberName={memberName} preset={preset} left={left} records={q.data?.items ?? []} onClose={() => setPreset(null)} />}
    </div>
  );
}
