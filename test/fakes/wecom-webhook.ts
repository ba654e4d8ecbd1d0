import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake of WeCom's group robot webhook (POST /cgi-bin/webhook/send?key=KEY), on 127.0.0.1, as the
 * robot documentation describes it: a JSON message in, `{ errcode, errmsg }` out, errcode 0 when
 * posted. Keys marked invalid get 93000; a robot that goes over `perMinute` (when set) gets 130101
 * and is held, as WeCom holds it, until forgiven. Everything it was sent is kept for assertions.
 */

/** One request the fake received. */
export interface WebhookCall {
  method: string;
  path: string;
  key: string | null;
  contentType: string | undefined;
  /** The body parsed as JSON (undefined when it was not JSON). */
  body: unknown;
  /** Milliseconds (performance.now()) when it arrived. */
  at: number;
  /** What the fake answered: the HTTP status and errcode. */
  status: number;
  errcode?: number;
}

/** An answer to give instead of the usual one: an HTTP status, a body, or no answer at all. */
export type Scripted = { status?: number; body?: unknown } | 'hang';

export interface FakeWecom {
  /** The API root to hand the deliverer (HONORCARE_WECOM_API_ROOT). */
  root: string;
  calls: WebhookCall[];
  /** Texts posted (errcode 0) with `key`, in order. */
  texts(key: string): string[];
  /** Keys WeCom does not know (a wrong key, or a robot removed from its group): 93000. */
  invalidKeys: Set<string>;
  /** The next `times` posts (matching `when`) get `answer`; 'hang' never answers. */
  answerNext(answer: Scripted, times?: number, when?: (key: string | null, content: string | undefined) => boolean): void;
  /** Lifts a robot's "too fast" hold and forgets its recent posts. */
  forgive(key: string): void;
  stop(): Promise<void>;
}

const ok = { errcode: 0, errmsg: 'ok' };
/** errmsg texts in WeCom's style (an id and a pointer to its error lookup); no key is ever in them. */
const invalidWebhook = { errcode: 93000, errmsg: 'invalid webhook url, hint: [1700000000000000000000000], more info at https://open.work.weixin.qq.com/devtool/query?e=93000' };
const tooFast = { errcode: 130101, errmsg: 'send to group too frequently, hint: [1700000000000000000000001]' };

export async function startFakeWecom(o: { perMinute?: number } = {}): Promise<FakeWecom> {
  const calls: WebhookCall[] = [];
  const invalidKeys = new Set<string>();
  const scripts: Array<{ answer: Scripted; left: number; when?: (key: string | null, content: string | undefined) => boolean }> = [];
  /** Per key: the times of its recent posts, and whether it is held for going too fast. */
  const robots = new Map<string, { recent: number[]; held: boolean }>();
  const hanging = new Set<ServerResponse>();

  function answer(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const key = url.searchParams.get('key');
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    const content = (body as { text?: { content?: unknown } } | undefined)?.text?.content;
    const call: WebhookCall = { method: req.method ?? '', path: url.pathname, key, contentType: req.headers['content-type'], body, at: performance.now(), status: 200 };
    calls.push(call);
    const send = (status: number, json: unknown) => {
      call.status = status;
      if (json && typeof json === 'object' && 'errcode' in json) call.errcode = (json as { errcode: number }).errcode;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof json === 'string' ? json : JSON.stringify(json));
    };
    const script = scripts.find((s) => s.left > 0 && (!s.when || s.when(key, typeof content === 'string' ? content : undefined)));
    if (script) {
      script.left--;
      if (script.answer === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      return send(script.answer.status ?? 200, script.answer.body ?? ok);
    }
    if (req.method !== 'POST' || url.pathname !== '/cgi-bin/webhook/send') return send(404, 'not found');
    if (!key || invalidKeys.has(key)) return send(200, invalidWebhook);
    if (o.perMinute !== undefined) {
      const robot = robots.get(key) ?? { recent: [], held: false };
      robots.set(key, robot);
      robot.recent = robot.recent.filter((t) => call.at - t < 60_000);
      if (robot.held || robot.recent.length >= o.perMinute) {
        robot.held = true;
        return send(200, tooFast);
      }
      robot.recent.push(call.at);
    }
    send(200, ok);
  }

  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => answer(req, res, raw));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    root: `http://127.0.0.1:${port}`,
    calls,
    invalidKeys,
    texts: (key) =>
      calls.filter((c) => c.key === key && c.errcode === 0).map((c) => String((c.body as { text: { content: string } }).text.content)),
    answerNext: (answer, times = 1, when) => void scripts.push({ answer, left: times, when }),
    forgive: (key) => void robots.delete(key),
    stop: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
