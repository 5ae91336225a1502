/** Every request the sandbox answered, with counts per endpoint and operation (benchmarks count API calls here). */
export interface LoggedRequest {
  at: string;
  method: string;
  /** Path with ids replaced: /v3/company/:realmId/customer/:id */
  endpoint: string;
  realmId?: string;
  operation: string;
  status: number;
  ms: number;
  fault?: string;
}

const KEEP_ENTRIES = 2000;

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private byEndpoint = new Map<string, number>();
  private byOperation = new Map<string, number>();
  private byStatus = new Map<string, number>();
  private total = 0;

  add(entry: LoggedRequest): void {
    this.total++;
    const ep = `${entry.method} ${entry.endpoint}`;
    this.byEndpoint.set(ep, (this.byEndpoint.get(ep) ?? 0) + 1);
    this.byOperation.set(entry.operation, (this.byOperation.get(entry.operation) ?? 0) + 1);
    this.byStatus.set(String(entry.status), (this.byStatus.get(String(entry.status)) ?? 0) + 1);
    this.entries.push(entry);
    if (this.entries.length > KEEP_ENTRIES) this.entries = this.entries.slice(-KEEP_ENTRIES / 2);
  }

  clear(): void {
    this.entries = [];
    this.byEndpoint.clear();
    this.byOperation.clear();
    this.byStatus.clear();
    this.total = 0;
  }

  summary(limit: number, realmId?: string): Record<string, unknown> {
    const recent = (realmId ? this.entries.filter((e) => e.realmId === realmId) : this.entries).slice(-limit);
    return {
      total: this.total,
      byEndpoint: Object.fromEntries(this.byEndpoint),
      byOperation: Object.fromEntries(this.byOperation),
      byStatus: Object.fromEntries(this.byStatus),
      entries: recent,
    };
  }
}

/** Replaces ids in a path so counts group by endpoint. */
export function endpointOf(path: string): string {
  return path
    .replace(/^\/v3\/company\/\d+/, '/v3/company/:realmId')
    .replace(/\/(companyinfo)\/\d+$/, '/$1/:realmId')
    .replace(/\/([a-z]+)\/\d+$/, '/$1/:id');
}
