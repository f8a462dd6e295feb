import type { Role } from './api/types'

/** Which roles may open which module (the server enforces the same rules). */
export const USER_ROLES: readonly Role[] = ['admin', 'regulator', 'institution_admin']
export const AUDIT_ROLES: readonly Role[] = ['admin', 'regulator']
export const REGION_ROLES: readonly Role[] = ['admin', 'regulator', 'institution_admin', 'institution_staff']
/** Population figures and rule parameters are the regulators' (institutions read parameters through their modules). */
export const POPULATION_ROLES: readonly Role[] = ['admin', 'regulator']
export const PARAMETER_ROLES: readonly Role[] = ['admin', 'regulator']
/** Dictionaries and the holiday calendar are read by every official; only administrators change them. */
export const REFERENCE_ROLES: readonly Role[] = ['admin', 'regulator', 'institution_admin', 'institution_staff']

/** The registry: regulators see their regions' institutions, an institution its own. */
export const INSTITUTION_ROLES: readonly Role[] = ['admin', 'regulator', 'institution_admin', 'institution_staff']
/** An institution files itself, through its own administrator (备案办法 第8条). */
export const FILING_ROLES: readonly Role[] = ['institution_admin']
/** Deciding filings is the county regulator's (备案办法 第9条). */
export const FILING_REVIEW_ROLES: readonly Role[] = ['admin', 'regulator']

/** 普惠 recognition: institutions apply, county regulators decide; administrators read. */
export const PUHUI_ROLES: readonly Role[] = ['admin', 'regulator', 'institution_admin']

/** Staff (从业人员): an institution's administrator keeps its own; regulators and administrators read. */
export const STAFF_PAGE_ROLES: readonly Role[] = ['admin', 'regulator', 'institution_admin']
/** Watching over staff across institutions (duties, 持证率, double employment, the lifetime ban). */
export const STAFF_OVERSIGHT_ROLES: readonly Role[] = ['admin', 'regulator']

/** Classes and children (班级与幼儿): an institution keeps its own (its administrator writes); regulators and administrators read. */
export const CHILDREN_ROLES: readonly Role[] = ['admin', 'regulator', 'institution_admin', 'institution_staff']
/** The day's register (今日考勤): check-in and out, absences, health checks, the daily record, staff on duty. */
export const CARE_ROLES: readonly Role[] = ['institution_admin', 'institution_staff']
/** A guardian's own children: their day, absences reported, applications for a place. */
export const GUARDIAN_ROLES: readonly Role[] = ['guardian']
/** The childcare figures (托育统计) per institution with the region's sum. */
export const CHILD_FIGURES_ROLES: readonly Role[] = ['admin', 'regulator', 'institution_admin']

/** Roles a user of the given role may create (the server has the final word). */
export function creatableRoles(creator: Role | undefined): Role[] {
  switch (creator) {
    case 'admin':
      return ['admin', 'regulator', 'institution_admin', 'institution_staff', 'guardian', 'exchange']
    case 'regulator':
      return ['regulator', 'institution_admin']
    case 'institution_admin':
      return ['institution_staff']
    default:
      return []
  }
}
