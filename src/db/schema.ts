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
  status: Generated<string>;
  dissolved_on: DateString | null;
  term_started_on: DateString | null;
  term_years: number | null;
  joint_type: string | null;
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
  unit_id: number | null;
  household_register: string | null;
  left_on: DateString | null;
  left_reason: string | null;
  /** Generated from the name (characters and character pairs) for partial-name search. */
  name_grams: Generated<string[]>;
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

export interface UnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  org_id: number;
  division_code: string | null;
  urban_rural: string | null;
  employees: number | null;
  established_on: DateString | null;
  dissolved_on: DateString | null;
  created_at: AutoTimestamp;
  updated_at: AutoTimestamp;
}

export interface OrganizationUnitTable {
  org_id: number;
  unit_id: number;
  is_primary: Generated<boolean>;
}

export interface OrgVersionTable {
  id: Generated<number>;
  org_id: number;
  valid_from: DateString;
  valid_to: DateString | null;
  parent_id: number | null;
  path: string;
  name: string;
  kind: string;
  level: string;
  domain: string;
  urban_rural: string | null;
  division_code: string | null;
}

export interface OrgEventTable {
  id: Generated<number>;
  org_id: number;
  kind: string;
  effective_on: DateString;
  summary: string;
  details: unknown;
  actor_name: string;
  created_at: AutoTimestamp;
}

export interface OrgPostTable {
  id: Generated<number>;
  org_id: number;
  post: string;
  member_id: number | null;
  holder_name: string;
  started_on: DateString;
  ended_on: DateString | null;
}

export interface AllianceTable {
  id: Generated<number>;
  kind: string;
  name: string;
  org_id: number;
  established_on: DateString;
  agreement: string | null;
  created_at: AutoTimestamp;
}

export interface AllianceMemberTable {
  alliance_id: number;
  unit_id: number;
  role: Generated<string>;
  joined_on: DateString;
}

export interface AllianceMeetingTable {
  id: Generated<number>;
  alliance_id: number;
  held_on: DateString;
  title: string;
  summary: string | null;
  attendees: number | null;
}

export interface HouseholdTable {
  id: Generated<number>;
  org_id: number;
  head_name: string;
  address: string | null;
  size: number | null;
}

export interface MemberHouseholdTable {
  member_id: number;
  household_id: number;
  since: DateString;
}

export interface MemberPeriodTable {
  id: Generated<number>;
  member_id: number;
  org_id: number;
  valid_from: DateString;
  valid_to: DateString | null;
}

/** Current members per tally anchor × gender × education × status; maintained by triggers (migration 20261201T1450). */
export interface MemberTallyTable {
  anchor_id: number;
  gender: string;
  education: string;
  status: string;
  n: number;
}

export interface RuleTable {
  id: Generated<number>;
  code: string;
  version: number;
  effective_from: DateString;
  params: unknown;
  source: string;
  note: string | null;
  created_at: AutoTimestamp;
}

export interface DB {
  organizations: OrganizationTable;
  members: MemberTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  units: UnitTable;
  organization_units: OrganizationUnitTable;
  org_versions: OrgVersionTable;
  org_events: OrgEventTable;
  org_posts: OrgPostTable;
  alliances: AllianceTable;
  alliance_members: AllianceMemberTable;
  alliance_meetings: AllianceMeetingTable;
  households: HouseholdTable;
  member_households: MemberHouseholdTable;
  member_periods: MemberPeriodTable;
  member_tallies: MemberTallyTable;
  rules: RuleTable;
}

