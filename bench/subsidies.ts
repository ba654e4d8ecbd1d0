import { performance } from 'node:perf_hooks';
import type { Db } from '../src/db/client.ts';
import { empty, join, sql } from '../src/db/sql.ts';
import { libraryFestivalDate } from '../src/domain/festivals.ts';
import type { SubsidyRule, SubsidySchedule } from '../src/domain/subsidy.ts';
import { OFF_ROLL_STATUSES } from '../src/domain/vocabulary.ts';
import { loadCalendar } from '../src/features/festivals/calendar.ts';
import { drawSubsidies } from '../src/features/subsidies/draw.ts';
import { ruleOf, scheduleColumns } from '../src/features/subsidies/policy-rule.ts';
import { draftPlans } from '../src/features/visit-plans/draft-plans.ts';
import { measured } from './stats.ts';
import { timingTransactions } from './transactions.ts';

const MB = 1024 * 1024;
/** Issue 10's goals: a year's payment lists and a festival's visit plan at 100,000 honorees, each under 5 s and 300 MB. */
const GOAL_MS = 5000;
const GOAL_MB = 300;
/** The year drawn and planned; Spring Festival 2027 is on 6 February. */
const YEAR = 2027;
/** Ten days before the earliest due date of the policies below (the spring festival one: 30 January). */
const DRAW_DAY = '2027-01-20';
/** The first day of Spring Festival 2027's visit window (21 days before it): its plan is drafted that day. */
const PLAN_DAY = '2027-01-16';
/** Visits seeded when no other part has seeded any (the lists part seeds a million). */
const OWN_VISITS = 200_000;

const mb = (bytes: number) => (bytes / MB).toFixed(0);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Three policies of a provincial federation (invented), in force from 2026: honours as category:level. */
const POLICIES: Array<{ name: string; honours: string[]; onlyRetired: boolean; onlyHardship: boolean; amountFen: number; schedule: SubsidySchedule }> = [
  { name: '省级以上劳模专项补助', honours: ['model_worker:national', 'model_worker:provincial'], onlyRetired: false, onlyHardship: false, amountFen: 200_000, schedule: { kind: 'fixed', month: 2, day: 1 } },
  { name: '困难劳模帮扶', honours: ['model_worker:national', 'model_worker:provincial', 'model_worker:municipal', 'craftsman:provincial'], onlyRetired: false, onlyHardship: true, amountFen: 300_000, schedule: { kind: 'fixed', month: 1, day: 25 } },
  { name: '退休劳模春节慰问金', honours: ['model_worker:provincial', 'model_worker:municipal', 'advanced_worker:municipal'], onlyRetired: true, onlyHardship: false, amountFen: 80_000, schedule: { kind: 'festival', festival: 'spring_festival', daysBefore: 7 } },
];

/**
 * Fills in, set-based, what the draw and the plan read over honorees 1..`honorees` (bench/seed.ts):
 * employment (about half retired, 1 in 50 out of work, 1 in 97 deceased, 1 in 89 left), birth dates where none
 * are set (as the digest part sets them), honours (2 % national and 14 % provincial model
 * workers, 30 % municipal, the rest advanced workers and craftsmen; every ninth also a May Day
 * medal), YEAR's survey (about 6 % on the hardship register, 9 % for health, some living alone,
 * bereaved or laid off after a bankruptcy), and OWN_VISITS visits if there are none yet.
 */
