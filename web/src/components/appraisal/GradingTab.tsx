import { Alert, App, Button, Input, InputNumber, Select, Space, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { APPRAISAL_FOLLOW_UP, APPRAISAL_GRADE, APPRAISAL_STATE } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useGrades, useVotes, type AppraisalGrade, type RoundDetail, type RoundParticipant } from '../../api/appraisal.ts';
import { useCodeOptions, useLabel } from '../../labels.ts';
import { useAprText } from './text.ts';

type FollowUp = (typeof APPRAISAL_FOLLOW_UP.values)[number];
interface Draft {
  grade: AppraisalGrade | null;
  reason: string;
  followUp: FollowUp | null;
  votes: [number, number, number, number];
}
const GRADES = APPRAISAL_GRADE.values;

function draftsOf(round: RoundDetail): Map<number, Draft> {
  return new Map(
    round.participantList.map((p) => [
      p.memberId,
      { grade: p.grade, reason: p.gradeReason ?? '', followUp: p.followUp, votes: p.votes ? [p.votes.excellent, p.votes.qualified, p.votes.basically_qualified, p.votes.unqualified] : [0, 0, 0, 0] },
    ]),
  );
}

/** Vote tallies and grades, with the 优秀 counter against the one-third limit updated as grades are picked. */
export function GradingTab({ round, writable }: { round: RoundDetail; writable: boolean }) {
  const tx = useAprText();
  const label = useLabel();
  const options = useCodeOptions();
  const { message } = App.useApp();
  const saveVotes = useVotes(round.id);
  const saveGrades = useGrades(round.id);
  const [drafts, setDrafts] = useState(() => draftsOf(round));
  const [ballots, setBallots] = useState<number>(round.ballots ?? round.voters);
  useEffect(() => setDrafts(draftsOf(round)), [round]);
  const canEdit = writable && round.state === 'voting';
  const set = (id: number, patch: Partial<Draft>) => setDrafts((d) => new Map(d).set(id, { ...d.get(id)!, ...patch }));
  const excellent = useMemo(() => [...drafts.values()].filter((d) => d.grade === 'excellent').length, [drafts]);
  const { max, numerator, denominator } = round.excellentLimit;
  const over = excellent > max;
  const missingReason = [...drafts.values()].some((d) => d.grade === 'unqualified' && (!d.reason.trim() || !d.followUp));

  const columns: TableColumnsType<RoundParticipant> = [
    { title: tx('name'), dataIndex: 'name', key: 'name', width: 90, fixed: 'left' },
    {
      title: tx('votes'),
      key: 'votes',
      width: 250,
      render: (_: unknown, p) => (
        <Space size={4}>
          {GRADES.map((g, i) =>
            canEdit ? (
              <InputNumber key={g} size="small" min={0} max={ballots} style={{ width: 56 }} value={drafts.get(p.memberId)!.votes[i]} aria-label={`${p.name} ${label(APPRAISAL_GRADE, g)}`}
                onChange={(v) => { const votes = [...drafts.get(p.memberId)!.votes] as Draft['votes']; votes[i] = v ?? 0; set(p.memberId, { votes }); }} />
            ) : (
              <span key={g} style={{ minWidth: 28, display: 'inline-block' }}>{drafts.get(p.memberId)!.votes[i]}</span>
            ),
          )}
        </Space>
      ),
    },
    {
      title: tx('grade'),
      key: 'grade',
      width: 130,
      render: (_: unknown, p) =>
        canEdit ? (
          <Select size="small" allowClear style={{ width: 120 }} options={options(APPRAISAL_GRADE)} value={drafts.get(p.memberId)!.grade ?? undefined} onChange={(g?: AppraisalGrade) => set(p.memberId, { grade: g ?? null, followUp: g === 'unqualified' ? drafts.get(p.memberId)!.followUp : null })} data-testid={`grade-${p.memberId}`} />
        ) : (
          label(APPRAISAL_GRADE, p.grade)
        ),
    },
    {
      title: tx('reason'),
      key: 'reason',
      width: 220,
      render: (_: unknown, p) => (canEdit ? <Input size="small" maxLength={1000} value={drafts.get(p.memberId)!.reason} onChange={(e) => set(p.memberId, { reason: e.target.value })} status={drafts.get(p.memberId)!.grade === 'unqualified' && !drafts.get(p.memberId)!.reason.trim() ? 'error' : undefined} /> : (p.gradeReason ?? '—')),
    },
    {
      title: tx('followUp'),
      key: 'followUp',
      width: 140,
      render: (_: unknown, p) =>
        canEdit ? (
          drafts.get(p.memberId)!.grade === 'unqualified' && <Select size="small" style={{ width: 120 }} options={options(APPRAISAL_FOLLOW_UP)} value={drafts.get(p.memberId)!.followUp ?? undefined} onChange={(f: FollowUp) => set(p.memberId, { followUp: f })} status={!drafts.get(p.memberId)!.followUp ? 'error' : undefined} />
        ) : p.followUp ? (
          `${label(APPRAISAL_FOLLOW_UP, p.followUp)}${p.followUpDueOn ? `（${p.followUpDueOn}）` : ''}`
        ) : (
          '—'
        ),
    },
  ];

  const submitVotes = () =>
    saveVotes.mutate(
      { ballots, tallies: round.participantList.map((p) => { const v = drafts.get(p.memberId)!.votes; return { memberId: p.memberId, excellent: v[0], qualified: v[1], basically_qualified: v[2], unqualified: v[3] }; }) },
      { onSuccess: () => void message.success(tx('saved')), onError: (err) => void message.error(errorMessage(err)) },
    );
  const submitGrades = () =>
    saveGrades.mutate(
      { grades: round.participantList.map((p) => { const d = drafts.get(p.memberId)!; return { memberId: p.memberId, grade: d.grade, reason: d.reason.trim() || null, followUp: d.grade === 'unqualified' ? d.followUp : null }; }) },
      { onSuccess: () => void message.success(tx('saved')), onError: (err) => void message.error(errorMessage(err)) },
    );

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap size={24} align="center">
        <Statistic title={tx('grade')} value={tx('excellentCounter', { count: excellent, max })} styles={{ content: { color: over ? '#c8161d' : undefined, fontSize: 20 } }} data-testid="excellent-counter" />
        {canEdit && (
          <Space wrap>
            <span>{tx('ballots')}</span>
            <InputNumber min={0} max={round.voters} value={ballots} onChange={(v) => setBallots(v ?? 0)} />
            <Typography.Text type="secondary">{tx('voters', { count: round.voters })}</Typography.Text>
          </Space>
        )}
      </Space>
      {over && <Alert type="error" showIcon title={tx('excellentOver', { total: round.participants, numerator, denominator, max })} data-testid="excellent-over" />}
      {canEdit && missingReason && <Alert type="warning" showIcon title={tx('unqualifiedNeeds')} />}
      {!canEdit && writable && round.state !== 'published' && round.state !== 'closed' && <Typography.Text type="secondary">{tx('onlyInStage', { stage: label(APPRAISAL_STATE, 'voting') })}</Typography.Text>}
      <Table rowKey="memberId" size="small" columns={columns} dataSource={round.participantList} pagination={false} scroll={{ x: 'max-content' }} />
      {canEdit && (
        <Space wrap>
          <Button onClick={submitVotes} loading={saveVotes.isPending}>
            {tx('saveVotes')}
          </Button>
          <Button type="primary" onClick={submitGrades} loading={saveGrades.isPending} disabled={over || missingReason} data-testid="save-grades">
            {tx('saveGrades')}
          </Button>
          <Typography.Text type={over ? 'danger' : 'secondary'}>{tx('excellentCounter', { count: excellent, max })}</Typography.Text>
        </Space>
      )}
    </Space>
  );
}
