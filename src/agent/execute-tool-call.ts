import type { FavcrmConnection, McpToolInfo } from '../mcp/favcrm-connection.js';
import { FavcrmConnectionError } from '../mcp/connection-errors.js';
import type { ToolOutcome } from '../mcp/tool-result.js';
import type { Redactor } from '../secrets/redact-secrets.js';
import { MALFORMED_KEY_MESSAGE, readIssuedKey } from '../secrets/issued-key.js';
import { buildApprovalRequest } from './approval/approval-card.js';
import { decideToolCall } from './approval/approval-policy.js';
import { CODE_PLACEHOLDER, CODE_TOOLS } from './code-guard.js';
import { compactToolResult } from './context-window.js';
import type { AgentEvent, ApprovalRequest, KeyStorageInfo } from './events.js';
import type { VerifyPreparation } from './signup-tracker.js';
import { summariseArguments, summariseOutcome } from './summarise-tool-call.js';
import { toolNamesInSearchAnswer } from './tool-search.js';

/** Where an adopted key went: `problem` is set when it could not be saved anywhere and lives in memory only. */
export interface AdoptedKey {
  maskedKey: string;
  location: string;
  storage: KeyStorageInfo;
  problem?: string;
}

/** What one tool call needs from the session, in a few named parts; passed in so the pipeline stays testable and UI-free. */
export interface ToolCallEnvironment {
  /** The turn the call belongs to. */
  turn: {
    id: string;
    signal: AbortSignal;
    /** Ends the turn with `error` (a dead transport): the session reports it instead of letting the model guess. */
    abort(error: FavcrmConnectionError): void;
    /**
     * Keeps a cancelled turn open until `work` settles. A verify call, once sent, cannot be taken back: FavCRM
     * creates the workspace and issues the key (shown only once) whether or not anyone waits for the answer, and
     * the request is then used up. So Ctrl+C does not abort it; the turn ends after its key is stored.
     */
    finishBeforeCancelling(work: Promise<unknown>): void;
  };
  /** The FavCRM endpoint: the live connection and its tools. */
  favcrm: {
    connection(): FavcrmConnection;
    tool(name: string): McpToolInfo | undefined;
    /** Tools named in a `query_favcrm_platform` answer become available on the next step; returns those that did. */
    loadTools(names: string[]): string[];
  };
  /** The person's say over calls that change things or reach outside. */
  approvals: {
    ask(request: ApprovalRequest, signal: AbortSignal): Promise<boolean>;
    /** `--yes`: such calls run without asking. */
    autoApprove: boolean;
  };
  /** The signup around verify calls, and the key they issue. */
  signup: {
    /** Fills a verify call's code and requestId (or invite token) from the pending record, or says why it cannot run. */
    prepareVerify(toolName: string, args: Record<string, unknown>): VerifyPreparation;
    /**
     * Stores a key issued by a verify of ours and reconnects with it. Never fails for storage: when no store takes
     * it, the key is kept for the session and `problem` says so (the verify itself succeeded).
     */
    adoptIssuedKey(apiKey: string): Promise<AdoptedKey>;
    /** Bookkeeping once the call's card is shown: pending request, code expiry, and the success panel after a verify. */
    afterCall(toolName: string, args: Record<string, unknown>, outcome: ToolOutcome, adopted: { data: Record<string, unknown>; key: AdoptedKey } | null): void;
  };
  redactor: Redactor;
  emit(event: AgentEvent): void;
}

/** What the tool card shows: set when the call starts, carried by both of its events. */
interface ToolCard {
  title: string;
  argsSummary: string;
}

/**
 * Runs one FavCRM tool call for the model, in order: show its card, check and fill the arguments, ask for approval
 * where needed, call MCP, take any issued key out of the result and store it, finish the card, then the signup
 * bookkeeping. Returns the bounded, redacted result, which is all the model ever sees.
 */
