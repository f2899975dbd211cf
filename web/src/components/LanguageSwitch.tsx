import { TranslationOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.tsx';

/** One button: shows the other language's name; also saves the choice on the account when signed in. */
export function LanguageSwitch({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { lang, setLang } = useAuth();
  const next = lang === 'en' ? 'zh-CN' : 'en';
  return (
    <Tooltip title={t('lang.switchToTitle')}>
      <Button
        type="text"
        icon={<TranslationOutlined />}
        onClick={() => setLang(next)}
        data-testid="lang-switch"
        aria-label={t('lang.switchToTitle')}
        lang={next}
      >
        {compact ? null : t('lang.switchTo')}
      </Button>
    </Tooltip>
  );
}
