/**
 * Notices a puppet that went quiet. Every event from it counts as a sign of life; when nothing
 * came for a third of the silence limit, the puppet is asked (`ding`: a live one answers `dong`),
 * so a quiet office is not mistaken for a dead connection. Nothing at all for the whole limit:
 * silent. The next sign of life: heard again.
 */
export class Watchdog {
  private lastHeard = Date.now();
  private silent = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly silenceMs: number,
    private readonly on: { ask(): void; silent(since: Date): void; back(): void },
  ) {}

  start(): void {
    this.lastHeard = Date.now();
    this.timer = setInterval(() => this.check(), Math.max(50, Math.floor(this.silenceMs / 6)));
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Any event from the puppet. */
  heard(): void {
    this.lastHeard = Date.now();
    if (!this.silent) return;
    this.silent = false;
    this.on.back();
  }

  private check(): void {
    const quiet = Date.now() - this.lastHeard;
    if (this.silent) return;
    if (quiet >= this.silenceMs) {
      this.silent = true;
      this.on.silent(new Date(this.lastHeard));
    } else if (quiet >= this.silenceMs / 3) this.on.ask();
  }
}