/** Excel import jobs (migration 20261123T1600_import_jobs): progress and the error workbook, readable from any node. */
export interface ImportJobTable {
  id: string;
  kind: 'members' | 'orgs';
  status: ColumnType<ImportJobStatus, ImportJobStatus | undefined, ImportJobStatus>;
  file_name: string;
  file_sha256: string;
  file_size: number;
  created_by: number | null;
  created_by_name: string;
  scope_path: string | null;
  node: string | null;
  rows_total: number | null;
  rows_processed: Generated<number>;
  created_count: Generated<number>;
  updated_count: Generated<number>;
  unchanged_count: Generated<number>;
  error_count: Generated<number>;
  error_sample: unknown;
  /** The per-row error workbook (.xlsx bytes): a Buffer from node-postgres, a Uint8Array from PGlite. */
  error_report: Uint8Array | null;
  message: string | null;
  created_at: AutoTimestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  heartbeat_at: AutoTimestamp;
}
export type ImportJobStatus = 'queued' | 'validating' | 'applying' | 'done' | 'rejected' | 'failed';

// Declaration merging: adds the table to DB without editing the list above.
export interface DB {
  import_jobs: ImportJobTable;
}

/** 党费 (migration 20261201T1530_dues): months are 'YYYY-MM', money integer fen. */
export interface DuesBaseTable {
  id: Generated<number>;
  member_id: number;
  effective_month: string;
  category: string;
  base_fen: number | null;
  note: string | null;
  created_by_name: string;
  created_at: AutoTimestamp;
}
export interface DuesReliefTable {
  id: Generated<number>;
  member_id: number;
  kind: 'exempt' | 'reduce';
  from_month: string;
  to_month: string;
  monthly_fen: number | null;
  reason: string;
  approved_by: string;
  approved_on: DateString;
  created_by_name: string;
  created_at: AutoTimestamp;
}
export interface DuesPaymentTable {
  id: Generated<number>;
  member_id: number;
  org_id: number;
  paid_on: DateString;
  amount_fen: number;
  extra_fen: Generated<number>;
  method: string;
  payer_member_id: number | null;
  payer_name: string | null;
  receipt_no: string | null;
  note: string | null;
  created_by_name: string;
  created_at: AutoTimestamp;
  voided_at: NullableTimestamp;
  void_reason: string | null;
  voided_months: string[] | null;
}
export interface DuesPaymentMonthTable {
  member_id: number;
  month: string;
  payment_id: number;
  amount_fen: number;
}
export interface DB {
  dues_bases: DuesBaseTable;
  dues_reliefs: DuesReliefTable;
  dues_payments: DuesPaymentTable;
  dues_payment_months: DuesPaymentMonthTable;
}

/** Development of members (migration 20261201T1510_development): one case per applicant, one row per step. */
export interface DevCaseTable {
  id: Generated<number>;
  org_id: number;
  training_org_id: number | null;
  name: string;
  gender: string;
  ethnicity: Generated<string>;
  birth_date: DateString;
  id_number_cipher: string;
  id_number_hash: string;
  id_number_masked: string;
  education: string;
  category: string;
  household: Generated<string>;
  is_league_member: Generated<boolean>;
  work_unit: string | null;
  phone: string | null;
  applied_on: DateString;
  status: Generated<string>;
  last_step: string;
  last_step_on: DateString;
  member_id: number | null;
  probation_extension_months: number | null;
  closed_on: DateString | null;
  close_kind: string | null;
  close_reason: string | null;
  created_at: AutoTimestamp;
  updated_at: AutoTimestamp;
}

export interface DevStepTable {
  id: Generated<number>;
  case_id: number;
  step: string;
  done_on: DateString;
  recorded_by: number | null;
  recorded_by_name: string;
  documents: unknown;
  votes: unknown;
  introducers: unknown;
  approver: string | null;
  note: string | null;
  details: unknown;
  created_at: AutoTimestamp;
}

export interface DB {
  dev_cases: DevCaseTable;
  dev_steps: DevStepTable;
}

/** Democratic appraisal (migration 20261201T1535_appraisal). */
export interface AppraisalRoundTable {
  id: Generated<number>;
  org_id: number;
  year: number;
  starts_on: DateString;
  ends_on: DateString;
  state: Generated<string>;
  ballots: number | null;
  published_on: DateString | null;
  closed_on: DateString | null;
  note: string | null;
  created_by_name: string;
  created_at: AutoTimestamp;
  updated_at: AutoTimestamp;
}

