import { fetchChildren, fetchRoots, TREE_PAGE } from '../api/queries.ts';
import type { OrgNode } from '../api/types.ts';

interface Children {
  ids: number[];
  total: number;
}

/**
 * The part of the organization tree loaded so far, shared by the desktop sider and the phone drawer.
 * Children arrive a page (200) at a time; nothing is loaded until a node is expanded.
 */
export class OrgTreeStore {
  readonly nodes = new Map<number, OrgNode>();
  readonly children = new Map<number, Children>();
  roots: number[] | null = null;
  rootsError = false;
  version = 0;
  private readonly listeners = new Set<() => void>();
  private readonly inflight = new Map<string, Promise<void>>();

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getVersion = () => this.version;

  private changed() {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  private once(key: string, work: () => Promise<void>): Promise<void> {
    const running = this.inflight.get(key);
    if (running) return running;
    const p = work().finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  loadRoots(): Promise<void> {
    return this.once('roots', async () => {
      try {
        const { items } = await fetchRoots();
        for (const n of items) this.nodes.set(n.id, n);
        this.roots = items.map((n) => n.id);
        this.rootsError = false;
      } catch (err) {
        this.rootsError = true;
        throw err;
      } finally {
        this.changed();
      }
    });
  }

  isLoading(key: string) {
    return this.inflight.has(key);
  }

  /** Load the next page of a node's children (the first page when none is loaded yet). */
  loadMore(parentId: number): Promise<void> {
    return this.once(`children:${parentId}`, async () => {
      const have = this.children.get(parentId);
      if (have && have.ids.length >= have.total) return;
      this.changed(); // show the spinner on the "load more" row
      try {
        const page = await fetchChildren(parentId, have?.ids.length ?? 0, TREE_PAGE);
        const known = new Set(have?.ids);
        const ids = have ? [...have.ids] : [];
        for (const n of page.items) {
          this.nodes.set(n.id, n);
          if (!known.has(n.id)) ids.push(n.id);
        }
        // A page that brought nothing new means the list shrank meanwhile: stop offering "more".
        const total = page.items.length === 0 ? ids.length : page.total;
        this.children.set(parentId, { ids, total });
      } finally {
        this.changed();
      }
    });
  }

  /** Make sure every organization on the path (top-down ids, ending with the target) is loaded. */
  async reveal(path: number[]): Promise<void> {
    if (!this.roots) await this.loadRoots();
    // Start at the deepest path entry that is one of our roots (ancestors above the user's scope are not shown).
    const start = path.findIndex((id) => this.roots?.includes(id));
    if (start < 0) return;
    for (let i = start; i < path.length - 1; i++) {
      const parent = path[i]!;
      const next = path[i + 1]!;
      if (!this.children.has(parent)) await this.loadMore(parent);
      // The child may sit beyond the first page: keep paging (bounded) until it appears.
      for (let guard = 0; guard < 50; guard++) {
        const c = this.children.get(parent);
        if (!c || c.ids.includes(next) || c.ids.length >= c.total) break;
        await this.loadMore(parent);
      }
    }
  }
}
