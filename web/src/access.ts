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
