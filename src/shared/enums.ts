// Code lists shared by server and web: the code is stored, the labels are shown (zh first).
// Pure data, no imports, so the web bundle can import it directly.

export interface Label {
  zh: string;
  en: string;
}

function codes<T extends Record<string, Label>>(table: T) {
  return { table, values: Object.keys(table) as [keyof T & string, ...(keyof T & string)[]] };
}

export const ORG_KIND = codes({
  committee: { zh: '党委', en: 'Party committee' },
  working_committee: { zh: '党工委', en: 'Working committee' },
  general_branch: { zh: '党总支', en: 'General branch' },
  branch: { zh: '党支部', en: 'Branch' },
  joint_branch: { zh: '联合党支部', en: 'Joint branch' },
  temporary_branch: { zh: '临时党支部', en: 'Temporary branch' },
  group: { zh: '党小组', en: 'Party group' },
});

export const ORG_LEVEL = codes({
  province: { zh: '省', en: 'Province' },
  city: { zh: '市', en: 'City' },
  county: { zh: '县（区）', en: 'County/district' },
  township: { zh: '乡镇（街道）', en: 'Township/street' },
  village: { zh: '村（社区）', en: 'Village/community' },
  grid: { zh: '网格（村民小组）', en: 'Grid/villagers’ group' },
  unit: { zh: '单位', en: 'Unit' },
});

export const ORG_DOMAIN = codes({
  local: { zh: '地方党委', en: 'Local committee' },
  rural: { zh: '农村', en: 'Rural village' },
  community: { zh: '城市社区', en: 'Urban community' },
  organ: { zh: '机关', en: 'Government organ' },
  soe: { zh: '国有企业', en: 'State enterprise' },
  institution: { zh: '事业单位', en: 'Public institution' },
  school: { zh: '学校', en: 'School' },
  non_public: { zh: '非公有制企业', en: 'Non-public enterprise' },
  social_org: { zh: '社会组织', en: 'Social organization' },
  cooperative: { zh: '农民专业合作社', en: 'Farmer cooperative' },
  leading_enterprise: { zh: '农业龙头企业', en: 'Agricultural leading enterprise' },
  industry_chain: { zh: '产业链', en: 'Industry chain' },
  trade_association: { zh: '行业协会', en: 'Trade association' },
  labor_base: { zh: '劳务基地', en: 'Labor base' },
  mobile: { zh: '流动党员', en: 'Mobile members' },
  other: { zh: '其他', en: 'Other' },
});

export const URBAN_RURAL = codes({
  main_urban: { zh: '主城区', en: 'Main urban area' },
  urban_fringe: { zh: '城乡结合区', en: 'Urban–rural fringe' },
  town_center: { zh: '镇中心区', en: 'Town centre' },
  town_fringe: { zh: '镇乡结合区', en: 'Town–rural fringe' },
  special: { zh: '特殊区域', en: 'Special area' },
  township_center: { zh: '乡中心区', en: 'Township centre' },
  village: { zh: '村庄', en: 'Village' },
});

export const ROLE = codes({
  admin: { zh: '系统管理员', en: 'System administrator' },
  org_staff: { zh: '组工干部', en: 'Organization department staff' },
  secretary: { zh: '书记/组织委员', en: 'Secretary / organizer' },
  member: { zh: '党员', en: 'Member' },
  unit_contact: { zh: '单位联络员', en: 'Unit contact' },
});

export const GENDER = codes({ male: { zh: '男', en: 'Male' }, female: { zh: '女', en: 'Female' } });

export const MEMBER_STATUS = codes({
  probationary: { zh: '预备党员', en: 'Probationary' },
  full: { zh: '正式党员', en: 'Full member' },
});

export const EDUCATION = codes({
  postgraduate: { zh: '研究生', en: 'Postgraduate' },
  bachelor: { zh: '大学本科', en: 'Bachelor' },
  college: { zh: '大学专科', en: 'College' },
  secondary: { zh: '中专', en: 'Secondary vocational' },
  high_school: { zh: '高中', en: 'High school' },
  middle_school: { zh: '初中及以下', en: 'Middle school or below' },
});

