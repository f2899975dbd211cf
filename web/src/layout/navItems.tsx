import { AccountBookOutlined, AuditOutlined, CarOutlined, CheckSquareOutlined, CloudUploadOutlined, HomeOutlined, IdcardOutlined, RiseOutlined, SettingOutlined, SwapOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { FlagOutlined } from '@ant-design/icons';
import { commitmentsNavText } from '../components/commitments/text.ts';
import { ContactsOutlined } from '@ant-design/icons';
import { serviceNavText } from '../components/service/text.ts';
import { AimOutlined, TrophyOutlined } from '@ant-design/icons';
import { asmNavText } from '../components/assessment/text.ts';
import { StarOutlined } from '@ant-design/icons';
import i18next from 'i18next';
import { recognitionNavText } from '../components/recognition/text.ts';
import { AlertOutlined, SolutionOutlined } from '@ant-design/icons';
import { rectNavText } from '../components/rectification/text.ts';
import { CalendarOutlined } from '@ant-design/icons';
import { orglifeNavText } from '../components/orglife/text.ts';
import { secNavText } from '../components/secretaries/text.ts';

type Item = NonNullable<MenuProps['items']>[number];
interface Entry {
  path: string;
  icon: ReactNode;
  text: string;
  show: boolean;
}

const leaf = (e: Entry): Item => ({ key: e.path, icon: e.icon, label: <Link to={e.path}>{e.text}</Link> });

/** A group of entries as a submenu; a group with one entry is shown as that entry, an empty one not at all. */
function group(key: string, icon: ReactNode, text: string, entries: Entry[]): Item[] {
  const shown = entries.filter((e) => e.show);
  if (shown.length === 0) return [];
  if (shown.length === 1) return [leaf(shown[0]!)];
  return [{ key, icon, label: text, children: shown.map(leaf) }];
}

/**
 * The main menu, grouped so that it fits one line on a 1366px screen: 首页 · 党员管理 (名册,
 * 发展, 转接, 流动) · 组织生活 (三会一课, 评议, 党费, 承诺, 设岗记实) · 考核评价 (考核, 目标, 评先,
 * 整顿, 述职) · 系统管理 (导入, 审计, 用户). The notice centre (/reminders) opens from the bell in
 * the header, which shows its count. A member sees only their own pages.
 */
export function navItems(t: TFunction, can: (p: string) => boolean, role: string): MenuProps['items'] {
  if (role === 'member') return [{ key: '/my', icon: <UserOutlined />, label: <Link to="/my">{t('my.nav')}</Link> }, { key: '/commitments', icon: <FlagOutlined />, label: <Link to="/commitments">{commitmentsNavText()}</Link> }];
  const staff = can('member.read');
  return [
    leaf({ path: '/', icon: <HomeOutlined />, text: t('nav.home'), show: true }),
    ...group('g-members', <IdcardOutlined />, t('nav.groupMembers'), [
      { path: '/members', icon: <IdcardOutlined />, text: t('nav.members'), show: staff },
      { path: '/development', icon: <RiseOutlined />, text: t('nav.development'), show: staff },
      { path: '/transfers', icon: <SwapOutlined />, text: t('nav.transfers'), show: staff },
      { path: '/mobile', icon: <CarOutlined />, text: t('nav.mobile'), show: staff },
    ]),
    ...group('g-life', <CheckSquareOutlined />, t('nav.groupLife'), [
      { path: '/orglife', icon: <CalendarOutlined />, text: orglifeNavText(i18next.language), show: staff },
      { path: '/appraisal', icon: <CheckSquareOutlined />, text: t('nav.appraisal'), show: staff },
      { path: '/dues', icon: <AccountBookOutlined />, text: t('nav.dues'), show: staff },
      { path: '/commitments', icon: <FlagOutlined />, text: commitmentsNavText(), show: staff },
      { path: '/service', icon: <ContactsOutlined />, text: serviceNavText(i18next.language), show: staff },
    ]),
    ...group('g-assess', <TrophyOutlined />, asmNavText('navGroup'), [
      { path: '/assessment', icon: <TrophyOutlined />, text: asmNavText('navRounds'), show: staff },
      { path: '/assessment/targets', icon: <AimOutlined />, text: asmNavText('navTargets'), show: staff },
      { path: '/recognition', icon: <StarOutlined />, text: recognitionNavText(i18next.language), show: staff },
      { path: '/rectification', icon: <AlertOutlined />, text: rectNavText(i18next.language), show: staff },
      { path: '/secretary-reports', icon: <SolutionOutlined />, text: secNavText(i18next.language), show: staff },
    ]),
    ...group('g-system', <SettingOutlined />, t('nav.groupSystem'), [
      { path: '/imports', icon: <CloudUploadOutlined />, text: t('nav.imports'), show: can('member.write') || can('org.write') },
      { path: '/audit', icon: <AuditOutlined />, text: t('nav.audit'), show: can('audit.read') },
      { path: '/users', icon: <TeamOutlined />, text: t('nav.users'), show: can('user.manage') },
    ]),
  ];
}

/** The menu key of a location: the entry whose path starts it. */
export function navKey(pathname: string): string {
  if (pathname === '/') return '/';
  return ['/members', '/development', '/transfers', '/mobile', '/orglife', '/appraisal', '/dues', '/commitments', '/service', '/assessment/targets', '/assessment', '/recognition', '/rectification', '/secretary-reports', '/reminders', '/imports', '/audit', '/users', '/my'].find((p) => pathname.startsWith(p)) ?? '';
}
