import { LoadingOutlined } from '@ant-design/icons';
import { Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../api/types.ts';

export type RunningPhase = 'uploading' | 'queued' | 'validating' | 'applying';

/** Where a running import is: a bar (upload percent, then rows processed of rows) and the phase in words. */
export function ImportProgress({ fileName, phase, uploadPercent = 0, job }: { fileName: string; phase: RunningPhase; uploadPercent?: number; job?: ImportJob | undefined }) {
  const { t } = useTranslation();
  let percent = 0;
  let rows: string | null = null;
  if (phase === 'uploading') percent = uploadPercent;
  else if (job) {
    const total = job.rowsTotal;
    // The total is an estimate while checking: never claim 100 % before the job says it is finished.
    if (total !== null && total > 0) percent = Math.min(99, Math.floor((job.rowsProcessed / total) * 100));
    rows = total !== null ? t('imports.rowsProgress', { done: job.rowsProcessed.toLocaleString(), total: total.toLocaleString() }) : t('imports.rowsProgressUnknown', { done: job.rowsProcessed.toLocaleString() });
  }
  return (
    <div className="import-progress" data-testid="import-progress" data-phase={phase} aria-live="polite">
      <div className="import-progress-head">
        <LoadingOutlined className="import-progress-spin" aria-hidden />
        <Typography.Text strong data-testid="import-phase">
          {t(`imports.phase.${phase}`)}
        </Typography.Text>
        <Typography.Text type="secondary" ellipsis className="import-progress-file">
          {t('imports.file', { name: fileName })}
        </Typography.Text>
      </div>
      <Progress percent={percent} status="active" aria-label={t(`imports.phase.${phase}`)} />
      <div className="import-progress-foot">
        <Typography.Text type="secondary">{t(`imports.phaseHint.${phase}`)}</Typography.Text>
        {rows && <Typography.Text type="secondary">{rows}</Typography.Text>}
      </div>
      <Typography.Text type="secondary" className="import-progress-stay">
        {t('imports.stayHint')}
      </Typography.Text>
    </div>
  );
}