export async function executeToolCall(
  environment: ToolCallEnvironment,
  callId: string,
  toolName: string,
  modelArgs: Record<string, unknown>,
): Promise<unknown> {
  const { turn, favcrm, redactor } = environment;
  const tool = favcrm.tool(toolName);
  const args = { ...modelArgs };
  const card: ToolCard = {
    title: tool?.title ?? toolName,
    argsSummary: summariseArguments(toolName, redactor.redactDeep(args) as Record<string, unknown>, tool?.inputSchema),
  };
  environment.emit({ type: 'tool-call-start', turnId: turn.id, callId, toolName, ...card });
  const finish = (outcome: ToolOutcome): unknown => finishCard(environment, callId, toolName, card, outcome);

  if (!tool) {
    return finish(localFailure('UNKNOWN_TOOL', `There is no tool named ${toolName}. Call query_favcrm_platform to find the right one.`));
  }
  // A verify gets its request id, token and the held code first (the model need not repeat them). The policy then
  // judges the arguments with the code as its placeholder, so no message, card or rejection can quote it; what it
  // approves is exactly what is sent.
  if (CODE_TOOLS.has(toolName)) {
    const prepared = environment.signup.prepareVerify(toolName, args);
    if (!prepared.ok) return finish(localFailure(prepared.code, prepared.message));
  }
  const heldCode = CODE_TOOLS.has(toolName) ? { code: args.code } : {};
  const decision = decideToolCall(tool, { ...args, ...(CODE_TOOLS.has(toolName) ? { code: CODE_PLACEHOLDER } : {}) });
  if (decision.kind === 'reject') return finish(localFailure(decision.errorCode, decision.message));
  const checkedArgs = { ...decision.args, ...heldCode };

  if (decision.kind === 'ask' && !environment.approvals.autoApprove) {
    const shown = redactor.redactDeep(decision.args) as Record<string, unknown>;
    const request = buildApprovalRequest(`approval_${callId}`, tool, shown, decision);
    const approved = await environment.approvals.ask(request, turn.signal);
    if (!approved) {
      return finish(localFailure('DECLINED_BY_USER', `The person declined: ${request.description} Do not retry; ask what they want instead.`));
    }
  }

  // A call that changes data, once sent, is done on FavCRM's side whether or not anyone waits: it runs to its answer
  // so a cancelled turn can say what was done (a verify's answer also carries the only copy of the key). One not yet
  // sent when the person cancelled is not sent at all. Reads are simply abandoned on cancel.
  const mustFinish = KEY_ISSUING_TOOLS.has(toolName) || tool.annotations.readOnlyHint !== true;
  if (mustFinish && turn.signal.aborted) return finish(localFailure('CANCELLED', 'The person cancelled before this was sent; nothing was done.'));
  const options = mustFinish ? (KEY_ISSUING_TOOLS.has(toolName) ? { timeoutMs: KEY_ISSUING_TIMEOUT_MS } : {}) : { signal: turn.signal };
  const settled = callAndAdoptKey(environment, toolName, checkedArgs, options).then(({ outcome, adopted }) => {
    const result = finish(outcome);
    // After the card: the success panel follows the verify card, not the other way round.
    environment.signup.afterCall(toolName, checkedArgs, outcome, adopted);
    return result;
  });
  // The whole of it (card and bookkeeping included) finishes before a cancelled turn ends.
  if (mustFinish) turn.finishBeforeCancelling(settled);
  return settled;
}

/** Emits the card's end (with all it shows) and returns what the model gets: the redacted result, bounded. */
function finishCard(environment: ToolCallEnvironment, callId: string, toolName: string, card: ToolCard, outcome: ToolOutcome): unknown {
  const safeData = environment.redactor.redactDeep(outcome.data);
  environment.emit({
    type: 'tool-call-end',
    turnId: environment.turn.id,
    callId,
    toolName,
    ...card,
    ok: outcome.ok,
    summary: environment.redactor.redact(summariseOutcome(toolName, { ...outcome, data: safeData })),
    ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}),
    data: safeData,
  });
  // The UI gets the whole result for its tables; the model gets a bounded one.
  return compactToolResult(safeData);
}

/** A call's outcome as the card and the model see it, and the key it issued (stored by now), if any. */
interface CallResult {
  outcome: ToolOutcome;
  adopted: { data: Record<string, unknown>; key: AdoptedKey } | null;
}

