import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useImportJobs } from '../../api/queries.ts';
import type { ImportJob } from '../../api/types.ts';
import { useAuth, useMe } from '../../auth/AuthContext.tsx';
import { QueryError } from '../QueryError.tsx';

const STATUS_COLOR: Record<ImportJob['status'], string> = { queued: 'default', validating: 'processing', applying: 'processing', done: 'success', rejected: 'error', failed: 'warning' };

/** The caller's recent imports and those of their subtree: what happened to yesterday's file, and its error report. */
export function RecentImports() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const jobs = useImportJobs();
  // The report repeats the uploaded cells (full ID numbers): the uploader's, or for those allowed to see them.
  const mayReport = (j: ImportJob) => j.hasErrorReport && (j.createdBy === me.username || can('member.revealId'));
  const columns: TableColumnsType<ImportJob> = [
    { title: t('imports.recent.when'), dataIndex: 'createdAt', width: 150, render: (d: string) => <span className="mono">{dayjs(d).format('YYYY-MM-DD HH:mm')}</span> },
    { title: t('imports.recent.file'), dataIndex: 'fileName', ellipsis: true, render: (n: string) => <span className="cell-strong">{n}</span> },
    { title: t('imports.recent.kind'), dataIndex: 'kind', width: 110, responsive: ['md'], render: (k: ImportJob['kind']) => t(`imports.kind.${k}`) },
    { title: t('imports.recent.by'), dataIndex: 'createdBy', width: 120, responsive: ['lg'] },
    {
      title: t('imports.recent.status'),
      key: 'status',
      render: (_: unknown, j: ImportJob) => (
        <span className="import-recent-status">
          <Tag color={STATUS_COLOR[j.status]}>{t(`imports.recent.statuses.${j.status}`)}</Tag>
          <Typography.Text type="secondary">
            {j.status === 'done' ? t('imports.recent.summary', { created: j.created, updated: j.updated, unchanged: j.unchanged }) : j.status === 'rejected' ? t('imports.recent.errorRows', { count: j.errorCount }) : (j.message ?? '')}
          </Typography.Text>
          {mayReport(j) && (
            <Button type="link" size="small" icon={<DownloadOutlined />} href={`/api/imports/${j.id}/errors.xlsx`} download>
              {t('imports.recent.report')}
            </Button>
          )}
        </span>
      ),
    },
  ];
  return (
    <Card className="page-card" title={t('imports.recent.title')} data-testid="import-recent">
      {jobs.isError ? (
        <QueryError error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : (
        <Table<ImportJob>
          rowKey="id"
          size="small"
          loading={jobs.isPending}
          columns={columns}
          dataSource={jobs.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('imports.recent.empty')} /> }}
        />
      )}
    </Card>
  );
}
