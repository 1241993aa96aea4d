import type { Role } from '../db/schema';

/**
 * Who may do what. One table, read by the API, the pages and the services, so the role matrix
 * tests exercise a single source of truth.
 */
export const permissions = {
  'inbox.read': ['advisor', 'admin'],
  'case.read': ['advisor', 'expert', 'admin'],
  'case.claim': ['advisor', 'admin'],
  'case.reply': ['advisor', 'admin'],
  'case.escalate': ['advisor', 'admin'],
  'case.ignore': ['advisor', 'admin'],
  'case.approve': ['advisor', 'admin'],
  'case.note': ['advisor', 'expert', 'admin'],
  'expert.queue': ['expert', 'admin'],
  'expert.answer': ['expert', 'admin'],
  'reports.read': ['marketing', 'advisor', 'admin'],
  /** Spike thresholds: marketing receives the alerts, so it says what is worth one. */
  'reports.configure': ['marketing', 'admin'],
  'listeners.poll': ['admin'],
  'users.manage': ['admin'],
  'connections.manage': ['admin'],
  'topics.manage': ['admin'],
  'sla.manage': ['admin'],
  'accuracy.read': ['marketing', 'admin'],
  'classify.run': ['advisor', 'expert', 'marketing', 'admin'],
  /** The expert directory: advisors read it to reroute; only admins change the routing rules. */
  'experts.read': ['advisor', 'admin'],
  'experts.manage': ['admin'],
  /** Anyone in the directory sets their own availability; the verb checks it is their own. */
  'experts.availability': ['advisor', 'expert', 'marketing', 'admin'],
  'case.reroute': ['advisor', 'admin'],
  'knowledge.read': ['advisor', 'expert', 'marketing', 'admin'],
  'knowledge.edit': ['expert', 'marketing', 'admin'],
  'guidelines.manage': ['admin'],
  'recognition.read': ['advisor', 'expert', 'marketing', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}