async function seedSubsidyData(db: Db, honorees: number) {
  await db.$executeRawUnsafe(`
    UPDATE "Honoree" SET
      "employmentStatus" = CASE WHEN "id" % 97 = 0 THEN 'deceased' WHEN "id" % 89 = 0 THEN 'left' WHEN "id" % 50 = 1 THEN 'unemployed' WHEN "id" % 10 < 5 THEN 'retired' ELSE 'employed' END,
      "birthDate" = COALESCE("birthDate", date('1926-01-01', '+' || (("id" * 37) % 27000) || ' days'))
    WHERE "id" <= ${honorees}`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Honour" ("honoreeId", "category", "level", "year")
    SELECT "id",
           CASE WHEN "id" % 50 < 23 THEN 'model_worker' WHEN "id" % 3 = 0 THEN 'craftsman' ELSE 'advanced_worker' END,
           CASE WHEN "id" % 50 = 0 THEN 'national' WHEN "id" % 50 < 8 THEN 'provincial' WHEN "id" % 50 < 23 OR "id" % 4 = 0 THEN 'municipal' ELSE 'county' END,
           1978 + ("id" * 7) % 49
    FROM "Honoree" WHERE "id" <= ${honorees}
    UNION ALL
    SELECT "id", 'may_day_medal', 'provincial', 1990 + ("id" * 11) % 36 FROM "Honoree" WHERE "id" <= ${honorees} AND "id" % 9 = 0
    ON CONFLICT DO NOTHING`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Survey" ("honoreeId", "year", "workSituation", "familyMembers", "priorityHardship", "priorityHealth", "priorityReason", "updatedAt")
    SELECT "id", ${YEAR},
           CASE WHEN "id" % 23 = 0 THEN '原企业破产后买断工龄，现打零工' END,
           CASE WHEN "id" % 13 = 0 THEN '老伴去年病故，现独居' WHEN "id" % 29 = 0 THEN '子女在外地，一个人住' ELSE '与子女同住' END,
           "id" % 16 = 3, "id" % 11 = 4,
           CASE WHEN "id" % 16 = 3 THEN '家庭人均收入低于当地低保标准' END,
           '${YEAR - 1}-12-01T00:00:00.000+00:00'
    FROM "Honoree" WHERE "id" <= ${honorees}
    ON CONFLICT DO NOTHING`);
  const visits = await db.visit.count();
  if (visits) return visits;
  await db.$executeRawUnsafe(`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${OWN_VISITS - 1})
    INSERT INTO "Visit" ("honoreeId", "kind", "visitDate", "moneyFen")
    SELECT (i * 7919) % ${honorees} + 1, CASE i % 3 WHEN 0 THEN 'in_person' WHEN 1 THEN 'phone' ELSE 'letter' END,
           date('2017-01-01', '+' || ((i * 31) % 3650) || ' days'), (i % 5) * 10000
    FROM n`);
  return OWN_VISITS;
}

/** On the roll: neither deceased nor left. */
const onRoll = sql`h."employmentStatus" NOT IN (${join([...OFF_ROLL_STATUSES])})`;

/**
 * The payments a policy should add for YEAR, counted by the database alone in one statement: on
 * the roll, retired if it says so, on the hardship register of the person's latest survey of
 * YEAR or the year before if it says so, holding a qualifying honour awarded by YEAR.
 */
function expectedPayments(rule: SubsidyRule) {
  const pairs = join(rule.honours.map((h) => sql`${`${h.category}:${h.level}`}`));
  const latestSurvey = sql`(SELECT MAX(l."year") FROM "Survey" l WHERE l."honoreeId" = h."id" AND l."year" BETWEEN ${YEAR - 1} AND ${YEAR})`;
  return sql`
    SELECT COUNT(*) AS n FROM "Honoree" h
    WHERE ${onRoll}
      ${rule.onlyRetired ? sql`AND h."employmentStatus" = 'retired'` : empty}
      ${rule.onlyHardship ? sql`AND EXISTS (SELECT 1 FROM "Survey" s WHERE s."honoreeId" = h."id" AND s."year" = ${latestSurvey} AND s."priorityHardship")` : empty}
      AND EXISTS (SELECT 1 FROM "Honour" o WHERE o."honoreeId" = h."id" AND o."year" <= ${YEAR} AND o."category" || ':' || o."level" IN (${pairs}))`;
}

/** Within the goals: the time, and the growth of resident memory and of the heap (garbage not yet collected included). */
const within = (m: { ms: number; rss: number; heap: number }) => m.ms <= GOAL_MS && Math.max(m.rss, m.heap) <= GOAL_MB * MB;
const memory = (m: { rss: number; heap: number; peak: number }) => `resident +${mb(m.rss)} MB (process ${mb(m.peak)} MB with the seeded data), heap +${mb(m.heap)} MB at the peak`;

/**
 * (h) A year's subsidy payment lists drawn for `honorees` honorees under three policies (the
 * provincial and national model workers on a fixed day, those on the hardship register, the
 * retired before Spring Festival), ten days before the first due date; then drawn again, which
 * must add nothing. Baseline in the same run: the same payments counted by the database alone,
 * one statement per policy. (j) Spring Festival 2027's visit plan drafted on the first day of its
 * window for every living honoree, with their surveys and the visits in the database (the
 * lists part's million when it ran first); baseline: every living person's last visit in one
 * statement.
 */
