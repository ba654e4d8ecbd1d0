import pino from 'pino';
import { WechatChannel } from '../../src/channels/wechat/wechat-channel.ts';
import { WechatWorld, type BotMessage, type MockContact, type MockRoom } from '../fakes/wechat-world.ts';
import type { Harness, Shown, Who } from './harness.ts';

/** Small gaps: the contract is about what is said (wechat-deliver.test.ts is about the pacing). */
const QUICK = { minGapMs: 5, jitterMs: 0, perMinute: 10_000 };
/** A multi-part answer's next part comes within moments; none later than this after the last. */
const QUIET_MS = 300;

/** WeChat on wechaty-puppet-mock: real Wechaty, the real channel, the bot's account logged in. */
export async function wechatHarness(): Promise<Harness> {
  const world = new WechatWorld();
  const people: Record<Who, MockContact> = {
    admin: world.person('wxid_contract_admin', '老王'),
    staff: world.person('wxid_contract_staff', '小李'),
    stranger: world.person('wxid_contract_stranger', '路人'),
    zhang: world.person('wxid_contract_zhang', '张三'),
    daughter: world.person('wxid_contract_daughter', '海燕的女儿'),
    wang: world.person('wxid_contract_wang', '王建国'),
  };
  let office: MockRoom | undefined;
  let channel: WechatChannel | undefined;

  /** WeChat shows choices as numbered lines of the text: the same shape as the terminal's. */
  const shown = (m: BotMessage): Shown => ({ text: m.text, buttons: [] });
  async function answers(chat: string, say: () => void): Promise<Shown[]> {
    const after = world.sent.length;
    say();
    await world.next(chat, { after, timeoutMs: 10_000 });
    for (let seen = -1; seen !== world.sent.length; ) {
      seen = world.sent.length;
      await new Promise((r) => setTimeout(r, QUIET_MS));
    }
    return world.sent.slice(after).filter((m) => m.to === chat).map(shown);
  }

  return {
    channel: 'wechat',
    people: Object.fromEntries(Object.entries(people).map(([who, c]) => [who, { id: c.id, name: c.payload.name }])),
    buttons: false,
    async start(core) {
      channel = new WechatChannel({ puppet: world.puppet, log: pino({ level: 'silent' }), pacing: QUICK, acceptsUnmentioned: core.acceptsUnmentioned });
      await channel.start(core.handle, core.menu(), { membership: core.membership, availability: core.availability });
      world.login();
      for (let waited = 0; channel.via === undefined; waited += 20) {
        if (waited > 10_000) throw new Error('the WeChat channel did not log in');
        await new Promise((r) => setTimeout(r, 20));
      }
      office = world.group('工会办公室', [people.admin, people.staff]);
    },
    say: (who, text) => answers(people[who].id, () => world.say(people[who], text)),
    // In a group the bot acts when @-mentioned, as WeChat users address it.
    sayInGroup: (who, text) => answers(office!.id, () => world.say(people[who], `@工会助手\u2005${text}`, office, [world.bot])),
    get groupChatId() {
      return office?.id;
    },
    deliverer: () => ({ deliverer: channel!, via: channel!.via! }),
    address: (who) => ({ channel: 'wechat', via: channel!.via, chatId: people[who].id, kind: 'private' }),
    async received(who) {
      const last = world.sentTo(people[who].id).at(-1);
      if (!last) throw new Error(`nothing was sent to ${who}`);
      return shown(last);
    },
    sentTo: (who) => world.sentTo(people[who].id).map(shown),
    filesTo: (who) => world.sentTo(people[who].id).flatMap((m) => (m.file ? [m.file] : [])),
    sentToGroup: () => (office ? world.sentTo(office.id).map(shown) : []),
    async stop() {
      await channel?.stop();
    },
  };
}
