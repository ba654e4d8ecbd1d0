import { channelContract } from './contract.ts';
import { telegramHarness } from './telegram-harness.ts';
import { terminalHarness } from './terminal-harness.ts';
import { wechatHarness } from './wechat-harness.ts';

channelContract('terminal', async () => terminalHarness());
channelContract('Telegram over the fake Bot API', telegramHarness);
channelContract('WeChat on the mock puppet', wechatHarness);