export interface AppraisalParticipantTable {
  round_id: number;
  member_id: number;
  status_on_start: string;
  self_assessment: string | null;
  self_assessed_on: DateString | null;
  grade: string | null;
  grade_reason: string | null;
  follow_up: string | null;
  follow_up_due_on: DateString | null;
}

export interface AppraisalMutualTable {
  id: Generated<number>;
  round_id: number;
  assessor_id: number;
  assessee_id: number;
  grade: string;
  comment: string | null;
  created_at: AutoTimestamp;
}

export interface AppraisalVoteTable {
  round_id: number;
  member_id: number;
  grade: string;
  votes: number;
}

/** Member status changes, awards and care (migration 20261201T1540_status). */
export interface MemberStatusRecordTable {
  id: Generated<number>;
  member_id: number;
  kind: string;
  subtype: string;
  effective_on: DateString;
  doc_number: string | null;
  issuer: string | null;
  reason: string | null;
  award_level: string | null;
  /** Integer fen (int8 is parsed as a number on both engines, see database.ts). */
  amount_fen: number | null;
  period_months: number | null;
  ends_on: DateString | null;
  relates_to_id: number | null;
  org_id: number;
  rule_code: string | null;
  rule_version: number | null;
  note: string | null;
  recorded_by_name: string;
  created_at: AutoTimestamp;
}

export interface DB {
  appraisal_rounds: AppraisalRoundTable;
  appraisal_participants: AppraisalParticipantTable;
  appraisal_mutual: AppraisalMutualTable;
  appraisal_votes: AppraisalVoteTable;
  member_status_records: MemberStatusRecordTable;
}

/** 组织关系转接 (migration 20261201T1520_transfers): transfers, their approval steps and letters. */
export interface TransferTable {
  id: Generated<number>;
  kind: string;
  scope_case: string;
  state: string;
  member_id: number | null;
  member_name: string;
  from_org_id: number | null;
  from_org_name: string;
  to_org_id: number | null;
  to_org_name: string;
  to_org_address: string | null;
  reason: string | null;
  dues_paid_until: string | null;
  batch_id: string | null;
  first_issued_on: DateString | null;
  confirmed_on: DateString | null;
  confirmed_by_name: string | null;
  closed_note: string | null;
  created_by_name: string;
  created_at: AutoTimestamp;
  updated_at: AutoTimestamp;
}
export interface TransferStepTable {
  transfer_id: number;
  seq: number;
  role: string;
  org_id: number;
  org_name: string;
  decision: string | null;
  decided_on: DateString | null;
  decided_by_name: string | null;
  note: string | null;
}
export interface TransferLetterTable {
  id: Generated<number>;
  transfer_id: number;
  issuer_org_id: number | null;
  issuer_name: string;
  year: number | null;
  seq: number | null;
  number: string;
  issued_on: DateString;
  valid_until: DateString;
  content: unknown;
  superseded_on: DateString | null;
}
export interface TransferLetterCounterTable {
  org_id: number;
  year: number;
  last_seq: number;
}
/** 流动党员 (migration 20261201T1525_mobile). */
export interface MobileRecordTable {
  id: Generated<number>;
  direction: string;
  member_id: number | null;
  org_id: number;
  person_name: string;
  phone: string | null;
  place: string;
  since: DateString;
  reason: string | null;
  host_org_name: string | null;
  host_is_temporary: Generated<boolean>;
  home_org_name: string | null;
  certificate_no: string | null;
  returned_on: DateString | null;
  return_note: string | null;
  created_by_name: string;
  created_at: AutoTimestamp;
}
export interface MobileContactTable {
  id: Generated<number>;
  record_id: number;
  contacted_on: DateString;
  way: string;
  note: string | null;
  recorded_by_name: string;
  created_at: AutoTimestamp;
}
export interface DB {
  transfers: TransferTable;
  transfer_steps: TransferStepTable;
  transfer_letters: TransferLetterTable;
  transfer_letter_counters: TransferLetterCounterTable;
  mobile_records: MobileRecordTable;
  mobile_contacts: MobileContactTable;
}

