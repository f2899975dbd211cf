import { Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { HONOUR_KIND } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useNominate, type CampaignView, type HonourKind } from '../../api/recognition.ts';
import { useLabel } from '../../labels.ts';
import { OrgPicker } from '../OrgPicker.tsx';
import { MemberSelect } from '../transfers/MemberSelect.tsx';
import { useRecText } from './text.ts';

/** Honours given to a member rather than an organization (the server checks the full rule). */
const MEMBER_KINDS: HonourKind[] = ['red_star', 'excellent_secretary'];

interface Values {
  kind: HonourKind;
  orgId?: number;
  memberId?: number;
  reasons: string;
}

/** Nominate an organization or a member into a campaign: the honour, the nominee and the deeds — no figures. */
export function NominateModal({ campaign, onClose }: { campaign: CampaignView | null; onClose: () => void }) {
  const tx = useRecText();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const nominate = useNominate();
  const [error, setError] = useState<string | null>(null);
  const forMember = !!kind && MEMBER_KINDS.includes(kind);
  const submit = async () => {
    if (!campaign) return;
    const v = await form.validateFields();
    setError(null);
    nominate.mutate(
      { campaignId: campaign.id, kind: v.kind, reasons: v.reasons, ...(forMember ? { memberId: v.memberId } : { orgId: v.orgId }) },
      {
        onSuccess: () => {
          form.resetFields();
          onClose();
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  };
  return (
    <Modal open={!!campaign} title={tx('nominate')} onCancel={onClose} onOk={() => void submit()} okText={tx('nominate')} cancelText={tx('cancel')} confirmLoading={nominate.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: campaign?.quotas[0]?.kind }}>
        <Form.Item name="kind" label={tx('kind')} rules={[{ required: true }]}>
          <Select options={(campaign?.quotas ?? []).map((q) => ({ value: q.kind, label: label(HONOUR_KIND, q.kind) }))} data-testid="nominate-kind" />
        </Form.Item>
        {forMember ? (
          <Form.Item name="memberId" label={tx('nomineeMember')} rules={[{ required: true }]}>
            <MemberSelect id="nominate-member" />
          </Form.Item>
        ) : (
          <Form.Item name="orgId" label={tx('nomineeOrg')} rules={[{ required: true }]}>
            <OrgPicker id="nominate-org" />
          </Form.Item>
        )}
        <Form.Item name="reasons" label={tx('reasons')} extra={tx('reasonsHint')} rules={[{ required: true, min: 10 }]}>
          <Input.TextArea rows={4} maxLength={3000} showCount data-testid="nominate-reasons" />
        </Form.Item>
        {error && (
          <Typography.Text type="danger" data-testid="nominate-error">
            {error}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
