import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/client.ts';
import { importFinished, useImportJob } from '../api/queries.ts';
import type { ImportKind } from '../api/types.ts';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { ImportDropzone } from '../components/imports/ImportDropzone.tsx';
import { ImportGuide } from '../components/imports/ImportGuide.tsx';
import { ImportProgress } from '../components/imports/ImportProgress.tsx';
import { ImportResult } from '../components/imports/ImportResult.tsx';
import { RecentImports } from '../components/imports/RecentImports.tsx';
import { uploadImport } from '../components/imports/upload.ts';
import { QueryError } from '../components/QueryError.tsx';
import '../components/imports/imports.css';

type Step = { step: 'pick' } | { step: 'uploading'; fileName: string; percent: number } | { step: 'job'; fileName: string; jobId: string };

/** The Excel import wizard: choose and download the template, upload, watch the progress, read the result. */
export default function ImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can, lang, refresh } = useAuth();
  const queryClient = useQueryClient();
  const kinds = (['members', 'orgs'] as const).filter((k) => can(k === 'members' ? 'member.write' : 'org.write'));
  const [kind, setKind] = useState<ImportKind>(kinds[0] ?? 'members');
  const [step, setStep] = useState<Step>({ step: 'pick' });
  const [refused, setRefused] = useState<{ title: string; message: string } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const job = useImportJob(step.step === 'job' ? step.jobId : null);
  const finished = importFinished(job.data);

  // Leaving the page stops an upload in flight (a job already received runs on the server).
  useEffect(() => () => abort.current?.abort(), []);

  // Step 2 comes into view when the upload starts and again when the result is in.
  const stepCard = useRef<HTMLDivElement | null>(null);
  const view = step.step === 'pick' ? 'pick' : finished ? 'result' : 'running';
  useEffect(() => {
    if (view !== 'pick') stepCard.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [view]);

  // What an import wrote shows everywhere else at once; any finished job joins the recent list.
  const status = job.data?.status;
  useEffect(() => {
    if (status === 'done') void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'importJob' });
    else if (finished) void queryClient.invalidateQueries({ queryKey: ['importJobs'] });
  }, [status, finished, queryClient]);

  const start = async (file: File) => {
    setRefused(null);
    setStep({ step: 'uploading', fileName: file.name, percent: 0 });
    const ctrl = new AbortController();
    abort.current = ctrl;
    try {
      const { jobId } = await uploadImport({
        kind,
        file,
        csrfToken: me.csrfToken,
        lang,
        signal: ctrl.signal,
        onProgress: (percent) => setStep((s) => (s.step === 'uploading' ? { ...s, percent } : s)),
      });
      setStep({ step: 'job', fileName: file.name, jobId });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setStep({ step: 'pick' });
      setRefused({ title: t('imports.uploadFailed'), message: errorMessage(err) });
      // A lost session or a forced password change: let the app show the right screen.
      if (err instanceof ApiError && (err.status === 401 || (err.status === 403 && err.code === 'auth.passwordChangeRequired'))) void refresh();
    } finally {
      if (abort.current === ctrl) abort.current = null;
    }
  };

  const again = () => {
    setRefused(null);
    setStep({ step: 'pick' });
  };

  let body;
  if (step.step === 'pick') {
    body = (
      <>
        {refused && <Alert type="error" showIcon title={refused.title} description={refused.message} closable={{ onClose: () => setRefused(null) }} className="import-refused" data-testid="import-refused" />}
        <ImportDropzone kind={kind} onFile={(f) => void start(f)} onRefused={(message) => setRefused({ title: t('imports.uploadFailed'), message })} />
      </>
    );
  } else if (step.step === 'uploading') {
    body = <ImportProgress fileName={step.fileName} phase="uploading" uploadPercent={step.percent} />;
  } else if (job.isError && !job.data) {
    body = (
      <>
        <QueryError error={job.error} onRetry={() => void job.refetch()} notFoundText={t('imports.jobLost')} />
        <div className="import-lost-again">
          <Button onClick={again}>{t('imports.again')}</Button>
        </div>
      </>
    );
  } else if (job.data && finished) {
    body = <ImportResult job={job.data} onAgain={again} />;
  } else {
    const phase = job.data && job.data.status !== 'queued' && !finished ? job.data.status : 'queued';
    body = (
      <>
        {job.isError && <QueryError error={job.error} onRetry={() => void job.refetch()} />}
        <ImportProgress fileName={step.fileName} phase={phase as 'queued' | 'validating' | 'applying'} job={job.data} />
      </>
    );
  }

  return (
    <div className="page import-page" data-testid="import-page">
      <div className="page-head">
        <Typography.Title level={3} className="page-title">
          {t('imports.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="page-intro">
          {t('imports.intro')}
        </Typography.Paragraph>
      </div>
      <ImportGuide kinds={kinds} kind={kind} onKind={setKind} locked={step.step !== 'pick'} />
      <div ref={stepCard} className="import-step-upload">
        <Card className="page-card" title={t('imports.stepUpload')} data-testid="import-step-upload">
          {body}
        </Card>
      </div>
      <RecentImports />
    </div>
  );
}
