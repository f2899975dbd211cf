import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/client.ts';
import type { LoginBody } from '../api/types.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';

interface Problem {
  locked: boolean;
  text: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { login, sessionExpired } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const from = (location.state as { from?: string } | null)?.from;

  const submit = async (v: LoginBody) => {
    setBusy(true);
    setProblem(null);
    try {
      await login(v.username.trim(), v.password);
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (err) {
      setProblem({ locked: err instanceof ApiError && err.status === 423, text: errorMessage(err) });
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-topbar">
        <LanguageSwitch />
      </div>
      <main className="login-main">
        <div className="login-hero">
          <div className="login-logo" aria-hidden>
            统
          </div>
          <Typography.Title level={1} className="login-title">
            {t('common.appName')}
            <span className="login-title-dot"> · </span>
            <span className="login-title-sub">{t('common.appFullName')}</span>
          </Typography.Title>
          <Typography.Paragraph className="login-tagline">{t('login.tagline')}</Typography.Paragraph>
        </div>
        <Card className="login-card" title={t('login.title')}>
          {sessionExpired && !problem && <Alert type="info" showIcon title={t('login.sessionExpired')} style={{ marginBottom: 16 }} />}
          {problem && (
            <Alert
              type={problem.locked ? 'warning' : 'error'}
              showIcon
              title={problem.locked ? t('login.lockedTitle') : t('login.failedTitle')}
              description={problem.text}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          )}
          <Form<LoginBody> layout="vertical" onFinish={submit} requiredMark={false} size="large" disabled={busy}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined className="muted" />} autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined className="muted" />} autoComplete="current-password" />
            </Form.Item>
            <Form.Item style={{ marginBottom: 12 }}>
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
                {t('login.submit')}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" className="login-help">
            {t('login.forgot')}
          </Typography.Paragraph>
        </Card>
        <Typography.Paragraph type="secondary" className="login-notice">
          <SafetyCertificateOutlined /> {t('login.notice')}
        </Typography.Paragraph>
      </main>
    </div>
  );
}
