// Attachment checks (decision 0016): the size limit and the type recognized from the content
// (magic bytes), which must agree with the file name's extension. Nothing else is accepted.

/** Attachments up to 10 MB each (a scanned sign-in sheet or a photo of the meeting fits easily). */
export const MAX_ATTACHMENT_MB = 10;
export const MAX_ATTACHMENT_BYTES = MAX_ATTACHMENT_MB * 1024 * 1024;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const starts = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v);
const contains = (b: Uint8Array, s: string) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).includes(s, 0, 'latin1');

/** The content type of an accepted file, or null when the content is not of the type its name says. */
export function detectType(fileName: string, data: Uint8Array): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (data.length === 0) return null;
  switch (ext) {
    case 'pdf':
      return starts(data, [0x25, 0x50, 0x44, 0x46, 0x2d]) ? 'application/pdf' : null;
    case 'jpg':
    case 'jpeg':
      return starts(data, [0xff, 0xd8, 0xff]) ? 'image/jpeg' : null;
    case 'png':
      return starts(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ? 'image/png' : null;
    // Office Open XML files are zip archives whose part names say what they hold.
    case 'docx':
      return starts(data, [0x50, 0x4b, 0x03, 0x04]) && contains(data, 'word/') ? DOCX : null;
    case 'xlsx':
      return starts(data, [0x50, 0x4b, 0x03, 0x04]) && contains(data, 'xl/') ? XLSX : null;
    case 'txt':
      return isText(data) ? 'text/plain; charset=utf-8' : null;
    default:
      return null;
  }
}

/** Valid UTF-8 without NUL or other control bytes than tab, newline and carriage return. */
function isText(data: Uint8Array): boolean {
  for (const b of data) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}
