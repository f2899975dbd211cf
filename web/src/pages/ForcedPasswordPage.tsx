import { SafetyOutlined } from '@ant-design/icons';
import { App, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { ChangePasswordForm } from '../components/ChangePasswordForm.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';

/** Shown instead of everything else while the account still has its one-time password. */
export default function ForcedPasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { refresh, logout } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();

  return (
    <div className="login-page">
      <div className="login-topbar">
        <LanguageSwitch />
      </div>
      <main className="login-main">
        <Card className="login-card forced-card" data-testid="forced-password">
          <div className="forced-head">
            <SafetyOutlined className="forced-icon" />
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('password.forcedTitle')}
            </Typography.Title>
          </div>
          <Typography.Paragraph type="secondary">{t('password.forcedExplain')}</Typography.Paragraph>
          <Typography.Paragraph className="forced-who">{t('password.forcedWho', { name: me.displayName, username: me.username })}</Typography.Paragraph>
          <ChangePasswordForm
            forced
            onDone={() => {
              message.success(t('password.success'));
              void refresh();
            }}
            extra={
              <Button
                type="link"
                block
                style={{ marginTop: 8 }}
                onClick={() => {
                  void logout().then(() => navigate('/login', { replace: true }));
                }}
              >
                {t('password.signOutInstead')}
              </Button>
            }
          />
        </Card>
      </main>
    </div>
  );
}
