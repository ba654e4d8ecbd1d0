import { channelContract } from './contract.ts';
import { telegramHarness } from './telegram-harness.ts';
import { terminalHarness } from './terminal-harness.ts';

channelContract('terminal', async () => terminalHarness());
channelContract('Telegram over the fake Bot API', telegramHarness);
