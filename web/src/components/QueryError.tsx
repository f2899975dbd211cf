import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/client.ts';

/** A failed load, in words, with a retry button (404 reads as "not found or out of scope"). */
export function QueryError({ error, onRetry, notFoundText }: { error: unknown; onRetry?: () => void; notFoundText?: string }) {
  const { t } = useTranslation();
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <Result
      status={notFound ? '404' : 'warning'}
      title={notFound ? (notFoundText ?? errorMessage(error)) : t('errors.loadFailed')}
      subTitle={notFound ? undefined : errorMessage(error)}
      extra={
        onRetry && !notFound ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
