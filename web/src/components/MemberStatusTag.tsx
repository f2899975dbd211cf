import { Tag } from 'antd';
import { MEMBER_STATUS } from '../../../src/shared/enums.ts';
import type { MemberStatus } from '../api/types.ts';
import { useLabel } from '../labels.ts';

export function MemberStatusTag({ status }: { status: MemberStatus }) {
  const label = useLabel();
  return <Tag color={status === 'full' ? 'red' : 'orange'}>{label(MEMBER_STATUS, status)}</Tag>;
}
