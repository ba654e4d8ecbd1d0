import type { Logger } from 'pino';
import QRCode from 'qrcode';
import { ScanStatus } from 'wechaty';

/** The scan states in which the puppet shows a new code to scan (a first one, or one after the last expired). */
export const isCodeToScan = (status: ScanStatus, qrcode: string): boolean => qrcode !== '' && (status === ScanStatus.Waiting || status === ScanStatus.Timeout);

/**
 * The login QR code drawn for a terminal: half blocks, two rows of the code per line of text,
 * dark on light, so a phone scans it off the screen.
 */
export function drawQr(value: string): Promise<string> {
  return QRCode.toString(value, { type: 'terminal', small: true });
}

/**
 * What the puppet's scan events show the operator: a new code to scan is logged (its text, a
 * login URL, scanned from the drawing or turned into a code by any QR tool) and drawn on
 * `output`; any other state (scanned, confirmed, cancelled) is only logged.
 */
export async function showLoginCode(qrcode: string, status: ScanStatus, log: Logger, output?: { write(text: string): unknown }): Promise<void> {
  if (!isCodeToScan(status, qrcode)) {
    log.info({ status }, 'wechat login: scan status');
    return;
  }
  log.info({ qrcode }, 'wechat login: scan this QR code with the WeChat app of the bot account');
  if (!output) return;
  try {
    output.write(`\n${await drawQr(qrcode)}\n${qrcode}\n`);
  } catch (err) {
    log.warn({ err }, 'could not draw the login QR code');
  }
}
