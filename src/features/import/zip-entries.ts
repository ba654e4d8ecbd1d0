/**
 * The few parts of a zip (an .xlsx is one) the import needs, read with bounds. A zip's
 * directory states each part's unpacked size, but a crafted file can lie, and a 1 MB upload can
 * unpack to gigabytes: sizes are checked before unpacking and bytes counted while unpacking,
 * which stops at the limit. Unpacking goes chunk by chunk, letting the event loop turn.
 */
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { UserError } from '../../core/errors.ts';
import { loopTurn } from '../../core/loop-turn.ts';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As the directory states it: a claim, checked again while unpacking. */
  declaredSize: number;
  localOffset: number;
}

const broken = () => new UserError('import.file.broken_xlsx');
const SLICE = 64 * 1024;

/** The entries of the zip's central directory. @throws UserError broken_xlsx when it has none. */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is in the last 65,557 bytes (22 bytes and a comment of at most 65,535).
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw broken();
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw broken();
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      declaredSize: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    // Encrypted parts cannot be read; a password-protected workbook is not a zip anyway.
    if (!(flags & 1)) entries.set(entry.name, entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

function* slices(data: Uint8Array) {
  for (let i = 0; i < data.length; i += SLICE) yield data.subarray(i, i + SLICE);
}

/**
 * Unpacks one entry chunk by chunk. Refuses it (the given error) when its stated size is over
 * `maxBytes`, and stops when the bytes actually unpacked pass it, whatever the directory said.
 */
export async function* unpack(bytes: Uint8Array, entry: ZipEntry, maxBytes: number, tooBig: () => Error): AsyncGenerator<Uint8Array> {
  if (entry.declaredSize > maxBytes) throw tooBig();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw broken();
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method !== 0 && entry.method !== 8) throw broken();
  const chunks = entry.method === 0 ? Readable.from(slices(data)) : Readable.from(slices(data)).pipe(createInflateRaw({ chunkSize: SLICE }));
  let total = 0;
  try {
    for await (const chunk of chunks as AsyncIterable<Uint8Array>) {
      total += chunk.length;
      if (total > maxBytes) throw tooBig();
      yield chunk;
      await loopTurn();
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    // A zlib error: a damaged or truncated file.
    throw broken();
  } finally {
    chunks.destroy();
  }
}

/** A whole (small) entry as text: the workbook's directory, relations, styles, shared strings. */
export async function unpackText(bytes: Uint8Array, entry: ZipEntry, maxBytes: number, tooBig: () => Error): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of unpack(bytes, entry, maxBytes, tooBig)) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
