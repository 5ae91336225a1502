/**
 * Writes a JSON file so that a crash or Ctrl-C mid-write never leaves a half-written file:
 * the text goes to a temporary file in the same folder, is flushed to disk, and is renamed over
 * the target (rename is atomic on one file system). Concurrent saves are coalesced: while one
 * write runs, later requests wait for a single follow-up write of the latest state.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** `mode` 0o600 makes a file readable by its owner only (keys); it is also applied to a file an older shell wrote wider. */
export async function writeJsonAtomically(file: string, value: unknown, mode?: number): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await fs.open(temp, 'w', mode);
  try {
    await handle.writeFile(JSON.stringify(value));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
    if (mode !== undefined) await fs.chmod(file, mode);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

/** Returns the parsed file, or undefined when it does not exist. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not valid JSON (${(err as Error).message}). Move it away or start the shell with a fresh demo firm.`, { cause: err });
  }
}

/** Serialises saves of one file: every `save()` resolves once a write that includes its state is on disk. */
export class CoalescingWriter {
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => unknown,
  ) {}

  save(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) {
      this.running = this.write();
      return this.running;
    }
    const after = this.running;
    this.queued = after
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        this.running = this.write();
        return this.running;
      });
    return this.queued;
  }

  private async write(): Promise<void> {
    try {
      await writeJsonAtomically(this.file, this.snapshot());
    } finally {
      this.running = undefined;
    }
  }
}
