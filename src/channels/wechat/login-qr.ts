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
