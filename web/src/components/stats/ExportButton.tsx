import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';

/** The file name the server suggests (RFC 6266 `filename*` first), or a fallback. */
function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/** Downloads the statistics workbook of an organization as of a date (a failure is explained, not a blank page). */
export function ExportButton({ orgId, asOf }: { orgId: number; asOf: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      const res = await fetch(`/api/stats/orgs/${orgId}/export?asOf=${encodeURIComponent(asOf)}`, { credentials: 'same-origin' });
      if (!res.ok) {
        let detail = '';
        try {
          detail = ((await res.json()) as { detail?: string }).detail ?? '';
        } catch {
          detail = '';
        }
        throw new ApiError(res.status, `http.${res.status}`, detail || t('statsPage.exportFailed'));
      }
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filenameOf(res.headers.get('content-disposition'), `statistics-${asOf}.xlsx`);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      void message.success(t('statsPage.exported'));
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : t('statsPage.exportFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void download()} data-testid="stats-export">
      {t('statsPage.export')}
    </Button>
  );
}
