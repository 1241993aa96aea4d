import { asSystem, type JobName, type ServiceDeps } from '../services/context';
import { advanceDemoNetwork } from '../services/demo/advance-demo-network';
import { pruneInboundReceipts } from '../services/escalation/prune-receipts';
import { checkSlas } from '../services/inbox/check-slas';
import { retrainModels } from '../services/learning/retrain-models';
import { pollDueListeners } from '../services/listening/poll-due-listeners';
import { sendDueNotifications } from '../services/notifications/send-due-notifications';
import { sendDueReplies } from '../services/replies/send-due-replies';
import { detectSpikes } from '../services/reports/detect-spikes';
import { refreshRollups } from '../services/reports/refresh-rollups';
import { queueWeeklyDigest } from '../services/reports/weekly-digest';

export interface JobDeps extends ServiceDeps {
  demoNetwork: boolean;
  /** True once the runtime is shutting down: jobs stop claiming and hand back what they hold. */
  shouldStop?: () => boolean;
}

export interface Job {
  name: JobName;
  /** Five-field cron, as both node-cron and Cloudflare Cron Triggers read it. */
  cron: string;
  description: string;
  run(deps: JobDeps): Promise<unknown>;
}

/** The one list of recurring jobs: node-cron and the Workers scheduled handler both read it. */
export const jobs: Job[] = [
  {
    name: 'poll-listeners',
    cron: '* * * * *',
    description: 'Poll every due listener once and store what it finds',
    run: (deps) => pollDueListeners(asSystem(deps), { shouldStop: deps.shouldStop }),
  },
  {
    name: 'send-replies',
    cron: '* * * * *',
    description: 'Post the approved replies waiting in the outbox',
    run: (deps) => sendDueReplies(asSystem(deps), { shouldStop: deps.shouldStop }),
  },
  {
    name: 'send-notifications',
    cron: '* * * * *',
    description: 'Deliver queued notifications to Slack, Teams and webhooks, with retries',
    run: (deps) => sendDueNotifications(asSystem(deps)),
  },
  {
    name: 'retrain-models',
    cron: '*/10 * * * *',
    description: "Retrain each brand's topic, sentiment and intent models from its advisors' new corrections",
    run: (deps) => retrainModels(asSystem(deps)),
  },
  {
    name: 'demo-network',
    cron: '* * * * *',
    description: 'In demo mode, let the simulated network publish new customer posts',
    run: async (deps) => (deps.demoNetwork ? advanceDemoNetwork(asSystem(deps)) : null),
  },
  {
    name: 'check-slas',
    cron: '* * * * *',
    description:
      'Remind case holders before SLA targets, hand missed cases to the backup, and forget expired inbound receipts',
    // The receipts ride along: a cheap delete every minute keeps the replay table small.
    run: async (deps) => {
      const slas = await checkSlas(asSystem(deps));
      return { ...slas, prunedReceipts: await pruneInboundReceipts(asSystem(deps)) };
    },
  },
  {
    name: 'refresh-rollups',
    cron: '* * * * *',
    description: 'Count newly classified or corrected mentions into the report rollups',
    run: (deps) => refreshRollups(asSystem(deps)),
  },
  {
    name: 'spike-alerts',
    cron: '*/10 * * * *',
    description: "Compare the last hour's volume and negative share with the usual, and alert marketing",
    run: async (deps) => {
      await refreshRollups(asSystem(deps));
      return detectSpikes(asSystem(deps));
    },
  },
  {
    name: 'weekly-digest',
    cron: '0 7 * * 1',
    description: "Queue the week's report digest for the marketing channels",
    run: (deps) => queueWeeklyDigest(asSystem(deps)),
  },
];

export function jobNamed(name: JobName): Job {
  const job = jobs.find((j) => j.name === name);
  if (!job) throw new Error(`No job named ${name}`);
  return job;
}