export const MEMBER_CATEGORY = codes({
  worker: { zh: '在岗职工', en: 'Employed' },
  farmer: { zh: '农牧渔民', en: 'Farmer/herder/fisher' },
  retired: { zh: '离退休人员', en: 'Retired' },
  student: { zh: '学生', en: 'Student' },
  civil_servant: { zh: '党政机关工作人员', en: 'Civil servant' },
  professional: { zh: '专业技术人员', en: 'Professional' },
  self_employed: { zh: '个体及灵活就业', en: 'Self-employed' },
  unemployed: { zh: '无业', en: 'Unemployed' },
  other: { zh: '其他', en: 'Other' },
});

export const HOUSEHOLD = codes({ urban: { zh: '城镇', en: 'Urban' }, rural: { zh: '农村', en: 'Rural' } });

export const ORG_POST = codes({
  secretary: { zh: '书记', en: 'Secretary' },
  deputy_secretary: { zh: '副书记', en: 'Deputy secretary' },
  organization: { zh: '组织委员', en: 'Organization member' },
  propaganda: { zh: '宣传委员', en: 'Publicity member' },
  discipline: { zh: '纪检委员', en: 'Discipline member' },
  youth: { zh: '青年委员', en: 'Youth member' },
  women: { zh: '妇女委员', en: 'Women member' },
  committee_member: { zh: '委员', en: 'Committee member' },
  group_leader: { zh: '党小组长', en: 'Group leader' },
});

export const UNIT_KIND = codes({
  village: { zh: '村', en: 'Village' },
  community: { zh: '社区', en: 'Community' },
  organ: { zh: '机关', en: 'Government organ' },
  soe: { zh: '国有企业', en: 'State enterprise' },
  institution: { zh: '事业单位', en: 'Public institution' },
  school: { zh: '学校', en: 'School' },
  non_public: { zh: '非公有制企业', en: 'Non-public enterprise' },
  social_org: { zh: '社会组织', en: 'Social organization' },
  cooperative: { zh: '农民专业合作社', en: 'Farmer cooperative' },
  leading_enterprise: { zh: '农业龙头企业', en: 'Agricultural leading enterprise' },
  trade_association: { zh: '行业协会', en: 'Trade association' },
  other: { zh: '其他', en: 'Other' },
});

export const JOINT_TYPE = codes({
  industry_extension: { zh: '产业延伸型', en: 'Industry extension' },
  rural_community: { zh: '农村社区聚集型', en: 'Rural community aggregation' },
  village_village: { zh: '村村/村居联建型', en: 'Village–village / village–community' },
  strong_enterprise: { zh: '强企带村融合型', en: 'Strong enterprise with village' },
});

export const ALLIANCE_KIND = codes({
  joint_meeting: { zh: '区域化党建联席会议', en: 'Regional joint meeting' },
  street_committee: { zh: '街道大工委', en: 'Street grand working committee' },
  community_committee: { zh: '社区大党委', en: 'Community grand committee' },
  alliance: { zh: '党建联盟', en: 'Party-building alliance' },
});

// Development of members (发展党员): the five stages and the 25 steps of 《中国共产党发展党员工作细则》,
// in order. `stage` is the chapter of the rules the step belongs to.
export const DEV_STAGE = codes({
  applicant: { zh: '入党申请人', en: 'Applicant' },
  activist: { zh: '入党积极分子', en: 'Activist' },
  target: { zh: '发展对象', en: 'Development target' },
  probationary: { zh: '预备党员', en: 'Probationary member' },
  full: { zh: '正式党员', en: 'Full member' },
});

