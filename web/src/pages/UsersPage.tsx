import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ROLE } from '../../../src/shared/enums.ts';
import { ApiError, api, errorMessage } from '../api/client.ts';
import { useUsers } from '../api/queries.ts';
import type { CreateUserBody, Role, UpdateUserBody, UserItem, UserWithPassword } from '../api/types.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { OneTimePasswordModal } from '../components/OneTimePasswordModal.tsx';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { MemberSearch } from '../components/dues/MemberSearch.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useCodeOptions, useLabel } from '../labels.ts';

const ROLE_COLORS: Record<Role, string> = { admin: 'red', org_staff: 'volcano', secretary: 'gold', member: 'blue', unit_contact: 'cyan' };

interface UserForm {
  username: string;
  displayName: string;
  role: Role;
  orgId: number;
  memberId?: number | undefined;
}

function UserModal({ editing, open, onClose, onCreated }: { editing: UserItem | null; open: boolean; onClose: () => void; onCreated: (r: UserWithPassword) => void }) {
  const { t } = useTranslation();
  const codeOptions = useCodeOptions();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<UserForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);
  const orgId = Form.useWatch('orgId', form);

  const submit = async (v: UserForm) => {
    setBusy(true);
    setError(null);
    try {
      if (editing) {
        const body: UpdateUserBody = {};
        if (v.displayName.trim() !== editing.displayName) body.displayName = v.displayName.trim();
        if (v.role !== editing.role) body.role = v.role;
        if (v.orgId !== editing.orgId) body.orgId = v.orgId;
        if ((v.memberId ?? null) !== editing.memberId) body.memberId = v.memberId ?? null;
        if (Object.keys(body).length > 0) await api.patch<UserItem>(`/api/users/${editing.id}`, body);
        message.success(t('users.saved'));
      } else {
        const body: CreateUserBody = { username: v.username.trim(), displayName: v.displayName.trim(), role: v.role, orgId: v.orgId, ...(v.memberId !== undefined && { memberId: v.memberId }) };
        onCreated(await api.post<UserWithPassword>('/api/users', body));
      }
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length > 0) {
        const known = new Set(['username', 'displayName', 'role', 'orgId', 'memberId']);
        const fields = err.fieldErrors.filter((f) => known.has(f.field));
        if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.field as keyof UserForm, errors: [f.message] })));
        else setError(errorMessage(err));
      } else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('users.editTitle', { name: editing.displayName }) : t('users.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={editing ? t('common.save') : t('users.create')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      forceRender
    >
      {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
      <Form<UserForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        preserve={false}
        initialValues={editing ? { username: editing.username, displayName: editing.displayName, role: editing.role, orgId: editing.orgId, memberId: editing.memberId ?? undefined } : { role: 'secretary' }}
        data-testid="user-form"
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={editing ? undefined : t('users.usernameHint')}
          rules={[
            { required: true, whitespace: true, message: t('users.usernameRequired') },
            { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: t('users.usernameInvalid') },
          ]}
        >
          <Input disabled={!!editing} autoComplete="off" autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
          <Select options={codeOptions(ROLE)} />
        </Form.Item>
        <Form.Item name="orgId" label={t('users.org')} extra={t('users.orgHint')} rules={[{ required: true, message: t('users.orgRequired') }]}>
          <OrgPicker initial={editing ? { id: editing.orgId, name: editing.orgName } : undefined} />
        </Form.Item>
        <Form.Item
          name="memberId"
          label={t('users.member')}
          extra={role === 'member' ? t('users.memberHintRequired') : t('users.memberHint')}
          rules={[{ required: role === 'member', message: t('users.memberRequired') }]}
        >
          <MemberSearch
            orgId={orgId ?? 0}
            placeholder={orgId ? t('users.memberPlaceholder') : t('users.memberPickOrgFirst')}
            initial={editing?.memberId && editing.memberName ? { id: editing.memberId, name: editing.memberName } : undefined}
            onChange={(id, name) => {
              form.setFieldValue('memberId', id);
              // A member account is named after the member unless a name was typed.
              if (id !== undefined && name && role === 'member' && !form.getFieldValue('displayName')) form.setFieldValue('displayName', name);
            }}
            style={{ width: '100%' }}
            testId="user-member"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const users = useUsers(q, page, pageSize);
  const [modal, setModal] = useState<{ open: boolean; editing: UserItem | null; seq: number }>({ open: false, editing: null, seq: 0 });
  const [otp, setOtp] = useState<{ result: UserWithPassword; kind: 'created' | 'reset' } | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });

  const setDisabled = async (u: UserItem, disabled: boolean) => {
    try {
      await api.patch<UserItem>(`/api/users/${u.id}`, { disabled });
      message.success(disabled ? t('users.disabledOk', { name: u.displayName }) : t('users.enabledOk', { name: u.displayName }));
      await refresh();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const resetPassword = async (u: UserItem) => {
    try {
      const r = await api.post<UserWithPassword>(`/api/users/${u.id}/reset-password`, {});
      setOtp({ result: r, kind: 'reset' });
      await refresh();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const columns: TableColumnsType<UserItem> = [
    {
      title: t('users.displayName'),
      dataIndex: 'displayName',
      width: 190,
      render: (n: string, u) => (
        <div className="cell-user">
          <div className="cell-strong">
            {n}
            {u.id === me.id && <span className="muted">{t('users.self')}</span>}
          </div>
          <div className="mono muted">{u.username}</div>
        </div>
      ),
    },
    { title: t('users.role'), dataIndex: 'role', width: 130, render: (r: Role) => <Tag color={ROLE_COLORS[r]}>{label(ROLE, r)}</Tag> },
    {
      title: t('users.org'),
      dataIndex: 'orgName',
      ellipsis: true,
      responsive: ['md'],
      render: (name: string, u) => (
        <>
          <div>{name}</div>
          {u.memberName && <div className="muted">{t('users.linkedMember', { name: u.memberName })}</div>}
        </>
      ),
    },
    {
      title: t('users.status'),
      key: 'status',
      width: 140,
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.disabled ? <Tag>{t('users.disabled')}</Tag> : u.locked ? <Tag color="red">{t('users.locked')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
          {u.mustChangePassword && !u.disabled && <Tag color="orange">{t('users.mustChange')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 150,
      responsive: ['xl'],
      render: (at: string | null) => (at ? <span className="mono nowrap">{dayjs(at).format('YYYY-MM-DD HH:mm')}</span> : <span className="muted">{t('users.never')}</span>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      render: (_, u) => {
        const self = u.id === me.id;
        return (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setModal((m) => ({ open: true, editing: u, seq: m.seq + 1 }))}>
              {t('users.edit')}
            </Button>
            {u.disabled ? (
              <Popconfirm title={t('users.enableTitle', { name: u.displayName })} description={t('users.enableConfirm')} onConfirm={() => setDisabled(u, false)} okText={t('users.enable')} cancelText={t('common.cancel')}>
                <Button type="link" size="small">
                  {t('users.enable')}
                </Button>
              </Popconfirm>
            ) : (
              <Popconfirm
                title={t('users.disableTitle', { name: u.displayName })}
                description={<div style={{ maxWidth: 260 }}>{t('users.disableConfirm')}</div>}
                onConfirm={() => setDisabled(u, true)}
                okText={t('users.disable')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                disabled={self}
              >
                <Tooltip title={self ? t('users.self') : undefined}>
                  <Button type="link" size="small" danger disabled={self}>
                    {t('users.disable')}
                  </Button>
                </Tooltip>
              </Popconfirm>
            )}
            <Popconfirm
              title={t('users.resetTitle', { name: u.displayName })}
              description={<div style={{ maxWidth: 260 }}>{t('users.resetConfirm')}</div>}
              onConfirm={() => resetPassword(u)}
              okText={t('users.resetPassword')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
            >
              <Button type="link" size="small">
                {t('users.resetPassword')}
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    },
  ];

  const total = users.data?.total ?? 0;
  return (
    <div className="page" data-testid="users-page">
      <div className="page-head page-head-row">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('users.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" className="page-intro">
            {t('users.intro')}
          </Typography.Paragraph>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal((m) => ({ open: true, editing: null, seq: m.seq + 1 }))} data-testid="user-create">
          {t('users.create')}
        </Button>
      </div>
      <Card className="page-card">
        <div className="toolbar">
          <Space.Compact className="toolbar-search">
            <Input
              allowClear
              prefix={<SearchOutlined className="muted" />}
              placeholder={t('users.searchPlaceholder')}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                if (!e.target.value) {
                  setQ('');
                  setPage(1);
                }
              }}
              onPressEnter={() => {
                setQ(text.trim());
                setPage(1);
              }}
              aria-label={t('users.searchPlaceholder')}
            />
            <Button
              type="primary"
              onClick={() => {
                setQ(text.trim());
                setPage(1);
              }}
            >
              {t('common.search')}
            </Button>
          </Space.Compact>
        </div>
        {users.isError ? (
          <QueryError error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<UserItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={users.data?.items ?? []}
            loading={users.isFetching}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.empty')} /> }}
            pagination={{
              current: page,
              pageSize,
              total,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (n) => t('users.total', { count: n }),
              onChange: (p, s) => {
                setPage(s !== pageSize ? 1 : p);
                setPageSize(s);
              },
            }}
          />
        )}
      </Card>
      <UserModal
        key={modal.seq}
        open={modal.open}
        editing={modal.editing}
        onClose={() => setModal((m) => ({ ...m, open: false }))}
        onCreated={(r) => setOtp({ result: r, kind: 'created' })}
      />
      <OneTimePasswordModal result={otp?.result ?? null} kind={otp?.kind ?? 'created'} onClose={() => setOtp(null)} />
    </div>
  );
}
