import { KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserWithPassword } from '../api/types.ts';

/** Shows a freshly issued one-time password exactly once; it must be dismissed on purpose. */
export function OneTimePasswordModal({ result, kind, onClose }: { result: UserWithPassword | null; kind: 'created' | 'reset'; onClose: () => void }) {
  const { t } = useTranslation();
  const name = result?.user.displayName ?? '';
  return (
    <Modal
      open={result !== null}
      title={
        <span>
          <KeyOutlined /> {kind === 'created' ? t('users.otpCreated', { name }) : t('users.otpReset', { name })}
        </span>
      }
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="otp-done">
          {t('users.otpDone')}
        </Button>
      }
      destroyOnHidden
    >
      {result && (
        <>
          <Alert type="warning" showIcon title={t('users.otpExplain')} style={{ marginBottom: 16 }} />
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('users.otpUsername')}>
              <Typography.Text copyable={{ tooltips: [t('common.copy'), t('common.copied')] }} className="mono">
                {result.user.username}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('users.otpPassword')}>
              <Typography.Text copyable={{ tooltips: [t('common.copy'), t('common.copied')] }} className="otp-password" data-testid="otp-password">
                {result.initialPassword}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Modal>
  );
}
