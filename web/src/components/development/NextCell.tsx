import { Space, Tag, Typography } from 'antd';
import { DEV_STEP } from '../../../../src/shared/enums.ts';
import type { DevCaseSummary } from '../../api/development.ts';
import { useLabel } from '../../labels.ts';
import { useDevText } from './text.ts';

/** The step due next, with its deadline (red when overdue) or its earliest date. */
export function NextCell({ c, hideStep = false }: { c: Pick<DevCaseSummary, 'next' | 'status'>; hideStep?: boolean }) {
  const tx = useDevText();
  const label = useLabel();
  if (!c.next) return <Typography.Text type="secondary">{c.status === 'closed' ? '—' : tx('finished')}</Typography.Text>;
  return (
    <Space size={4} wrap data-testid="dev-next">
      {!hideStep && <span>{label(DEV_STEP, c.next.step)}</span>}
      {c.next.dueOn && (c.next.overdue ? <Tag color="error">{tx('overdue')} · {c.next.dueOn}</Tag> : <Tag color="warning">{tx('dueHint', { date: c.next.dueOn })}</Tag>)}
      {!c.next.dueOn && c.next.earliestOn && <Tag>{tx('earliestHint', { date: c.next.earliestOn })}</Tag>}
    </Space>
  );
}
