import type { Permission } from '@liaison/contracts';
import type { ComponentType, LazyExoticComponent } from 'react';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { setCsrfToken } from '../api/client.ts';
import { CrashPage } from './CrashPage.tsx';
import {
  FullPageSpin,
  loginPathFor,
  RequireAnyPermission,
  RequireAuth,
  RequireEmployee,
  RequirePermission,
} from './guards.tsx';
import {
  COMPLIANCE_ITEMS,
  type ComplianceScreen,
  ORGANISATION_ITEMS,
  type OrganisationScreen,
  SYSTEM_ITEMS,
  type SystemScreen,
  UPCOMING_MODULES,
  WORK_ITEMS,
  type WorkScreen,
} from './navigation.ts';
import { PublicPage } from './PublicPage.tsx';
import { queryClient, setSessionEndedHandler } from './queryClient.ts';

/** The routes of a menu group: each item's page, behind the permission the item names (if any). */
function screenRoutes<K extends string>(
  items: readonly { key: K; path: string; permission: Permission | null }[],
  pages: Record<K, LazyExoticComponent<ComponentType>>,
) {
  return items.map((item) => {
    const Page: LazyExoticComponent<ComponentType> = pages[item.key];
    return {
      path: item.path,
      element:
        item.permission === null ? (
          <Page />
        ) : (
          <RequirePermission permission={item.permission}>
            <Page />
          </RequirePermission>
        ),
    };
  });
}

// Everything behind sign-in loads after it: the sign-in page downloads neither the menu nor the header.
const AppLayout = lazy(() => import('./AppLayout.tsx').then((m) => ({ default: m.AppLayout })));
const ForbiddenPage = lazy(() => import('./StatusPages.tsx').then((m) => ({ default: m.ForbiddenPage })));
const NotFoundPage = lazy(() => import('./StatusPages.tsx').then((m) => ({ default: m.NotFoundPage })));
const LoginPage = lazy(() => import('../features/auth/LoginPage.tsx'));
const ForcedPasswordPage = lazy(() => import('../features/auth/ForcedPasswordPage.tsx'));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage.tsx'));
const ComingSoonPage = lazy(() => import('../features/placeholder/ComingSoonPage.tsx'));
const ProfilePage = lazy(() => import('../features/profile/ProfilePage.tsx'));
const MessagingPage = lazy(() => import('../features/messaging/MessagingPage.tsx'));
const SearchPage = lazy(() => import('../features/messaging/SearchPage.tsx'));

const COMPLIANCE_PAGES: Record<ComplianceScreen, LazyExoticComponent<ComponentType>> = {
  controlReview: lazy(() => import('../features/control/ReviewQueuePage.tsx')),
  externalRecords: lazy(() => import('../features/control/RecordsPage.tsx')),
  anomalyAlerts: lazy(() => import('../features/control/AlertsPage.tsx')),
  controlPolicies: lazy(() => import('../features/control/PoliciesPage.tsx')),
  controlDetectors: lazy(() => import('../features/control/DetectorsPage.tsx')),
  retention: lazy(() => import('../features/compliance/RetentionPage.tsx')),
};

const WORK_PAGES: Record<WorkScreen, LazyExoticComponent<ComponentType>> = {
  tasks: lazy(() => import('../features/tasks/TasksPage.tsx')),
  taskBoard: lazy(() => import('../features/tasks/TaskBoardPage.tsx')),
  taskCalendar: lazy(() => import('../features/tasks/TaskCalendarPage.tsx')),
  requests: lazy(() => import('../features/requests/RequestsPage.tsx')),
  requestReport: lazy(() => import('../features/requests/RequestReportPage.tsx')),
  notifications: lazy(() => import('../features/notifications/NotificationsPage.tsx')),
};
const TaskDetailPage = lazy(() => import('../features/tasks/TaskDetailPage.tsx'));
const RequestDetailPage = lazy(() => import('../features/requests/RequestDetailPage.tsx'));
const NotificationSettingsPage = lazy(() => import('../features/notifications/NotificationSettingsPage.tsx'));

const SYSTEM_PAGES: Record<SystemScreen, LazyExoticComponent<ComponentType>> = {
  workCalendar: lazy(() => import('../features/calendar/WorkCalendarPage.tsx')),
  notificationDeliveries: lazy(() => import('../features/notifications/DeliveriesPage.tsx')),
  approvalTemplates: lazy(() => import('../features/approvals/ApprovalTemplatesPage.tsx')),
  announcementCategories: lazy(() => import('../features/announcements/CategoriesPage.tsx')),
};

const AnnouncementsPage = lazy(() => import('../features/announcements/AnnouncementsPage.tsx'));
const ManagedAnnouncementsPage = lazy(() => import('../features/announcements/ManagedAnnouncementsPage.tsx'));
const AnnouncementPage = lazy(() => import('../features/announcements/AnnouncementPage.tsx'));
const AnnouncementEditorPage = lazy(() => import('../features/announcements/AnnouncementEditorPage.tsx'));
const AnnouncementStatsPage = lazy(() => import('../features/announcements/AnnouncementStatsPage.tsx'));
const ApprovalsPage = lazy(() => import('../features/approvals/ApprovalsPage.tsx'));

