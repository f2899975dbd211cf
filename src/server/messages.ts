// Server-side messages, Simplified Chinese first. Keys are stable; clients may match on `code`.
export type Locale = 'zh-CN' | 'en';

const zh = {
  'auth.required': '请先登录',
  'auth.badCredentials': '用户名或密码错误',
  'auth.locked': '连续登录失败次数过多，账号已锁定，请于 {minutes} 分钟后再试或联系管理员',
  'auth.disabled': '账号已停用，请联系管理员',
  'auth.passwordChangeRequired': '首次登录须先修改密码',
  'auth.csrf': '请求缺少有效的安全令牌（CSRF），请刷新页面后重试',
  'auth.wrongCurrentPassword': '当前密码不正确',
  'auth.samePassword': '新密码不能与当前密码相同',
  'password.tooShort': '密码至少需要 10 个字符',
  'password.tooSimple': '密码须同时包含字母和数字',
  'forbidden': '没有权限执行此操作',
  'notFound': '未找到该记录，或不在您的管辖范围内',
  'notFound.route': '接口不存在',
  'validation': '请求内容有误',
  'validation.field': '字段“{field}”：{message}',
  'json.invalid': '请求体不是有效的 JSON',
  'json.empty': '请求体为空',
  'body.tooLarge': '请求体过大（上限 1 MB）',
  'mediaType': '不支持的内容类型，请使用 application/json',
  'conflict.username': '用户名“{username}”已被使用',
  'conflict.orgCode': '组织代码“{code}”已被使用',
  'conflict.unitCode': '单位代码“{code}”已被使用',
  'unit.outOfScope': '单位（编号 {id}）不存在或不在您的管辖范围内',
  'unit.primaryNotListed': '主要单位须在所选单位之中',
  'org.parentOutOfScope': '上级组织不存在或不在您的管辖范围内',
  'org.moveRoot': '不能移动顶级组织或本人管辖范围的根组织',
  'stats.rollupLevel': '汇总级别“{level}”不能高于所选组织本身的级别',
  'org.moveIntoItself': '不能把组织移动到它自己或它的下级组织之下',
  'org.dissolved': '该组织已撤销，不能再做此操作',
  'org.notEmpty': '该组织还有 {members} 名党员、{children} 个下级组织，请先转出或移走后再撤销',
  'org.mergeSelf': '合并的来源组织不能包含目标组织本身或其上级',
  'org.splitNothing': '拆分须至少新建一个组织',
  'org.splitMemberElsewhere': '党员（编号 {id}）不是被拆分组织的直属党员',
  'org.splitChildElsewhere': '组织（编号 {id}）不是被拆分组织的直属下级',
  'history.future': '生效日期不能晚于今天',
  'post.alreadyEnded': '该职务已免职',
  'idNumber.format': '身份证号应为 18 位（前 17 位数字，末位数字或 X）',
  'idNumber.checksum': '身份证号校验位不正确，请核对',
  'idNumber.birthDate': '身份证号中的出生日期不存在',
  'member.birthDateMismatch': '出生日期与身份证号不一致（身份证号为 {fromId}）',
  'member.genderMismatch': '性别与身份证号不一致（第 17 位奇数为男、偶数为女）',
  'member.futureDate': '日期不能晚于今天',
  'member.joinedUnder18': '入党时未满 18 周岁',
  'member.fullBeforeProbation': '转正日期不能早于入党满一年（预备期一年）',
  'member.duplicateIdNumber': '身份证号已登记在另一名党员（{name}）名下',
  'member.orgOutOfScope': '所在党组织不存在或不在您的管辖范围内',
  'member.orgDissolved': '所在党组织已撤销',
  'member.left': '该党员已不在册（已去世、出党或转出），不能修改',
  'post.endBeforeStart': '免职日期不能早于任职日期',
  'history.beforeLatest': '生效日期不能早于该组织最近一次变动的日期（{date}）',
  'user.orgOutOfScope': '所属组织不存在或不在您的管辖范围内',
  'user.roleTooHigh': '不能授予比自己更高的角色',
  'user.cannotDisableSelf': '不能停用自己的账号',
  'tooManyRequests': '请求过于频繁，请稍后再试',
  'internal': '服务器内部错误，请稍后再试（请求编号 {requestId}）',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'auth.required': 'Please sign in first',
  'auth.badCredentials': 'Wrong username or password',
  'auth.locked': 'Too many failed sign-ins; the account is locked. Try again in {minutes} minutes or ask an administrator',
  'auth.disabled': 'This account is disabled; ask an administrator',
  'auth.passwordChangeRequired': 'Change your password before continuing (first sign-in)',
  'auth.csrf': 'Missing or invalid security token (CSRF); reload the page and try again',
  'auth.wrongCurrentPassword': 'The current password is wrong',
  'auth.samePassword': 'The new password must differ from the current one',
  'password.tooShort': 'The password needs at least 10 characters',
  'password.tooSimple': 'The password needs both letters and digits',
  'forbidden': 'You are not allowed to do this',
  'notFound': 'Not found, or outside your organization scope',
  'notFound.route': 'No such endpoint',
  'validation': 'The request is not valid',
  'validation.field': 'Field "{field}": {message}',
  'json.invalid': 'The request body is not valid JSON',
  'json.empty': 'The request body is empty',
  'body.tooLarge': 'The request body is too large (limit 1 MB)',
  'mediaType': 'Unsupported content type; send application/json',
  'conflict.username': 'Username "{username}" is taken',
  'conflict.orgCode': 'Organization code "{code}" is taken',
  'conflict.unitCode': 'Unit code "{code}" is taken',
  'unit.outOfScope': 'Unit {id} not found or outside your scope',
  'unit.primaryNotListed': 'The primary unit must be one of the listed units',
  'org.parentOutOfScope': 'Parent organization not found or outside your scope',
  'org.moveRoot': 'A top-level organization or the root of your own scope cannot be moved',
  'stats.rollupLevel': 'The roll-up level "{level}" cannot be above the level of the chosen organization',
  'org.moveIntoItself': 'An organization cannot be moved under itself or its own descendants',
  'org.dissolved': 'This organization has been dissolved',
  'org.notEmpty': 'The organization still has {members} members and {children} sub-organizations; transfer or move them first',
  'org.mergeSelf': 'The merged organizations cannot include the target or its ancestors',
  'org.splitNothing': 'A split needs at least one new organization',
  'org.splitMemberElsewhere': 'Member {id} is not a direct member of the organization being split',
  'org.splitChildElsewhere': 'Organization {id} is not a direct child of the organization being split',
  'history.future': 'The effective date cannot be after today',
  'post.alreadyEnded': 'This post has already ended',
  'idNumber.format': 'An ID number has 18 characters (17 digits, then a digit or X)',
  'idNumber.checksum': 'The ID number’s check character is wrong',
  'idNumber.birthDate': 'The birth date inside the ID number does not exist',
  'member.birthDateMismatch': 'The birth date differs from the ID number ({fromId})',
  'member.genderMismatch': 'The gender differs from the ID number (17th digit odd = male, even = female)',
  'member.futureDate': 'The date cannot be after today',
  'member.joinedUnder18': 'Joined before the age of 18',
  'member.fullBeforeProbation': 'Full membership cannot come less than one year after joining (probation)',
  'member.duplicateIdNumber': 'This ID number is already registered for another member ({name})',
  'member.orgOutOfScope': 'Organization not found or outside your scope',
  'member.orgDissolved': 'The organization has been dissolved',
  'member.left': 'This member is no longer on the roll and cannot be edited',
  'post.endBeforeStart': 'The end date cannot be before the start date',
  'history.beforeLatest': 'The effective date cannot be before the latest change of this organization ({date})',
  'user.orgOutOfScope': 'Organization not found or outside your scope',
  'user.roleTooHigh': 'You cannot grant a role above your own',
  'user.cannotDisableSelf': 'You cannot disable your own account',
  'tooManyRequests': 'Too many requests; try again later',
  'internal': 'Internal server error; try again later (request {requestId})',
};

const tables: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };

/** Render a message in a locale, filling `{name}` placeholders. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return tables[locale][key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** zh-CN unless the client prefers English (Accept-Language or the user's setting). */
export function pickLocale(acceptLanguage: string | undefined, userLocale?: string | null): Locale {
  if (acceptLanguage) {
    const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
    if (first.startsWith('en')) return 'en';
    if (first.startsWith('zh')) return 'zh-CN';
  }
  return userLocale === 'en' ? 'en' : 'zh-CN';
}
