/**
 * Builds company data through the same write engine the API uses (so demo and seeded data
 * obey every rule), applying to memory only; the caller persists the result as a snapshot.
 */
import type { JsonObject } from '../http-io';
import { pacificTimestamp } from '../pacific-time';
import { specOf } from '../entities/registry';
import { createEntity } from '../ops/write-engine';
import { applyCompanyEntry, emptyCompany, putObject, type CompanyState, type EntityName } from './company-state';

export class CompanyBuilder {
  readonly state: CompanyState;

  constructor(
    stateOrRealm: CompanyState | string,
    private now: number,
  ) {
    this.state = typeof stateOrRealm === 'string' ? emptyCompany(stateOrRealm) : stateOrRealm;
  }

  /** Moves the builder's clock (so demo data has varied MetaData times). */
  at(ms: number): this {
    this.now = ms;
    return this;
  }

  /** Stores an object as given (singletons, tax codes), with system fields filled. */
  raw(entity: EntityName, obj: JsonObject): JsonObject {
    const text = pacificTimestamp(this.now);
    const full: JsonObject = { domain: 'QBO', sparse: false, SyncToken: '0', MetaData: { CreateTime: text, LastUpdatedTime: text }, ...obj };
    putObject(this.state, entity, full);
    return full;
  }

  create(entity: EntityName, input: JsonObject): JsonObject {
    const spec = specOf(entity);
    if (!spec) throw new Error(`No entity spec for ${entity}; the company builder can only create API entities.`);
    const { entry, answer } = createEntity(spec, { state: this.state, now: this.now, nowText: pacificTimestamp(this.now), include: new Set() }, input);
    applyCompanyEntry(this.state, entry);
    return answer;
  }

  ref(obj: JsonObject): JsonObject {
    return { value: String(obj.Id) };
  }
}
