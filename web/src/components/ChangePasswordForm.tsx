import { Alert, Button, Form, Input } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorMessage } from '../api/client.ts';
import type { ChangePasswordBody } from '../api/types.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Mirrors the server's policy so people learn what is wrong before sending; the server has the last word. */
function policyError(pw: string, t: (k: 'password.tooShort' | 'password.tooSimple') => string): string | null {
  if (pw.length < 10) return t('password.tooShort');
  if (!/[A-Za-z]/.test(pw) || !/\d/.test(pw)) return t('password.tooSimple');
  return null;
}

const FIELD_BY_CODE: Record<string, keyof Values> = {
  'auth.wrongCurrentPassword': 'currentPassword',
  'auth.samePassword': 'newPassword',
  'password.tooShort': 'newPassword',
  'password.tooSimple': 'newPassword',
};

export function ChangePasswordForm({ forced, onDone, extra }: { forced?: boolean; onDone: () => void; extra?: ReactNode }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body: ChangePasswordBody = { currentPassword: v.currentPassword, newPassword: v.newPassword };
      await api.post('/api/auth/password', body);
      form.resetFields();
      onDone();
    } catch (err) {
      const field = err instanceof ApiError ? FIELD_BY_CODE[err.code] : undefined;
      if (field) form.setFields([{ name: field, errors: [errorMessage(err)] }]);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy} data-testid="change-password-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="currentPassword"
        label={t('password.current')}
        extra={forced ? t('password.currentForcedHint') : undefined}
        rules={[{ required: true, message: t('password.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" autoFocus />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={t('password.policy')}
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: t('password.newRequired') },
          ({ getFieldValue }) => ({
            validator(_, value: string | undefined) {
              if (!value) return Promise.resolve();
              const e = policyError(value, t);
              if (e) return Promise.reject(new Error(e));
              if (value === getFieldValue('currentPassword')) return Promise.reject(new Error(t('password.same')));
              return Promise.resolve();
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator(_, value: string | undefined) {
              if (!value || value === getFieldValue('newPassword')) return Promise.resolve();
              return Promise.reject(new Error(t('password.mismatch')));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" loading={busy} block size="large">
          {t('password.submit')}
        </Button>
      </Form.Item>
      {extra}
    </Form>
  );
}
