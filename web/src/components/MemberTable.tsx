import { SearchOutlined } from '@ant-design/icons';
import { Button, Empty, Input, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDER, MEMBER_STATUS } from '../../../src/shared/enums.ts';
import { useMembers } from '../api/queries.ts';
import type { MemberStatus, MemberSummary } from '../api/types.ts';
import { useCodeOptions, useLabel } from '../labels.ts';
import { MemberDrawer } from './MemberDrawer.tsx';
import { MemberStatusTag } from './MemberStatusTag.tsx';
import { QueryError } from './QueryError.tsx';

/** Members of an organization's whole subtree: name search, status filter, keyset "load more". */
export function MemberTable({ orgId, total }: { orgId: number; total: number }) {
  const { t } = useTranslation();
  const label = useLabel();
  const codeOptions = useCodeOptions();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<MemberStatus | ''>('');
  const [open, setOpen] = useState<number | null>(null);
  const members = useMembers({ orgId, q, status });
  const rows = useMemo(() => members.data?.pages.flatMap((p) => p.items) ?? [], [members.data]);
  const filtered = q !== '' || status !== '';

  const columns: TableColumnsType<MemberSummary> = [
    {
      title: t('member.name'),
      dataIndex: 'name',
      width: 110,
      render: (name: string, m) => (
        <Typography.Link onClick={() => setOpen(m.id)} data-testid="member-name">
          {name}
        </Typography.Link>
      ),
    },
    { title: t('member.gender'), dataIndex: 'gender', width: 70, render: (g: MemberSummary['gender']) => label(GENDER, g), responsive: ['sm'] },
    { title: t('member.idNumber'), dataIndex: 'idNumberMasked', width: 190, render: (v: string) => <span className="mono">{v}</span>, responsive: ['md'] },
    { title: t('member.org'), dataIndex: 'orgName', ellipsis: true, responsive: ['lg'] },
    { title: t('member.status'), dataIndex: 'status', width: 110, render: (s: MemberStatus) => <MemberStatusTag status={s} /> },
    { title: t('member.joinedOn'), dataIndex: 'joinedOn', width: 120, responsive: ['sm'] },
  ];

  return (
    <div data-testid="member-table">
      <div className="toolbar">
        <Space.Compact className="toolbar-search">
          <Input
            allowClear
            prefix={<SearchOutlined className="muted" />}
            placeholder={t('member.searchPlaceholder')}
            value={text}
            maxLength={30}
            onChange={(e) => {
              setText(e.target.value);
              if (!e.target.value) setQ('');
            }}
            onPressEnter={() => setQ(text.trim())}
            aria-label={t('member.searchPlaceholder')}
          />
          <Button type="primary" onClick={() => setQ(text.trim())}>
            {t('common.search')}
          </Button>
        </Space.Compact>
        <Select<MemberStatus | ''>
          value={status}
          onChange={setStatus}
          options={[{ value: '', label: t('member.allStatus') }, ...codeOptions(MEMBER_STATUS)]}
          style={{ minWidth: 140 }}
          aria-label={t('member.status')}
        />
        <div className="toolbar-spacer" />
        <Typography.Text type="secondary">{filtered ? t('member.loaded', { count: rows.length }) : t('member.total', { count: total })}</Typography.Text>
      </div>
      {members.isError ? (
        <QueryError error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <>
          <Table<MemberSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={members.isPending}
            pagination={false}
            onRow={(m) => ({ onClick: () => setOpen(m.id), style: { cursor: 'pointer' } })}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('member.empty') : t('member.emptyOrg')} /> }}
            scroll={{ x: 'max-content' }}
          />
          {rows.length > 0 && (
            <div className="load-more">
              {members.hasNextPage ? (
                <Button onClick={() => void members.fetchNextPage()} loading={members.isFetchingNextPage} data-testid="members-more">
                  {t('common.loadMore')}
                </Button>
              ) : (
                <Typography.Text type="secondary">{t('common.allLoaded')}</Typography.Text>
              )}
              {!filtered && <Typography.Text type="secondary">{t('member.loaded', { count: rows.length })}</Typography.Text>}
            </div>
          )}
        </>
      )}
      <MemberDrawer memberId={open} onClose={() => setOpen(null)} />
    </div>
  );
}
