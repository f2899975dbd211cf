import { DownloadOutlined } from '@ant-design/icons';
import { Button, Empty, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ORG_DOMAIN, ORG_LEVEL } from '../../../src/shared/enums.ts';
import { useOrgChildren } from '../api/queries.ts';
import type { OrgNode } from '../api/types.ts';
import { useLabel } from '../labels.ts';
import { OrgKindTag } from './OrgKindTag.tsx';
import { QueryError } from './QueryError.tsx';

export function OrgChildrenTable({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useOrgChildren(orgId, page, pageSize);

  const columns: TableColumnsType<OrgNode> = [
    {
      title: t('org.name'),
      dataIndex: 'name',
      render: (name: string, o) => (
        <Link to={`/orgs/${o.id}`} className="cell-org-name">
          {name}
        </Link>
      ),
    },
    { title: t('org.kind'), dataIndex: 'kind', width: 120, render: (k: OrgNode['kind']) => <OrgKindTag kind={k} /> },
    { title: t('org.level'), dataIndex: 'level', width: 140, render: (l: OrgNode['level']) => label(ORG_LEVEL, l), responsive: ['md'] },
    { title: t('org.domain'), dataIndex: 'domain', width: 140, render: (d: OrgNode['domain']) => label(ORG_DOMAIN, d), responsive: ['lg'] },
    { title: t('org.code'), dataIndex: 'code', width: 170, render: (c: string) => <span className="mono">{c}</span>, responsive: ['xl'] },
    { title: t('org.childCount'), dataIndex: 'childCount', width: 100, align: 'right', responsive: ['sm'] },
  ];

  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const total = q.data?.total ?? 0;
  if (q.data && total === 0) return <Empty description={t('org.noChildren')} />;

  return (
    <>
      <div className="org-children-actions">
        <Tooltip title={t('org.exportOrgsHint')}>
          <Button icon={<DownloadOutlined />} href={`/api/exports/orgs.xlsx?orgId=${orgId}`} download data-testid="org-export">
            {t('org.exportOrgs')}
          </Button>
        </Tooltip>
      </div>
      <Table<OrgNode>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (n) => <Typography.Text type="secondary">{t('org.childrenTotal', { count: n })}</Typography.Text>,
          onChange: (p, s) => {
            setPage(s !== pageSize ? 1 : p);
            setPageSize(s);
          },
        }}
      />
    </>
  );
}
