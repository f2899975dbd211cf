import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Result, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportJob, ImportProblem } from '../../api/types.ts';

function AgainButton({ onAgain, primary }: { onAgain: () => void; primary?: boolean }) {
  const { t } = useTranslation();
  return (
    <Button type={primary ? 'primary' : 'default'} icon={<UploadOutlined />} onClick={onAgain} data-testid="import-again">
      {t('imports.again')}
    </Button>
  );
}

function ErrorTable({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ImportProblem> = [
    { title: t('imports.colRow'), dataIndex: 'row', width: 64, render: (row: number) => (row === 1 ? t('imports.headerRow') : <span className="mono">{row}</span>) },
    { title: t('imports.colField'), dataIndex: 'field', width: 112, render: (f: string) => <span className="cell-strong">{f}</span> },
    { title: t('imports.colMessage'), dataIndex: 'message', render: (m: string) => <span className="import-error-message">{m}</span> },
  ];
  return (
    <Table<ImportProblem>
      rowKey={(p) => `${p.row}:${p.column}:${p.message}`}
      size="small"
      columns={columns}
      dataSource={job.errors}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
      tableLayout="fixed"
      data-testid="import-errors"
      className="import-errors"
    />
  );
}

/** The end of a job: counts when done; nothing written, the problems and the report when rejected; the reason when failed. */
export function ImportResult({ job, onAgain }: { job: ImportJob; onAgain: () => void }) {
  const { t } = useTranslation();
  if (job.status === 'done') {
    const counts = [
      { key: 'created', value: job.created },
      { key: 'updated', value: job.updated },
      { key: 'unchanged', value: job.unchanged },
    ] as const;
    return (
      <Result
        status="success"
        title={t('imports.doneTitle')}
        subTitle={t('imports.doneSub', { name: job.fileName, total: (job.rowsTotal ?? job.created + job.updated + job.unchanged).toLocaleString() })}
        data-testid="import-done"
        className="import-result"
        extra={
          <div className="import-done-extra">
            <div className="import-counts">
              {counts.map((c) => (
                <Statistic key={c.key} title={t(`imports.${c.key}`)} value={c.value} data-testid={`import-${c.key}`} className={`import-count import-count-${c.key}`} />
              ))}
            </div>
            <AgainButton onAgain={onAgain} primary />
          </div>
        }
      />
    );
  }
  if (job.status === 'rejected') {
    const sampled = job.errors.length;
    return (
      <div className="import-rejected" data-testid="import-rejected">
        <Result
          status="error"
          title={t('imports.rejectedTitle')}
          subTitle={t('imports.rejectedSub', { name: job.fileName, count: job.errorCount })}
          className="import-result"
          extra={[
            job.hasErrorReport && (
              <Button key="report" type="primary" icon={<DownloadOutlined />} href={`/api/imports/${job.id}/errors.xlsx`} download data-testid="import-report">
                {t('imports.downloadReport')}
              </Button>
            ),
            <AgainButton key="again" onAgain={onAgain} />,
          ]}
        />
        {sampled > 0 && (
          <>
            {job.errorCount > 0 && sampled >= 100 && (
              <Typography.Paragraph type="secondary" className="import-errors-note">
                {t('imports.errorsSample', { count: sampled })}
              </Typography.Paragraph>
            )}
            <ErrorTable job={job} />
          </>
        )}
      </div>
    );
  }
  // failed
  return (
    <Result
      status="warning"
      title={t('imports.failedTitle')}
      subTitle={
        <>
          {job.message && (
            <Typography.Paragraph className="import-failed-message" data-testid="import-failed-message">
              {job.message}
            </Typography.Paragraph>
          )}
          <div>{t('imports.failedSub')}</div>
        </>
      }
      data-testid="import-failed"
      className="import-result"
      extra={<AgainButton onAgain={onAgain} primary />}
    />
  );
}
