import type { Db } from '../../db/client.ts';
import { addHonour, createHonoree, updateHonoree } from '../honorees/index.ts';
import { addDays, todayIn } from '../../domain/index.ts';
import { saveSurvey } from '../survey/index.ts';
import { recordVisit } from '../visits/index.ts';
import { demoPeople } from './people.ts';

const DEMO_ACTOR = { accountId: 0, label: 'demo' };

/**
 * Loads ~40 invented honorees with honours, a survey for this year and a visit each, so a
 * newcomer can try every command at once. Running it again changes nothing.
 */
export async function loadDemoData(db: Db, year?: number): Promise<{ people: number; created: number }> {
  const realToday = todayIn('Asia/Shanghai', new Date());
  // Visits lie in the past of the demo's year: up to today in the current year, else its end.
  const today = !year || String(year) === realToday.slice(0, 4) ? realToday : `${year}-12-31`;
  const surveyYear = Number(today.slice(0, 4));
  let created = 0;
  const people = demoPeople();
  for (const [i, p] of people.entries()) {
    const isNew = await db.$transaction(async (tx) => {
      const existing = await tx.honoree.findUnique({ where: { idNumber: p.idNumber } });
      const values = {
        fileNo: p.fileNo,
        name: p.name,
        gender: p.gender,
        ethnicity: p.ethnicity,
        birthDate: p.birthDate,
        idNumber: p.idNumber,
        phone: p.phone,
        employer: p.employer,
        position: p.position,
        employmentStatus: p.employmentStatus,
        address: p.address,
      };
      const row = existing ? await updateHonoree(tx, existing.id, values, DEMO_ACTOR) : await createHonoree(tx, values, DEMO_ACTOR, 'LM');
      if (!existing) created++;
      for (const h of p.honours) await addHonour(tx, row.id, h, DEMO_ACTOR);
      const survey = {
        workSituation: p.employmentStatus === 'retired' ? '已退休，身体尚可' : `在${p.employer}任${p.position}`,
        householdIncomeFen: p.hardship ? 2_400_000 : 9_600_000,
        perCapitaIncomeFen: p.hardship ? 800_000 : 3_200_000,
        familyMembers: '配偶、子女一人',
        hardshipCauses: p.hardship ? '家人患病，医疗支出大' : null,
        healthStatus: p.poorHealth ? '慢性病，需定期复查' : '良好',
        priorityHardship: p.hardship,
        priorityHealth: p.poorHealth,
        priorityReason: p.hardship || p.poorHealth ? '摸底调查发现' : null,
      };
      await saveSurvey(tx, row.id, surveyYear, survey, DEMO_ACTOR);
      return existing ? null : row.id;
    });
    // One visit for each new person, so files and visit lists have something to show.
    if (isNew) {
      await recordVisit(db, DEMO_ACTOR, {
        honoreeId: isNew,
        kind: (['in_person', 'phone', 'letter', 'hospital'] as const)[i % 4],
        visitDate: addDays(today, -((i * 3) % 60) - 1),
        moneyFen: i % 2 ? 50_000 : 0,
        gifts: i % 3 === 0 ? '米一袋、油一桶' : undefined,
        notes: p.poorHealth ? '身体在恢复中' : '精神很好',
        recordedById: DEMO_ACTOR.accountId,
      });
    }
  }
  return { people: people.length, created };
}
