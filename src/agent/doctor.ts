import type { ConnectFavcrm } from '../mcp/favcrm-connection.js';
import { FavcrmConnectionError, rejectedKeyHint } from '../mcp/connection-errors.js';
import { redactDeep } from '../secrets/redact-secrets.js';
import type { DoctorReport } from './events.js';
import { errorMessage } from '../errors/error-message.js';

interface DoctorInput {
  url: string;
  apiKey: string | null;
  authSource: string | null;
  connect: ConnectFavcrm;
  /** Why a refused key is not "rejected" (a sandbox over other data never saw it), or null when the refusal stands. */
  keyNotFromThisServer?: () => string | null;
}

/**
 * The official CLI's doctor (contract §3.2): tools/list, then whoami, plan and WhatsApp when a key is present.
 * One deliberate difference: the official `authenticated` only says a key was found; here it says the server
 * accepted it (whoami succeeded), and `keyPresent` (with `authSource`) says a key was found. Never throws.
 */
export async function runDoctor(input: DoctorInput): Promise<DoctorReport> {
  const keyPresent = input.apiKey !== null;
  const report: DoctorReport = { url: input.url, authenticated: false, keyPresent, reachable: false };
  if (input.apiKey && input.authSource) report.authSource = input.authSource;
  let connection;
  let keyRejected: string | null = null;
  try {
    try {
      connection = await input.connect(input.url, input.apiKey);
    } catch (error) {
      // Like the official doctor: a rejected key still lets tools/list prove the server is reachable.
      if (!input.apiKey || !FavcrmConnectionError.isInstance(error) || error.kind !== 'unauthorized') throw error;
      keyRejected = input.keyNotFromThisServer?.() ?? `${error.message} ${rejectedKeyHint(input.authSource)}`;
      connection = await input.connect(input.url, null);
    }
    const tools = await connection.listTools();
    report.reachable = true;
    report.toolCount = tools.length;
  } catch (error) {
    report.error = errorMessage(error);
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
        const outcome = await connection.callTool(tool, {});
        report[key] = outcome.data;
        // The key counts as accepted only when the server answered "who am I" with the caller, not an error.
        if (key === 'currentUser') report.authenticated = outcome.ok;
      } catch (error) {
        report[`${key}Error`] = describeFailure(error, input.authSource);
      }
    }
  }
  await connection.close();
  return redactDeep(report) as DoctorReport;
}

/** A rejected key mid-check gets the same source-aware advice as one rejected at connect. */
function describeFailure(error: unknown, authSource: string | null): string {
  if (FavcrmConnectionError.isInstance(error) && error.kind === 'unauthorized') return `${error.message} ${rejectedKeyHint(authSource)}`;
  return errorMessage(error);
}
