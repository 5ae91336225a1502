/**
 * Snapshot + append-only journal for one piece of sandbox state (a company, or the OAuth
 * grants). A write is one JSON line, appended and fdatasync'd before the caller applies it
 * in memory and answers, so an answered write is always on disk and a torn last line (crash
 * mid-append) is ignored on replay: no half-applied write is ever read back.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface DurableCodec<S, E> {
  empty(): S;
  /** Apply one journal entry to the state; must be deterministic. */
  apply(state: S, entry: E): void;
  toSnapshot(state: S): unknown;
  fromSnapshot(raw: unknown): S;
}

export class DurableLog<S, E> {
  private fd: number | undefined;
  private readonly snapshotPath: string;
  private readonly journalPath: string;
  state: S;

  constructor(
    readonly dir: string,
    private readonly codec: DurableCodec<S, E>,
  ) {
    this.snapshotPath = path.join(dir, 'snapshot.json');
    this.journalPath = path.join(dir, 'journal.jsonl');
    this.state = codec.empty();
  }

  static exists(dir: string): boolean {
    return fs.existsSync(path.join(dir, 'snapshot.json')) || fs.existsSync(path.join(dir, 'journal.jsonl'));
  }

  /** Loads snapshot and journal, then compacts them into a fresh snapshot. */
  open(): void {
    fs.mkdirSync(this.dir, { recursive: true });
    this.state = fs.existsSync(this.snapshotPath)
      ? this.codec.fromSnapshot(JSON.parse(fs.readFileSync(this.snapshotPath, 'utf8')))
      : this.codec.empty();
    if (fs.existsSync(this.journalPath)) {
      const lines = fs.readFileSync(this.journalPath, 'utf8').split('\n');
      for (const line of lines) {
        if (!line.trim()) continue;
        let entry: E;
        try {
          entry = JSON.parse(line) as E;
        } catch {
          // Only the last line can be torn (the append was not acknowledged); stop there.
          break;
        }
        this.codec.apply(this.state, entry);
      }
    }
    this.compact();
  }

  /** Journal first, then apply: the answer is sent only after both. */
  commit(entry: E): void {
    if (this.fd === undefined) throw new Error(`Durable log in ${this.dir} is not open; call open() first.`);
    const line = JSON.stringify(entry) + '\n';
    fs.writeSync(this.fd, line);
    fs.fdatasyncSync(this.fd);
    this.codec.apply(this.state, entry);
  }

  /** Writes the whole state as a snapshot (atomically) and empties the journal. */
  compact(): void {
    this.closeFd();
    fs.mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.snapshotPath}.tmp`;
    const fd = fs.openSync(tmp, 'w', 0o600);
    fs.writeSync(fd, JSON.stringify(this.codec.toSnapshot(this.state)));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, this.snapshotPath);
    fs.writeFileSync(this.journalPath, '', { mode: 0o600 });
    this.fd = fs.openSync(this.journalPath, 'a', 0o600);
  }

  /** Replace the state wholesale (reset, seeding) and persist it as a snapshot. */
  replace(state: S): void {
    this.state = state;
    this.compact();
  }

  close(): void {
    this.closeFd();
  }

  private closeFd(): void {
    if (this.fd !== undefined) {
      fs.closeSync(this.fd);
      this.fd = undefined;
    }
  }
}
