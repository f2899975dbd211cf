import { sql, type Kysely } from 'kysely';

// Pre-aggregated counts of current members (left_on is null) for roll-ups over whole counties,
// cities and provinces (decision 0010: a province roll-up over 8M member rows took 6 s, over the
// tallies it reads a few thousand rows).
//
// Key: the member's *tally anchor* — the nearest ancestor-or-self organization whose level is
// province, city, county or township — and gender × education × status. Members of a village,
// grid or unit organization are counted at their township (or county); moving a township or
// anything above it leaves every key valid, and a move of a village-level subtree to another
// township re-tallies the two anchors (organizations.repository.moveSubtree).
//
// Kept current by statement-level triggers on `members` (transition tables): every INSERT,
// UPDATE and DELETE statement adds its net change per key in one upsert, in key order so that
// concurrent writers lock rows in the same order. An update that changes none of the counted
// columns nets to zero and writes nothing.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table member_tallies (
      anchor_id integer not null,
      gender text not null,
      education text not null,
      status text not null,
      n integer not null,
      primary key (anchor_id, gender, education, status)
    )`.execute(db);

  // Anchor of an organization path: its labels are the ancestors' ids, so look them up by key.
  await sql`
    create function tc_tally_anchor(p ltree) returns integer
    language sql stable parallel safe as $$
      select coalesce(
        (select a.id from organizations a
          where a.id = any(string_to_array(ltree2text(p), '.')::int[])
            and a.level in ('province', 'city', 'county', 'township')
          order by nlevel(a.path) desc limit 1),
        ltree2text(subpath(p, 0, 1))::int)
    $$`.execute(db);

  // The anchors of many organizations at once, set-based: one statement per trigger firing
  // instead of a tc_tally_anchor call per group (10× faster for a 50,000-row insert on PGlite).
  await sql`
    create function tc_org_anchors(ids int[]) returns table (org_id int, anchor_id int)
    language sql stable parallel safe as $$
      select distinct on (x.id) x.id, coalesce(a.id, ltree2text(subpath(x.path, 0, 1))::int)
      from organizations x
      cross join lateral unnest(string_to_array(ltree2text(x.path), '.')::int[]) with ordinality as l(aid, depth)
      left join organizations a on a.id = l.aid and a.level in ('province', 'city', 'county', 'township')
      where x.id = any(ids)
      order by x.id, (a.id is not null) desc, l.depth desc
    $$`.execute(db);

  await sql`
    create function tc_member_tallies_apply() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into member_tallies as t (anchor_id, gender, education, status, n)
        select x.anchor_id, g.gender, g.education, g.status, sum(g.c)::int
        from (select org_id, gender, education, status, count(*) as c from tc_new where left_on is null group by 1, 2, 3, 4) g
        join tc_org_anchors(array(select distinct org_id from tc_new where left_on is null)) x on x.org_id = g.org_id
        group by 1, 2, 3, 4 order by 1, 2, 3, 4
        on conflict (anchor_id, gender, education, status) do update set n = t.n + excluded.n;
      elsif tg_op = 'DELETE' then
        insert into member_tallies as t (anchor_id, gender, education, status, n)
        select x.anchor_id, g.gender, g.education, g.status, -sum(g.c)::int
        from (select org_id, gender, education, status, count(*) as c from tc_old where left_on is null group by 1, 2, 3, 4) g
        join tc_org_anchors(array(select distinct org_id from tc_old where left_on is null)) x on x.org_id = g.org_id
        group by 1, 2, 3, 4 order by 1, 2, 3, 4
        on conflict (anchor_id, gender, education, status) do update set n = t.n + excluded.n;
      else
        insert into member_tallies as t (anchor_id, gender, education, status, n)
        with d as (
          select org_id, gender, education, status, sum(c) as c from (
            select org_id, gender, education, status, -1 as c from tc_old where left_on is null
            union all
            select org_id, gender, education, status, 1 as c from tc_new where left_on is null
          ) u group by 1, 2, 3, 4 having sum(c) <> 0
        )
        select x.anchor_id, d.gender, d.education, d.status, sum(d.c)::int
        from d join tc_org_anchors(array(select distinct org_id from d)) x on x.org_id = d.org_id
        group by 1, 2, 3, 4 having sum(d.c) <> 0 order by 1, 2, 3, 4
        on conflict (anchor_id, gender, education, status) do update set n = t.n + excluded.n;
      end if;
      return null;
    end $$`.execute(db);

  await sql`create trigger members_tallies_ins after insert on members referencing new table as tc_new for each statement execute function tc_member_tallies_apply()`.execute(db);
  await sql`create trigger members_tallies_upd after update on members referencing old table as tc_old new table as tc_new for each statement execute function tc_member_tallies_apply()`.execute(db);
  await sql`create trigger members_tallies_del after delete on members referencing old table as tc_old for each statement execute function tc_member_tallies_apply()`.execute(db);

  // Backfill from the members already registered (as statistics/tallies.repository rebuildTallies).
  await sql`
    with anchors as (
      select distinct on (o.id) o.id as org_id, a.id as anchor_id
      from organizations a join organizations o on o.path <@ a.path
      where a.level in ('province', 'city', 'county', 'township')
      order by o.id, nlevel(a.path) desc
    ), orgs as (
      select o.id as org_id, coalesce(x.anchor_id, ltree2text(subpath(o.path, 0, 1))::int) as anchor_id
      from organizations o left join anchors x on x.org_id = o.id
    )
    insert into member_tallies (anchor_id, gender, education, status, n)
    select g.anchor_id, m.gender, m.education, m.status, count(*)::int
    from members m join orgs g on g.org_id = m.org_id
    where m.left_on is null
    group by 1, 2, 3, 4`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists members_tallies_ins on members`.execute(db);
  await sql`drop trigger if exists members_tallies_upd on members`.execute(db);
  await sql`drop trigger if exists members_tallies_del on members`.execute(db);
  await sql`drop function if exists tc_member_tallies_apply()`.execute(db);
  await sql`drop function if exists tc_org_anchors(int[])`.execute(db);
  await sql`drop function if exists tc_tally_anchor(ltree)`.execute(db);
  await sql`drop table if exists member_tallies`.execute(db);
}
