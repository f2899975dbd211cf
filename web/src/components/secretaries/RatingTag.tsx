import { Tag } from 'antd';
import { SEC_REPORT_STATE, SECRETARY_RATING } from '../../../../src/shared/enums.ts';
import type { Rating, Report } from '../../api/secretaries.ts';
import { useLabel } from '../../labels.ts';

export const RATING_COLOR: Record<Rating, string> = { good: '#389e0d', fairly_good: '#1677ff', average: '#faad14', poor: '#c8161d' };

export function RatingTag({ rating }: { rating: Rating | null }) {
  const label = useLabel();
  return rating ? <Tag color={RATING_COLOR[rating]}>{label(SECRETARY_RATING, rating)}</Tag> : <span>—</span>;
}

const STATE_COLOR: Record<Report['state'], string> = { draft: 'default', submitted: 'blue', rated: 'green' };
export function ReportStateTag({ state }: { state: Report['state'] }) {
  const label = useLabel();
  return <Tag color={STATE_COLOR[state]}>{label(SEC_REPORT_STATE, state)}</Tag>;
}
