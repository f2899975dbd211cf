import { CheckCircleOutlined, DownloadOutlined, FileExcelOutlined, InfoCircleOutlined, SafetyCertificateOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportKind } from '../../api/types.ts';
import { MAX_UPLOAD_MB } from './upload.ts';

/** Step 1: what to import, its template, and the rules in plain words. */
export function ImportGuide({ kinds, kind, onKind, locked }: { kinds: ImportKind[]; kind: ImportKind; onKind: (k: ImportKind) => void; locked: boolean }) {
  // While a file is on its way or its result is shown, the rules fold away so the result is in sight.
  const { t } = useTranslation();
  const rules: { icon: ReactNode; text: string }[] = [
    { icon: <FileExcelOutlined />, text: t('imports.ruleTemplate') },
    { icon: <SafetyCertificateOutlined />, text: t('imports.ruleAllOrNothing') },
    { icon: <InfoCircleOutlined />, text: t('imports.ruleReport') },
    { icon: <SyncOutlined />, text: t('imports.ruleNoDuplicates') },
    { icon: <CheckCircleOutlined />, text: t('imports.ruleLimit', { mb: MAX_UPLOAD_MB }) },
  ];
  return (
    <Card className="page-card" title={t('imports.stepPrepare')} data-testid="import-guide">
      <div className="import-guide">
        {kinds.length > 1 && (
          <Segmented<ImportKind>
            block
            value={kind}
            onChange={onKind}
            disabled={locked}
            options={kinds.map((k) => ({ value: k, label: t(`imports.kind.${k}`) }))}
            aria-label={t('imports.kindLabel')}
            data-testid="import-kind"
            className="import-kind"
          />
        )}
        <div className="import-kind-row">
          <Typography.Paragraph className="import-kind-desc">
            {kinds.length === 1 && <Typography.Text strong>{t(`imports.kind.${kind}`)}：</Typography.Text>}
            {t(`imports.kindDesc.${kind}`)}
          </Typography.Paragraph>
          <Button icon={<DownloadOutlined />} href={`/api/imports/templates/${kind}.xlsx`} download data-testid="import-template">
            {t('imports.template', { kind: t(`imports.kind.${kind}`) })}
          </Button>
        </div>
        {!locked && (
          <div className="import-rules" data-testid="import-rules">
            <Typography.Text strong>{t('imports.rulesTitle')}</Typography.Text>
            <ul>
              {rules.map((r) => (
                <li key={r.text}>
                  <span className="import-rule-icon" aria-hidden>
                    {r.icon}
                  </span>
                  <span>{r.text}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Card>
  );
}
