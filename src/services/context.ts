import type { Connector, NetworkId, PostingLimits } from '../../connectors/types';
import type { Classifier } from '../classify';
import type { Db } from '../db/client';
import type { Role } from '../db/schema';
import type { Clock } from '../lib/clock';
import type { IdGenerator } from '../lib/ids';
import type { Logger } from '../lib/logger';
import type { SecretBox } from '../lib/secret-box';
import type { Notifier } from '../notify/notifier';
import type { TopicModelRegistry } from './learning/topic-models';
import type { ChartRasteriser } from './reports/png-chart';

export interface Actor {
  id: string;
  name: string;
  role: Role;
}

export interface ConnectorTarget {
  /** Stable per account (or listener): the factory keeps one connector per key, with its rate-limit state. */
  key: string;
  baseUrl: string | null;
  credentials: Record<string, string> | null;
  /** The account's server's own limits, as stored; the network's defaults when absent. */
  postingLimits?: PostingLimits | null;
  onCredentialsRotated?: (credentials: Record<string, string>) => Promise<void>;
}

/** Builds the connector for an account or listener: the one door to the outside world. */
export type ConnectorFactory = (network: NetworkId, target: ConnectorTarget) => Connector;

export type JobName =
  | 'poll-listeners'
  | 'send-replies'
  | 'send-notifications'
  | 'retrain-models'
  | 'demo-network'
  | 'check-slas'
  | 'refresh-rollups'
  | 'spike-alerts'
  | 'weekly-digest';

/** Everything a verb needs, passed in by the composition root (tests pass their own). */
export interface ServiceDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  classifier: Classifier;
  connectors: ConnectorFactory;
  /** Delivers notifications to Slack, Teams, webhooks. */
  notifier: Notifier;
  /** Each brand's trained topic model, as the classifier finds it. */
  topicModels: TopicModelRegistry;
  /** Seals credentials at rest (AES-GCM). */
  secrets: SecretBox;
  /** Asks the runtime to run a job soon (after a reply is approved, say); a no-op is valid. */
  nudge: (job: JobName) => void;
  /** Public URL of this service, for links sent outside (notifications, demo posts). */
  publicUrl: string;
  /** Parses a raw MIME e-mail (inbound expert replies); absent where there is no parser (Workers). */
  parseMime?: (raw: string) => Promise<{ from: string; to: string[]; subject: string; text: string }>;
  /** Draws report charts as PNG for e-mail; absent, the weekly digest keeps its charts as inline SVG. */
  charts?: ChartRasteriser;
  /** [0, 1) for jittered backoff; injected so tests are exact. Math.random when absent. */
  random?: () => number;
  /** Fault injection for tests/faults: kills the worker at named points. Absent in production. */
  faults?: import('./faults').FaultHook;
}

export interface Ctx extends ServiceDeps {
  /** Null when the system acts (jobs, the network). */
  actor: Actor | null;
}

export function asSystem(deps: ServiceDeps): Ctx {
  return { ...deps, actor: null };
}