export const DEV_STEP = codes({
  apply: { zh: '递交入党申请书', en: 'Application submitted', stage: 'applicant' },
  talk: { zh: '党组织派人谈话', en: 'Talk with the applicant', stage: 'applicant' },
  activist: { zh: '推荐和确定入党积极分子', en: 'Recommended and confirmed as activist', stage: 'activist' },
  activist_filing: { zh: '上级党委备案', en: 'Filed with the higher committee', stage: 'activist' },
  contacts: { zh: '指定培养联系人', en: 'Cultivation contacts assigned', stage: 'activist' },
  cultivation: { zh: '培养教育考察', en: 'Cultivation and assessment', stage: 'activist' },
  target: { zh: '确定发展对象', en: 'Confirmed as development target', stage: 'target' },
  target_filing: { zh: '报上级党委备案', en: 'Reported to the higher committee', stage: 'target' },
  introducers: { zh: '确定入党介绍人', en: 'Introducers named', stage: 'target' },
  political_review: { zh: '进行政治审查', en: 'Political review', stage: 'target' },
  training: { zh: '开展集中培训', en: 'Concentrated training', stage: 'target' },
  committee_review: { zh: '支部委员会审查', en: 'Branch committee review', stage: 'target' },
  pre_review: { zh: '上级党委预审', en: 'Pre-review by the higher committee', stage: 'target' },
  application_form: { zh: '填写入党志愿书', en: 'Admission form filled in', stage: 'probationary' },
  branch_meeting: { zh: '支部大会讨论', en: 'Branch general meeting', stage: 'probationary' },
  committee_talk: { zh: '上级党委派人谈话', en: 'Talk by the higher committee', stage: 'probationary' },
  approval: { zh: '上级党委审批', en: 'Approval by the higher committee', stage: 'probationary' },
  record_filing: { zh: '再上级党委组织部门备案', en: 'Filed with the organization department above', stage: 'probationary' },
  assignment: { zh: '编入党支部和党小组', en: 'Assigned to a branch and group', stage: 'probationary' },
  oath: { zh: '入党宣誓', en: 'Oath of admission', stage: 'probationary' },
  probation_education: { zh: '继续教育考察', en: 'Continued education and assessment', stage: 'probationary' },
  full_application: { zh: '提出转正申请', en: 'Application for full membership', stage: 'full' },
  full_meeting: { zh: '支部大会讨论（转正）', en: 'Branch general meeting (full membership)', stage: 'full' },
  full_approval: { zh: '上级党委审批（转正）', en: 'Approval by the higher committee (full membership)', stage: 'full' },
  archive: { zh: '材料归档', en: 'Records archived', stage: 'full' },
});

export const DEV_CASE_STATUS = codes({
  open: { zh: '进行中', en: 'In progress' },
  completed: { zh: '已完成', en: 'Completed' },
  closed: { zh: '已终止', en: 'Closed' },
});

export const DEV_CLOSE_KIND = codes({
  withdrawn: { zh: '本人放弃', en: 'Withdrawn by the applicant' },
  rejected: { zh: '不予发展', en: 'Not admitted' },
  probation_cancelled: { zh: '取消预备党员资格', en: 'Probationary membership cancelled' },
});

// Democratic appraisal of members (民主评议党员): the round's stages in order, and the grades.
export const APPRAISAL_STATE = codes({
  open: { zh: '已启动（学习动员）', en: 'Opened' },
  self_assessment: { zh: '个人自评', en: 'Self-assessment' },
  mutual_assessment: { zh: '党员互评', en: 'Mutual assessment' },
  voting: { zh: '民主测评', en: 'Voting' },
  published: { zh: '结果已公布', en: 'Results published' },
  closed: { zh: '已结束', en: 'Closed' },
});

export const APPRAISAL_GRADE = codes({
  excellent: { zh: '优秀', en: 'Excellent' },
  qualified: { zh: '合格', en: 'Qualified' },
  basically_qualified: { zh: '基本合格', en: 'Basically qualified' },
  unqualified: { zh: '不合格', en: 'Unqualified' },
});

/** What the branch suggests for a member graded 不合格 (recorded, never carried out automatically). */
export const APPRAISAL_FOLLOW_UP = codes({
  rectify: { zh: '限期改正', en: 'Correct within a time limit' },
  persuade: { zh: '劝其退党', en: 'Persuade to withdraw' },
  remove: { zh: '除名', en: 'Remove from the Party' },
});

