import { ApartmentOutlined, LoadingOutlined, PlusCircleOutlined } from '@ant-design/icons';
import { App, Button, Empty, Result, Spin, Tree } from 'antd';
import type { TreeDataNode, TreeProps } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client.ts';
import type { OrgNode } from '../api/types.ts';
import { OrgKindTag } from '../components/OrgKindTag.tsx';
import { shortOrgName } from './orgNames.ts';
import { OrgSearch } from './OrgSearch.tsx';
import type { OrgTreeStore } from './orgTreeStore.ts';

interface NavNode extends TreeDataNode {
  key: string;
  org?: OrgNode;
  parentName?: string | null;
  /** Set on the "load more…" row: whose children it loads. */
  moreOf?: number;
  moreLoaded?: number;
  moreTotal?: number;
  children?: NavNode[];
}

const moreKey = (parentId: number) => `more:${parentId}`;

function buildTree(store: OrgTreeStore): NavNode[] {
  const build = (id: number, parentName: string | null): NavNode => {
    const org = store.nodes.get(id)!;
    const node: NavNode = { key: String(id), org, parentName, isLeaf: org.childCount === 0 };
    const c = store.children.get(id);
    if (c) {
      node.children = c.ids.map((cid) => build(cid, org.name));
      if (c.ids.length < c.total) node.children.push({ key: moreKey(id), isLeaf: true, moreOf: id, moreLoaded: c.ids.length, moreTotal: c.total });
      if (c.total === 0) node.isLeaf = true;
    }
    return node;
  };
  return (store.roots ?? []).map((id) => build(id, null));
}

/** Position of a key among the rows the tree shows (expanded branches only), or -1. */
function visibleIndex(nodes: NavNode[], expanded: Set<string>, key: string): number {
  let i = 0;
  const walk = (list: NavNode[]): boolean => {
    for (const n of list) {
      if (n.key === key) return true;
      i++;
      if (n.children && expanded.has(n.key) && walk(n.children)) return true;
    }
    return false;
  };
  return walk(nodes) ? i : -1;
}

/** Observe an element's height (the tree is virtual and needs a fixed pixel height). */
function useHeight<T extends HTMLElement>() {
  const ref = useRef<T | null>(null);
  const [height, setHeight] = useState(400);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(Math.max(120, Math.floor(el.clientHeight))));
    ro.observe(el);
    setHeight(Math.max(120, Math.floor(el.clientHeight)));
    return () => ro.disconnect();
  }, []);
  return [ref, height] as const;
}

export interface OrgNavigatorProps {
  store: OrgTreeStore;
  selectedId: number | null;
  /** Top-down ids of the selected organization's ancestors, once known. */
  selectedPath: number[] | null;
  onNavigate: (id: number) => void;
}