/** 无职党员设岗定责 and 记实卡 (migration 20261201T1620_service, decision 0018). */
export interface ServicePostTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  duties: string;
  review_months: number | null;
  retired_on: DateString | null;
  created_by_name: string;
  created_at: AutoTimestamp;
  updated_at: AutoTimestamp;
}
export interface ServiceAssignmentTable {
  id: Generated<number>;
  post_id: number;
  member_id: number;
  starts_on: DateString;
  /** Last day on the post (inclusive); null while held. */
  ends_on: DateString | null;
  end_reason: string | null;
  note: string | null;
  created_by_name: string;
  created_at: AutoTimestamp;
}
export interface ServiceReviewTable {
  id: Generated<number>;
  assignment_id: number;
  reviewed_on: DateString;
  grade: string;
  comment: string | null;
  reviewer_name: string;
  created_at: AutoTimestamp;
}
export interface ServiceRecordTable {
  id: Generated<number>;
  org_id: number;
  member_id: number | null;
  occurred_on: DateString;
  kind: string;
  whom: string;
  matter: string;
  result: string | null;
  minutes: number | null;
  entered_by: Generated<string>;
  created_by_name: string;
  created_at: AutoTimestamp;
}
export interface DB {
  service_posts: ServicePostTable;
  service_assignments: ServiceAssignmentTable;
  service_reviews: ServiceReviewTable;
  service_records: ServiceRecordTable;
}

// 考核评价 (assessment): standards as versioned data, rounds, sheets, targets (decision 0019).
export interface AssessmentStandardTable {
  id: Generated<number>;
  code: string;
  version: number;
  name: string;
  name_en: string;
  category_label: string;
  applies_to: unknown;
  definition: unknown;
  source: string;
  created_by_name: string;
  created_at: AutoTimestamp;
}
export interface AssessmentRoundTable {
  id: Generated<number>;
  org_id: number;
  standard_id: number;
  cadence: string;
  title: string;
  period_from: DateString;
  period_to: DateString;
  due_on: DateString;
  created_by_name: string;
  created_at: AutoTimestamp;
}
export interface AssessmentSheetTable {
  id: Generated<number>;
  round_id: number;
  org_id: number;
  state: Generated<string>;
  manual: ColumnType<unknown, string | undefined, string>;
  computed: ColumnType<unknown, string | null | undefined, string | null>;
  computed_at: NullableTimestamp;
  recomputed_by_name: string | null;
  total_points: ColumnType<string | null, number | null | undefined, number | null>;
  total_full: ColumnType<string | null, number | null | undefined, number | null>;
  total_pct: ColumnType<string | null, number | null | undefined, number | null>;
  passed: boolean | null;
  stars: number | null;
  submitted_on: DateString | null;
  submitted_by_name: string | null;
  reviewed_on: DateString | null;
  reviewed_by_name: string | null;
  review_comment: string | null;
  returned_reason: string | null;
  finalized_on: DateString | null;
  finalized_by_name: string | null;
  updated_at: AutoTimestamp;
}
export interface AssessmentTargetTable {
  id: Generated<number>;
  org_id: number;
  standard_code: string;
  share_bp: number;
  deadline: DateString;
  title: string;
  source: string;
  created_by_name: string;
  created_at: AutoTimestamp;
}
export interface DB {
  assessment_standards: AssessmentStandardTable;
  assessment_rounds: AssessmentRoundTable;
  assessment_sheets: AssessmentSheetTable;
  assessment_targets: AssessmentTargetTable;
}