// Status changes of a member (奖惩与变动): each record has a kind and a subtype from the lists below.
export const STATUS_KIND = codes({
  death: { zh: '逝世', en: 'Death' },
  exit: { zh: '出党', en: 'Leaving the Party' },
  discipline: { zh: '党纪处分', en: 'Party discipline' },
  award: { zh: '表彰奖励', en: 'Award' },
  care: { zh: '关爱帮扶', en: 'Care and support' },
  allowance: { zh: '离任村干部生活补助', en: 'Retired village cadre allowance' },
  restore: { zh: '恢复党员权利', en: 'Rights restored' },
  reversal: { zh: '撤销更正', en: 'Reversal' },
});

export const EXIT_FORM = codes({
  removed: { zh: '除名', en: 'Removed' },
  withdrew: { zh: '退党', en: 'Withdrew' },
  lapsed: { zh: '自行脱党', en: 'Lapsed' },
});

export const DISCIPLINE_KIND = codes({
  warning: { zh: '警告', en: 'Warning' },
  serious_warning: { zh: '严重警告', en: 'Serious warning' },
  post_removal: { zh: '撤销党内职务', en: 'Removal from Party posts' },
  probation: { zh: '留党察看', en: 'Probation within the Party' },
  expelled: { zh: '开除党籍', en: 'Expulsion' },
});

export const AWARD_KIND = codes({
  excellent_member: { zh: '优秀共产党员', en: 'Outstanding Party member' },
  excellent_worker: { zh: '优秀党务工作者', en: 'Outstanding Party worker' },
  red_star: { zh: '红星党员', en: 'Red-star member' },
  commendation: { zh: '通报表扬', en: 'Commendation' },
  other: { zh: '其他表彰', en: 'Other award' },
});

export const AWARD_LEVEL = codes({
  national: { zh: '全国', en: 'National' },
  provincial: { zh: '省级', en: 'Provincial' },
  city: { zh: '市级', en: 'City' },
  county: { zh: '县级', en: 'County' },
  township: { zh: '乡镇（街道）', en: 'Township' },
  grassroots: { zh: '基层党组织', en: 'Grassroots organization' },
});

export const CARE_KIND = codes({
  hardship: { zh: '生活困难', en: 'Hardship' },
  old_member: { zh: '老党员', en: 'Senior member' },
  illness: { zh: '因病', en: 'Illness' },
  disaster: { zh: '受灾', en: 'Disaster' },
  festival: { zh: '节日走访慰问', en: 'Festival visit' },
  other: { zh: '其他', en: 'Other' },
});

export const RESTORE_KIND = codes({
  probation_ended: { zh: '留党察看期满恢复党员权利', en: 'Rights restored after probation' },
});

