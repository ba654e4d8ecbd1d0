import type { Translate } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import { formatMoney } from '../../domain/money.ts';

/** The file's subsidies, newest first: in the file view of a private chat with staff (money). */
export async function subsidyFileLines(db: Db, t: Translate, locale: string, honoreeId: number): Promise<string[]> {
  const rows = await db.subsidyPayment.findMany({ where: { honoreeId }, orderBy: [{ period: 'desc' }, { id: 'desc' }], take: 6, include: { policy: { select: { name: true } } } });
  if (!rows.length) return [];
  return [
    t('subsidies.file_title'),
    ...rows.map((p) =>
      t(`subsidies.file_${p.status}`, { period: p.period, name: p.policy.name, amount: formatMoney(p.amountFen, locale), due: p.dueDate, day: p.paidOn ?? '', reference: p.reference ?? '—' }),
    ),
  ];
}
