import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { ApiError } from './api/client.ts';
import { AuthProvider, useAuth } from './auth/AuthContext.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { FullPageLoading, OfflineScreen } from './components/FullPage.tsx';
import MainLayout from './layout/MainLayout.tsx';

const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const ForcedPasswordPage = lazy(() => import('./pages/ForcedPasswordPage.tsx'));
const HomePage = lazy(() => import('./pages/HomePage.tsx'));
const OrgPage = lazy(() => import('./pages/OrgPage.tsx'));
const OrgStatsPage = lazy(() => import('./pages/OrgStatsPage.tsx'));
const AuditPage = lazy(() => import('./pages/AuditPage.tsx'));
const MembersPage = lazy(() => import('./pages/MembersPage.tsx'));
const DevelopmentPage = lazy(() => import('./pages/DevelopmentPage.tsx'));
const DevelopmentCasePage = lazy(() => import('./pages/DevelopmentCasePage.tsx'));
const AppraisalPage = lazy(() => import('./pages/AppraisalPage.tsx'));
const ServicePage = lazy(() => import('./pages/ServicePage.tsx'));
const AppraisalRoundPage = lazy(() => import('./pages/AppraisalRoundPage.tsx'));
const OrgLifePage = lazy(() => import('./pages/OrgLifePage.tsx'));
const OrgLifeMeetingPage = lazy(() => import('./pages/OrgLifeMeetingPage.tsx'));
const UsersPage = lazy(() => import('./pages/UsersPage.tsx'));
const ImportPage = lazy(() => import('./pages/ImportPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));
const RemindersPage = lazy(() => import('./pages/RemindersPage.tsx'));
const MyPage = lazy(() => import('./pages/MyPage.tsx'));
const TransfersPage = lazy(() => import('./pages/TransfersPage.tsx'));
const MobilePage = lazy(() => import('./pages/MobilePage.tsx'));
const DuesPage = lazy(() => import('./pages/DuesPage.tsx'));
const CommitmentsPage = lazy(() => import('./pages/CommitmentsPage.tsx'));
const CommitmentPage = lazy(() => import('./pages/CommitmentPage.tsx'));
const AssessmentPage = lazy(() => import('./pages/AssessmentPage.tsx'));
const AssessmentRoundPage = lazy(() => import('./pages/AssessmentRoundPage.tsx'));
const AssessmentSheetPage = lazy(() => import('./pages/AssessmentSheetPage.tsx'));
const AssessmentStandardsPage = lazy(() => import('./pages/AssessmentStandardsPage.tsx'));
const TargetsPage = lazy(() => import('./pages/TargetsPage.tsx'));
const RecognitionPage = lazy(() => import('./pages/RecognitionPage.tsx'));
const RectificationPage = lazy(() => import('./pages/RectificationPage.tsx'));
const RectificationOrgPage = lazy(() => import('./pages/RectificationOrgPage.tsx'));
const SecretaryReportsPage = lazy(() => import('./pages/SecretaryReportsPage.tsx'));
const SecretaryReportPage = lazy(() => import('./pages/SecretaryReportPage.tsx'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (4xx) will not get better by asking again.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

/** Brand colour: the deep red used across Party-building systems, with calm neutrals around it. */
const themeConfig = {
  algorithm: theme.defaultAlgorithm,
  token: {
    colorPrimary: '#c8161d',
    colorLink: '#b3141a',
    colorInfo: '#1677ff',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', bodyBg: '#f4f5f7', headerPadding: '0 20px', headerHeight: 56 },
  },
};

function Protected({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const location = useLocation();
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.mustChangePassword) return <ForcedPasswordPage />;
  return <>{children}</>;
}

/** The sign-in page; once signed in, back to the page that asked for it (a shared deep link) or home. */
function LoginRoute() {
  const { me } = useAuth();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return me ? <Navigate to={from && from !== '/login' ? from : '/'} replace /> : <LoginPage />;
}

function AppRoutes() {
  const { status, can, me } = useAuth();
  if (status === 'loading') return <FullPageLoading />;
  if (status === 'offline') return <OfflineScreen />;
  return (
    <Suspense fallback={<FullPageLoading />}>
      <Routes>
        <Route path="/login" element={<LoginRoute />} />
        <Route
          element={
            <Protected>
              <MainLayout />
            </Protected>
          }
        >
          <Route index element={me?.role === 'member' ? <Navigate to="/my" replace /> : <HomePage />} />
          <Route path="my" element={<MyPage />} />
          {can('member.read') && me?.role !== 'member' && <Route path="reminders" element={<RemindersPage />} />}
          <Route path="orgs/:id" element={<OrgPage />} />
          <Route path="orgs/:id/stats" element={<OrgStatsPage />} />
          {can('member.read') && <Route path="members" element={<MembersPage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="development" element={<DevelopmentPage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="development/:id" element={<DevelopmentCasePage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="orglife" element={<OrgLifePage />} />}
          {can('member.read') && <Route path="orglife/meetings/:id" element={<OrgLifeMeetingPage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="appraisal" element={<AppraisalPage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="service" element={<ServicePage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="appraisal/rounds/:id" element={<AppraisalRoundPage />} />}
          {can('member.read') && <Route path="transfers" element={<TransfersPage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="mobile" element={<MobilePage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="dues" element={<DuesPage />} />}
          {can('member.read') && <Route path="commitments" element={<CommitmentsPage />} />}
          {can('member.read') && <Route path="commitments/:id" element={<CommitmentPage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="assessment" element={<AssessmentPage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="assessment/rounds/:id" element={<AssessmentRoundPage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="assessment/sheets/:id" element={<AssessmentSheetPage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="assessment/standards" element={<AssessmentStandardsPage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="assessment/targets" element={<TargetsPage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="recognition" element={<RecognitionPage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="rectification" element={<RectificationPage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="rectification/orgs/:orgId" element={<RectificationOrgPage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="secretary-reports" element={<SecretaryReportsPage />} />}
          {can('member.read') && me?.role !== 'member' && <Route path="secretary-reports/orgs/:orgId" element={<SecretaryReportPage />} />}
          {can('audit.read') && <Route path="audit" element={<AuditPage />} />}
          {can('user.manage') && <Route path="users" element={<UsersPage />} />}
          {(can('member.write') || can('org.write')) && <Route path="imports" element={<ImportPage />} />}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

function Localized({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  dayjs.locale(en ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={en ? enUS : zhCN} theme={themeConfig}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export default function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Localized>
        <ErrorBoundary>
          <BrowserRouter>
            <AuthProvider>
              <AppRoutes />
            </AuthProvider>
          </BrowserRouter>
        </ErrorBoundary>
      </Localized>
    </QueryClientProvider>
  );
}