/** Recognition (migration 20261201T1640_recognition): 三树 / 评先评优 campaigns and nominations, contact and demonstration points. */
export interface RecognitionCampaignTable {
  id: Generated<number>;
  awarding_org_id: number;
  year: number;
  state: Generated<string>;
  nominate_until: DateString | null;
  published_on: DateString | null;
  note: string | null;
  created_by_name: string;
  created_at: AutoTimestamp;
  updated_at: AutoTimestamp;
}
export interface RecognitionNominationTable {
  id: Generated<number>;
  campaign_id: number;
  year: number;
  kind: string;
  org_id: number;
  nominee_member_id: number | null;
  nominee_key: ColumnType<string, never, never>;
  nominated_by_org_id: number;
  nominated_by_name: string;
  nominated_on: DateString;
  reasons: string;
  summary: ColumnType<unknown, string | undefined, string>;
  state: Generated<string>;
  review_note: string | null;
  reviewed_on: DateString | null;
  reviewed_by_name: string | null;
  approved_on: DateString | null;
  approved_by_name: string | null;
  closed_reason: string | null;
  closed_on: DateString | null;
  closed_by_name: string | null;
  status_record_id: number | null;
  created_at: AutoTimestamp;
  updated_at: AutoTimestamp;
}
export interface ContactPointTable {
  id: Generated<number>;
  org_id: number;
  leader_user_id: number | null;
  leader_name: string;
  leader_post: string;
  started_on: DateString;
  ended_on: DateString | null;
  end_reason: string | null;
  note: string | null;
  created_by_name: string;
  created_at: AutoTimestamp;
}
export interface ContactPointVisitTable {
  id: Generated<number>;
  contact_point_id: number;
  visited_on: DateString;
  content: string;
  recorded_by_name: string;
  created_at: AutoTimestamp;
}
export interface DemonstrationPointTable {
  id: Generated<number>;
  township_id: number;
  org_id: number;
  theme: string;
  since: DateString;
  ended_on: DateString | null;
  end_reason: string | null;
  note: string | null;
  created_by_name: string;
  created_at: AutoTimestamp;
}
export interface DB {
  recognition_campaigns: RecognitionCampaignTable;
  recognition_nominations: RecognitionNominationTable;
  contact_points: ContactPointTable;
  contact_point_visits: ContactPointVisitTable;
  demonstration_points: DemonstrationPointTable;
}

// 组织生活 (migration 20261201T1600_orglife, decision 0016).
export interface OrglifeMeetingTable {
  id: Generated<number>;
  org_id: number;
  kind: string;
  state: Generated<string>;
  topic: string;
  planned_on: DateString;
  starts_at: string | null;
  place: string | null;
  notice: string | null;
  notice_sent_on: DateString | null;
  held_on: DateString | null;
  host_name: string | null;
  recorder_name: string | null;
  minutes: string | null;
  visitors: Generated<string[]>;
  quorum_met: boolean | null;
  cancelled_on: DateString | null;
  cancel_reason: string | null;
  created_by_name: string;
  created_at: AutoTimestamp;
  updated_at: AutoTimestamp;
}
export interface OrglifeAttendanceTable {
  meeting_id: number;
  member_id: number;
  member_status: string;
  status: string | null;
  reason: string | null;
}
export interface OrglifeAttachmentTable {
  id: Generated<number>;
  meeting_id: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Uint8Array;
  uploaded_by_name: string;
  created_at: AutoTimestamp;
}
export interface DB {
  orglife_meetings: OrglifeMeetingTable;
  orglife_attendance: OrglifeAttendanceTable;
  orglife_attachments: OrglifeAttachmentTable;
}
/** 四级承诺一评议 (migration 20261201T1610_commitments). */
export interface CommitmentTable {
  id: Generated<number>;
  org_id: number;
  maker_type: string;
  member_id: number | null;
  year: number;
  title: string;
  announced_on: DateString | null;
  announce_way: string | null;
  note: string | null;
  created_by_name: string;
  created_at: AutoTimestamp;
  updated_at: AutoTimestamp;
}
export interface CommitmentItemTable {
  id: Generated<number>;
  commitment_id: number;
  content: string;
  category: string;
  deadline: DateString;
  responsible: string | null;
  status: Generated<string>;
  done_on: DateString | null;
  done_note: string | null;
  reason: string | null;
  status_on: DateString | null;
  created_at: AutoTimestamp;
  updated_at: AutoTimestamp;
}
export interface CommitmentProgressTable {
  id: Generated<number>;
  item_id: number;
  noted_on: DateString;
  text: string;
  recorded_by_name: string;
  created_at: AutoTimestamp;
}
export interface CommitmentEvaluationTable {
  id: Generated<number>;
  commitment_id: number;
  held_on: DateString;
  evaluator_type: string;
  member_id: number | null;
  satisfied: Generated<number>;
  basic: Generated<number>;
  dissatisfied: Generated<number>;
  note: string | null;
  recorded_by_name: string;
  created_at: AutoTimestamp;
}
export interface DB {
  commitments: CommitmentTable;
  commitment_items: CommitmentItemTable;
  commitment_progress: CommitmentProgressTable;
  commitment_evaluations: CommitmentEvaluationTable;
}

