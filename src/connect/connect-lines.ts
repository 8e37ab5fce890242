import type { ConnectEndpoint, ConnectPlan, KeyCustody } from './connect-types.js';
import type { ConnectReport, ListedClient } from './run-connect.js';

/** Shows a path as `~/…` under the home directory. */
export type DisplayPath = (file: string) => string;

/** A report as plain lines, for the terminal and the chat alike. Holds no key: plans never do. */
export function connectReportLines(report: ConnectReport, display: DisplayPath): string[] {
  switch (report.kind) {
    case 'listing':
      return listingLines(report.endpoint, report.clients, display);
    case 'needs-confirmation':
      return [
        `${report.plan.clientName} cannot take the key by reference. Before anything is written:`,
        ...report.plan.warnings.map((warning) => `  ! ${warning}`),
        `Nothing was written to ${display(report.plan.file)} yet.`,
      ];
    case 'result':
      return resultLines(report.plan, report.dryRun, display);
  }
}

function resultLines(plan: ConnectPlan, dryRun: boolean, display: DisplayPath): string[] {
  const file = display(plan.file);
  const lines: string[] = [];
  const backup = plan.backup ? ` (previous version saved as ${display(plan.backup)})` : '';
  switch (plan.action) {
    case 'unchanged':
      lines.push(`${plan.clientName} is already connected: ${file} has this favcrm entry. Nothing changed.`);
      break;
    case 'absent':
      lines.push(`${plan.clientName} has no favcrm entry in ${file}: nothing to remove.`);
      break;
    case 'remove':
      lines.push(dryRun ? `Would remove favcrm from ${file}.` : `Removed favcrm from ${file}${backup}.`);
      break;
    default: {
      const verb = plan.action === 'create' ? ['Would create', 'Created'] : plan.action === 'add' ? ['Would add favcrm to', 'Added favcrm to'] : ['Would update favcrm in', 'Updated favcrm in'];
      lines.push(`${dryRun ? verb[0] : verb[1]} ${file}${dryRun ? ':' : `${backup}.`}`);
      if (dryRun && plan.preview) lines.push(...plan.preview.split('\n').map((line) => `    ${line}`));
      lines.push(`  Endpoint: ${plan.url}`, `  Key:      ${custodyLine(plan.custody, plan.clientName, plan.keyInFile, file)}`);
    }
  }
  if (plan.action !== 'absent') {
    for (const warning of plan.warnings) lines.push(`  ! ${warning}`);
    if (plan.action !== 'remove' || !dryRun) {
      lines.push('Next:');
      for (const step of plan.nextSteps) lines.push(`  • ${step}`);
    }
  }
  return lines;
}

function listingLines(endpoint: ConnectEndpoint, clients: ListedClient[], display: DisplayPath): string[] {
  const lines = [`FavCRM endpoint: ${endpoint.url} (${endpoint.source})${endpoint.sandbox ? ' — a local sandbox: other clients reach it only while it runs' : ''}`, ''];
  const width = Math.max(...clients.map((client) => client.clientName.length));
  for (const client of clients) {
    const found = client.evidence.length > 0 ? `found (${client.evidence.map((item) => (item.includes(' on PATH') ? item.split(' (')[0] : display(item))).join(', ')})` : 'not found';
    const connected = client.connected ? `; connected${client.connected.url ? ` to ${client.connected.url}` : ''}` : '';
    lines.push(`${client.evidence.length > 0 || client.connected ? '✓' : '·'} ${client.clientName.padEnd(width)}  ${found}${connected}`);
    if (client.problem) lines.push(`    cannot connect: ${client.problem.message}`);
    else if (client.plan) lines.push(`    ${wouldLine(client.plan, display)}`);
  }
  lines.push('', 'Run `favcrm-chat connect <client>` to write one (add --dry-run to see the entry first, --scope project for this folder).');
  return lines;
}

function wouldLine(plan: ConnectPlan, display: DisplayPath): string {
  const file = display(plan.file);
  const key = plan.keyInFile ? ' — the key inline, file made 0600' : '';
  if (plan.action === 'unchanged') return `already in ${file}`;
  if (plan.action === 'create') return `would create ${file}${key}`;
  return `would ${plan.action === 'add' ? 'add favcrm to' : 'update favcrm in'} ${file}${key}`;
}

function custodyLine(custody: KeyCustody, clientName: string, keyInFile: boolean, file: string): string {
  if (custody.kind === 'environment') return `not in the file: ${clientName} reads ${custody.variable} from its environment`;
  if (custody.kind === 'prompt') return `not in the file: ${clientName} asks for it once and keeps it in its secret storage`;
  return keyInFile ? `written into ${file} (mode 0600, readable by you only)` : 'inline';
}
