import { InboxOutlined } from '@ant-design/icons';
import { Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportKind } from '../../api/types.ts';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, isXlsx } from './upload.ts';

/** Picks one .xlsx file; checks the name and size here (the server checks again) and hands it on. */
export function ImportDropzone({ kind, onFile, onRefused }: { kind: ImportKind; onFile: (file: File) => void; onRefused: (message: string) => void }) {
  const { t } = useTranslation();
  const check = (file: File): string | null => {
    if (!isXlsx(file.name)) return t('imports.notXlsx', { name: file.name });
    if (file.size > MAX_UPLOAD_BYTES) return t('imports.tooLarge', { name: file.name, size: (file.size / 1024 / 1024).toFixed(1), mb: MAX_UPLOAD_MB });
    if (file.size === 0) return t('imports.emptyFile', { name: file.name });
    return null;
  };
  return (
    <div className="import-dropzone" data-testid="import-dropzone">
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        maxCount={1}
        showUploadList={false}
        beforeUpload={(file) => {
          const problem = check(file);
          if (problem) onRefused(problem);
          else onFile(file);
          // The page sends the file itself (with the CSRF header and progress), never antd's uploader.
          return Upload.LIST_IGNORE;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('imports.dragText')}</p>
        <p className="ant-upload-hint">{t('imports.dragHint', { kind: t(`imports.kind.${kind}`), mb: MAX_UPLOAD_MB })}</p>
      </Upload.Dragger>
    </div>
  );
}
