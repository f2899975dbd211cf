import { useTranslation } from 'react-i18next';
import type { Label } from '../../src/shared/enums.ts';

interface CodeList<K extends string> {
  table: Record<K, Label>;
}

/** Label of a code from a shared code list, in the current UI language; falls back to the code itself. */
export function useLabel() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return function label<K extends string>(list: CodeList<K>, code: K | null | undefined): string {
    if (code === null || code === undefined) return '—';
    const entry = list.table[code] as Label | undefined;
    return entry ? (en ? entry.en : entry.zh) : code;
  };
}

/** Options for a Select from a shared code list. */
export function useCodeOptions() {
  const label = useLabel();
  return function options<K extends string>(list: CodeList<K> & { values: readonly K[] }) {
    return list.values.map((value) => ({ value, label: label(list, value) }));
  };
}

/** Label of a code that arrived as a plain string (e.g. a statistics bucket); the code itself when unknown. */
export function useCodeText() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return function text(list: { table: Readonly<Record<string, Label>> }, code: string | null, unknown = '—'): string {
    if (code === null) return unknown;
    const entry = Object.prototype.hasOwnProperty.call(list.table, code) ? list.table[code] : undefined;
    return entry ? (en ? entry.en : entry.zh) : code;
  };
}
