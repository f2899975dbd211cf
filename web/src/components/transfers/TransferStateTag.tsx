import { Tag } from 'antd';
import { TRANSFER_STATE } from '../../../../src/shared/enums.ts';
import type { TransferSummary } from '../../api/transfers.ts';
import { useLabel } from '../../labels.ts';

const COLOR: Record<TransferSummary['state'], string> = { requested: 'purple', draft: 'default', pending: 'orange', issued: 'blue', expired: 'red', confirmed: 'green', rejected: 'volcano', cancelled: 'default' };

export function TransferStateTag({ state }: { state: TransferSummary['state'] }) {
  const label = useLabel();
  return (
    <Tag color={COLOR[state]} data-testid="transfer-state">
      {label(TRANSFER_STATE, state)}
    </Tag>
  );
}
