/**
 * Admission control: at most `concurrency` requests are served at once, at most `queue` wait
 * for a turn (first come, first served), and anything beyond is refused at once. While the
 * database stalls, requests that hold a turn don't finish; the waiting line fills up and the
 * next request gets its 503 in microseconds instead of joining an unbounded queue whose
 * latency only grows (ADR 013).
 */
export class Gate {
  private active = 0;
  private readonly waiting: { grant: () => void; cancelled: boolean }[] = [];

  constructor(
    readonly concurrency: number,
    readonly queue: number,
  ) {}

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Waits for a turn. Resolves with a release function, or 'full' when the line is full, or
   * 'aborted' when `signal` aborts first (the request's deadline: it leaves the line).
   */
  enter(signal: AbortSignal): Promise<{ release: () => void } | 'full' | 'aborted'> {
    if (signal.aborted) return Promise.resolve('aborted');
    if (this.active < this.concurrency) {
      this.active += 1;
      return Promise.resolve({ release: this.releaser() });
    }
    if (this.queued >= this.queue) return Promise.resolve('full');
    return new Promise((resolve) => {
      const ticket = {
        cancelled: false,
        grant: () => resolve({ release: this.releaser() }),
      };
      signal.addEventListener(
        'abort',
        () => {
          if (ticket.cancelled) return;
          ticket.cancelled = true;
          const at = this.waiting.indexOf(ticket);
          if (at !== -1) this.waiting.splice(at, 1);
          resolve('aborted');
        },
        { once: true },
      );
      this.waiting.push(ticket);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.next();
    };
  }

  private next() {
    while (this.active < this.concurrency && this.waiting.length > 0) {
      const ticket = this.waiting.shift()!;
      if (ticket.cancelled) continue;
      // Marked so a late abort doesn't resolve the promise a second time.
      ticket.cancelled = true;
      this.active += 1;
      ticket.grant();
    }
  }
}
