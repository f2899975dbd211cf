import { DownOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Modal, Tooltip } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useMatch, useNavigate } from 'react-router-dom';
import { ROLE } from '../../../src/shared/enums.ts';
import { useOrgDetail } from '../api/queries.ts';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { ChangePasswordForm } from '../components/ChangePasswordForm.tsx';
import { FullPageLoading } from '../components/FullPage.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { OverdueBell } from '../components/reminders/OverdueBell.tsx';
import { useLabel } from '../labels.ts';
import { navItems, navKey } from './navItems.tsx';
import { OrgNavigator } from './OrgNavigator.tsx';
import { OrgTreeStore } from './orgTreeStore.ts';

const { Header, Sider, Content } = Layout;

export function Brand({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/" className="brand" aria-label={`${t('common.appName')} · ${t('common.appFullName')}`}>
      <span className="brand-mark" aria-hidden>
        统
      </span>
      <span className="brand-name">{t('common.appName')}</span>
      {!compact && <span className="brand-sub">{t('common.appFullName')}</span>}
    </Link>
  );
}

export default function MainLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout, can, lang } = useAuth();
  const label = useLabel();
  const { message, modal } = App.useApp();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.lg; // below 992px the tree moves into a drawer
  const showTree = can('org.read');
  const navigate = useNavigate();
  const location = useLocation();
  const orgMatch = useMatch('/orgs/:id/*'); // also /orgs/:id/stats: the tree keeps the organization selected
  const selectedId = orgMatch?.params.id && /^\d+$/.test(orgMatch.params.id) ? Number(orgMatch.params.id) : null;
  const selected = useOrgDetail(selectedId);
  const selectedPath = useMemo(() => (selected.data && selected.data.id === selectedId ? selected.data.ancestors.map((a) => a.id) : null), [selected.data, selectedId]);
  const storeRef = useRef<OrgTreeStore | null>(null);
  storeRef.current ??= new OrgTreeStore();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [pwOpen, setPwOpen] = useState(false);

  const goOrg = useCallback(
    (id: number) => {
      navigate(`/orgs/${id}`);
      setDrawerOpen(false);
    },
    [navigate],
  );

  const menuItems = navItems(t, can as (p: string) => boolean, me.role);
  const menuKey = navKey(location.pathname);

  const confirmLogout = () => {
    modal.confirm({
      title: t('header.logoutTitle'),
      content: t('header.logoutContent'),
      okText: t('header.logout'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        await logout();
        message.success(t('header.logoutDone'));
        navigate('/login', { replace: true });
      },
    });
  };

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        type: 'group',
        label: (
          <div className="user-menu-who">
            <div className="user-menu-name">{me.displayName}</div>
            <div className="muted">
              {me.username} · {label(ROLE, me.role)}
            </div>
            <div className="muted">{me.orgName}</div>
          </div>
        ),
      },
      { type: 'divider' },
      { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword'), onClick: () => setPwOpen(true) },
      { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true, onClick: confirmLogout },
    ],
  };

  const navigator = <OrgNavigator store={storeRef.current} selectedId={selectedId} selectedPath={selectedPath} onNavigate={goOrg} />;

  return (
    <Layout className="app-shell">
      <Header className="app-header">
        {isPhone && (
          <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} aria-label={t('nav.menu')} data-testid="open-nav" className="header-icon-btn" />
        )}
        {/* The English subtitle is long: below 1600px it would push the menu into its overflow. */}
        <Brand compact={!screens.xl || (lang === 'en' && !screens.xxl)} />
        {!isPhone && <Menu mode="horizontal" triggerSubMenuAction="click" selectedKeys={[menuKey]} items={menuItems} className="header-menu" data-testid="main-menu" />}
        <div className="header-spacer" />
        {screens.md && me.role !== 'member' && (
          <Tooltip title={t('header.scope')}>
            <Link to={`/orgs/${me.orgId}`} className="header-scope" data-testid="header-scope">
              {me.orgName}
            </Link>
          </Tooltip>
        )}
        <OverdueBell />
        <LanguageSwitch compact={!screens.sm} />
        <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
          <Button type="text" className="header-user" data-testid="user-menu">
            <Avatar size="small" icon={<UserOutlined />} className="header-avatar" />
            {screens.sm && <span className="header-user-name">{me.displayName}</span>}
            <DownOutlined className="muted" style={{ fontSize: 10 }} />
          </Button>
        </Dropdown>
      </Header>
      <Layout>
        {!isPhone && showTree && (
          <Sider width={320} className="app-sider" theme="light">
            {navigator}
          </Sider>
        )}
        <Content className="app-content">
          <Suspense fallback={<FullPageLoading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
      {isPhone && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={Math.min(360, window.innerWidth - 32)}
          title={<Brand compact />}
          className="nav-drawer"
          styles={{ body: { padding: 0, display: 'flex', flexDirection: 'column' } }}
          forceRender
        >
          <Menu mode="inline" selectedKeys={[menuKey]} defaultOpenKeys={['g-members', 'g-life', 'g-system']} items={menuItems} onClick={() => setDrawerOpen(false)} className="drawer-menu" />
          {showTree && navigator}
        </Drawer>
      )}
      <Modal open={pwOpen} title={t('password.changeTitle')} footer={null} onCancel={() => setPwOpen(false)} destroyOnHidden width={440}>
        <ChangePasswordForm
          onDone={() => {
            setPwOpen(false);
            message.success(t('password.success'));
          }}
        />
      </Modal>
    </Layout>
  );
}
