import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../../api/client.ts';

/**
 * Put a server's field errors on the form fields they name ('votes.for' → ['votes', 'for']) and
 * return the whole message (a rule violation's explanation with its source) for an alert.
 */
export function showApiError(form: FormInstance, err: unknown, known: string[]): string {
  if (err instanceof ApiError) {
    const fields = err.fieldErrors.filter((f) => known.includes(f.field));
    // On the field, the explanation without the rule code and source (those are in the alert).
    if (fields.length) form.setFields(fields.map((f) => ({ name: f.field.split('.'), errors: [f.message.replace(/（规则 [\s\S]*$| \(rule [\s\S]*$/, '')] })));
  }
  return errorMessage(err);
}

/** Documents typed one per line, as the API takes them. */
export const documentsFromText = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((name) => ({ name: name.slice(0, 100) }));
