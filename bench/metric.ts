/**
 * One benchmark measurement, as `bench/results/latest.json` stores it. A metric's group is the
 * part of its name before the first dot (`automatch.contacts20k.ms` → `automatch`), which is
 * also the file under bench/groups/ that produces it.
 */
export interface Metric {
  /** `<group>.<what>.<unit>`, e.g. `build.taskpane.gz.kb`. */
  name: string;
  value: number;
  /** e.g. `ms`, `KB`. */
  unit: string;
  /** The same quantity for a reference measured in the same run, so that the ratio is comparable across machines. */
  baseline?: number;
  /** value / baseline; the runner fills it in when a group gives a baseline without it. */
  ratio?: number;
  note?: string;
}

/** What every bench/groups/<group>.ts exports. */
export type BenchGroup = { run(): Promise<Metric[]> };

export function groupOf(metricName: string): string {
  const dot = metricName.indexOf('.');
  return dot < 0 ? metricName : metricName.slice(0, dot);
}

/**
 * Checks what a group returned and completes the ratio. Throws with a message naming the group
 * and the metric, so that a wrong metric fails its group instead of landing in latest.json.
 */
export function checkMetrics(group: string, returned: unknown): Metric[] {
  if (!Array.isArray(returned)) throw new TypeError(`group "${group}" returned ${typeof returned}, not an array of metrics`);
  return returned.map((m: unknown, i): Metric => {
    const where = `group "${group}", metric #${i + 1}`;
    if (typeof m !== 'object' || m === null) throw new TypeError(`${where} is not an object`);
    const { name, value, unit, baseline, ratio, note } = m as Record<string, unknown>;
    if (typeof name !== 'string' || groupOf(name) !== group || !name.includes('.')) {
      throw new TypeError(`${where}: name ${JSON.stringify(name)} must be a string starting with "${group}."`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`${where} (${name}): value must be a finite number`);
    if (typeof unit !== 'string' || unit === '') throw new TypeError(`${where} (${name}): unit must be a non-empty string`);
    if (baseline !== undefined && (typeof baseline !== 'number' || !Number.isFinite(baseline))) {
      throw new TypeError(`${where} (${name}): baseline must be a finite number when given`);
    }
    if (ratio !== undefined && (typeof ratio !== 'number' || !Number.isFinite(ratio))) {
      throw new TypeError(`${where} (${name}): ratio must be a finite number when given`);
    }
    if (note !== undefined && typeof note !== 'string') throw new TypeError(`${where} (${name}): note must be a string when given`);
    const out: Metric = { name, value, unit };
    if (baseline !== undefined) out.baseline = baseline;
    if (ratio !== undefined) out.ratio = ratio;
    else if (baseline !== undefined && baseline !== 0) out.ratio = Math.round((value / baseline) * 1000) / 1000;
    if (note !== undefined) out.note = note;
    return out;
  });
}
