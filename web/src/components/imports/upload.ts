// Sending an import file: multipart POST with the session's CSRF token, like every other write.
// XMLHttpRequest rather than fetch, for the upload progress of large files.
import { ApiError } from '../../api/client.ts';
import type { ImportKind, ImportUploadReply, Problem } from '../../api/types.ts';
import type { Lang } from '../../i18n/index.ts';

/** The server's limit (MAX_UPLOAD_MB in src/modules/imports/imports.service.ts); it checks again. */
export const MAX_UPLOAD_MB = 50;
export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024;

export const isXlsx = (name: string) => /\.xlsx$/i.test(name);

const FALLBACK: Record<Lang, { network: string; server: string; unknown: string }> = {
  'zh-CN': { network: '无法连接服务器，请检查网络后重试', server: '服务器暂时无法处理请求，请稍后再试', unknown: '上传未能完成，请稍后再试' },
  en: { network: 'Cannot reach the server; check the network and try again', server: 'The server cannot handle the request right now; try again later', unknown: 'The upload did not complete; try again later' },
};

export interface UploadOptions {
  kind: ImportKind;
  file: File;
  csrfToken: string;
  lang: Lang;
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/** Upload a workbook; resolves with the job id (202), rejects with an ApiError carrying the server's message. */
export function uploadImport(o: UploadOptions): Promise<ImportUploadReply> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports/${o.kind}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', o.lang);
    xhr.setRequestHeader('X-CSRF-Token', o.csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) o.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', FALLBACK[o.lang].network));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status === 202 && body && typeof (body as ImportUploadReply).jobId === 'string') {
        resolve(body as ImportUploadReply);
        return;
      }
      const p = (body ?? {}) as Problem;
      const code = typeof p.code === 'string' ? p.code : `http.${xhr.status}`;
      const fallback = xhr.status >= 500 ? FALLBACK[o.lang].server : FALLBACK[o.lang].unknown;
      const message = typeof p.detail === 'string' && p.detail ? p.detail : typeof p.title === 'string' && p.title ? p.title : fallback;
      reject(new ApiError(xhr.status, code, message, Array.isArray(p.errors) ? p.errors : [], p.requestId));
    };
    if (o.signal) {
      if (o.signal.aborted) {
        reject(new DOMException('Upload aborted', 'AbortError'));
        return;
      }
      o.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    const form = new FormData();
    form.append('file', o.file, o.file.name);
    xhr.send(form);
  });
}
