import { Tag } from 'antd';
import { RECT_STATE } from '../../../../src/shared/enums.ts';
import type { EntrySummary } from '../../api/rectification.ts';
import { useLabel } from '../../labels.ts';

const COLOR: Record<EntrySummary['state'], string> = { listed: 'red', closed: 'green', removed: 'default' };

export function RectStateTag({ state }: { state: EntrySummary['state'] }) {
  const label = useLabel();
  return <Tag color={COLOR[state]}>{label(RECT_STATE, state)}</Tag>;
}