export async function benchSubsidies(db: Db, honorees: number) {
  const t0 = performance.now();
  const visits = await seedSubsidyData(db, honorees);
  const lines = [
    `(h)(j) seeded honours, employment and ${YEAR} surveys of ${honorees} honorees set-based in ${seconds(performance.now() - t0)} (${visits} visits in the database)`,
  ];

  const now = new Date(`${DRAW_DAY}T00:10:00+08:00`);
  await db.subsidyPolicy.createMany({
    data: POLICIES.map(({ schedule, honours, ...rest }) => ({
      ...rest,
      honours: JSON.stringify(honours.map((h) => ({ category: h.split(':')[0], level: h.split(':')[1] }))),
      ...scheduleColumns(schedule),
      fromYear: YEAR - 1,
      toYear: null,
      createdAt: now,
      updatedAt: now,
    })),
  });
  const rules = (await db.subsidyPolicy.findMany({ orderBy: { id: 'asc' } })).map(ruleOf);
  const baseStart = performance.now();
  let expected = 0;
  for (const rule of rules) expected += Number((await db.$queryRaw<Array<{ n: bigint | number }>>(expectedPayments(rule)))[0].n);
  const baseline = performance.now() - baseStart;

  const calendar = await loadCalendar(db, libraryFestivalDate);
  const first = await measured(() => drawSubsidies(db, DRAW_DAY, calendar.dateOf, now));
  const again = await measured(() => drawSubsidies(db, DRAW_DAY, calendar.dateOf, now));
  const added = first.result.added.reduce((n, a) => n + a.count, 0);
  const addedAgain = again.result.added.reduce((n, a) => n + a.count, 0);
  const lists = first.result.added.map((a) => `${a.count} due ${a.dueDate}`).join(', ');
  const drawMet = added === expected && addedAgain === 0 && within(first) && within(again);
  lines.push(
    `(h) a year's payment lists drawn for ${honorees} honorees under ${rules.length} policies: ${added} payments (${lists}) in ${seconds(first.ms)}, ${memory(first)}; ` +
      `${(first.ms / baseline).toFixed(0)}× the database counting them alone (${baseline.toFixed(0)} ms, ${expected}) (goal ≤ ${GOAL_MS} ms, ≤ ${GOAL_MB} MB) ${drawMet ? 'met' : 'NOT MET'}`,
    `    drawn again: ${addedAgain} added (must be 0) in ${seconds(again.ms)}, ${memory(again)}`,
  );

  const planNow = new Date(`${PLAN_DAY}T00:20:00+08:00`);
  const planBaseStart = performance.now();
  const [living] = await db.$queryRaw<Array<{ n: bigint | number; visited: bigint | number }>>(sql`
    SELECT COUNT(*) AS n, COUNT(last) AS visited FROM (
      SELECT (SELECT MAX(v."visitDate") FROM "Visit" v WHERE v."honoreeId" = h."id") AS last
      FROM "Honoree" h WHERE ${onRoll})`);
  const planBaseline = performance.now() - planBaseStart;
  const timed = timingTransactions(db);
  const plan = await measured(async () => draftPlans(timed.db, PLAN_DAY, await loadCalendar(db, libraryFestivalDate), planNow));
  const planId = plan.result.drafted[0];
  const entries = planId ? await db.visitPlanEntry.count({ where: { planId } }) : 0;
  const inPerson = planId ? await db.visitPlanEntry.count({ where: { planId, kind: 'in_person' } }) : 0;
  const planMet = plan.result.drafted.length === 1 && entries === Number(living.n) && within(plan);
  lines.push(
    `(j) Spring Festival ${YEAR} visit plan drafted for ${honorees} honorees (${entries} on it, ${inPerson} in person; ${Number(living.visited)} visited before): ${seconds(plan.ms)}, ${memory(plan)}; ` +
      `${(plan.ms / planBaseline).toFixed(0)}× every living person's last visit read in one statement (${planBaseline.toFixed(0)} ms) (goal ≤ ${GOAL_MS} ms, ≤ ${GOAL_MB} MB) ${planMet ? 'met' : 'NOT MET'}`,
    `    its longest transaction (other chats wait for it on SQLite): ${timed.longest().toFixed(0)} ms`,
  );
  return { lines, pass: drawMet && planMet };
}
