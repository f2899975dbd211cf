import { testServer, login } from './server.ts';
const ts = await testServer();
const tree = await ts.makeOrgTree();
const u = await ts.makeUser('admin', tree.root.id);
const c = await login(ts.app, u.username, u.password);
const r = await c.patch(`/api/orgs/${tree.a.branch.id}`, { shortName: 'x' });
console.log(r.statusCode, r.body);
await ts.close();
