// The member roster's filters live in the URL query string (a link shares the exact list).
// Reading is forgiving: an unknown or malformed value is dropped rather than sent to the API.
import { EDUCATION, GENDER, HOUSEHOLD, MEMBER_CATEGORY, MEMBER_STATUS } from '../../../../src/shared/enums.ts';
import type { MemberListQuery } from '../../api/types.ts';

export type RosterSort = 'name' | 'birthDate' | 'joinedOn';

/** What the list asks the API for (the export uses the same minus sort and order). */
export interface RosterParams {
  orgId?: number;
  q?: string;
  idNumber?: string;
  status?: (typeof MEMBER_STATUS.values)[number];
  gender?: (typeof GENDER.values)[number];
  education?: (typeof EDUCATION.values)[number];
  category?: (typeof MEMBER_CATEGORY.values)[number];
  ethnicity?: string;
  workUnit?: string;
  household?: (typeof HOUSEHOLD.values)[number];
  mobile?: 'true' | 'false';
  bornFrom?: string;
  bornTo?: string;
  joinedFrom?: string;
  joinedTo?: string;
  sort?: RosterSort;
  order?: 'asc' | 'desc';
}

// Compile-time check that every key is one the API accepts.
const _fits: Omit<MemberListQuery, 'cursor' | 'limit'> = {} as RosterParams;
void _fits;

/** The filter keys (everything except the organization and the sort). */
export const FILTER_KEYS = ['q', 'idNumber', 'status', 'gender', 'education', 'category', 'ethnicity', 'workUnit', 'household', 'mobile', 'bornFrom', 'bornTo', 'joinedFrom', 'joinedTo'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID_NUMBER = /^\d{17}[\dXx]$/;

function pick<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}
function text(v: string | null, max: number): string | undefined {
  const s = v?.trim();
  return s && [...s].length <= max ? s : undefined;
}
const date = (v: string | null) => (v && DATE.test(v) ? v : undefined);

export function readParams(sp: URLSearchParams): RosterParams {
  const orgId = Number(sp.get('orgId'));
  const idNumber = sp.get('idNumber')?.trim();
  const p: RosterParams = {
    orgId: Number.isInteger(orgId) && orgId > 0 ? orgId : undefined,
    q: text(sp.get('q'), 30),
    idNumber: idNumber && ID_NUMBER.test(idNumber) ? idNumber.toUpperCase() : undefined,
    status: pick(MEMBER_STATUS.values, sp.get('status')),
    gender: pick(GENDER.values, sp.get('gender')),
    education: pick(EDUCATION.values, sp.get('education')),
    category: pick(MEMBER_CATEGORY.values, sp.get('category')),
    ethnicity: text(sp.get('ethnicity'), 10),
    workUnit: text(sp.get('workUnit'), 100),
    household: pick(HOUSEHOLD.values, sp.get('household')),
    mobile: pick(['true', 'false'] as const, sp.get('mobile')),
    bornFrom: date(sp.get('bornFrom')),
    bornTo: date(sp.get('bornTo')),
    joinedFrom: date(sp.get('joinedFrom')),
    joinedTo: date(sp.get('joinedTo')),
    sort: pick(['name', 'birthDate', 'joinedOn'] as const, sp.get('sort')),
    order: pick(['asc', 'desc'] as const, sp.get('order')),
  };
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as RosterParams;
}

export function writeParams(p: RosterParams): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== '') sp.set(k, String(v));
  return sp;
}

/** How many filters are set (for the phone's "筛选 (n)" button). */
export const activeFilters = (p: RosterParams) => FILTER_KEYS.filter((k) => p[k] !== undefined).length;

/** The export URL: the list's organization and filters, without sort and order. */
export function exportUrl(p: RosterParams, orgId: number): string {
  const { sort: _s, order: _o, ...filters } = p;
  return `/api/exports/members.xlsx?${writeParams({ ...filters, orgId }).toString()}`;
}
