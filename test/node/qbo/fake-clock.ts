/** A clock for tests: time moves only when the test says so; sleepers wake in order. */
export class FakeClock {
  private t = 0;
  private timers: Array<{ at: number; seq: number; wake: () => void }> = [];
  private seq = 0;
  readonly sleeps: number[] = [];

  now = (): number => this.t;

  sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    return new Promise((wake) => {
      this.timers.push({ at: this.t + ms, seq: this.seq++, wake });
    });
  };

  /** Lets pending promise callbacks run. */
  async settle(): Promise<void> {
    for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
  }

  /** Moves time forward to `target`, waking each sleeper at its own time. */
  async advanceTo(target: number): Promise<void> {
    await this.settle();
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.t = Math.max(this.t, next.at);
      next.wake();
      await this.settle();
    }
    this.t = Math.max(this.t, target);
    await this.settle();
  }

  get pendingTimers(): number {
    return this.timers.length;
  }
}
