import { DownloadOutlined, FilterOutlined, InfoCircleOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Drawer, Empty, Grid, Input, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { EDUCATION, GENDER, MEMBER_CATEGORY } from '../../../src/shared/enums.ts';
import { useMemberRoster, useOrgDetail } from '../api/queries.ts';
import type { MemberStatus, MemberSummary } from '../api/types.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { MemberDrawer } from '../components/MemberDrawer.tsx';
import { MemberStatusTag } from '../components/MemberStatusTag.tsx';
import { MemberFilters } from '../components/members/MemberFilters.tsx';
import { activeFilters, exportUrl, FILTER_KEYS, readParams, writeParams, type RosterParams, type RosterSort } from '../components/members/rosterParams.ts';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useLabel } from '../labels.ts';

/** 党员名册: the members of an organization's subtree, every list filter in the URL, sortable, exportable. */
export default function MembersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const label = useLabel();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.toString();
  const params = useMemo(() => readParams(new URLSearchParams(search)), [search]);
  const orgId = params.orgId ?? me.orgId;
  const org = useOrgDetail(params.orgId && params.orgId !== me.orgId ? params.orgId : null);
  const orgName = orgId === me.orgId ? me.orgName : org.data?.id === orgId ? org.data.name : undefined;
  const query = useMemo(() => ({ ...params, orgId }), [params, orgId]);
  const members = useMemberRoster(query);
  const rows = useMemo(() => members.data?.pages.flatMap((p) => p.items) ?? [], [members.data]);
  const filterCount = activeFilters(params);
  const [open, setOpen] = useState<number | null>(null);
  const [drawer, setDrawer] = useState(false);
  const [nameText, setNameText] = useState(params.q ?? '');
  useEffect(() => setNameText(params.q ?? ''), [params.q]);

  const update = (patch: Partial<RosterParams>, replace = false) => {
    const next: RosterParams = { ...params, ...patch };
    for (const k of Object.keys(next) as (keyof RosterParams)[]) if (next[k] === undefined) delete next[k];
    setSearchParams(writeParams(next), { replace });
  };
  const clearFilters = () => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])) as Partial<RosterParams>);

  const sortOrder = (key: RosterSort) => (params.sort === key ? (params.order === 'desc' ? 'descend' : 'ascend') : null);
  const onTableChange: TableProps<MemberSummary>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? (s.columnKey as RosterSort | undefined) : undefined;
    update({ sort: key, order: key ? (s?.order === 'descend' ? 'desc' : 'asc') : undefined }, true);
  };

  const columns: TableColumnsType<MemberSummary> = [
    {
      title: t('member.name'),
      key: 'name',
      dataIndex: 'name',
      width: 110,
      fixed: 'left',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (name: string, m) => (
        <Typography.Link
          onClick={(e) => {
            e.stopPropagation();
            setOpen(m.id);
          }}
          data-testid="member-name"
        >
          {name}
        </Typography.Link>
      ),
    },
    { title: t('member.gender'), key: 'gender', dataIndex: 'gender', width: 70, render: (g: MemberSummary['gender']) => <span data-testid="cell-gender">{label(GENDER, g)}</span> },
    { title: t('member.birthDate'), key: 'birthDate', dataIndex: 'birthDate', width: 120, sorter: true, sortOrder: sortOrder('birthDate'), responsive: ['sm'] },
    { title: t('member.idNumber'), key: 'idNumber', dataIndex: 'idNumberMasked', width: 190, render: (v: string) => <span className="mono">{v}</span>, responsive: ['lg'] },
    { title: t('member.education'), key: 'education', dataIndex: 'education', width: 120, render: (e: MemberSummary['education']) => <span data-testid="cell-education">{label(EDUCATION, e)}</span> },
    { title: t('member.category'), key: 'category', dataIndex: 'category', width: 150, render: (c: MemberSummary['category']) => label(MEMBER_CATEGORY, c), responsive: ['xxl'] },
    { title: t('member.org'), key: 'org', dataIndex: 'orgName', width: 220, ellipsis: true, responsive: ['lg'] },
    { title: t('member.status'), key: 'status', dataIndex: 'status', width: 100, render: (s: MemberStatus) => <MemberStatusTag status={s} />, responsive: ['md'] },
    { title: t('member.joinedOn'), key: 'joinedOn', dataIndex: 'joinedOn', width: 120, sorter: true, sortOrder: sortOrder('joinedOn'), render: (d: string) => <span data-testid="cell-joined">{d}</span> },
  ];

  const filters = (
    <MemberFilters
      value={params}
      onApply={(f) => {
        update(f);
        setDrawer(false);
      }}
      onReset={() => {
        clearFilters();
        setDrawer(false);
      }}
    />
  );

  const empty = filterCount ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Space orientation="vertical" size={2}><span>{t('roster.empty')}</span><Typography.Text type="secondary">{t('roster.emptyHint')}</Typography.Text></Space>} data-testid="roster-empty">
      <Button onClick={clearFilters}>{t('roster.resetFilters')}</Button>
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roster.emptyOrg')} data-testid="roster-empty" />
  );

  const exportButton = (
    <Button icon={<DownloadOutlined />} href={exportUrl(params, orgId)} download onClick={() => void message.success(t('roster.exportStarted'))} data-testid="roster-export">
      {t('roster.export')}
    </Button>
  );

  return (
    <div className="page" data-testid="members-page">
      <div className="page-head">
        <Typography.Title level={3} className="page-title">
          {t('roster.title')}
        </Typography.Title>
        {!isPhone && (
          <Typography.Paragraph type="secondary" className="page-intro">
            {t('roster.intro')}
          </Typography.Paragraph>
        )}
      </div>
      <Card className="page-card">
        <div className="toolbar">
          <Typography.Text strong>{t('roster.scope')}</Typography.Text>
          <div style={{ flex: isPhone ? '1 1 100%' : '0 1 420px', minWidth: 0, display: 'grid' }}>
            {orgName !== undefined || org.isError ? (
              <OrgPicker key={orgId} value={orgId} initial={orgName !== undefined ? { id: orgId, name: orgName } : undefined} onChange={(id) => update({ orgId: id === me.orgId ? undefined : id })} />
            ) : (
              <Input disabled placeholder={t('common.loading')} />
            )}
          </div>
          <Typography.Text type="secondary">{t('roster.scopeHint')}</Typography.Text>
        </div>
        {isPhone ? (
          <div className="toolbar">
            <Space.Compact style={{ flex: '1 1 auto', minWidth: 0 }}>
              <Input
                allowClear
                prefix={<SearchOutlined className="muted" />}
                placeholder={t('member.searchPlaceholder')}
                value={nameText}
                maxLength={30}
                onChange={(e) => {
                  setNameText(e.target.value);
                  if (!e.target.value) update({ q: undefined });
                }}
                onPressEnter={() => update({ q: nameText.trim() || undefined })}
                aria-label={t('member.searchPlaceholder')}
              />
              <Button type="primary" icon={<SearchOutlined />} onClick={() => update({ q: nameText.trim() || undefined })} aria-label={t('common.search')} />
            </Space.Compact>
            <Badge count={filterCount} size="small">
              <Button icon={<FilterOutlined />} onClick={() => setDrawer(true)} data-testid="roster-open-filters">
                {t('roster.filters')}
              </Button>
            </Badge>
          </div>
        ) : (
          <div style={{ marginBottom: 16 }}>{filters}</div>
        )}
        <div className="toolbar">
          <Typography.Text type="secondary" data-testid="roster-count">
            {members.hasNextPage ? t('roster.loaded', { count: rows.length }) : t('roster.loadedAll', { count: rows.length })}
          </Typography.Text>
          <div className="toolbar-spacer" />
          {exportButton}
          {isPhone ? (
            <Tooltip title={t('roster.exportNote')}>
              <InfoCircleOutlined className="muted" aria-label={t('roster.exportNote')} />
            </Tooltip>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 360 }} data-testid="roster-export-note">
              {t('roster.exportNote')}
            </Typography.Text>
          )}
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
              loading={members.isPending || (members.isPlaceholderData && members.isFetching)}
              pagination={false}
              showSorterTooltip={false}
              sortDirections={['ascend', 'descend']}
              onChange={onTableChange}
              onRow={(m) => ({ onClick: () => setOpen(m.id), style: { cursor: 'pointer' } })}
              locale={{ emptyText: members.isPending ? ' ' : empty }}
              scroll={{ x: 'max-content' }}
              data-testid="roster-table"
            />
            {rows.length > 0 && (
              <div className="load-more">
                {members.hasNextPage ? (
                  <Button onClick={() => void members.fetchNextPage()} loading={members.isFetchingNextPage} data-testid="roster-more">
                    {t('common.loadMore')}
                  </Button>
                ) : (
                  <Typography.Text type="secondary" data-testid="roster-all-loaded">
                    {t('common.allLoaded')}
                  </Typography.Text>
                )}
              </div>
            )}
          </>
        )}
      </Card>
      {isPhone && (
        <Drawer open={drawer} onClose={() => setDrawer(false)} title={t('roster.filtersTitle')} placement="bottom" size="85%" forceRender data-testid="roster-filter-drawer">
          {filters}
        </Drawer>
      )}
      <MemberDrawer memberId={open} onClose={() => setOpen(null)} />
    </div>
  );
}