export function OrgNavigator({ store, selectedId, selectedPath, onNavigate }: OrgNavigatorProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const version = useSyncExternalStore(store.subscribe, store.getVersion);
  const [expandedKeys, setExpandedKeys] = useState<string[]>(() => (store.roots ?? []).map(String));
  const [boxRef, height] = useHeight<HTMLDivElement>();
  const [pendingScroll, setPendingScroll] = useState<number | null>(null);

  // First load: the roots, expanded so the first level is visible at once.
  useEffect(() => {
    if (store.roots) return;
    store
      .loadRoots()
      .then(() => {
        const roots = store.roots ?? [];
        setExpandedKeys((k) => [...new Set([...k, ...roots.map(String)])]);
        return Promise.all(roots.map((id) => store.loadMore(id)));
      })
      .catch(() => undefined);
  }, [store]);

  // When the page shows an organization, open the tree down to it and scroll it into view.
  const pathKey = selectedPath?.join('/') ?? '';
  useEffect(() => {
    if (!selectedPath || selectedId === null) return;
    let cancelled = false;
    store
      .reveal([...selectedPath, selectedId])
      .then(() => {
        if (cancelled) return;
        setExpandedKeys((k) => [...new Set([...k, ...selectedPath.map(String)])]);
        setPendingScroll(selectedId);
      })
      .catch((err: unknown) => message.error(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [pathKey, selectedId, store, message]);

  // The store mutates in place; `version` says when.
  const treeData = useMemo(() => buildTree(store), [store, version]);
  const loadedKeys = useMemo(() => [...store.children.keys()].map(String), [store, version]);

  // Once the opened rows are rendered, bring the selected one into view (centred) unless it already is.
  useEffect(() => {
    if (pendingScroll === null) return;
    const frame = requestAnimationFrame(() => {
      setPendingScroll(null);
      const box = boxRef.current;
      const holder = box?.querySelector<HTMLElement>('.ant-tree-list-holder');
      if (!box || !holder) return;
      const title = box.querySelector<HTMLElement>(`.org-tree-title[data-org-id="${pendingScroll}"]`);
      if (title) {
        const r = title.getBoundingClientRect();
        const h = holder.getBoundingClientRect();
        if (r.top >= h.top && r.bottom <= h.bottom) return;
      }
      const index = visibleIndex(treeData, new Set(expandedKeys), String(pendingScroll));
      if (index < 0) return;
      const rows = box.querySelectorAll<HTMLElement>('.ant-tree-treenode');
      const rowH = rows.length > 1 ? rows[1]!.offsetTop - rows[0]!.offsetTop : (rows[0]?.offsetHeight ?? 28);
      holder.scrollTop = Math.max(0, index * rowH - holder.clientHeight / 2 + rowH / 2);
    });
    return () => cancelAnimationFrame(frame);
  }, [pendingScroll, treeData, expandedKeys, boxRef]);

  const loadData = useCallback(
    async (node: NavNode) => {
      if (!node.org || store.children.has(node.org.id)) return;
      try {
        await store.loadMore(node.org.id);
      } catch (err) {
        message.error(errorMessage(err));
        setExpandedKeys((k) => k.filter((key) => key !== node.key));
      }
    },
    [store, message],
  );

  const loadMore = useCallback(
    (parentId: number) => {
      store.loadMore(parentId).catch((err: unknown) => message.error(errorMessage(err)));
    },
    [store, message],
  );

  const onSelect: TreeProps<NavNode>['onSelect'] = (_keys, { node }) => {
    if (node.moreOf !== undefined) return loadMore(node.moreOf);
    if (!node.org) return;
    onNavigate(node.org.id);
    if (node.org.childCount > 0) {
      void loadData(node);
      setExpandedKeys((k) => (k.includes(node.key) ? k : [...k, node.key]));
    }
  };

  const titleRender = (node: NavNode) => {
    if (node.moreOf !== undefined) {
      const busy = store.isLoading(`children:${node.moreOf}`);
      return (
        <span className="org-tree-more" data-testid="org-tree-more">
          {busy ? <LoadingOutlined /> : <PlusCircleOutlined />} {busy ? t('tree.loadingMore') : t('tree.loadMore', { loaded: node.moreLoaded ?? 0, total: node.moreTotal ?? 0 })}
        </span>
      );
    }
    const org = node.org!;
    return (
      <span className="org-tree-title" title={org.name} data-org-id={org.id}>
        <span className="org-tree-name">{shortOrgName(org.name, node.parentName ?? null)}</span>
        <OrgKindTag kind={org.kind} small short />
      </span>
    );
  };

  let body;
  if (store.rootsError && !store.roots) {
    body = (
      <Result
        status="warning"
        title={t('tree.loadFailed')}
        extra={
          <Button size="small" onClick={() => store.loadRoots().catch(() => undefined)}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  } else if (!store.roots) {
    body = (
      <div className="org-tree-loading">
        <Spin />
      </div>
    );
  } else if (store.roots.length === 0) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tree.empty')} />;
  } else {
    body = (
      <Tree<NavNode>
        className="org-tree"
        treeData={treeData}
        loadData={loadData}
        loadedKeys={loadedKeys}
        expandedKeys={expandedKeys}
        onExpand={(keys) => setExpandedKeys(keys.map(String))}
        selectedKeys={selectedId !== null ? [String(selectedId)] : []}
        onSelect={onSelect}
        titleRender={titleRender}
        height={height}
        virtual
        blockNode
      />
    );
  }

  return (
    <nav className="org-nav" aria-label={t('nav.orgTree')}>
      <div className="org-nav-head">
        <div className="org-nav-title">
          <ApartmentOutlined /> {t('nav.orgTree')}
        </div>
        <OrgSearch onPick={onNavigate} />
      </div>
      <div className="org-nav-tree" ref={boxRef} data-testid="org-tree">
        {body}
      </div>
    </nav>
  );
}
