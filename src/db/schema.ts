import type { ColumnType, Generated } from 'kysely';

// Kysely table types; each migration that changes a table changes its interface here.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type AutoTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** `date` columns travel as 'YYYY-MM-DD' strings on both engines (see database.ts). */
type DateString = string;

export interface OrganizationTable {
  id: Generated<number>;
  parent_id: number | null;
  path: string;
  code: string;
  name: string;
  short_name: string | null;
  kind: string;
  level: string;
  domain: Generated<string>;
  division_code: string | null;
  urban_rural: string | null;
  sort_order: Generated<number>;
  established_on: DateString | null;
  created_at: AutoTimestamp;
  updated_at: AutoTimestamp;
}

export interface MemberTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  gender: string;
  ethnicity: Generated<string>;
  birth_date: DateString;
  id_number_cipher: string;
  id_number_hash: string;
  id_number_masked: string;
  education: string;
  category: string;
  work_unit: string | null;
  post: string | null;
  joined_on: DateString;
  full_member_on: DateString | null;
  status: string;
  phone: string | null;
  household: Generated<string>;
  address: string | null;
  is_mobile: Generated<boolean>;
  created_at: AutoTimestamp;
  updated_at: AutoTimestamp;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  org_id: number;
  member_id: number | null;
  must_change_password: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  disabled: Generated<boolean>;
  locale: Generated<string>;
  last_login_at: NullableTimestamp;
  password_changed_at: NullableTimestamp;
  created_at: AutoTimestamp;
  updated_at: AutoTimestamp;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: AutoTimestamp;
  last_seen_at: AutoTimestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  scope_path: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface DB {
  organizations: OrganizationTable;
  members: MemberTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
}
