import { AutoComplete, Button, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { EDUCATION, GENDER, HOUSEHOLD, MEMBER_CATEGORY, MEMBER_STATUS } from '../../../../src/shared/enums.ts';
import { useCodeOptions } from '../../labels.ts';
import type { FILTER_KEYS, RosterParams } from './rosterParams.ts';

type Range = [Dayjs | null, Dayjs | null] | null;
type FormValues = Omit<RosterParams, 'orgId' | 'sort' | 'order' | 'bornFrom' | 'bornTo' | 'joinedFrom' | 'joinedTo'> & { born?: Range; joined?: Range };
type Filters = Pick<RosterParams, (typeof FILTER_KEYS)[number]>;

/** Ethnicities offered while typing (the field is free text: any of the 56 may be entered). */
const ETHNICITIES = ['汉族', '回族', '满族', '壮族', '苗族', '土家族', '蒙古族', '藏族', '维吾尔族', '彝族', '布依族', '朝鲜族', '畲族'];

const day = (s: string | undefined) => (s ? dayjs(s) : null);
const ymd = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

function toForm(p: RosterParams): FormValues {
  const { bornFrom, bornTo, joinedFrom, joinedTo, orgId: _o, sort: _s, order: _r, ...rest } = p;
  return {
    ...rest,
    born: bornFrom || bornTo ? [day(bornFrom), day(bornTo)] : null,
    joined: joinedFrom || joinedTo ? [day(joinedFrom), day(joinedTo)] : null,
  };
}

function fromForm(v: FormValues): Filters {
  const trim = (s: string | undefined) => s?.trim() || undefined;
  return {
    q: trim(v.q),
    idNumber: trim(v.idNumber)?.toUpperCase(),
    status: v.status ?? undefined,
    gender: v.gender ?? undefined,
    education: v.education ?? undefined,
    category: v.category ?? undefined,
    ethnicity: trim(v.ethnicity),
    workUnit: trim(v.workUnit),
    household: v.household ?? undefined,
    mobile: v.mobile ?? undefined,
    bornFrom: ymd(v.born?.[0]),
    bornTo: ymd(v.born?.[1]),
    joinedFrom: ymd(v.joined?.[0]),
    joinedTo: ymd(v.joined?.[1]),
  };
}

/** All the roster's filters; "查询" hands them over, "重置" clears them. Follows the URL when it changes. */
export function MemberFilters({ value, onApply, onReset }: { value: RosterParams; onApply: (f: Filters) => void; onReset: () => void }) {
  const { t } = useTranslation();
  const codeOptions = useCodeOptions();
  const [form] = Form.useForm<FormValues>();

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toForm(value));
  }, [form, value]);

  const col = { xs: 24, sm: 12, lg: 8, xl: 6 };
  const select = (name: keyof FormValues, label: string, options: { value: string; label: string }[], testId: string) => (
    <Col {...col}>
      <Form.Item style={{ marginBottom: 12 }} name={name} label={label}>
        <Select allowClear placeholder={t('roster.any')} options={options} data-testid={testId} aria-label={label} />
      </Form.Item>
    </Col>
  );

  return (
    <Form<FormValues> form={form} layout="vertical" onFinish={(v) => onApply(fromForm(v))} data-testid="roster-filters" requiredMark={false}>
      <Row gutter={16}>
        <Col {...col}>
          <Form.Item style={{ marginBottom: 12 }} name="q" label={t('member.name')} rules={[{ max: 30 }]}>
            <Input allowClear placeholder={t('roster.namePlaceholder')} maxLength={30} data-testid="filter-name" />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item style={{ marginBottom: 12 }} name="idNumber" label={t('member.idNumber')} rules={[{ pattern: /^\s*\d{17}[\dXx]\s*$/, message: t('roster.idNumberInvalid') }]}>
            <Input allowClear placeholder={t('roster.idNumberPlaceholder')} maxLength={18} className="mono" data-testid="filter-id-number" />
          </Form.Item>
        </Col>
        {select('status', t('member.status'), codeOptions(MEMBER_STATUS), 'filter-status')}
        {select('gender', t('member.gender'), codeOptions(GENDER), 'filter-gender')}
        {select('education', t('member.education'), codeOptions(EDUCATION), 'filter-education')}
        {select('category', t('member.category'), codeOptions(MEMBER_CATEGORY), 'filter-category')}
        <Col {...col}>
          <Form.Item style={{ marginBottom: 12 }} name="ethnicity" label={t('member.ethnicity')}>
            <AutoComplete
              allowClear
              placeholder={t('roster.ethnicityPlaceholder')}
              options={ETHNICITIES.map((e) => ({ value: e }))}
              showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input.trim()) }}
              data-testid="filter-ethnicity"
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item style={{ marginBottom: 12 }} name="workUnit" label={t('member.workUnit')}>
            <Input allowClear placeholder={t('roster.workUnitPlaceholder')} maxLength={100} data-testid="filter-work-unit" />
          </Form.Item>
        </Col>
        {select('household', t('member.household'), codeOptions(HOUSEHOLD), 'filter-household')}
        {select(
          'mobile',
          t('member.isMobile'),
          [
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ],
          'filter-mobile',
        )}
        <Col {...col}>
          <Form.Item style={{ marginBottom: 12 }} name="born" label={t('member.birthDate')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} data-testid="filter-born" />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item style={{ marginBottom: 12 }} name="joined" label={t('member.joinedOn')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} data-testid="filter-joined" />
          </Form.Item>
        </Col>
      </Row>
      <Space wrap>
        <Button type="primary" htmlType="submit" data-testid="filter-apply">
          {t('common.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onReset();
          }}
          data-testid="filter-reset"
        >
          {t('common.reset')}
        </Button>
      </Space>
    </Form>
  );
}
