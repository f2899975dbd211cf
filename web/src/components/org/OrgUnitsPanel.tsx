import { Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { UNIT_KIND, URBAN_RURAL } from '../../../../src/shared/enums.ts';
import { useOrgUnits, useUnitsUnder } from '../../api/queries.ts';
import type { OrgUnits } from '../../api/types.ts';
import { useLabel } from '../../labels.ts';
import { QueryError } from '../QueryError.tsx';

type Unit = OrgUnits['items'][number];
type UnitRow = Omit<Unit, 'isPrimary'> & { isPrimary?: boolean };

const PAGE = 10;

function useUnitColumns(showOrg: boolean) {
  const { t } = useTranslation();
  const label = useLabel();
  const none = t('common.none');
  return [
    {
      key: 'name',
      title: t('orgTabs.unitName'),
      render: (_: unknown, u: UnitRow) => (
        <Space size={6} wrap>
          <span>{u.name}</span>
          {u.isPrimary && <Tag color="red">{t('orgTabs.primary')}</Tag>}
          {u.dissolvedOn && <Tag>{t('orgTabs.unitDissolved')}</Tag>}
        </Space>
      ),
    },
    { key: 'code', title: t('orgTabs.unitCode'), render: (_: unknown, u: UnitRow) => <span className="mono">{u.code}</span> },
    { key: 'kind', title: t('orgTabs.unitKind'), render: (_: unknown, u: UnitRow) => label(UNIT_KIND, u.kind) },
    { key: 'urbanRural', title: t('org.urbanRural'), render: (_: unknown, u: UnitRow) => label(URBAN_RURAL, u.urbanRural) },
    ...(showOrg ? [{ key: 'org', title: t('orgTabs.unitOrg'), render: (_: unknown, u: UnitRow) => <Link to={`/orgs/${u.orgId}`}>{u.orgName}</Link> }] : []),
    { key: 'employees', title: t('orgTabs.unitEmployees'), align: 'right' as const, render: (_: unknown, u: UnitRow) => u.employees?.toLocaleString() ?? none },
    { key: 'members', title: t('orgTabs.unitMembers'), align: 'right' as const, render: (_: unknown, u: UnitRow) => u.members.toLocaleString() },
    { key: 'established', title: t('org.establishedOn'), render: (_: unknown, u: UnitRow) => u.establishedOn ?? none },
  ];
}

function UnitsUnder({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const q = useUnitsUnder(orgId, page, PAGE);
  const columns = useUnitColumns(true);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Table
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={q.data?.items ?? []}
      loading={q.isFetching}
      scroll={{ x: 'max-content' }}
      pagination={{ current: page, pageSize: PAGE, total: q.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t('orgTabs.unitsUnderTotal', { count: n }) }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgTabs.noUnitsUnder')} /> }}
    />
  );
}

/** The units an organization is set up in, then the units it and its sub-organizations look after. */
export function OrgUnitsPanel({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const q = useOrgUnits(orgId);
  const columns = useUnitColumns(false);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active paragraph={{ rows: 4 }} />;
  return (
    <Space orientation="vertical" size={20} style={{ width: '100%' }} data-testid="org-units">
      <div>
        <Typography.Title level={5} style={{ marginTop: 8 }}>
          {t('orgTabs.linkedUnits')}
        </Typography.Title>
        {q.data.items.length === 0 ? (
          <Typography.Text type="secondary">{t('orgTabs.noLinkedUnits')}</Typography.Text>
        ) : (
          <Table rowKey="id" size="middle" columns={columns} dataSource={q.data.items} pagination={false} scroll={{ x: 'max-content' }} />
        )}
      </div>
      <div>
        <Typography.Title level={5}>{t('orgTabs.unitsUnder')}</Typography.Title>
        <div data-testid="units-under">
          <UnitsUnder orgId={orgId} />
        </div>
      </div>
    </Space>
  );
}
