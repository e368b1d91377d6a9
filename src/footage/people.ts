/** Who may do what is decided from this record, never from what a card or a client claims. */
export type Role = 'officer' | 'supervisor' | 'admin';

export interface Person {
  /** Entra ID (AAD) object id: the stable key Teams sends as `from.aadObjectId`. */
  aadObjectId: string;
  /** Teams user id (29:...), when known from the roster or a past activity. */
  teamsId?: string;
  name: string;
  role: Role;
  /** Borough the person serves; null for force-wide roles such as admin. */
  borough: string | null;
  /** Box login of the person: access is granted to the Box user with this login. */
  email: string;
}

export const ROLES: readonly Role[] = ['officer', 'supervisor', 'admin'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function canDecide(person: Person): boolean {
  return person.role === 'supervisor' || person.role === 'admin';
}
