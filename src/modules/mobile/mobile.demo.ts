// Demo mobile members (deterministic): members away for work in other provinces — some in regular
// contact, some without contact for over three months, one away for eight months with no contact
// (flagged for review), one back home — and two members from elsewhere active here.
import dayjs from 'dayjs';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayCN } from '../../lib/dates.ts';
import type { FieldCipher } from '../../lib/secrets.ts';
import { appendAudit } from '../audit/audit.repository.ts';

const SYSTEM = { actor: { userId: null, username: 'system' }, requestId: null, ip: null };

const OUT: { place: string; host: string | null; temporary: boolean; sinceDays: number; contactDays: number[]; returnedDays?: number; reason: string }[] = [
  { place: '广东省深圳市南山区', host: '深圳市南山区浙江商会流动党员临时党支部', temporary: true, sinceDays: 420, contactDays: [400, 300, 200, 95, 20], reason: '务工' },
  { place: '江苏省苏州市工业园区', host: '苏州工业园区某电子公司党支部', temporary: false, sinceDays: 260, contactDays: [240, 130], reason: '务工' },
  { place: '上海市闵行区', host: null, temporary: false, sinceDays: 240, contactDays: [], reason: '经商' },
  { place: '福建省厦门市思明区', host: '厦门市思明区流动党员服务站', temporary: true, sinceDays: 120, contactDays: [60, 10], reason: '经商' },
  { place: '四川省成都市武侯区', host: null, temporary: false, sinceDays: 150, contactDays: [140], reason: '照顾家人' },
  { place: '安徽省合肥市蜀山区', host: null, temporary: false, sinceDays: 300, contactDays: [250], returnedDays: 30, reason: '务工' },
];
const IN = [
  { name: '何志远', place: '江西省上饶市', home: '中共上饶市广丰区某村支部委员会', sinceDays: 500 },
  { name: '罗春梅', place: '贵州省遵义市', home: '中共遵义市播州区某村支部委员会', sinceDays: 90 },
];
const WAYS = ['phone', 'wechat', 'visit', 'phone', 'meeting'];

export async function seedMobileDemo(db: Kysely<DB>, _cipher?: FieldCipher) {
  const today = todayCN();
  const ago = (n: number) => dayjs(today).subtract(n, 'day').format('YYYY-MM-DD');
  const pool = await sql<{ id: number; name: string; org_id: number; org_name: string; path: string; phone: string | null }>`
    select m.id, m.name, m.org_id, o.name as org_name, o.path::text as path, m.phone from members m join organizations o on o.id = m.org_id
    where m.left_on is null and not m.is_mobile and o.domain = 'rural'
      and not exists (select 1 from transfers t where t.member_id = m.id)
    order by m.id`.execute(db);
  // Spread over the county: every stride-th member, whatever the size of the region.
  const stride = Math.max(1, Math.floor(pool.rows.length / (OUT.length + 1)));
  const picked = pool.rows.filter((_, i) => i % stride === Math.floor(stride / 2)).slice(0, OUT.length);
  await db.transaction().execute(async (trx) => {
    // The synthetic registry marks some rural members as mobile: give each an outflow record, so
    // is_mobile matches the open outflows from the start (nine in ten with a contact in the last four months).
    const places = ['浙江省杭州市萧山区', '江苏省苏州市昆山市', '上海市松江区', '广东省东莞市', '浙江省宁波市北仑区', '福建省泉州市晋江市'];
    await sql`
      insert into mobile_records (direction, member_id, org_id, person_name, phone, place, since, reason, home_org_name, created_by_name)
      select 'outflow', m.id, m.org_id, m.name, m.phone, (${sql.val(places)}::text[])[1 + m.id % 6], ${today}::date - (30 + m.id % 400), '务工', o.name, '演示数据'
      from members m join organizations o on o.id = m.org_id
      where m.is_mobile and m.left_on is null
        and not exists (select 1 from mobile_records r where r.member_id = m.id and r.direction = 'outflow' and r.returned_on is null)`.execute(trx);
    await sql`
      insert into mobile_contacts (record_id, contacted_on, way, note, recorded_by_name)
      select r.id, greatest(r.since, ${today}::date - (r.member_id % 120)), 'phone', '电话了解外出务工情况', '演示数据'
      from mobile_records r
      where r.direction = 'outflow' and r.created_by_name = '演示数据' and r.member_id % 10 <> 0
        and not exists (select 1 from mobile_contacts c where c.record_id = r.id)`.execute(trx);
    for (const [i, o] of OUT.entries()) {
      const m = picked[i];
      if (!m) break;
      const rec = await trx
        .insertInto('mobile_records')
        .values({ direction: 'outflow', member_id: m.id, org_id: m.org_id, person_name: m.name, phone: m.phone, place: o.place, since: ago(o.sinceDays), reason: o.reason, host_org_name: o.host, host_is_temporary: o.temporary, home_org_name: m.org_name, certificate_no: o.temporary ? `LD${today.slice(0, 4)}${String(1001 + i)}` : null, returned_on: o.returnedDays ? ago(o.returnedDays) : null, return_note: o.returnedDays ? '返乡务农' : null, created_by_name: '演示数据' })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [j, d] of o.contactDays.entries()) {
        await trx.insertInto('mobile_contacts').values({ record_id: rec.id, contacted_on: ago(d), way: WAYS[j % WAYS.length]!, note: j === 0 ? '了解外出工作生活情况' : '提醒按时交纳党费、参加线上学习', recorded_by_name: '演示数据' }).execute();
      }
      if (!o.returnedDays) await trx.updateTable('members').set({ is_mobile: true }).where('id', '=', m.id).execute();
      await appendAudit(trx, SYSTEM, { action: 'mobile.demo', entity: 'mobile_record', entityId: rec.id, scopePath: m.path, after: { memberId: m.id, place: o.place } });
    }
    const local = picked[0];
    if (local) {
      for (const p of IN) {
        const rec = await trx
          .insertInto('mobile_records')
          .values({ direction: 'inflow', member_id: null, org_id: local.org_id, person_name: p.name, phone: '13900000000', place: p.place, since: ago(p.sinceDays), reason: '务工', home_org_name: p.home, created_by_name: '演示数据' })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(trx, SYSTEM, { action: 'mobile.demo', entity: 'mobile_record', entityId: rec.id, scopePath: local.path, after: { personName: p.name } });
      }
    }
  });
}
