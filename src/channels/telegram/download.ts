import type { Api } from 'grammy';
import type { IncomingFile } from '../../core/message.ts';
import { linkSignals, type GrammySignal, type SignalLike } from './api-guard.ts';
import type { FileRef } from './to-incoming.ts';

/** A file above the size the bot accepts: refused before (or while) downloading it. */
export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`file of ${size} bytes is above the limit of ${limit} bytes`);
  }
}

export interface DownloadOptions {
  api: Api;
  /** `${apiRoot}/file/bot${token}`: secret, never logged or put in an error message. */
  fileRoot: string;
  fileId: string;
  declaredSize: number;
  maxBytes: number;
  /** Aborts the download (channel stopping, deadline). */
  signal?: AbortSignal;
}

/**
 * getFile, then the bytes from the Bot API's file route. The size is checked three times: as the
 * message declared it (no request at all), as getFile reports it, and while reading, so a wrong
 * declaration cannot make the bot hold more than `maxBytes`.
 */
export async function downloadFile(o: DownloadOptions): Promise<Uint8Array> {
  if (o.declaredSize > o.maxBytes) throw new FileTooLargeError(o.declaredSize, o.maxBytes);
  const file = await o.api.getFile(o.fileId, o.signal as GrammySignal);
  if ((file.file_size ?? 0) > o.maxBytes) throw new FileTooLargeError(file.file_size ?? 0, o.maxBytes);
  if (!file.file_path) throw new Error('Telegram gave no file_path for this file');
  const res = await fetch(`${o.fileRoot}/${file.file_path.split('/').map(encodeURIComponent).join('/')}`, { signal: o.signal });
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new Error(`file download failed: HTTP ${res.status}`);
  }
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > o.maxBytes) {
    await res.body.cancel();
    throw new FileTooLargeError(length, o.maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > o.maxBytes) {
      await reader.cancel();
      throw new FileTooLargeError(total, o.maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export interface FileReaderDeps {
  api: Api;
  fileRoot: string;
  maxBytes: number;
  /** The channel's stop signal: a download under way ends with the channel. */
  closing: SignalLike;
  deadlineMs: number;
  /** Makes errors safe to hand to the core (which logs them): no token in them. */
  scrub(err: unknown): unknown;
}

/** The IncomingFile of a file a person sent: nothing is fetched until the core reads it. */
export function incomingFile(ref: FileRef, deps: FileReaderDeps): IncomingFile {
  return {
    name: ref.name,
    size: ref.size,
    ...(ref.mimeType ? { mimeType: ref.mimeType } : {}),
    read: async () => {
      const linked = linkSignals([deps.closing], deps.deadlineMs);
      try {
        return await downloadFile({ api: deps.api, fileRoot: deps.fileRoot, fileId: ref.fileId, declaredSize: ref.size, maxBytes: deps.maxBytes, signal: linked.signal });
      } catch (err) {
        throw deps.scrub(err);
      } finally {
        linked.dispose();
      }
    },
  };
}
