import { STAFF, type Person, type testChat } from './chat.ts';

type Chat = ReturnType<typeof testChat>;

/** The invite code in a reply: 8 characters of the code alphabet. */
export const codeIn = (text: string) => /[23456789A-HJKMNP-Z]{8}/.exec(text)?.[0];

/** Staff invite `who` for a file (in person, or as its proxy), and `who` binds with the code. */
export async function bindHonoree(chat: Chat, who: Person, fileNo: string, role: 'honoree' | 'proxy' = 'honoree'): Promise<string> {
  const code = codeIn(await chat.say(STAFF, `邀请 ${fileNo}${role === 'proxy' ? ' 代理人' : ''}`));
  return chat.say(who, `绑定 ${code}`);
}

/** The people of the checkup stories, each bound to a file by {@link bindCast}. */
export const CAST = {
  ZHANG: { channel: 'telegram', id: '5101', name: '张三' },
  DAUGHTER: { channel: 'telegram', id: '5102', name: '李海燕的女儿' },
  WANG: { channel: 'telegram', id: '5103', name: '王' },
  ZHAO: { channel: 'telegram', id: '5105', name: '赵' },
} satisfies Record<string, Person>;

/** 张三 binds LM00001 in person, 李海燕's daughter LM00002 as proxy, 王 LM00003 and 赵 LM00005; LM00004 has no account. */
export async function bindCast(chat: Chat): Promise<void> {
  await bindHonoree(chat, CAST.ZHANG, 'LM00001');
  await bindHonoree(chat, CAST.DAUGHTER, 'LM00002', 'proxy');
  await bindHonoree(chat, CAST.WANG, 'LM00003');
  await bindHonoree(chat, CAST.ZHAO, 'LM00005');
}

/**
 * Staff create a 2027 campaign at 示例县人民医院 through the guided conversation, inviting the
 * listed file numbers, and confirm it.
 */
export async function createCampaign(chat: Chat, o: { slots: string; fileNos: string[]; preparation?: string }): Promise<string> {
  let last = '';
  for (const answer of ['体检 新建', '2027', '示例县人民医院', '示例县健康路1号', o.preparation ?? '跳过', o.slots, '6', o.fileNos.join('、'), '1']) {
    last = await chat.say(STAFF, answer);
  }
  return last;
}
