import { demoUsers } from '../services/demo/seed-demo';

/** Demo mode only: a known password, printed at start so a newcomer can sign in at once. */
export const DEMO_PASSWORD = 'demo-passerelle';

export function printDemoLogins(publicUrl: string, created: boolean): void {
  const lines = [
    '',
    `  Passerelle demo ${created ? 'workspace created' : 'workspace ready'}: open ${publicUrl}/login`,
    `  Password for every demo user: ${DEMO_PASSWORD}`,
    ...demoUsers.map(
      (u) =>
        `    ${u.role.padEnd(10)} ${u.email.padEnd(22)} ${u.name}${u.skills.length ? ` (${u.skills.join(', ')})` : ''}`,
    ),
    `  The simulated public network: ${publicUrl}/demo-network`,
    '',
  ];
  console.log(lines.join('\n'));
}