// 软弱涣散整顿 (rectification) and 书记抓党建述职评议 (secretaries' reports).
export interface RectCriterionTable {
  key: string;
  indicator_code: string;
  measure: string;
  comparison: string;
  rule_code: string;
  description: string;
  description_en: string;
  sort: Generated<number>;
  active: Generated<boolean>;
}
export interface RectScreeningTable {
  id: Generated<number>;
  org_id: number;
  year: number;
  period_from: DateString;
  period_to: DateString;
  state: Generated<string>;
  criteria: ColumnType<unknown, string, string>;
  total: Generated<number>;
  created_by_name: string;
  created_at: AutoTimestamp;
  finished_at: NullableTimestamp;
}
export interface RectScreeningOrgTable {
  screening_id: number;
  org_id: number;
  seq: number;
  evaluated_at: NullableTimestamp;
  flagged: boolean | null;
  results: ColumnType<unknown, string | null | undefined, string | null>;
}
export interface RectEntryTable {
  id: Generated<number>;
  org_id: number;
  year: number;
  origin: string;
  screening_id: number | null;
  reason: string;
  reasons: ColumnType<unknown, string | undefined, string>;
  state: Generated<string>;
  listed_on: DateString;
  leader_name: string | null;
  leader_title: string | null;
  closed_on: DateString | null;
  removed_on: DateString | null;
  removed_reason: string | null;
  created_by_name: string;
  created_at: AutoTimestamp;
  updated_at: AutoTimestamp;
}
export interface RectTaskTable {
  id: Generated<number>;
  entry_id: number;
  content: string;
  owner_name: string;
  owner_post: string | null;
  owner_org_id: number;
  deadline: DateString;
  done_on: DateString | null;
  created_by_name: string;
  created_at: AutoTimestamp;
}
export interface RectTaskNoteTable {
  id: Generated<number>;
  task_id: number;
  noted_on: DateString;
  text: string;
  by_name: string;
  created_at: AutoTimestamp;
}
export interface RectAcceptanceTable {
  id: Generated<number>;
  entry_id: number;
  reviewed_on: DateString;
  result: string;
  comment: string;
  reviewer_name: string;
  reviewer_org_id: number;
  created_at: AutoTimestamp;
}
export interface SecReportTable {
  id: Generated<number>;
  org_id: number;
  year: number;
  post_id: number;
  member_id: number | null;
  holder_name: string;
  state: Generated<string>;
  report_text: Generated<string>;
  submitted_on: DateString | null;
  rating: string | null;
  rating_comment: string | null;
  rated_on: DateString | null;
  rated_by_name: string | null;
  rated_by_org_id: number | null;
  votes_good: number | null;
  votes_fairly_good: number | null;
  votes_average: number | null;
  votes_poor: number | null;
  created_by_name: string;
  created_at: AutoTimestamp;
  updated_at: AutoTimestamp;
}
export interface DB {
  rect_criteria: RectCriterionTable;
  rect_screenings: RectScreeningTable;
  rect_screening_orgs: RectScreeningOrgTable;
  rect_entries: RectEntryTable;
  rect_tasks: RectTaskTable;
  rect_task_notes: RectTaskNoteTable;
  rect_acceptances: RectAcceptanceTable;
  sec_reports: SecReportTable;
}