// 组织关系转接 and 流动党员 (decision 0012). `expired` is shown for an issued transfer whose letter
// has run out; it is computed, not stored.
export const TRANSFER_STATE = codes({
  requested: { zh: '党员申请', en: 'Requested by the member' },
  draft: { zh: '草稿', en: 'Draft' },
  pending: { zh: '待审批', en: 'Pending approval' },
  issued: { zh: '已开介绍信（待接收）', en: 'Letter issued (awaiting confirmation)' },
  expired: { zh: '介绍信已过期', en: 'Letter expired' },
  confirmed: { zh: '已接收', en: 'Confirmed' },
  rejected: { zh: '已退回', en: 'Rejected' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
});

export const TRANSFER_KIND = codes({
  internal: { zh: '系统内转接', en: 'Within the system' },
  outgoing: { zh: '转出系统外', en: 'Out of the system' },
  incoming: { zh: '从系统外转入', en: 'Into the system' },
});

export const TRANSFER_SCOPE_CASE = codes({
  within_county: { zh: '县（区）内', en: 'Within the county' },
  cross_county: { zh: '跨县（区）', en: 'Across counties' },
  cross_province: { zh: '跨省（区、市）', en: 'Across provinces' },
});

export const TRANSFER_ACTION = codes({
  submit: { zh: '提交', en: 'submit' },
  approve: { zh: '审批', en: 'approve' },
  reject: { zh: '退回', en: 'reject' },
  cancel: { zh: '撤销', en: 'cancel' },
  confirm: { zh: '确认接收', en: 'confirm' },
  reissue: { zh: '重新开具介绍信', en: 're-issue the letter for' },
});

export const MOBILE_DIRECTION = codes({
  outflow: { zh: '外出流动', en: 'Away (outflow)' },
  inflow: { zh: '流入本地', en: 'Here from elsewhere (inflow)' },
});

export const CONTACT_WAY = codes({
  phone: { zh: '电话', en: 'Phone' },
  wechat: { zh: '微信', en: 'WeChat' },
  visit: { zh: '走访', en: 'Visit' },
  letter: { zh: '信函', en: 'Letter' },
  meeting: { zh: '参加组织生活', en: 'Organizational life' },
  other: { zh: '其他', en: 'Other' },
});

// 党费 (dues): the category that sets a member's dues, and how a payment was made.
export const DUES_CATEGORY = codes({
  employed: { zh: '在职（按税后工资）', en: 'Employed (after-tax wage)' },
  retired: { zh: '离退休（按离退休费）', en: 'Retired (pension)' },
  farmer: { zh: '农牧渔民', en: 'Farmer/herder/fisher' },
  student: { zh: '学生', en: 'Student' },
  unemployed: { zh: '下岗失业', en: 'Unemployed' },
  low_income: { zh: '低保/抚恤救济', en: 'Minimum living allowance / relief' },
});

export const DUES_METHOD = codes({
  cash: { zh: '现金', en: 'Cash' },
  wechat: { zh: '微信', en: 'WeChat' },
  alipay: { zh: '支付宝', en: 'Alipay' },
  bank: { zh: '银行转账', en: 'Bank transfer' },
  payroll: { zh: '工资代扣', en: 'Payroll deduction' },
  other: { zh: '其他', en: 'Other' },
});

export const DUES_RELIEF_KIND = codes({
  reduce: { zh: '少交', en: 'Reduced' },
  exempt: { zh: '免交', en: 'Exempted' },
});

// 无职党员设岗定责 and 记实卡 (service module, decision 0018).
/** Suggested posts (岗位) for members without office; an organization may name its own. */
export const SERVICE_POST_SUGGESTION = codes({
  policy: { zh: '政策宣传岗', en: 'Policy publicity' },
  environment: { zh: '环境卫生监督岗', en: 'Environment and sanitation watch' },
  mediation: { zh: '矛盾调解岗', en: 'Dispute mediation' },
  patrol: { zh: '治安巡逻岗', en: 'Public security patrol' },
  assistance: { zh: '帮扶岗', en: 'Assistance to households in need' },
  technology: { zh: '科技服务岗', en: 'Farming technology service' },
  supervision: { zh: '民主监督岗', en: 'Village affairs supervision' },
});

export const SERVICE_REVIEW_GRADE = codes({
  excellent: { zh: '优秀', en: 'Excellent' },
  competent: { zh: '称职', en: 'Competent' },
  basically_competent: { zh: '基本称职', en: 'Basically competent' },
  incompetent: { zh: '不称职', en: 'Incompetent' },
});

export const SERVICE_RECORD_KIND = codes({
  visit: { zh: '走访联系群众', en: 'Visiting the public' },
  errand: { zh: '为民办事', en: 'Errands for residents' },
  assistance: { zh: '帮扶', en: 'Assistance' },
  mediation: { zh: '调解', en: 'Mediation' },
  volunteer: { zh: '志愿服务', en: 'Volunteer service' },
  publicity: { zh: '政策宣传', en: 'Policy publicity' },
  other: { zh: '其他', en: 'Other' },
});

// 组织生活 (三会一课 and the other forms of organizational life), decision 0016.
export const ORGLIFE_KIND = codes({
  member_meeting: { zh: '支部党员大会', en: 'Branch general meeting' },
  committee_meeting: { zh: '支部委员会', en: 'Branch committee meeting' },
  group_meeting: { zh: '党小组会', en: 'Party group meeting' },
  party_lecture: { zh: '党课', en: 'Party lecture' },
  theme_day: { zh: '主题党日', en: 'Theme Party day' },
  life_meeting: { zh: '组织生活会', en: 'Organizational life meeting' },
  talk: { zh: '谈心谈话', en: 'Heart-to-heart talk' },
});

export const ORGLIFE_STATE = codes({
  planned: { zh: '已通知', en: 'Planned' },
  held: { zh: '已召开', en: 'Held' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
});

export const ORGLIFE_ATTENDANCE = codes({
  present: { zh: '出席', en: 'Present' },
  leave: { zh: '请假', en: 'On leave' },
  absent: { zh: '缺席', en: 'Absent' },
});

// Recognition (三树 / 评先评优)
export const HONOUR_KIND = codes({
  flag_committee: { zh: '旗帜党委', en: 'Flag Party committee' },
  model_branch: { zh: '标杆支部', en: 'Model branch' },
  red_star: { zh: '红星党员', en: 'Red-star member' },
  five_good_org: { zh: '五好示范党组织', en: '“Five-good” model organization' },
  excellent_secretary: { zh: '优秀书记', en: 'Outstanding secretary' },
});

export const NOMINATION_STATE = codes({
  nominated: { zh: '已推荐', en: 'Nominated' },
  reviewed: { zh: '审核通过', en: 'Reviewed' },
  rejected: { zh: '未通过审核', en: 'Rejected' },
  approved: { zh: '已批准', en: 'Approved' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  revoked: { zh: '已撤销', en: 'Revoked' },
});

export const CAMPAIGN_STATE = codes({
  open: { zh: '评选中', en: 'Open' },
  published: { zh: '已公布', en: 'Published' },
});

// 四级承诺一评议 (commitments): who made it, what an item is about, where it stands, and the ratings.
export const COMMITMENT_MAKER = codes({
  org: { zh: '党组织承诺', en: 'Organization' },
  member: { zh: '党员承诺', en: 'Member' },
});

export const COMMITMENT_CATEGORY = codes({
  economy: { zh: '发展经济', en: 'Economy' },
  infrastructure: { zh: '基础设施', en: 'Infrastructure' },
  livelihood: { zh: '民生实事', en: 'Livelihood' },
  support: { zh: '结对帮扶', en: 'Help for households' },
  party: { zh: '党建工作', en: 'Party building' },
  civility: { zh: '乡风文明', en: 'Civility' },
  service: { zh: '志愿服务', en: 'Volunteer service' },
  other: { zh: '其他', en: 'Other' },
});

export const COMMITMENT_ITEM_STATUS = codes({
  in_progress: { zh: '推进中', en: 'In progress' },
  done: { zh: '已兑现', en: 'Done' },
  not_done: { zh: '未兑现', en: 'Not done' },
  cancelled: { zh: '已撤销', en: 'Withdrawn' },
});

export const COMMITMENT_RATING = codes({
  satisfied: { zh: '满意', en: 'Satisfied' },
  basic: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
});

export const COMMITMENT_EVALUATOR = codes({
  member: { zh: '党员评议', en: 'Members' },
  public: { zh: '群众代表评议', en: 'Public representatives' },
});

// 软弱涣散整顿 (rectification) and 书记抓党建述职评议 (secretaries' reports).
export const RECT_STATE = codes({
  listed: { zh: '整顿中', en: 'Under rectification' },
  closed: { zh: '验收通过（已销号）', en: 'Passed acceptance (off the list)' },
  removed: { zh: '已撤销列入', en: 'Listing withdrawn' },
});

export const RECT_ORIGIN = codes({
  screening: { zh: '排查确认', en: 'Confirmed from screening' },
  manual: { zh: '直接列入', en: 'Added by hand' },
});

export const RECT_ACCEPTANCE = codes({
  pass: { zh: '通过', en: 'Passed' },
  fail: { zh: '不通过', en: 'Not passed' },
});

export const SEC_REPORT_STATE = codes({
  draft: { zh: '起草中', en: 'Draft' },
  submitted: { zh: '已提交待评议', en: 'Submitted' },
  rated: { zh: '已评定', en: 'Rated' },
});

export const SECRETARY_RATING = codes({
  good: { zh: '好', en: 'Good' },
  fairly_good: { zh: '较好', en: 'Fairly good' },
  average: { zh: '一般', en: 'Average' },
  poor: { zh: '差', en: 'Poor' },
});
