import { Tag, Timeline, Typography } from 'antd';
import { DEV_STEP } from '../../../../src/shared/enums.ts';
import type { DevCase, DevStepRecord } from '../../api/development.ts';
import { useLabel } from '../../labels.ts';
import { useDevText } from './text.ts';

/** The steps done, oldest first, each with its date, who recorded it and its evidence; the next step last. */
export function StepTimeline({ c }: { c: DevCase }) {
  const tx = useDevText();
  const label = useLabel();
  const title = (s: DevStepRecord) => (s.step === 'probation_extension' ? tx('extension') : label(DEV_STEP, s.step));
  const items = c.steps.map((s) => ({
    key: s.id,
    color: s.step === 'probation_extension' ? 'orange' : 'red',
    content: (
      <div data-testid="dev-timeline-item">
        <Typography.Text strong>{title(s)}</Typography.Text> <Typography.Text type="secondary">{s.doneOn}</Typography.Text>
        <div className="muted" style={{ fontSize: 12 }}>
          {tx('recordedBy')}：{s.recordedByName}
          {s.approver ? ` · ${s.approver}` : ''}
        </div>
        {s.votes && (
          <div style={{ fontSize: 13 }}>
            {tx('entitled')} {s.votes.entitled} · {tx('present')} {s.votes.present} · {tx('for')} {s.votes.for} · {tx('against')} {s.votes.against} · {tx('abstain')} {s.votes.abstain}
          </div>
        )}
        {s.introducers && <div style={{ fontSize: 13 }}>{tx('introducers')}：{s.introducers.map((i) => i.name).join('、')}</div>}
        {s.details && typeof s.details.months === 'number' && <div style={{ fontSize: 13 }}>{tx('months', { count: s.details.months })}</div>}
        {(s.details?.trainingDays !== undefined || s.details?.trainingHours !== undefined) && (
          <div style={{ fontSize: 13 }}>
            {s.details?.trainingDays !== undefined && `${tx('trainingDays')} ${String(s.details.trainingDays)} `}
            {s.details?.trainingHours !== undefined && `${tx('trainingHours')} ${String(s.details.trainingHours)}`}
          </div>
        )}
        {s.details?.leagueRecommended === true && <Tag color="blue">{tx('leagueRecommended')}</Tag>}
        {s.details?.special === true && <Tag color="orange">{tx('special')}</Tag>}
        {s.documents.length > 0 && <div style={{ fontSize: 13 }}>{s.documents.map((d) => d.name).join('、')}</div>}
        {s.note && <div style={{ fontSize: 13 }}>{s.note}</div>}
      </div>
    ),
  }));
  if (c.next) items.push({ key: 0, color: 'gray', content: <Typography.Text type="secondary">{tx('nextHint', { step: label(DEV_STEP, c.next.step) })}</Typography.Text> });
  return <Timeline items={items} data-testid="dev-timeline" />;
}
