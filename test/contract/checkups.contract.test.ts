import { checkupContract } from './checkup-contract.ts';
import { telegramHarness } from './telegram-harness.ts';
import { terminalHarness } from './terminal-harness.ts';
import { wechatHarness } from './wechat-harness.ts';

checkupContract('Telegram over the fake Bot API', telegramHarness);
checkupContract('WeChat on the mock puppet', wechatHarness);
checkupContract('the terminal, staff answering for everyone', async () => terminalHarness());
