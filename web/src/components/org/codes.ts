// Code lists only the web shows (shaped like src/shared/enums.ts, so `useCodeText()` reads them).

/** Kinds of organization history events (org_events.kind). */
export const ORG_EVENT_KIND = {
  table: {
    establish: { zh: '成立', en: 'Established' },
    rename: { zh: '更名', en: 'Renamed' },
    update: { zh: '信息变更', en: 'Details changed' },
    move: { zh: '隶属关系调整', en: 'Moved' },
    merge: { zh: '合并', en: 'Merger' },
    merged_into: { zh: '并入其他组织', en: 'Merged into another' },
    split: { zh: '拆分', en: 'Split' },
    split_from: { zh: '拆分设立', en: 'Split off' },
    dissolve: { zh: '撤销', en: 'Dissolved' },
    term: { zh: '换届与任职', en: 'Term and posts' },
  },
  values: ['establish', 'rename', 'update', 'move', 'merge', 'merged_into', 'split', 'split_from', 'dissolve', 'term'],
} as const;

/** Timeline dot colour of each event kind. */
export const EVENT_COLOR: Record<string, string> = {
  establish: 'green',
  split_from: 'green',
  dissolve: 'gray',
  merged_into: 'gray',
  term: 'red',
};

/** Days before the end of a term when it counts as "ending soon" (the server rule's default). */
export const TERM_WARN_DAYS = 90;
