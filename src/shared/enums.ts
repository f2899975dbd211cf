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
