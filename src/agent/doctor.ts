import type { ConnectFavcrm } from '../mcp/favcrm-connection.js';
import { FavcrmConnectionError } from '../mcp/connection-errors.js';
import { redactDeep } from '../secrets/redact-secrets.js';
import type { DoctorReport } from './events.js';

interface DoctorInput {
  url: string;
  apiKey: string | null;
  authSource: string | null;
  connect: ConnectFavcrm;
}

/** The official CLI's doctor (contract §3.2): tools/list, then whoami, plan and WhatsApp when a key is present. Never throws. */
export async function runDoctor(input: DoctorInput): Promise<DoctorReport> {
  const report: DoctorReport = { url: input.url, authenticated: input.apiKey !== null, reachable: false };
  if (input.apiKey && input.authSource) report.authSource = input.authSource;
  let connection;
  let keyRejected: string | null = null;
  try {
    try {
      connection = await input.connect(input.url, input.apiKey);
    } catch (error) {
      // Like the official doctor: a rejected key still lets tools/list prove the server is reachable.
      if (!input.apiKey || !FavcrmConnectionError.isInstance(error) || error.kind !== 'unauthorized') throw error;
      keyRejected = `${error.message} ${error.hint}`;
      connection = await input.connect(input.url, null);
    }
    const tools = await connection.listTools();
    report.reachable = true;
    report.toolCount = tools.length;
  } catch (error) {
    report.error = error instanceof Error ? error.message : String(error);
    await connection?.close();
    return redactDeep(report) as DoctorReport;
  }
  if (keyRejected) {
    for (const key of ['currentUser', 'plan', 'whatsapp']) report[`${key}Error`] = keyRejected;
  } else if (input.apiKey) {
    const checks: Array<[string, string]> = [
      ['currentUser', 'list_my_companies'],
      ['plan', 'get_plan_status'],
      ['whatsapp', 'get_whatsapp_connection_status'],
    ];
    for (const [key, tool] of checks) {
      try {
        report[key] = (await connection.callTool(tool, {})).data;
      } catch (error) {
        report[`${key}Error`] = error instanceof Error ? error.message : String(error);
      }
    }
  }
  await connection.close();
  return redactDeep(report) as DoctorReport;
}