const ORGANISATION_PAGES: Record<OrganisationScreen, LazyExoticComponent<ComponentType>> = {
  users: lazy(() => import('../features/users/UsersPage.tsx')),
  departments: lazy(() => import('../features/departments/DepartmentsPage.tsx')),
  teams: lazy(() => import('../features/teams/TeamsPage.tsx')),
  roles: lazy(() => import('../features/roles/RolesPage.tsx')),
  audit: lazy(() => import('../features/audit/AuditPage.tsx')),
};

export const router = createBrowserRouter([
  { path: '/login', element: <PublicPage page={LoginPage} />, errorElement: <CrashPage /> },
  {
    path: '/change-password',
    element: <PublicPage page={ForcedPasswordPage} />,
    errorElement: <CrashPage />,
  },
  {
    element: <RequireAuth />,
    errorElement: <CrashPage />,
    children: [
      {
        element: (
          <Suspense fallback={<FullPageSpin />}>
            <AppLayout />
          </Suspense>
        ),
        errorElement: <CrashPage />,
        children: [
          {
            index: true,
            element: (
              <RequireEmployee>
                <DashboardPage />
              </RequireEmployee>
            ),
          },
          ...UPCOMING_MODULES.map((module) => ({
            path: module.path,
            element: (
              <RequireEmployee>
                <ComingSoonPage module={module.key} />
              </RequireEmployee>
            ),
          })),
          // The menu entry lived here before the chat existed; old bookmarks keep working.
          { path: '/messaging', element: <Navigate to="/messages" replace /> },
          ...['/messages', '/messages/:channelId'].map((path) => ({
            path,
            element: (
              <RequirePermission permission="message.use">
                <MessagingPage />
              </RequirePermission>
            ),
          })),
          {
            path: '/messages/search',
            element: (
              <RequirePermission permission="message.use">
                <SearchPage />
              </RequirePermission>
            ),
          },
          ...screenRoutes(WORK_ITEMS, WORK_PAGES),
          {
            path: '/tasks/:taskId',
            element: (
              <RequirePermission permission="task.use">
                <TaskDetailPage />
              </RequirePermission>
            ),
          },
          {
            path: '/requests/:requestId',
            element: (
              <RequirePermission permission="request.use">
                <RequestDetailPage />
              </RequirePermission>
            ),
          },
          { path: '/notifications/settings', element: <NotificationSettingsPage /> },
          {
            path: '/announcements',
            element: (
              <RequirePermission permission="announcement.read">
                <AnnouncementsPage />
              </RequirePermission>
            ),
          },
          {
            path: '/announcements/managed',
            element: (
              <RequireAnyPermission permissions={['announcement.publish', 'announcement.manage']}>
                <ManagedAnnouncementsPage />
              </RequireAnyPermission>
            ),
          },
          ...['/announcements/new', '/announcements/:announcementId/edit'].map((path) => ({
            path,
            element: (
              <RequireAnyPermission permissions={['announcement.publish', 'announcement.manage']}>
                <AnnouncementEditorPage />
              </RequireAnyPermission>
            ),
          })),
          {
            path: '/announcements/:announcementId',
            element: (
              <RequirePermission permission="announcement.read">
                <AnnouncementPage />
              </RequirePermission>
            ),
          },
          {
            // Whoever published it may follow it up too; the server answers with what the reader may see.
            path: '/announcements/:announcementId/stats',
            element: (
              <RequireAnyPermission
                permissions={['announcement.stats', 'announcement.publish', 'announcement.manage']}
              >
                <AnnouncementStatsPage />
              </RequireAnyPermission>
            ),
          },
          {
            path: '/approvals',
            element: (
              <RequirePermission permission="approval.use">
                <ApprovalsPage />
              </RequirePermission>
            ),
          },
          ...screenRoutes(SYSTEM_ITEMS, SYSTEM_PAGES),
          ...COMPLIANCE_ITEMS.map((item) => {
            const Page = COMPLIANCE_PAGES[item.key];
            return {
              path: item.path,
              element: (
                <RequireAnyPermission permissions={item.anyOf}>
                  <Page />
                </RequireAnyPermission>
              ),
            };
          }),
          ...screenRoutes(ORGANISATION_ITEMS, ORGANISATION_PAGES),
          { path: '/profile', element: <ProfilePage /> },
          { path: '/403', element: <ForbiddenPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

setSessionEndedHandler(() => {
  setCsrfToken(null);
  queryClient.clear();
  if (router.state.location.pathname !== '/login') {
    void router.navigate(loginPathFor(router.state.location), { replace: true });
  }
});
