/**
 * An append-only log that tests can wait on: `waitFor` resolves with the first entry, past or future,
 * that matches a predicate.
 */

interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** A log of entries of type T with waiters. */
export class Recorder<T> {
  /** The entries, oldest first. Tests read this array directly. */
  readonly items: T[] = [];
  private readonly waiters = new Set<Waiter<T>>();

  constructor(
    private readonly name: string,
    private readonly describe: (item: T) => string,
  ) {}

  /** Appends an entry and wakes the waiters it matches. */
  push(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      if (!waiter.predicate(item)) continue;
      this.settle(waiter);
      waiter.resolve(item);
    }
  }

  /** Forgets every entry; pending waiters keep waiting for new ones. */
  clear(): void {
    this.items.length = 0;
  }

  /**
   * Resolves with the first entry (already logged or logged later) that matches; rejects after
   * `timeoutMs` with a message listing what was logged.
   */
  waitFor(predicate: (item: T) => boolean, timeoutMs: number, what = 'a matching entry'): Promise<T> {
    const found = this.items.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.settle(waiter);
          reject(
            new Error(`${this.name}: timed out after ${timeoutMs} ms waiting for ${what}. ${this.summary()}`),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Rejects every pending waiter (used when the emulator closes). */
  rejectAll(reason: string): void {
    for (const waiter of [...this.waiters]) {
      this.settle(waiter);
      waiter.reject(new Error(`${this.name}: ${reason}`));
    }
  }

  private settle(waiter: Waiter<T>): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
  }

  private summary(): string {
    if (this.items.length === 0) return 'Nothing was recorded.';
    const last = this.items.slice(-15).map(this.describe);
    const skipped = this.items.length - last.length;
    return `Recorded (${this.items.length}${skipped > 0 ? `, last ${last.length}` : ''}):\n  ${last.join('\n  ')}`;
  }
}
