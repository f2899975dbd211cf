import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Grid, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EDUCATION, GENDER, HOUSEHOLD, MEMBER_CATEGORY } from '../../../src/shared/enums.ts';
import { api, errorMessage } from '../api/client.ts';
import { useMember } from '../api/queries.ts';
import type { RevealReply } from '../api/types.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { useLabel } from '../labels.ts';
import { MemberStatusTag } from './MemberStatusTag.tsx';
import { QueryError } from './QueryError.tsx';
import { StatusSection } from './status/StatusSection.tsx';

export function MemberDrawer({ memberId, onClose }: { memberId: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { can } = useAuth();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const q = useMember(memberId);
  const [revealed, setRevealed] = useState<string | null>(null);
  const [revealing, setRevealing] = useState(false);

  useEffect(() => setRevealed(null), [memberId]);

  const reveal = async () => {
    if (memberId === null) return;
    setRevealing(true);
    try {
      const r = await api.post<RevealReply>(`/api/members/${memberId}/reveal-id-number`, {});
      setRevealed(r.idNumber);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setRevealing(false);
    }
  };

  const m = q.data;
  const none = t('common.none');
  return (
    <Drawer open={memberId !== null} onClose={onClose} title={t('member.detailTitle')} size={screens.md ? 520 : '100%'} destroyOnHidden data-testid="member-drawer">
      {q.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {m && (
        <>
          <Space align="center" size={12} style={{ marginBottom: 16 }} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {m.name}
            </Typography.Title>
            <MemberStatusTag status={m.status} />
            {m.isMobile && <Tag color="blue">{t('member.isMobile')}</Tag>}
          </Space>
          <Descriptions column={1} bordered size="small" styles={{ label: { width: 120 } }}>
            <Descriptions.Item label={t('member.idNumber')}>
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap>
                  <span className="mono" data-testid="member-id-number">
                    {revealed ?? m.idNumberMasked}
                  </span>
                  {can('member.revealId') &&
                    (revealed ? (
                      <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setRevealed(null)}>
                        {t('member.hide')}
                      </Button>
                    ) : (
                      <Popconfirm title={t('member.revealTitle')} description={<div style={{ maxWidth: 280 }}>{t('member.revealConfirm')}</div>} onConfirm={reveal} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                        <Button size="small" icon={<EyeOutlined />} loading={revealing}>
                          {t('member.reveal')}
                        </Button>
                      </Popconfirm>
                    ))}
                </Space>
                {revealed && <Alert type="warning" showIcon title={t('member.revealed')} />}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('member.gender')}>{label(GENDER, m.gender)}</Descriptions.Item>
            <Descriptions.Item label={t('member.ethnicity')}>{m.ethnicity}</Descriptions.Item>
            <Descriptions.Item label={t('member.birthDate')}>{m.birthDate}</Descriptions.Item>
            <Descriptions.Item label={t('member.org')}>
              <Link to={`/orgs/${m.orgId}`} onClick={onClose}>
                {m.orgName}
              </Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('member.joinedOn')}>{m.joinedOn}</Descriptions.Item>
            <Descriptions.Item label={t('member.fullMemberOn')}>{m.fullMemberOn ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('member.education')}>{label(EDUCATION, m.education)}</Descriptions.Item>
            <Descriptions.Item label={t('member.category')}>{label(MEMBER_CATEGORY, m.category)}</Descriptions.Item>
            <Descriptions.Item label={t('member.workUnit')}>{m.workUnit ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('member.post')}>{m.post ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('member.phone')}>{m.phone ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('member.household')}>{label(HOUSEHOLD, m.household)}</Descriptions.Item>
            <Descriptions.Item label={t('member.address')}>{m.address ?? none}</Descriptions.Item>
          </Descriptions>
          <StatusSection memberId={m.id} memberName={m.name} />
        </>
      )}
    </Drawer>
  );
}
