/**
 * The sandbox's notion of "now". Tests can advance it or make it run faster so that token
 * expiry, rate-limit windows and CDC's 30-day window can be exercised without waiting.
 */
export class SandboxClock {
  private anchorReal = Date.now();
  private anchorVirtual = this.anchorReal;
  private speed = 1;

  now(): number {
    return this.anchorVirtual + (Date.now() - this.anchorReal) * this.speed;
  }

  advance(ms: number): void {
    this.rebase();
    this.anchorVirtual += ms;
  }

  setSpeed(speed: number): void {
    this.rebase();
    this.speed = speed;
  }

  getSpeed(): number {
    return this.speed;
  }

  reset(): void {
    this.anchorReal = Date.now();
    this.anchorVirtual = this.anchorReal;
    this.speed = 1;
  }

  private rebase(): void {
    const virtualNow = this.now();
    this.anchorReal = Date.now();
    this.anchorVirtual = virtualNow;
  }
}
