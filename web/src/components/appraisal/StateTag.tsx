import { Tag } from 'antd';
import { APPRAISAL_STATE } from '../../../../src/shared/enums.ts';
import type { AppraisalState } from '../../api/appraisal.ts';
import { useLabel } from '../../labels.ts';

const COLOR: Record<AppraisalState, string> = { open: 'default', self_assessment: 'blue', mutual_assessment: 'cyan', voting: 'orange', published: 'green', closed: 'default' };

export function StateTag({ state }: { state: AppraisalState }) {
  const label = useLabel();
  return <Tag color={COLOR[state]}>{label(APPRAISAL_STATE, state)}</Tag>;
}
