import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function FullPageLoading() {
  const { t } = useTranslation();
  return (
    <div className="full-page-center" role="status" aria-live="polite">
      <Spin size="large" />
      <div className="full-page-caption">{t('common.loading')}</div>
    </div>
  );
}

export function OfflineScreen() {
  const { t } = useTranslation();
  return (
    <div className="full-page-center">
      <Result
        status="warning"
        title={t('errors.loadFailed')}
        subTitle={t('errors.subtitle')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('errors.reload')}
          </Button>
        }
      />
    </div>
  );
}
