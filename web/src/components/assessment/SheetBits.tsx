import { StarFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import type { AsmSheetState } from '../../api/assessment.ts';
import { useAsmText } from './text.ts';

const COLOR: Record<AsmSheetState, string> = { not_started: 'default', returned: 'red', submitted: 'blue', reviewed: 'orange', final: 'green' };

/** A sheet's state as a coloured tag. */
export function SheetStateTag({ state }: { state: AsmSheetState }) {
  const tx = useAsmText();
  return (
    <Tag color={COLOR[state]} data-testid="sheet-state">
      {tx(`s_${state}`)}
    </Tag>
  );
}

/** Stars as filled icons (★★★), or a dash when none. */
export function Stars({ n }: { n: number | null }) {
  if (!n) return <span style={{ color: '#999' }}>—</span>;
  return (
    <span style={{ color: '#faad14', whiteSpace: 'nowrap' }} aria-label={`${n}★`} data-testid="stars">
      {Array.from({ length: n }, (_, i) => (
        <StarFilled key={i} />
      ))}
    </span>
  );
}

/** Whether a sheet reaches the standard: 达到 in green, 未达到 in grey; nothing before a result exists. */
export function ReachedTag({ passed, item = false }: { passed: boolean | null; item?: boolean }) {
  const tx = useAsmText();
  if (passed === null) return <span style={{ color: '#999' }}>—</span>;
  return <Tag color={passed ? 'green' : 'default'}>{item ? (passed ? tx('itemOk') : tx('itemNo')) : passed ? tx('reached') : tx('notReached')}</Tag>;
}
