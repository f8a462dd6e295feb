import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { ElMessage } from 'element-plus'
import type { Role } from '../api/types'
import { hasRole, loadSession, session } from '../stores/session'
import { tr } from '../i18n'
import {
  AUDIT_ROLES,
  CARE_ROLES,
  CHILD_FIGURES_ROLES,
  CHILDREN_ROLES,
  FILING_REVIEW_ROLES,
  FILING_ROLES,
  GUARDIAN_ROLES,
  INSTITUTION_ROLES,
  PARAMETER_ROLES,
  POPULATION_ROLES,
  PUHUI_ROLES,
  REFERENCE_ROLES,
  REGION_ROLES,
  STAFF_OVERSIGHT_ROLES,
  STAFF_PAGE_ROLES,
  USER_ROLES,
} from '../access'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean
    /** Roles allowed; absent = every signed-in user. */
    roles?: readonly Role[]
    /** i18n key of the page title (also used by the menu). */
    title?: string
  }
}


const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/LoginView.vue'),
    meta: { public: true, title: 'login.title' },
  },
  {
    // The public disclosure page (信息公示): no session needed.
    path: '/public',
    name: 'public',
    component: () => import('../views/PublicView.vue'),
    meta: { public: true, title: 'public.title' },
  },
  {
    path: '/password',
    name: 'password',
    component: () => import('../views/PasswordView.vue'),
    meta: { title: 'password.title' },
  },
  {
    path: '/',
    component: () => import('../layouts/MainLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('../views/HomeView.vue'), meta: { title: 'menu.home' } },
      {
        path: 'users',
        name: 'users',
        component: () => import('../views/UsersView.vue'),
        meta: { roles: USER_ROLES, title: 'menu.users' },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('../views/AuditView.vue'),
        meta: { roles: AUDIT_ROLES, title: 'menu.audit' },
      },
      {
        path: 'regions',
        name: 'regions',
        component: () => import('../views/RegionsView.vue'),
        meta: { roles: REGION_ROLES, title: 'menu.regions' },
      },
      {
        path: 'population',
        name: 'population',
        component: () => import('../views/PopulationView.vue'),
        meta: { roles: POPULATION_ROLES, title: 'menu.population' },
      },
      {
        path: 'parameters',
        name: 'parameters',
        component: () => import('../views/ParametersView.vue'),
        meta: { roles: PARAMETER_ROLES, title: 'menu.parameters' },
      },
      {
        path: 'dictionaries',
        name: 'dictionaries',
        component: () => import('../views/DictionariesView.vue'),
        meta: { roles: REFERENCE_ROLES, title: 'menu.dictionaries' },
      },
      {
        path: 'calendar',
        name: 'calendar',
        component: () => import('../views/CalendarView.vue'),
        meta: { roles: REFERENCE_ROLES, title: 'menu.calendar' },
      },
      {
        path: 'institutions',
        name: 'institutions',
        component: () => import('../views/InstitutionsView.vue'),
        meta: { roles: INSTITUTION_ROLES, title: 'menu.institutions' },
      },
      {
        path: 'filing',
        name: 'filing',
        component: () => import('../views/FilingWizardView.vue'),
        meta: { roles: FILING_ROLES, title: 'menu.filing' },
      },
      {
        path: 'filings/queue',
        name: 'filing-queue',
        component: () => import('../views/FilingQueueView.vue'),
        meta: { roles: FILING_REVIEW_ROLES, title: 'menu.filingQueue' },
      },
      {
        path: 'puhui',
        name: 'puhui',
        component: () => import('../views/PuhuiView.vue'),
        meta: { roles: PUHUI_ROLES, title: 'menu.puhui' },
      },
      {
        path: 'staff',
        name: 'staff',
        component: () => import('../views/StaffView.vue'),
        meta: { roles: STAFF_PAGE_ROLES, title: 'menu.staff' },
      },
      {
        path: 'staff/oversight',
        name: 'staff-oversight',
        component: () => import('../views/StaffOversightView.vue'),
        meta: { roles: STAFF_OVERSIGHT_ROLES, title: 'menu.staffOversight' },
      },
      {
        path: 'children',
        name: 'children',
        component: () => import('../views/ChildrenView.vue'),
        meta: { roles: CHILDREN_ROLES, title: 'menu.children' },
      },
      {
        path: 'children/figures',
        name: 'child-figures',
        component: () => import('../views/ChildFiguresView.vue'),
        meta: { roles: CHILD_FIGURES_ROLES, title: 'menu.childFigures' },
      },
      {
        path: 'care',
        name: 'care',
        component: () => import('../views/CareView.vue'),
        meta: { roles: CARE_ROLES, title: 'menu.care' },
      },
      {
        path: 'my-children',
        name: 'my-children',
        component: () => import('../views/GuardianView.vue'),
        meta: { roles: GUARDIAN_ROLES, title: 'menu.myChildren' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('../views/NotFoundView.vue'),
        meta: { title: 'errors.notFoundTitle' },
      },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
})

router.beforeEach(async (to) => {
  if (!session.loaded) await loadSession()

  if (to.meta.public) {
    if (session.user && to.name === 'login') {
      return session.mustChangePassword ? { name: 'password' } : { name: 'home' }
    }
    return true
  }
  if (!session.user) {
    const redirect = to.fullPath !== '/' ? to.fullPath : undefined
    return { name: 'login', query: redirect ? { redirect } : {} }
  }
  if (session.mustChangePassword && to.name !== 'password') {
    return { name: 'password' }
  }
  if (!hasRole(to.meta.roles)) {
    ElMessage.error(tr('errors.forbidden'))
    return { name: 'home' }
  }
  return true
})
