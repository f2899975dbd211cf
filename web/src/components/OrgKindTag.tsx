import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ORG_KIND } from '../../../src/shared/enums.ts';
import type { OrgNode } from '../api/types.ts';
import { useLabel } from '../labels.ts';

const COLORS: Record<OrgNode['kind'], string> = {
  committee: 'red',
  working_committee: 'volcano',
  general_branch: 'orange',
  branch: 'gold',
  joint_branch: 'cyan',
  temporary_branch: 'purple',
  group: 'default',
};

/** The organization kind as a coloured tag; `short` for tight places like the tree (English labels are long). */
export function OrgKindTag({ kind, small, short }: { kind: OrgNode['kind']; small?: boolean; short?: boolean }) {
  const label = useLabel();
  const { t } = useTranslation();
  const full = label(ORG_KIND, kind);
  return (
    <Tag color={COLORS[kind]} variant="filled" className={small ? 'kind-tag kind-tag-small' : 'kind-tag'} title={short ? full : undefined}>
      {short ? t(`orgKindShort.${kind}`) : full}
    </Tag>
  );
}
