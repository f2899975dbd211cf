import { useTranslation } from 'react-i18next';

/** Names of the reminder kinds; a kind not listed falls back to its module's name (the code's prefix). */
const KIND_LABELS: Record<string, { zh: string; en: string }> = {
  org: { zh: '组织设置与换届', en: 'Organization setup and terms' },
  'org.term_expiring': { zh: '换届到期', en: 'Term ending' },
  'org.setup': { zh: '组织设置', en: 'Organization setup' },
  development: { zh: '发展党员', en: 'Member development' },
  transfer: { zh: '组织关系转接', en: 'Relationship transfers' },
  transfers: { zh: '组织关系转接', en: 'Relationship transfers' },
  mobile: { zh: '流动党员', en: 'Mobile members' },
  dues: { zh: '党费', en: 'Dues' },
  'dues.arrears': { zh: '党费欠缴', en: 'Dues arrears' },
  appraisal: { zh: '民主评议', en: 'Democratic appraisal' },
  status: { zh: '党员状态与关爱', en: 'Status and care' },
  orglife: { zh: '组织生活', en: 'Organizational life' },
  commitment: { zh: '承诺践诺', en: 'Commitments' },
  service: { zh: '设岗定责', en: 'Posts for members without office' },
  rectification: { zh: '软弱涣散整顿', en: 'Rectification' },
  assessment: { zh: '考核评价', en: 'Assessment' },
  'assessment.self_check_due': { zh: '考核自查待提交', en: 'Self-check due' },
  'assessment.review_pending': { zh: '考核表待审核', en: 'Sheets to review' },
  'assessment.final_pending': { zh: '考核结果待确定', en: 'Results to make final' },
  secretaries: { zh: '书记述职评议', en: 'Secretaries’ reports' },
  'secretaries.rating_pending': { zh: '述职待评议', en: 'Reports to rate' },
  recognition: { zh: '评先评优', en: 'Recognition' },
  'recognition.nominations_closing': { zh: '推荐即将截止', en: 'Nominations closing' },
  'recognition.nomination_waiting': { zh: '推荐待审核审批', en: 'Nominations waiting' },
};

/** The label of a reminder kind in the UI language. */
export function useKindLabel() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (kind: string): string => {
    const l = KIND_LABELS[kind] ?? KIND_LABELS[kind.split('.')[0]!];
    return l ? (en ? l.en : l.zh) : kind;
  };
}
