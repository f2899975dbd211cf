// Replies are compressed when the client accepts it (brotli first, then gzip), decompress to the
// same JSON, stay plain for clients that do not ask and for small replies, and a workbook (already
// a zip) is sent as it is.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgTree } from '../helpers/factories.ts';
import { login, testServer, type Client, type TestServer } from '../helpers/server.ts';

let ts: TestServer;
let tree: OrgTree;
let admin: Client;

beforeAll(async () => {
  ts = await testServer();
  tree = await ts.makeOrgTree();
  const u = await ts.makeUser('admin', tree.root.id);
  admin = await login(ts.app, u.username, u.password);
});
afterAll(async () => {
  await ts?.close();
});

describe('response compression', () => {
  it('compresses a large JSON reply with brotli or gzip as accepted, to the same content', async () => {
    const url = '/api/openapi.json';
    const plain = await admin.get(url);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(10_000);

    const br = await admin.get(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());

    const gz = await admin.get(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('sends small replies and workbooks uncompressed', async () => {
    const small = await admin.get('/api/health', { headers: { 'accept-encoding': 'br' } });
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    const xlsx = await admin.get(`/api/stats/orgs/${tree.root.id}/export`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-encoding']).toBeUndefined();
    // A zip file begins with PK.
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