/** The tools whose success carries a new `fav_mcp_*` key (signup and team-invite verify). */
const KEY_ISSUING_TOOLS = CODE_TOOLS;
/** A verify is waited for longer than other calls: giving up on it can lose a key FavCRM has already issued. */
const KEY_ISSUING_TIMEOUT_MS = 120_000;

/** Calls MCP and takes any issued key out of the result and stores it; a dead transport ends the turn. */
async function callAndAdoptKey(
  environment: ToolCallEnvironment,
  toolName: string,
  args: Record<string, unknown>,
  options: { signal?: AbortSignal; timeoutMs?: number },
): Promise<CallResult> {
  let outcome: ToolOutcome;
  try {
    outcome = await environment.favcrm.connection().callTool(toolName, args, options);
  } catch (error) {
    if (FavcrmConnectionError.isInstance(error)) environment.turn.abort(KEY_ISSUING_TOOLS.has(toolName) ? verifyFailure(error) : error);
    throw error;
  }

  // Only a verify of ours (prepareVerify filled it from the pending request) may carry a key to adopt; any other
  // `apiKey` stays data, which the redactor masks when it looks like a key.
  let adopted: CallResult['adopted'] = null;
  const issued = readIssuedKey(outcome.data, outcome.ok && KEY_ISSUING_TOOLS.has(toolName));
  if (issued.kind === 'issued') {
    environment.redactor.addSecret(issued.apiKey);
    const key = await environment.signup.adoptIssuedKey(issued.apiKey);
    adopted = { data: issued.rest, key };
    const storedWhere = key.problem ? { apiKeyNotSaved: key.problem } : { apiKeyStored: key.location };
    outcome = { ...outcome, data: { ...issued.rest, apiKey: key.maskedKey, ...storedWhere } };
  } else if (issued.kind === 'malformed') {
    // The request is used up on FavCRM's side, so the pending record goes (REQUEST_ENDING via afterCall).
    outcome = { ok: false, data: { error: { code: 'KEY_MALFORMED', message: MALFORMED_KEY_MESSAGE } }, errorCode: 'KEY_MALFORMED', errorMessage: MALFORMED_KEY_MESSAGE };
  }
  if (toolName === 'query_favcrm_platform' && outcome.ok) {
    // The search's best matches are loaded, and the answer says exactly which are callable and which not, so the
    // model never calls a tool it was told about but not given.
    const named = toolNamesInSearchAnswer(outcome.data);
    const callableNow = environment.favcrm.loadTools(named);
    const notLoaded = named.filter((name) => !callableNow.includes(name));
    if (outcome.data && typeof outcome.data === 'object' && !Array.isArray(outcome.data)) {
      outcome = { ...outcome, data: { ...outcome.data, callableNow, ...(notLoaded.length ? { notLoaded, notLoadedReason: 'only the best matches are loaded at once: load one of these with load_favcrm_tools if it is the one you need' } : {}) } };
    }
  }
  return { outcome, adopted };
}

function localFailure(code: string, message: string): ToolOutcome {
  return { ok: false, data: { error: { code, message } }, errorCode: code, errorMessage: message };
}

/** Connection errors raised before a request is written: the server never saw it. */
const NEVER_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|refuses that port/;

/**
 * A verify that never answered may still have worked on FavCRM's side (the workspace created, its key issued and
 * lost with the answer); "try again" alone would end in NOT_FOUND and then EMAIL_EXISTS, so say what to do then.
 */
function verifyFailure(error: FavcrmConnectionError): FavcrmConnectionError {
  if (error.kind === 'unauthorized' || error.kind === 'protocol') return error;
  // Refused or unresolved before connecting: the code never left this machine, so nothing can have happened.
  if (error.kind === 'unreachable' && NEVER_SENT.test(error.message)) {
    return new FavcrmConnectionError(
      error.kind,
      `${error.message} The code was not sent, so it is still good.`,
      'Paste the code again once FavCRM answers (a code lasts 10 minutes; after that, say "send a new code").',
    );
  }
  return new FavcrmConnectionError(
    error.kind,
    `${error.message} The code may still have been accepted.`,
    'Paste the code again. If FavCRM then says the request is gone, or a new signup says the email already has an account, the workspace was created: sign in at https://app.favcrm.io (use "forgot password") and create a key in Settings → MCP Keys.',
  );
}

