import type { RouteOptions } from 'fastify';

/** One method + URL of the app, with the options Fastify reported for it. */
export interface Endpoint {
  method: string;
  url: string;
  key: string;
  route: RouteOptions;
}

export const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Flatten the onRoute list to one entry per method (Fastify may report ['HEAD','GET']). */
export function endpoints(routes: RouteOptions[]): Endpoint[] {
  const out: Endpoint[] = [];
  const seen = new Set<string>();
  for (const route of routes) {
    for (const method of [route.method].flat()) {
      const key = `${method} ${route.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ method, url: route.url, key, route });
    }
  }
  return out;
}

/** Routes a signed-in user reaches: everything under /api except public ones and the docs UI. */
export function protectedEndpoints(routes: RouteOptions[]): Endpoint[] {
  return endpoints(routes).filter((e) => e.url.startsWith('/api/') && !e.route.config?.public && !e.url.startsWith('/api/docs'));
}

export type EntityKind = 'org' | 'member' | 'user' | 'unit' | 'alliance' | 'household' | 'importJob' | 'devCase' | 'appraisalRound' | 'transfer' | 'mobileRecord' | 'commitment' | 'assessmentRound' | 'assessmentSheet' | 'assessmentTarget' | 'meeting' | 'meetingFile';
/** Entity ids are integers, except import jobs (uuid). */
export type EntityId = number | string;

/** Is this field an entity id (not a paging cursor such as afterId)? */
export function isIdField(name: string): boolean {
  return name === 'id' || (/Id$/.test(name) && !/^(after|before)/.test(name));
}

/** What an id refers to: by the field name, else (`id`) by the URL prefix; unknown means an organization. */
export function idKind(name: string, url: string): EntityKind {
  if (/member/i.test(name)) return 'member';
  if (/user/i.test(name)) return 'user';
  if (/unit/i.test(name)) return 'unit';
  if (/alliance/i.test(name)) return 'alliance';
  if (/household/i.test(name)) return 'household';
  if (/job/i.test(name)) return 'importJob';
  if (name !== 'id') return 'org';
  const byPrefix: [string, EntityKind][] = [['/api/members', 'member'], ['/api/users', 'user'], ['/api/units', 'unit'], ['/api/alliances', 'alliance'], ['/api/households', 'household'], ['/api/development/cases', 'devCase'], ['/api/appraisal-rounds', 'appraisalRound'], ['/api/transfers', 'transfer'], ['/api/mobile', 'mobileRecord'], ['/api/commitments', 'commitment'], ['/api/assessment-rounds', 'assessmentRound'], ['/api/assessment-sheets', 'assessmentSheet'], ['/api/assessment-targets', 'assessmentTarget'], ['/api/orglife/meetings', 'meeting'], ['/api/orglife/attachments', 'meetingFile']];
  return byPrefix.find(([p]) => url.startsWith(p))?.[1] ?? 'org';
}

/** Keys of a zod object schema (body or querystring), or [] when there is none. */
export function schemaKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

export function pathParams(url: string): string[] {
  return [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
}

export type Slot = { where: 'params' | 'body' | 'query'; name: string; kind: EntityKind };

/** Every place an entity id goes into a request to this endpoint. */
export function idSlots(e: Endpoint, opts: { includeSchemaBody?: boolean } = {}): Slot[] {
  const slots: Slot[] = pathParams(e.url).map((name) => ({ where: 'params', name, kind: idKind(name, e.url) }));
  const example = e.route.config?.example?.body;
  const bodyKeys = new Set(example && typeof example === 'object' ? Object.keys(example) : []);
  if (opts.includeSchemaBody !== false) for (const k of schemaKeys(e.route.schema?.body)) bodyKeys.add(k);
  for (const k of bodyKeys) if (isIdField(k)) slots.push({ where: 'body', name: k, kind: idKind(k, e.url) });
  for (const k of schemaKeys(e.route.schema?.querystring)) if (isIdField(k)) slots.push({ where: 'query', name: k, kind: idKind(k, e.url) });
  return slots;
}

/** Build the request for an endpoint with the given id for each slot. */
export function buildRequest(e: Endpoint, slots: Slot[], value: (s: Slot) => EntityId, extraQuery: Record<string, string> = {}) {
  let url = e.url;
  const example = e.route.config?.example?.body;
  const body: Record<string, unknown> = example && typeof example === 'object' ? { ...(example as Record<string, unknown>) } : {};
  const query = new URLSearchParams(extraQuery);
  for (const s of slots) {
    const v = value(s);
    if (s.where === 'params') url = url.replace(`:${s.name}`, String(v));
    else if (s.where === 'body') body[s.name] = v;
    else query.set(s.name, String(v));
  }
  const qs = query.toString();
  return { method: e.method, url: qs ? `${url}?${qs}` : url, body: UNSAFE.has(e.method) ? body : undefined };
}
