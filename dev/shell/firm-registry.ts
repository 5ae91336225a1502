/**
 * The firms the stand-in holds and who signs in to which. Each firm keeps its own file under the
 * data dir; the demo firm keeps `firm.json`, so data folders from before there were two firms open
 * unchanged. Every user belongs to exactly one firm, so a user id alone picks the firm.
 */
import path from 'node:path';
import type { HostUser } from '../../src/sync/host/protocol';
import { DEMO_FIRM_ID, generateDemoFirm } from './demo-firm';
import type { FirmData } from './firm-data';
import { FirmStore } from './firm-store';
import { InputError } from './input-error';
import { ORTIZ_FIRM_ID, generateOrtizFirm } from './ortiz-firm';

interface FirmDefinition {
  id: string;
  file: string;
  generate: () => FirmData;
}

/** The demo firm comes first: a request that names no user acts as its first user. */
export const FIRMS: readonly FirmDefinition[] = [
  { id: DEMO_FIRM_ID, file: 'firm.json', generate: generateDemoFirm },
  { id: ORTIZ_FIRM_ID, file: `${ORTIZ_FIRM_ID}.json`, generate: generateOrtizFirm },
];

/** A user as the sign-in list shows them: with their firm. */
export interface SignInUser extends HostUser {
  firmId: string;
  firmName: string;
}

export interface SignedIn {
  store: FirmStore;
  user: HostUser;
}

export class FirmRegistry {
  private constructor(readonly firms: readonly FirmStore[]) {}

  static async open(dataDir: string, fresh = false): Promise<FirmRegistry> {
    const firms: FirmStore[] = [];
    for (const def of FIRMS) firms.push(await FirmStore.openFirm(def.id, path.join(dataDir, def.file), def.generate, fresh));
    const registry = new FirmRegistry(firms);
    registry.checkUniqueUsers();
    return registry;
  }

  private checkUniqueUsers(): void {
    const seen = new Map<string, string>();
    for (const store of this.firms) {
      for (const user of store.listUsers()) {
        const other = seen.get(user.id);
        if (other) throw new Error(`User id "${user.id}" belongs to both ${other} and ${store.firmId}; each user belongs to one firm. Start with a fresh demo firm (npm start -- --fresh).`);
        seen.set(user.id, store.firmId);
      }
    }
  }

  /** Everyone who can sign in, firm by firm. */
  users(): SignInUser[] {
    return this.firms.flatMap((store) => store.listUsers().map((u) => ({ ...u, firmId: store.firmId, firmName: store.firmName })));
  }

  /**
   * The firm and user a request acts for. No user id: the demo firm's first user, so that tests
   * and scripts written before there were several firms keep working.
   */
  signIn(userId: string | undefined): SignedIn {
    if (userId === undefined || userId === '') {
      const store = this.firms[0];
      return { store, user: store.listUsers()[0] };
    }
    for (const store of this.firms) {
      const user = store.findUser(userId);
      if (user) return { store, user };
    }
    throw new InputError('unknown_user', `No user of any firm has id "${userId}". Choose a user in the shell's "Signed in as" list (GET /api/users lists them).`);
  }

  async persist(): Promise<void> {
    await Promise.all(this.firms.map((f) => f.persist()));
  }

  /** Every firm back to its generated records (test-only route). */
  reset(): void {
    for (const store of this.firms) store.reset();
  }
}
