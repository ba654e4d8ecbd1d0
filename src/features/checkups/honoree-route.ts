import type { Address } from '../../core/delivery.ts';
import type { Translate } from '../../core/i18n.ts';
import { HONOREE_ROLES } from '../../core/roles.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { FeatureDeps } from '../feature.ts';

/** Where an honoree is written to: an account of theirs or their proxy's, and its address. */
export interface HonoreeRoute {
  accountId: number;
  to: Address;
}

/**
 * For each honoree, the account used last of those bound to their file (their own or their
 * proxy's, on any channel), active ones only. A person bound on two channels is written to on
 * the one they used last; never used, the one bound last. Honorees with none are missing.
 */
export async function honoreeRoutes(db: Db | Tx, honoreeIds: number[]): Promise<Map<number, HonoreeRoute>> {
  const routes = new Map<number, HonoreeRoute & { at: number }>();
  // In chunks: a campaign may invite thousands, and a statement takes a bounded number of values.
  for (let i = 0; i < honoreeIds.length; i += 500) {
    const accounts = await db.account.findMany({
      where: { honoreeId: { in: honoreeIds.slice(i, i + 500) }, active: true, role: { in: [...HONOREE_ROLES] } },
      select: { id: true, honoreeId: true, channel: true, via: true, externalId: true, lastSeenAt: true, createdAt: true },
    });
    for (const a of accounts) {
      const at = (a.lastSeenAt ?? a.createdAt).getTime();
      const known = routes.get(a.honoreeId!);
      if (known && (known.at > at || (known.at === at && known.accountId > a.id))) continue;
      // A private chat's id is the person's id on every channel the bot speaks.
      routes.set(a.honoreeId!, { accountId: a.id, at, to: { channel: a.channel as Address['channel'], via: a.via || undefined, chatId: a.externalId, kind: 'private' } });
    }
  }
  return new Map([...routes].map(([id, { accountId, to }]) => [id, { accountId, to }]));
}

/** Someone a checkup message can go to: routed, named, and addressed in the reader's language. */
export interface Recipient extends HonoreeRoute {
  name: string;
  t: Translate;
}

/**
 * Of these honorees, those the bot may write to on its own (an account, and no 退订), each with
 * their name and the language of the account written to (the office's when it has none set);
 * `fallback` translates when the app has no translator per language.
 */
export async function recipients(db: Db | Tx, deps: Pick<FeatureDeps, 'translate' | 'defaultLocale'>, honoreeIds: number[], fallback: Translate): Promise<Map<number, Recipient>> {
  const routes = await honoreeRoutes(db, honoreeIds);
  const ids = [...routes.keys()];
  const out = new Map<number, Recipient>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const files = await db.honoree.findMany({ where: { id: { in: chunk }, messagesOffAt: null }, select: { id: true, name: true } });
    const accounts = chunk.map((id) => routes.get(id)!.accountId);
    const locales = new Map((await db.account.findMany({ where: { id: { in: accounts } }, select: { id: true, locale: true } })).map((a) => [a.id, a.locale]));
    for (const f of files) {
      const route = routes.get(f.id)!;
      const locale = locales.get(route.accountId) === 'en' ? 'en' : (deps.defaultLocale ?? 'zh-CN');
      out.set(f.id, { ...route, name: f.name, t: deps.translate ? deps.translate(locale) : fallback });
    }
  }
  return out;
}
