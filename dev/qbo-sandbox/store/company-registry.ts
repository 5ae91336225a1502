/** The companies (realms) the sandbox holds, each in its own folder under <dataDir>/companies. */
import fs from 'node:fs';
import path from 'node:path';
import { DurableLog } from './durable-log';
import { companyCodec, type CompanyEntry, type CompanyState } from './company-state';

export type CompanyLog = DurableLog<CompanyState, CompanyEntry>;

export class CompanyRegistry {
  private readonly companies = new Map<string, CompanyLog>();
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'companies');
  }

  /** Opens every company found on disk; returns how many. */
  open(): number {
    fs.mkdirSync(this.root, { recursive: true });
    for (const name of fs.readdirSync(this.root).sort()) {
      const dir = path.join(this.root, name);
      if (!/^\d+$/.test(name) || !DurableLog.exists(dir)) continue;
      const log = new DurableLog(dir, companyCodec(name));
      log.open();
      this.companies.set(name, log);
    }
    return this.companies.size;
  }

  get(realmId: string): CompanyLog | undefined {
    return this.companies.get(realmId);
  }

  realmIds(): string[] {
    return [...this.companies.keys()];
  }

  /** Stores a whole company (demo load, seeding) as a fresh snapshot. */
  put(state: CompanyState): CompanyLog {
    let log = this.companies.get(state.realmId);
    if (!log) {
      log = new DurableLog(path.join(this.root, state.realmId), companyCodec(state.realmId));
      log.open();
      this.companies.set(state.realmId, log);
    }
    log.replace(state);
    return log;
  }

  wipe(): void {
    this.close();
    this.companies.clear();
    fs.rmSync(this.root, { recursive: true, force: true });
    fs.mkdirSync(this.root, { recursive: true });
  }

  close(): void {
    for (const log of this.companies.values()) log.close();
  }
}
