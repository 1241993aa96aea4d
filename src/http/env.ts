import type { DbKind } from '../db/client';
import type { Actor, Ctx, ServiceDeps } from '../services/context';

export type Locale = 'en' | 'fr';

export interface AppDeps extends ServiceDeps {
  dbKind: DbKind;
  ping: () => Promise<void>;
  /** Serve the simulated demo network under /demo-network. */
  demoNetwork: boolean;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    actor: Actor | null;
    /** Set for cookie sessions; forms must echo it. */
    csrfToken: string | null;
    sessionToken: string | null;
    authKind: 'session' | 'token' | null;
    locale: Locale;
    ctx: Ctx;
  };
}
